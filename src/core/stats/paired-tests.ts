/**
 * Paired tests for two models scored on the same rows: each returns a two-sided p-value for "no
 * difference" and, where one exists, an analytic 95% interval for delta = candidate − baseline.
 */
import { binomialHalfTwoSided, normalQuantile, normalTwoSided, studentTQuantile, studentTTwoSided } from "./distributions.js";
import { chiSquareSf } from "./special.js";

export type PairedTest = "delong" | "mcnemar" | "bootstrap" | "paired-t";
export type CiMethod = "bootstrap" | "poisson-bootstrap" | "bootstrap-normal" | "delong" | "wald" | "t" | "delta-method";

export interface Analytic {
  test: PairedTest;
  pValue: number;
  ci?: [number, number];
  ciMethod?: CiMethod;
}

const MCNEMAR_EXACT_BELOW = 25;
const Z975 = normalQuantile(0.975);

/**
 * Var(AUC_a − AUC_b) = (S10_aa + S10_bb − 2 S10_ab) / m + (S01_aa + S01_bb − 2 S01_ab) / k, with S the
 * sample covariances (denominator m − 1, k − 1) of the components over the m positives and k negatives.
 */
export function delongVariance(va: Float64Array, vb: Float64Array, positive: Uint8Array): number {
  // Both classes in each pass, indexed by the 0/1 label: the labels follow row order, so a branch on
  // them would be mispredicted about half the time. Each class's sums run in row order as before.
  const count = new Float64Array(2);
  const sa = new Float64Array(2);
  const sb = new Float64Array(2);
  for (let i = 0; i < va.length; i++) {
    const c = positive[i]! & 1;
    count[c]!++;
    sa[c]! += va[i]!;
    sb[c]! += vb[i]!;
  }
  const ma = [sa[0]! / count[0]!, sa[1]! / count[1]!];
  const mb = [sb[0]! / count[0]!, sb[1]! / count[1]!];
  const ss = new Float64Array(2);
  for (let i = 0; i < va.length; i++) {
    const c = positive[i]! & 1;
    const d = va[i]! - ma[c]! - (vb[i]! - mb[c]!);
    ss[c]! += d * d;
  }
  // Var(a − b) of the components = S_aa + S_bb − 2 S_ab, over the class size.
  const part = (c: number): number => (count[c]! < 2 ? Number.NaN : ss[c]! / (count[c]! - 1) / count[c]!);
  return part(1) + part(0);
}

/**
 * Variance of the difference of two one-vs-rest macro AUCs. Each class's AUC is a two-sample U-statistic
 * whose first-order (Hájek) projection puts (V10_i − A_k) / m_k on its positives and (V01_i − A_k) / n_k
 * on its negatives; summing the paired differences of these over classes (÷ C) gives each row's
 * influence on delta, and the variance is the sum of their squares. With one class pair this is DeLong's
 * variance up to the factors m / (m − 1) and n / (n − 1). NaN when a class has fewer than 2 positives or
 * negatives.
 */
export function macroDelongVariance(parts: readonly { va: Float64Array; vb: Float64Array; positive: Uint8Array }[]): number {
  const n = parts[0]?.va.length ?? 0;
  const influence = new Float64Array(n);
  for (const { va, vb, positive } of parts) {
    let m = 0;
    let meanPos = 0;
    let meanNeg = 0;
    for (let i = 0; i < n; i++) {
      const d = va[i]! - vb[i]!;
      if (positive[i] === 1) {
        m++;
        meanPos += d;
      } else meanNeg += d;
    }
    const k = n - m;
    if (m < 2 || k < 2) return Number.NaN;
    meanPos /= m;
    meanNeg /= k;
    for (let i = 0; i < n; i++) {
      const d = va[i]! - vb[i]!;
      influence[i]! += (positive[i] === 1 ? (d - meanPos) / m : (d - meanNeg) / k) / parts.length;
    }
  }
  let v = 0;
  for (let i = 0; i < n; i++) v += influence[i]! * influence[i]!;
  return v;
}

/** McNemar's test on the rows where exactly one model is right; Wald interval for the paired difference. */
export function mcnemar(correctC: Uint8Array, correctB: Uint8Array): Analytic {
  let onlyC = 0;
  let onlyB = 0;
  const n = correctC.length;
  for (let i = 0; i < n; i++) {
    const d = correctC[i]! - correctB[i]!;
    if (d === 1) onlyC++;
    else if (d === -1) onlyB++;
  }
  const disc = onlyC + onlyB;
  let pValue: number;
  if (disc === 0) pValue = 1;
  else if (disc < MCNEMAR_EXACT_BELOW) pValue = binomialHalfTwoSided(onlyC, disc);
  else pValue = chiSquareSf((Math.abs(onlyC - onlyB) - 1) ** 2 / disc, 1);
  const d = (onlyC - onlyB) / n;
  const se = Math.sqrt(Math.max(0, disc / n - d * d) / n);
  return { test: "mcnemar", pValue, ci: [d - Z975 * se, d + Z975 * se], ciMethod: "wald" };
}

/** Paired t-test on per-row losses: delta = mean(lc − lb). */
export function pairedT(lc: Float64Array, lb: Float64Array): Analytic {
  const n = lc.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += lc[i]! - lb[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = lc[i]! - lb[i]! - mean;
    ss += d * d;
  }
  const se = Math.sqrt(ss / (n - 1) / n);
  const t = se > 0 ? mean / se : mean === 0 ? 0 : Infinity;
  const q = studentTQuantile(0.975, n - 1);
  return { test: "paired-t", pValue: studentTTwoSided(t, n - 1), ci: [mean - q * se, mean + q * se], ciMethod: "t" };
}

/** RMSE: t-test on squared-error differences; delta-method interval for sqrt(MSE_c) − sqrt(MSE_b). */
export function rmseTest(sc: Float64Array, sb: Float64Array, delta: number): Analytic {
  const { pValue } = pairedT(sc, sb);
  const n = sc.length;
  let mc = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    mc += sc[i]!;
    mb += sb[i]!;
  }
  mc /= n;
  mb /= n;
  // Gradient of sqrt at each MSE: g = (1 / 2√mc, −1 / 2√mb); Var = Var(g · (sc_i, sb_i)) / n.
  const gc = mc > 0 ? 1 / (2 * Math.sqrt(mc)) : 0;
  const gb = mb > 0 ? 1 / (2 * Math.sqrt(mb)) : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const u = gc * (sc[i]! - mc) - gb * (sb[i]! - mb);
    ss += u * u;
  }
  const se = Math.sqrt(ss / (n - 1) / n);
  return { test: "paired-t", pValue, ci: [delta - Z975 * se, delta + Z975 * se], ciMethod: "delta-method" };
}

/**
 * r2_c − r2_b = (SSres_b − SSres_c) / SStot, a ratio of means: t-test on the squared-error differences
 * (the numerator), delta-method interval for the ratio (SStot's dependence on the mean is second order).
 */
export function r2Test(sc: Float64Array, sb: Float64Array, y: Float64Array, delta: number): Analytic {
  const { pValue } = pairedT(sb, sc);
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let tot = 0;
  for (let i = 0; i < n; i++) tot += (y[i]! - mean) ** 2;
  tot /= n;
  if (tot === 0) return { test: "paired-t", pValue, ci: [Number.NaN, Number.NaN], ciMethod: "delta-method" };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const u = sb[i]! - sc[i]! - delta * (y[i]! - mean) ** 2;
    ss += u * u;
  }
  const se = Math.sqrt(ss / (n - 1) / n) / tot;
  return { test: "paired-t", pValue, ci: [delta - Z975 * se, delta + Z975 * se], ciMethod: "delta-method" };
}

export function fromNormal(test: PairedTest, delta: number, se: number, ciMethod: CiMethod): Analytic {
  const z = se > 0 ? delta / se : delta === 0 ? 0 : Number.isNaN(se) ? Number.NaN : Infinity;
  return { test, pValue: normalTwoSided(z), ci: [delta - Z975 * se, delta + Z975 * se], ciMethod };
}
