/**
 * Special functions behind the asymptotic p-values: log-gamma, the regularised incomplete gamma
 * (chi-square tail) and the Kolmogorov distribution. Written for tails: the tail probabilities are
 * computed directly, never as 1 - (a number close to 1), so tiny p-values keep their digits.
 */

// Lanczos approximation, g = 7, 9 terms: about 15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// ln k! for small integers, filled lazily from logGamma itself so every value is bit-identical to it:
// a permutation p-value calls this about ten times a bin a draw, a million draws on a wide table.
const LOG_FACTORIAL_CACHED = 1 << 20;
let logFactorials = new Float64Array(0);

/** ln k! (= ln Γ(k + 1)); cached for integers below 2^20. */
export function logFactorial(k: number): number {
  if (!(k >= 0 && k < LOG_FACTORIAL_CACHED && Number.isInteger(k))) return logGamma(k + 1);
  if (k >= logFactorials.length) {
    const grown = new Float64Array(Math.min(LOG_FACTORIAL_CACHED, Math.max(1024, 2 ** Math.ceil(Math.log2(k + 1)))));
    grown.fill(Number.NaN);
    grown.set(logFactorials);
    logFactorials = grown;
  }
  let v = logFactorials[k]!;
  if (Number.isNaN(v)) v = logFactorials[k] = logGamma(k + 1);
  return v;
}

/** ln of the binomial coefficient C(n, k). */
export function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series for P converges fast here; Q = 1 - P is not a tail in this region.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - Math.exp(lead) * sum);
  }
  // Continued fraction for Q (modified Lentz), accurate far into the tail.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** P(X >= x) for X ~ chi-square with `df` degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  if (df <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/**
 * Q_KS(λ) = P(K > λ) for the Kolmogorov distribution (the limit of sqrt(n)·D_n). Two series, each
 * used where it converges in a few terms.
 */
export function kolmogorovSf(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    // Jacobi theta form of the CDF: converges fast for small λ.
    const s = Math.PI ** 2 / (8 * lambda * lambda);
    let cdf = 0;
    for (let k = 1; k < 20; k++) {
      const odd = 2 * k - 1;
      cdf += Math.exp(-odd * odd * s);
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf));
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Asymptotic p-value of a two-sample KS statistic D with sizes n and m: effective size n·m/(n+m)
 * and Stephens' small-sample correction of the argument.
 */
export function ksPValue(d: number, n: number, m: number): number {
  if (n <= 0 || m <= 0) return Number.NaN;
  const ne = Math.sqrt((n * m) / (n + m));
  return kolmogorovSf((ne + 0.12 + 0.11 / ne) * d);
}
