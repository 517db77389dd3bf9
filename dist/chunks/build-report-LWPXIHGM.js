#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  HelperThread,
  workerSetting
} from "./chunk-MSLKYCMH.js";
import {
  benjaminiHochberg,
  chiSquareSf,
  gammaQ,
  logChoose,
  logGamma
} from "./chunk-KUVD5YKZ.js";
import {
  METRICS,
  allMetrics,
  aucClasses,
  higherIsBetter,
  isConfusionMetric,
  metricFromConfusion,
  prepareMetrics
} from "./chunk-EHBBVEWB.js";
import {
  makeRng
} from "./chunk-QFTAHOAA.js";
import {
  isWaived
} from "./chunk-UBWSVVVQ.js";
import "./chunk-AYZAZZX6.js";
import "./chunk-ENG5Z6VT.js";
import {
  formatCount
} from "./chunk-CYBZZBR3.js";
import "./chunk-ULEDS62O.js";
import "./chunk-3PEGX5SE.js";
import {
  makeReport
} from "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/core/stats/distributions.ts
var EPS = 1e-16;
var TINY = 1e-300;
function normalSf(z) {
  if (Number.isNaN(z)) return Number.NaN;
  const q = 0.5 * gammaQ(0.5, z * z / 2);
  return z >= 0 ? q : 1 - q;
}
function normalCdf(z) {
  return normalSf(-z);
}
function normalTwoSided(z) {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
function normalQuantile(p) {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const v = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    x = p < lo ? v : -v;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  for (let i = 0; i < 2; i++) {
    const err = normalCdf(x) - p;
    x -= err * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
  }
  return x;
}
function betaInc(x, a, b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return front * betaCf(x, a, b) / a;
  return 1 - front * betaCf(1 - x, b, a) / b;
}
function betaCf(x, a, b) {
  let c = 1;
  let d = 1 - (a + b) * x / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1e3; m++) {
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}
function studentTTwoSided(t, df) {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, betaInc(df / (df + t * t), df / 2, 0.5));
}
function studentTQuantile(p, df) {
  if (!(df > 0) || !(p > 0.5 && p < 1)) return Number.NaN;
  const tail = 2 * (1 - p);
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
function binomialHalfTwoSided(k, n) {
  if (n === 0) return 1;
  const m = Math.min(k, n - k);
  const logHalfN = n * Math.log(0.5);
  let sum = 0;
  for (let i = 0; i <= m; i++) sum += Math.exp(logChoose(n, i) + logHalfN);
  return Math.min(1, 2 * sum);
}

// src/core/stats/paired-tests.ts
var MCNEMAR_EXACT_BELOW = 25;
var Z975 = normalQuantile(0.975);
function delongVariance(va, vb, positive) {
  const count = new Float64Array(2);
  const sa = new Float64Array(2);
  const sb = new Float64Array(2);
  for (let i = 0; i < va.length; i++) {
    const c = positive[i] & 1;
    count[c]++;
    sa[c] += va[i];
    sb[c] += vb[i];
  }
  const ma = [sa[0] / count[0], sa[1] / count[1]];
  const mb = [sb[0] / count[0], sb[1] / count[1]];
  const ss = new Float64Array(2);
  for (let i = 0; i < va.length; i++) {
    const c = positive[i] & 1;
    const d = va[i] - ma[c] - (vb[i] - mb[c]);
    ss[c] += d * d;
  }
  const part = (c) => count[c] < 2 ? Number.NaN : ss[c] / (count[c] - 1) / count[c];
  return part(1) + part(0);
}
function macroDelongVariance(parts) {
  const n = parts[0]?.va.length ?? 0;
  const influence = new Float64Array(n);
  for (const { va, vb, positive } of parts) {
    let m = 0;
    let meanPos = 0;
    let meanNeg = 0;
    for (let i = 0; i < n; i++) {
      const d = va[i] - vb[i];
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
      const d = va[i] - vb[i];
      influence[i] += (positive[i] === 1 ? (d - meanPos) / m : (d - meanNeg) / k) / parts.length;
    }
  }
  let v = 0;
  for (let i = 0; i < n; i++) v += influence[i] * influence[i];
  return v;
}
function mcnemar(correctC, correctB) {
  let onlyC = 0;
  let onlyB = 0;
  const n = correctC.length;
  for (let i = 0; i < n; i++) {
    const d2 = correctC[i] - correctB[i];
    if (d2 === 1) onlyC++;
    else if (d2 === -1) onlyB++;
  }
  const disc = onlyC + onlyB;
  let pValue;
  if (disc === 0) pValue = 1;
  else if (disc < MCNEMAR_EXACT_BELOW) pValue = binomialHalfTwoSided(onlyC, disc);
  else pValue = chiSquareSf((Math.abs(onlyC - onlyB) - 1) ** 2 / disc, 1);
  const d = (onlyC - onlyB) / n;
  const se = Math.sqrt(Math.max(0, disc / n - d * d) / n);
  return { test: "mcnemar", pValue, ci: [d - Z975 * se, d + Z975 * se], ciMethod: "wald" };
}
function pairedT(lc, lb) {
  const n = lc.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += lc[i] - lb[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = lc[i] - lb[i] - mean;
    ss += d * d;
  }
  const se = Math.sqrt(ss / (n - 1) / n);
  const t = se > 0 ? mean / se : mean === 0 ? 0 : Infinity;
  const q = studentTQuantile(0.975, n - 1);
  return { test: "paired-t", pValue: studentTTwoSided(t, n - 1), ci: [mean - q * se, mean + q * se], ciMethod: "t" };
}
function rmseTest(sc, sb, delta) {
  const { pValue } = pairedT(sc, sb);
  const n = sc.length;
  let mc = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    mc += sc[i];
    mb += sb[i];
  }
  mc /= n;
  mb /= n;
  const gc = mc > 0 ? 1 / (2 * Math.sqrt(mc)) : 0;
  const gb = mb > 0 ? 1 / (2 * Math.sqrt(mb)) : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const u = gc * (sc[i] - mc) - gb * (sb[i] - mb);
    ss += u * u;
  }
  const se = Math.sqrt(ss / (n - 1) / n);
  return { test: "paired-t", pValue, ci: [delta - Z975 * se, delta + Z975 * se], ciMethod: "delta-method" };
}
function r2Test(sc, sb, y, delta) {
  const { pValue } = pairedT(sb, sc);
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let tot = 0;
  for (let i = 0; i < n; i++) tot += (y[i] - mean) ** 2;
  tot /= n;
  if (tot === 0) return { test: "paired-t", pValue, ci: [Number.NaN, Number.NaN], ciMethod: "delta-method" };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const u = sb[i] - sc[i] - delta * (y[i] - mean) ** 2;
    ss += u * u;
  }
  const se = Math.sqrt(ss / (n - 1) / n) / tot;
  return { test: "paired-t", pValue, ci: [delta - Z975 * se, delta + Z975 * se], ciMethod: "delta-method" };
}
function fromNormal(test, delta, se, ciMethod) {
  const z = se > 0 ? delta / se : delta === 0 ? 0 : Number.isNaN(se) ? Number.NaN : Infinity;
  return { test, pValue: normalTwoSided(z), ci: [delta - Z975 * se, delta + Z975 * se], ciMethod };
}

// src/core/stats/poisson-sampler.ts
function poisson(uniform, mean) {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = uniform();
    while (p > limit) {
      k++;
      p *= uniform();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (; ; ) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || us < 0.013 && v > us) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) return k;
  }
}

// src/gates/model/paired.ts
var BOOTSTRAP_BUDGET = 5e6;
var MIN_REPLICATES = 20;
var CELL_REPLICATES = 1e3;
function compareEvaluators(task, metric, y, evC, evB, classes, opts) {
  if (evC.n !== y.length || evB.n !== y.length)
    throw new Error(`evaluators on ${evC.n} and ${evB.n} rows, labels on ${y.length}`);
  const n = y.length;
  const c = evC.metric(metric);
  const b = evB.metric(metric);
  const delta = c - b;
  const analytic = analyticTest(task, metric, y, classes, evC, evB, delta);
  const result = { metric, candidate: c, baseline: b, delta, n, test: analytic.test, pValue: analytic.pValue };
  const samples = Math.max(0, Math.floor(opts.samples));
  if (task !== "regression" && isConfusionMetric(task, metric) && (samples > 0 || analytic.ci === void 0)) {
    const reps2 = samples > 0 ? samples : CELL_REPLICATES;
    const deltas2 = cellBootstrapDeltas(task, y, evC.predicted(), evB.predicted(), classes, metric, reps2, opts.seed);
    const pValue = analytic.test === "bootstrap" ? bootstrapP(deltas2) : analytic.pValue;
    return { ...result, pValue, ci: percentileCi(deltas2), ciMethod: "poisson-bootstrap", samples: deltas2.length };
  }
  if (samples > 0 && n * samples <= BOOTSTRAP_BUDGET) {
    const deltas2 = bootstrapDeltas(evC, evB, metric, samples, opts.seed);
    const pValue = analytic.test === "bootstrap" ? bootstrapP(deltas2) : analytic.pValue;
    return { ...result, pValue, ci: percentileCi(deltas2), ciMethod: "bootstrap", samples: deltas2.length };
  }
  if (analytic.ci !== void 0 && analytic.ciMethod !== void 0) {
    return { ...result, ci: analytic.ci, ciMethod: analytic.ciMethod, samples: 0 };
  }
  const reps = Math.max(
    MIN_REPLICATES,
    Math.min(Math.max(samples, MIN_REPLICATES), Math.floor(BOOTSTRAP_BUDGET / Math.max(1, n)))
  );
  const deltas = bootstrapDeltas(evC, evB, metric, reps, opts.seed);
  const se = sd(deltas);
  const z = se > 0 ? delta / se : delta === 0 ? 0 : Infinity;
  const q = studentTQuantile(0.975, deltas.length - 1);
  return {
    ...result,
    pValue: analytic.test === "bootstrap" ? normalTwoSided(z) : analytic.pValue,
    ci: [delta - q * se, delta + q * se],
    ciMethod: "bootstrap-normal",
    samples: deltas.length
  };
}
function analyticTest(task, metric, y, classes, evC, evB, delta) {
  if (metric === "roc_auc" && task !== "regression") return delong(evC, evB, classes, delta);
  if (metric === "accuracy" && task !== "regression") return mcnemar(evC.correct(), evB.correct());
  const lc = evC.rowLoss(metric);
  const lb = evB.rowLoss(metric);
  if (lc !== null && lb !== null) return metric === "rmse" ? rmseTest(lc, lb, delta) : pairedT(lc, lb);
  if (metric === "r2") return r2Test(evC.rowLoss("rmse"), evB.rowLoss("rmse"), y, delta);
  return { test: "bootstrap", pValue: Number.NaN };
}
function delong(evC, evB, classes, delta) {
  if (evC.task === "binary") {
    const positive = evC.ranking(1).positive;
    return fromNormal("delong", delta, Math.sqrt(delongVariance(evC.components(1), evB.components(1), positive)), "delong");
  }
  const parts = [];
  for (let k = 0; k < classes; k++)
    parts.push({ va: evC.components(k), vb: evB.components(k), positive: evC.ranking(k).positive });
  return fromNormal("delong", delta, Math.sqrt(macroDelongVariance(parts)), "delong");
}
function bootstrapDeltas(evC, evB, metric, samples, seed) {
  const n = evC.n;
  const rng = makeRng(seed);
  const counts = new Uint8Array(n);
  const out = [];
  for (let r = 0; r < samples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      if (++counts[j] === 0) throw new Error("bootstrap count overflow");
    }
    const d = evC.metric(metric, counts) - evB.metric(metric, counts);
    if (!Number.isNaN(d)) out.push(d);
  }
  return Float64Array.from(out).sort();
}
function cellBootstrapDeltas(task, y, predC, predB, c, metric, samples, seed) {
  const cells = new Float64Array(c * c * c);
  for (let i = 0; i < y.length; i++) cells[(y[i] * c + predC[i]) * c + predB[i]]++;
  const rng = makeRng(seed);
  const uniform = () => rng.next();
  const cmC = new Float64Array(c * c);
  const cmB = new Float64Array(c * c);
  const out = [];
  for (let r = 0; r < samples; r++) {
    cmC.fill(0);
    cmB.fill(0);
    for (let k = 0; k < cells.length; k++) {
      if (cells[k] === 0) continue;
      const w = poisson(uniform, cells[k]);
      const pb = k % c;
      const pc = Math.floor(k / c) % c;
      const t = Math.floor(k / (c * c));
      cmC[t * c + pc] += w;
      cmB[t * c + pb] += w;
    }
    const d = metricFromConfusion(task, metric, cmC, c) - metricFromConfusion(task, metric, cmB, c);
    if (!Number.isNaN(d)) out.push(d);
  }
  return Float64Array.from(out).sort();
}
function percentileCi(sorted) {
  return [quantile(sorted, 0.025), quantile(sorted, 0.975)];
}
function bootstrapP(sorted) {
  const b = sorted.length;
  if (b === 0) return Number.NaN;
  let le = 0;
  let ge = 0;
  for (const d of sorted) {
    if (d <= 0) le++;
    if (d >= 0) ge++;
  }
  return Math.min(1, 2 * (Math.min(le, ge) + 1) / (b + 1));
}
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
function sd(v) {
  if (v.length < 2) return Number.NaN;
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let s = 0;
  for (const x of v) s += (x - m) * (x - m);
  return Math.sqrt(s / (v.length - 1));
}

// src/gates/model/verdict.ts
function idPart(s) {
  const out = s.replace(/[^A-Za-z0-9_:\-[\]]+/g, "_");
  return out === "" ? "_" : out;
}
function fmtNum(x, digits = 4) {
  if (x === void 0 || !Number.isFinite(x)) return "n/a";
  return Number(x.toFixed(digits)).toString();
}
function fmtP(p) {
  return p < 1e-4 ? "<0.0001" : fmtNum(p);
}
function fmtDelta(x, digits = 4) {
  if (x === void 0 || !Number.isFinite(x)) return "n/a";
  const s = fmtNum(x, digits);
  return x > 0 ? `+${s}` : s;
}
function allowedDrop(t, baseline) {
  if (t.max_drop === void 0) return void 0;
  return t.relative ? t.max_drop * Math.abs(baseline) : t.max_drop;
}
function regression(metric, p) {
  const sign = higherIsBetter(metric) ? -1 : 1;
  const a = sign * p.ci[0];
  const b = sign * p.ci[1];
  return { worse: sign * p.delta, ci: [Math.min(a, b), Math.max(a, b)] };
}
function judge(metric, t, value, paired, decision, alpha, adjusted) {
  const reasons = [];
  const warnings = [];
  const expected = [];
  const details = { candidate: value };
  if (t.min !== void 0) {
    expected.push(`>= ${t.min}`);
    if (!(value >= t.min)) reasons.push(`${metric} ${fmtNum(value)} is below the minimum ${t.min}`);
  }
  if (t.max !== void 0) {
    expected.push(`<= ${t.max}`);
    if (!(value <= t.max)) reasons.push(`${metric} ${fmtNum(value)} is above the maximum ${t.max}`);
  }
  let skipped = false;
  if (t.max_drop !== void 0) {
    if (!paired) {
      skipped = t.min === void 0 && t.max === void 0;
      expected.push("no baseline to compare with");
    } else {
      const allowed = allowedDrop(t, paired.baseline) ?? 0;
      const { worse, ci } = regression(metric, paired);
      const p = adjusted?.p ?? paired.pValue;
      Object.assign(details, {
        baseline: paired.baseline,
        delta: paired.delta,
        ci_low: paired.ci[0],
        ci_high: paired.ci[1],
        p_value: paired.pValue,
        test: paired.test,
        allowed_drop: allowed,
        decision,
        n: paired.n
      });
      if (adjusted !== void 0) details.p_adjusted = adjusted.p;
      const margin = t.relative ? `${t.max_drop * 100}% (${fmtNum(allowed)})` : fmtNum(allowed);
      expected.push(`no worse than baseline by more than ${margin}`);
      const beyond = worse > allowed;
      if (decision === "point" && beyond)
        reasons.push(`${metric} is worse than the baseline by ${fmtNum(worse)}, more than the allowed ${margin}`);
      const pText = adjusted ? `p = ${fmtP(p)} after Benjamini\u2013Hochberg across ${adjusted.across} slices` : `p = ${fmtP(p)}`;
      if (decision === "significant" && beyond && p < alpha)
        reasons.push(
          `${metric} is worse than the baseline by ${fmtNum(worse)} (${pText} < ${alpha}), more than the allowed ${margin}`
        );
      else if (decision === "significant" && beyond)
        warnings.push(
          `${metric} is worse than the baseline by ${fmtNum(worse)} (95% CI ${fmtDelta(paired.ci[0])} to ${fmtDelta(paired.ci[1])}), more than the allowed ${margin}, but not significantly (${pText}, not < ${alpha}): a warning, not a failure`
        );
      if (decision === "non-inferior" && !(ci[1] <= allowed))
        reasons.push(
          `non-inferiority not shown: the 95% CI allows ${metric} to be worse by ${fmtNum(ci[1])}, more than the allowed ${margin}`
        );
    }
  }
  if (!Number.isFinite(value))
    return {
      status: "skip",
      reasons: [`${metric} is not defined on these rows`],
      warnings: [],
      expected: expected.join("; "),
      details
    };
  const status = skipped ? "skip" : reasons.length ? "fail" : warnings.length ? "warn" : "pass";
  return { status, reasons, warnings, expected: expected.join("; "), details };
}
function describe(metric, j, paired, value) {
  if (j.reasons.length) return j.reasons.join("; ");
  if (j.warnings.length) return j.warnings.join("; ");
  if (j.status === "skip")
    return j.expected === "no baseline to compare with" ? `${metric} ${fmtNum(value)}; no baseline to compare with` : `${metric} not gated`;
  if (!paired) return `${metric} ${fmtNum(value)} is within bounds`;
  return `${metric} ${fmtNum(value)} vs baseline ${fmtNum(paired.baseline)}: \u0394 ${fmtDelta(paired.delta)} (95% CI ${fmtDelta(paired.ci[0])} to ${fmtDelta(paired.ci[1])}, p ${fmtP(paired.pValue).startsWith("<") ? "" : "= "}${fmtP(paired.pValue)}, ${paired.test})`;
}
function applyWaivers(checks, waive) {
  return checks.map(
    (c) => c.status === "fail" && isWaived(c.id, waive) ? { ...c, status: "warn", message: `${c.message ?? c.title} (waived)` } : c
  );
}

// src/gates/model/metric-checks.ts
function prepareBoth(task, s) {
  const candidate = prepareMetrics(task, s.yTrue, s.candidate);
  const baseline = s.baseline ? prepareMetrics(task, s.yTrue, s.baseline) : void 0;
  return {
    y: s.yTrue,
    candidate,
    ...baseline ? { baseline } : {},
    classes: task === "binary" ? 2 : s.candidate.classes
  };
}
function compareMetric(v, metric, p) {
  if (!p.baseline) return void 0;
  return compareEvaluators(v.task, metric, p.y, p.candidate, p.baseline, p.classes, {
    samples: v.bootstrap.samples,
    seed: v.bootstrap.seed
  });
}
function comparedMetrics(v) {
  return /* @__PURE__ */ new Set([v.primaryMetric, ...Object.keys(v.thresholds)]);
}
function metricChecks(v, p, candidateMetrics) {
  const checks = [];
  const comparisons = {};
  for (const metric of comparedMetrics(v)) {
    const paired = compareMetric(v, metric, p);
    if (paired) comparisons[metric] = paired;
    const t = v.thresholds[metric];
    if (!t) continue;
    const value = candidateMetrics[metric] ?? NaN;
    const j = judge(metric, t, value, paired, v.decision, v.alpha);
    checks.push({
      id: `metric.${metric}`,
      title: `${metric}${metric === v.primaryMetric ? " (primary)" : ""}`,
      status: j.status,
      observed: Number.isFinite(value) ? value : null,
      expected: j.expected,
      message: describe(metric, j, paired, value),
      details: j.details
    });
  }
  return { checks, comparisons };
}

// src/gates/model/slices.ts
function rowsByLevel(g) {
  const counts = new Int32Array(g.levels.length);
  for (const c of g.codes) if (c >= 0) counts[c] = (counts[c] ?? 0) + 1;
  const out = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(g.levels.length);
  for (let i = 0; i < g.codes.length; i++) {
    const c = g.codes[i] ?? -1;
    if (c < 0) continue;
    out[c][fill[c]++] = i;
  }
  return out;
}
function subset(p, rows, width) {
  const s = new Float64Array(rows.length * width);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] ?? 0;
    for (let c = 0; c < width; c++) s[k * width + c] = p.scores[r * width + c] ?? NaN;
  }
  return { scores: s, classes: p.classes };
}
function subsetY(y, rows) {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k] ?? 0] ?? NaN;
  return out;
}
function sliceChecks(v, s, groups) {
  const slices = sliceResults(v, s, groups);
  return { checks: judgeSlices(v, slices, s.baseline !== void 0), slices };
}
function sliceResults(v, s, groups) {
  const width = v.task === "multiclass" ? s.candidate.classes : 1;
  const metric = v.primaryMetric;
  const slices = [];
  for (const g of groups) {
    if (g.kind === "sensitive") continue;
    const byLevel = rowsByLevel(g);
    for (const [i, level] of g.levels.entries()) {
      const rows = byLevel[i] ?? new Int32Array(0);
      if (rows.length === 0) continue;
      const p = prepareBoth(v.task, {
        yTrue: subsetY(s.yTrue, rows),
        candidate: subset(s.candidate, rows, width),
        ...s.baseline ? { baseline: subset(s.baseline, rows, width) } : {}
      });
      const slice = g.kind === "named" ? g.name : `${g.name}=${level}`;
      const checkId = g.kind === "named" ? `slice.${idPart(g.name)}.${metric}` : `slice.${idPart(g.name)}:${idPart(level)}.${metric}`;
      const r = {
        slice,
        group: g.name,
        level,
        kind: g.kind,
        rows: rows.length,
        candidate: allMetrics(p.candidate),
        status: "skip",
        checkId
      };
      if (p.baseline) {
        r.baseline = allMetrics(p.baseline);
        if (rows.length >= v.minSliceSize) {
          const c = compareMetric(v, metric, p);
          if (c) r.comparison = c;
        }
      }
      slices.push(r);
    }
  }
  return slices;
}
function judgeSlices(v, slices, hasBaseline) {
  const metric = v.primaryMetric;
  const gated = slices.filter((r) => r.comparison && v.sliceMaxDrop !== void 0);
  const adjusted = v.sliceDecision === "significant" ? benjaminiHochberg(gated.map((r) => r.comparison?.pValue ?? NaN)) : gated.map(() => void 0);
  const checks = [];
  for (const r of slices) {
    const value = r.candidate[metric] ?? NaN;
    const base = {
      id: r.checkId,
      title: `${metric} on ${r.slice}`,
      status: "skip",
      observed: Number.isFinite(value) ? value : null
    };
    if (r.kind === "column") base.column = r.group;
    const k = gated.indexOf(r);
    if (k < 0) {
      r.status = "skip";
      if (!hasBaseline || v.sliceMaxDrop === void 0) continue;
      base.message = r.rows < v.minSliceSize ? `${r.rows} rows, fewer than min_slice_size ${v.minSliceSize}: reported, not gated` : `${metric} ${fmtNum(value)} is not defined for both models on this slice`;
      checks.push(base);
      continue;
    }
    const p = adjusted[k];
    const j = judge(
      metric,
      { max_drop: v.sliceMaxDrop, relative: v.sliceRelative },
      value,
      r.comparison,
      v.sliceDecision,
      v.alpha,
      p !== void 0 ? { p, across: gated.length } : void 0
    );
    r.status = j.status;
    checks.push({
      ...base,
      status: j.status,
      expected: j.expected,
      message: describe(metric, j, r.comparison, value),
      details: { ...j.details, rows: r.rows }
    });
  }
  return checks;
}

// src/gates/model/fairness.ts
function rates(scores, y, rows) {
  let pos = 0;
  let tp = 0;
  let p = 0;
  for (const r of rows) {
    const hit = (scores[r] ?? 0) > 0.5;
    if (hit) pos++;
    if (y[r] === 1) {
      p++;
      if (hit) tp++;
    }
  }
  return { pos: rows.length ? pos / rows.length : NaN, tpr: p ? tp / p : NaN };
}
function gap(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return v.length < 2 ? 0 : Math.max(...v) - Math.min(...v);
}
function fairnessOf(model, scores, y, g, minRows) {
  const byLevel = rowsByLevel(g);
  const groups = g.levels.map((level, i) => {
    const rows = byLevel[i] ?? new Int32Array(0);
    const r = rates(scores, y, rows);
    return { level, rows: rows.length, positiveRate: r.pos, truePositiveRate: r.tpr };
  });
  const big = groups.filter((x) => x.rows >= minRows);
  return {
    column: g.name,
    model,
    groups,
    demographicParityGap: gap(big.map((x) => x.positiveRate)),
    equalOpportunityGap: gap(big.map((x) => x.truePositiveRate))
  };
}
function fairnessChecks(v, s, groups) {
  const checks = [];
  const results = [];
  if (v.task !== "binary") return { checks, results };
  for (const g of groups) {
    if (g.kind !== "sensitive") continue;
    const cand = fairnessOf("candidate", s.candidate.scores, s.yTrue, g, v.minSliceSize);
    results.push(cand);
    const base = s.baseline ? fairnessOf("baseline", s.baseline.scores, s.yTrue, g, v.minSliceSize) : void 0;
    if (base) results.push(base);
    const budgets = [
      [
        "demographic_parity",
        v.fairness.maxDemographicParityGap,
        cand.demographicParityGap,
        base?.demographicParityGap,
        "positive-prediction rate"
      ],
      [
        "equal_opportunity",
        v.fairness.maxEqualOpportunityGap,
        cand.equalOpportunityGap,
        base?.equalOpportunityGap,
        "true-positive rate"
      ]
    ];
    for (const [name, budget, value, baseValue, what] of budgets) {
      if (budget === void 0) continue;
      const ok = value <= budget;
      checks.push({
        id: `fairness.${idPart(g.name)}.${name}`,
        title: `${name.replace("_", " ")} gap across ${g.name}`,
        status: ok ? "pass" : "fail",
        column: g.name,
        observed: value,
        expected: `<= ${budget}`,
        message: `the ${what} differs by ${fmtNum(value)} between groups of ${g.name}${baseValue !== void 0 ? ` (baseline ${fmtNum(baseValue)})` : ""}${ok ? "" : `, more than the allowed ${budget}`}`,
        details: { candidate: value, ...baseValue !== void 0 ? { baseline: baseValue } : {}, budget }
      });
    }
  }
  return { checks, results };
}

// src/gates/model/prepare-concurrent.ts
var HELPER_MIN_ROWS = 1e5;
function startBaseline(task, s, progress, helper, comparesAuc) {
  const wanted = workerSetting() === "on" || s.yTrue.length >= HELPER_MIN_ROWS;
  if (!s.baseline || task === "regression" || helper === void 0 || !wanted) return void 0;
  const job = { task, yTrue: s.yTrue, scores: s.baseline.scores, classes: s.baseline.classes, components: comparesAuc };
  return helper.prepare(job, () => {
    progress("preparing the baseline's metrics on a worker thread");
  });
}
async function prepareConcurrently(task, s, progress, helper, comparesAuc) {
  const pending = startBaseline(task, s, progress, helper, comparesAuc);
  if (!pending || !s.baseline) return prepareBoth(task, s);
  const candidate = prepareMetrics(task, s.yTrue, s.candidate);
  allMetrics(candidate);
  if (comparesAuc) for (const k of aucClasses(task, s.candidate.classes)) candidate.components(k);
  const work = await pending;
  const baseline = prepareMetrics(task, s.yTrue, s.baseline, work ?? void 0);
  return { y: s.yTrue, candidate, baseline, classes: task === "binary" ? 2 : s.candidate.classes };
}

// src/gates/model/sections.ts
var MAX_SLICE_ROWS = 50;
function ciText(p) {
  if (!p) return "";
  return `${fmtDelta(p.delta)} [${fmtDelta(p.ci[0])}, ${fmtDelta(p.ci[1])}]`;
}
function metricTable(names, cand, base, comparisons, checks) {
  const rows = names.map((m) => {
    const p = comparisons[m];
    const check = checks.find((c) => c.id === `metric.${m}`);
    const delta = base ? (cand[m] ?? NaN) - (base[m] ?? NaN) : NaN;
    return [
      `${m}${higherIsBetter(m) ? " \u2191" : " \u2193"}`,
      base ? fmtNum(base[m]) : "",
      fmtNum(cand[m]),
      p ? ciText(p) : base ? fmtDelta(delta) : "",
      p ? `${fmtP(p.pValue)} (${p.test})` : "",
      check?.status ?? ""
    ];
  });
  return {
    kind: "table",
    title: "Metrics",
    headers: ["metric", "baseline", "candidate", "\u0394 [95% CI]", "p", "verdict"],
    rows,
    align: ["l", "r", "r", "r", "r", "l"],
    note: "\u2191 higher is better, \u2193 lower is better. CIs are paired (same rows); only gated metrics have a verdict."
  };
}
function harm(metric, r) {
  const d = (r.candidate[metric] ?? NaN) - (r.baseline?.[metric] ?? NaN);
  if (!Number.isFinite(d)) return -Infinity;
  return higherIsBetter(metric) ? -d : d;
}
function sliceSections(metric, slices) {
  if (slices.length === 0) return [];
  const sorted = [...slices].sort((a, b) => harm(metric, b) - harm(metric, a) || a.slice.localeCompare(b.slice));
  const shown = sorted.slice(0, MAX_SLICE_ROWS);
  const table = {
    kind: "table",
    title: `Slices by ${metric} (worst first)`,
    headers: ["slice", "rows", "baseline", "candidate", "\u0394 [95% CI]", "verdict"],
    rows: shown.map((r) => [
      r.slice,
      r.rows,
      r.baseline ? fmtNum(r.baseline[metric]) : "",
      fmtNum(r.candidate[metric]),
      r.comparison ? ciText(r.comparison) : r.baseline ? fmtDelta((r.candidate[metric] ?? NaN) - (r.baseline[metric] ?? NaN)) : "",
      r.status
    ]),
    align: ["l", "r", "r", "r", "r", "l"],
    ...sorted.length > shown.length ? { note: `${sorted.length - shown.length} more slices in the JSON report.` } : {}
  };
  const withDelta = shown.filter((r) => r.baseline && Number.isFinite(harm(metric, r)));
  if (withDelta.length === 0) return [table];
  const chart = {
    kind: "bar-chart",
    title: `\u0394 ${metric} per slice (candidate \u2212 baseline)`,
    xLabel: "slice",
    yLabel: `\u0394 ${metric}`,
    labels: withDelta.map((r) => r.slice),
    series: [
      {
        name: `\u0394 ${metric}`,
        values: withDelta.map((r) => Number(((r.candidate[metric] ?? 0) - (r.baseline?.[metric] ?? 0)).toFixed(6)))
      }
    ]
  };
  return [table, chart];
}
function fairnessSection(results) {
  if (results.length === 0) return [];
  return [
    {
      kind: "table",
      title: "Fairness gaps",
      headers: ["column", "model", "demographic parity gap", "equal opportunity gap", "groups"],
      rows: results.map((r) => [
        r.column,
        r.model,
        fmtNum(r.demographicParityGap),
        fmtNum(r.equalOpportunityGap),
        r.groups.map((g) => `${g.level} (${g.rows})`).join(", ")
      ]),
      align: ["l", "l", "r", "r", "l"],
      note: "Gaps are the largest minus the smallest rate across groups with at least min_slice_size rows."
    }
  ];
}
function operationsSection(rows) {
  if (rows.length === 0) return [];
  return [
    {
      kind: "table",
      title: "Agreement, latency and robustness",
      headers: ["measure", "baseline", "candidate"],
      rows,
      align: ["l", "r", "r"]
    }
  ];
}

// src/gates/model/build-report.ts
function quantile2(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? NaN) + ((s[hi] ?? NaN) - (s[lo] ?? NaN)) * (pos - lo);
}
function agreement(st, s, p) {
  if (!s.baseline || !p.baseline) return void 0;
  const c = s.candidate.scores;
  const b = s.baseline.scores;
  let sum = 0;
  for (let i = 0; i < c.length; i++) sum += Math.abs((c[i] ?? 0) - (b[i] ?? 0));
  const mean = c.length ? sum / c.length : NaN;
  if (st.task === "regression") return { mean_abs_delta: mean };
  const pc = p.candidate.predicted();
  const pb = p.baseline.predicted();
  let flips = 0;
  for (let i = 0; i < pc.length; i++) if (pc[i] !== pb[i]) flips++;
  return { flip_rate: pc.length ? flips / pc.length : NaN, mean_abs_delta: mean };
}
function latencySummary(l) {
  const one = (xs, tp) => ({
    p50_ms: quantile2(xs, 0.5),
    p95_ms: quantile2(xs, 0.95),
    throughput_rows_per_s: tp
  });
  return {
    candidate: one(l.candidate, l.candidateThroughput),
    ...l.baseline.length ? { baseline: one(l.baseline, l.baselineThroughput) } : {}
  };
}
function latencyCheck(st, l) {
  const budget = st.settings.verdict.latencyMaxRatio;
  if (budget === void 0 || l.baseline.length === 0) return void 0;
  const ratio = quantile2(l.candidate, 0.95) / quantile2(l.baseline, 0.95);
  const ok = ratio <= budget;
  return {
    id: "latency.p95_ratio",
    title: "batch-1 p95 latency, candidate / baseline",
    status: ok ? "pass" : "fail",
    observed: Number(ratio.toFixed(3)),
    expected: `<= ${budget}`,
    message: `candidate p95 ${fmtNum(quantile2(l.candidate, 0.95), 3)} ms vs baseline ${fmtNum(quantile2(l.baseline, 0.95), 3)} ms: ratio ${fmtNum(ratio, 3)}${ok ? "" : `, over the budget ${budget}`}`
  };
}
function robustnessCheck(st, r) {
  const budget = st.settings.verdict.robustnessMaxFlipRate;
  if (budget === void 0 || st.task === "regression") return void 0;
  const rate = r.rows ? r.candidate.flips / r.rows : 0;
  const ok = rate <= budget;
  return {
    id: "robustness.flip_rate",
    title: `prediction flips under \u03B5 = ${r.epsilon} \u03C3 perturbations`,
    status: ok ? "pass" : "fail",
    observed: rate,
    expected: `<= ${budget}`,
    message: `${r.candidate.flips} of ${r.rows} predictions flipped (baseline ${r.baseline.flips})${ok ? "" : `, more than the allowed rate ${budget}`}`
  };
}
function scoresOf(st) {
  return {
    yTrue: st.yTrue,
    candidate: { scores: st.candidate, classes: st.classes },
    ...st.baseline ? { baseline: { scores: st.baseline, classes: st.classes } } : {}
  };
}
function startBaselineMetrics(st, progress, helper) {
  void startBaseline(st.task, scoresOf(st), progress, helper, comparedMetrics(st.settings.verdict).has("roc_auc"));
}
async function buildReportConcurrently(st, progress, helper) {
  const worth = st.task !== "regression" && (workerSetting() === "on" || st.yTrue.length >= HELPER_MIN_ROWS);
  const own = helper === void 0 && st.baseline && worth ? HelperThread.start() : void 0;
  try {
    const comparesAuc = comparedMetrics(st.settings.verdict).has("roc_auc");
    return buildReport(st, await prepareConcurrently(st.task, scoresOf(st), progress, helper ?? own, comparesAuc));
  } finally {
    own?.close();
  }
}
function baselineSource(st) {
  const sub = st.subjects.find((x) => x.role === "baseline");
  if (st.baseline && sub) return `baseline ${st.baselineOrigin ?? sub.path} (sha256 ${sub.sha256.slice(0, 12)})`;
  return `no baseline (${st.noBaseline ?? "none given"}): absolute thresholds only`;
}
function buildReport(st, preparedBefore) {
  const v = st.settings.verdict;
  const s = scoresOf(st);
  const prepared = preparedBefore ?? prepareBoth(st.task, s);
  const cand = allMetrics(prepared.candidate);
  const base = prepared.baseline ? allMetrics(prepared.baseline) : void 0;
  const m = metricChecks(v, prepared, cand);
  const sl = sliceChecks(v, s, st.groups);
  const fair = fairnessChecks(v, s, st.groups);
  const checks = [...m.checks, ...sl.checks, ...fair.checks];
  const agree = agreement(st, s, prepared);
  const ops = [];
  if (agree) {
    if (agree.flip_rate !== void 0) ops.push(["predictions that differ between the models", "", fmtNum(agree.flip_rate)]);
    ops.push(["mean |\u0394 score| between the models", "", fmtNum(agree.mean_abs_delta)]);
  }
  if (st.latency) {
    const lc = latencyCheck(st, st.latency);
    if (lc) checks.push(lc);
    const ls = latencySummary(st.latency);
    ops.push([
      "batch-1 p50 / p95 (ms)",
      ls.baseline ? `${fmtNum(ls.baseline.p50_ms, 3)} / ${fmtNum(ls.baseline.p95_ms, 3)}` : "",
      `${fmtNum(ls.candidate?.p50_ms, 3)} / ${fmtNum(ls.candidate?.p95_ms, 3)}`
    ]);
    ops.push([
      "batch-256 throughput (rows/s)",
      ls.baseline ? Math.round(ls.baseline.throughput_rows_per_s ?? 0) : "",
      Math.round(ls.candidate?.throughput_rows_per_s ?? 0)
    ]);
  }
  if (st.robustness) {
    const rc = robustnessCheck(st, st.robustness);
    if (rc) checks.push(rc);
    const r = st.robustness;
    const rate = (x) => st.task === "regression" ? "" : fmtNum(r.rows ? x.flips / r.rows : NaN);
    ops.push([
      `flip rate under \u03B5 = ${r.epsilon} \u03C3 noise (${r.rows} rows)`,
      st.baseline ? rate(r.baseline) : "",
      rate(r.candidate)
    ]);
    ops.push([
      "mean |\u0394 score| under that noise",
      st.baseline ? fmtNum(r.rows ? r.baseline.absDelta / r.rows : NaN) : "",
      fmtNum(r.rows ? r.candidate.absDelta / r.rows : NaN)
    ]);
  }
  const final = applyWaivers(checks, v.waive);
  const primary = v.primaryMetric;
  const pc = m.comparisons[primary];
  const failed = final.filter((c) => c.status === "fail");
  const warned = final.filter((c) => c.status === "warn");
  const head = pc ? `candidate ${primary} ${fmtNum(pc.candidate)} vs baseline ${fmtNum(pc.baseline)} (\u0394 ${fmtDelta(pc.delta)}, 95% CI ${fmtDelta(pc.ci[0])} to ${fmtDelta(pc.ci[1])})` : `candidate ${primary} ${fmtNum(cand[primary])}`;
  const ids = (cs) => `${cs.slice(0, 3).map((c) => c.id).join(", ")}${cs.length > 3 ? ` and ${cs.length - 3} more` : ""}`;
  const tail = failed.length ? `; failed: ${ids(failed)}` : warned.length ? `; nothing failed, ${warned.length} warned: ${ids(warned)}` : `; ${final.length} checks passed or skipped`;
  return makeReport({
    gate: "model",
    checks: final,
    summary: `${head} on ${formatCount(st.yTrue.length)} rows; ${baselineSource(st)}${tail}`,
    subject: st.subjects[0] ?? { path: st.settings.candidate, sha256: "0".repeat(64) },
    subjects: st.subjects,
    inputs: st.inputs,
    metrics: {
      task: st.task,
      rows: st.yTrue.length,
      candidate: cand,
      ...base ? { baseline: base } : {},
      slices: sl.slices.map((r) => ({
        slice: r.slice,
        group: r.group,
        level: r.level,
        kind: r.kind,
        rows: r.rows,
        candidate: r.candidate,
        ...r.baseline ? { baseline: r.baseline } : {},
        ...r.comparison ? { comparison: r.comparison } : {},
        status: r.status
      })),
      comparisons: m.comparisons,
      ...agree ? { agreement: agree } : {},
      ...fair.results.length ? { fairness: fair.results } : {},
      ...st.latency ? { latency: latencySummary(st.latency) } : {},
      ...st.robustness ? { robustness: st.robustness } : {},
      interpretation: st.outputs,
      outputs: {
        "primary-metric": primary,
        "candidate-value": cand[primary] ?? null,
        "baseline-value": base?.[primary] ?? null,
        delta: pc ? pc.delta : null
      }
    },
    sections: [
      metricTable(METRICS[st.task], cand, base, m.comparisons, final),
      ...sliceSections(primary, sl.slices),
      ...fairnessSection(fair.results),
      ...operationsSection(ops)
    ]
  });
}
export {
  baselineSource,
  buildReport,
  buildReportConcurrently,
  startBaselineMetrics
};
