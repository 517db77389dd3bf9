#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/core/stats/fdr.ts
function benjaminiHochberg(pValues) {
  const idx = pValues.map((p, i) => [p, i]).filter(([p]) => !Number.isNaN(p));
  const m = idx.length;
  const adjusted = pValues.map(() => Number.NaN);
  idx.sort((a, b) => a[0] - b[0]);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = idx[k];
    running = Math.min(running, p * m / (k + 1));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}

// src/core/stats/special.ts
var LANCZOS = [
  0.9999999999998099,
  676.5203681218851,
  -1259.1392167224028,
  771.3234287776531,
  -176.6150291621406,
  12.507343278686905,
  -0.13857109526572012,
  9984369578019572e-21,
  15056327351493116e-23
];
function logGamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
var LOG_FACTORIAL_CACHED = 1 << 20;
var logFactorials = new Float64Array(0);
function logFactorial(k) {
  if (!(k >= 0 && k < LOG_FACTORIAL_CACHED && Number.isInteger(k))) return logGamma(k + 1);
  if (k >= logFactorials.length) {
    const grown = new Float64Array(Math.min(LOG_FACTORIAL_CACHED, Math.max(1024, 2 ** Math.ceil(Math.log2(k + 1)))));
    grown.fill(Number.NaN);
    grown.set(logFactorials);
    logFactorials = grown;
  }
  let v = logFactorials[k];
  if (Number.isNaN(v)) v = logFactorials[k] = logGamma(k + 1);
  return v;
}
function logChoose(n, k) {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
function gammaQ(a, x) {
  if (x <= 0) return 1;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1e4; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - Math.exp(lead) * sum);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1e4; i++) {
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
function chiSquareSf(x, df) {
  if (df <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}
function kolmogorovSf(lambda) {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    const s = Math.PI ** 2 / (8 * lambda * lambda);
    let cdf = 0;
    for (let k = 1; k < 20; k++) {
      const odd = 2 * k - 1;
      cdf += Math.exp(-odd * odd * s);
    }
    return Math.min(1, Math.max(0, 1 - Math.sqrt(2 * Math.PI) / lambda * cdf));
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
function ksPValue(d, n, m) {
  if (n <= 0 || m <= 0) return Number.NaN;
  const ne = Math.sqrt(n * m / (n + m));
  return kolmogorovSf((ne + 0.12 + 0.11 / ne) * d);
}

export {
  benjaminiHochberg,
  logGamma,
  logFactorial,
  logChoose,
  gammaQ,
  chiSquareSf,
  ksPValue
};
