/**
 * Paired comparison of two models on the same rows: delta = candidate − baseline in the metric's units,
 * a 95% confidence interval and a two-sided p-value for "no difference".
 *
 * p-value (`test`):
 * - roc_auc: DeLong's paired test, variance from the structural components (Sun & Xu 2014); multiclass
 *   one-vs-rest macro through each class's components (macroDelongVariance);
 * - accuracy: McNemar on the discordant rows — exact binomial when they number < 25, otherwise
 *   chi-square (1 df) with continuity correction (|b − c| − 1)² / (b + c);
 * - log_loss, brier, mae, mape: paired t-test on the per-row loss differences (the metric is their mean);
 *   rmse: paired t-test on squared-error differences (equal MSE ⇔ equal RMSE);
 * - r2: the same t-test as rmse (equal r2 ⇔ equal squared error on the same rows);
 * - anything else: paired bootstrap, p = min(1, 2·min(#{δ* ≤ 0} + 1, #{δ* ≥ 0} + 1) / (B + 1)), or the
 *   normal p-value of delta / SE for "bootstrap-normal".
 *
 * Interval (`ciMethod`), 95%:
 * - confusion-matrix metrics (accuracy, balanced_accuracy, precision, recall, f1, macro/weighted
 *   averages): "poisson-bootstrap" — Poisson(1) row weights aggregated over the C³ joint cells (true
 *   class, candidate's class, baseline's class), so a replicate costs O(C³) at any N;
 * - other metrics, while rows × samples stays within BOOTSTRAP_BUDGET: "bootstrap", the percentile
 *   paired bootstrap (rows resampled with replacement as multinomial counts, both models evaluated on
 *   the same resample);
 * - above it, the analytic interval of the test: "delong", "t" (mean losses), "delta-method" (rmse,
 *   r2) — so the bootstrap never dominates the run at large N ("wald" for accuracy with samples = 0);
 * - the rest (pr_auc, ece): "bootstrap-normal", delta ± t(0.975, B − 1)·SE from as many replicates B
 *   as the budget allows (at least 20).
 */
import { normalTwoSided, studentTQuantile } from "../../core/stats/distributions.js";
import {
  delongVariance,
  fromNormal,
  macroDelongVariance,
  mcnemar,
  pairedT,
  r2Test,
  rmseTest,
  type Analytic,
  type CiMethod,
  type PairedTest,
} from "../../core/stats/paired-tests.js";
import { isConfusionMetric, metricFromConfusion } from "../../core/stats/confusion-metrics.js";
import { poisson } from "../../core/stats/poisson-sampler.js";
import { makeRng } from "../../core/stats/rng.js";
import { prepareMetrics, type MetricEvaluator, type Predictions, type Task } from "./metrics.js";

export type { CiMethod, PairedTest };

export interface PairedResult {
  metric: string;
  candidate: number;
  baseline: number;
  delta: number;
  ci: [number, number];
  pValue: number;
  test: PairedTest;
  n: number;
  /** How the interval was computed, and with how many bootstrap replicates (0 when analytic). */
  ciMethod: CiMethod;
  samples: number;
}

export interface PairedOptions {
  samples: number;
  seed: number;
  /** Subset of rows (a slice); every row when absent. */
  rows?: Int32Array;
}

/**
 * Largest rows × replicates a row-level bootstrap may spend: ~0.1–0.3 s of one core per comparison,
 * which the gate repeats per metric and per slice.
 */
export const BOOTSTRAP_BUDGET = 5_000_000;
/** Replicates for a normal bootstrap interval when the budget would allow fewer. */
const MIN_REPLICATES = 20;
const CELL_REPLICATES = 1000;

export function comparePaired(
  task: Task,
  metric: string,
  yTrue: Float64Array,
  candidate: Predictions,
  baseline: Predictions,
  opts: PairedOptions,
): PairedResult {
  let y = yTrue;
  let cand = candidate;
  let base = baseline;
  if (opts.rows !== undefined) {
    y = pick(yTrue, opts.rows, 1);
    const per = task === "multiclass" ? candidate.classes : 1;
    cand = { scores: pick(candidate.scores, opts.rows, per), classes: candidate.classes };
    base = { scores: pick(baseline.scores, opts.rows, task === "multiclass" ? baseline.classes : 1), classes: baseline.classes };
  }
  const classes = task === "binary" ? 2 : cand.classes;
  return compareEvaluators(task, metric, y, prepareMetrics(task, y, cand), prepareMetrics(task, y, base), classes, opts);
}

/**
 * comparePaired on evaluators already prepared on the same rows (prepareMetrics): the gate computes
 * each model's metrics and every paired comparison from one set of sorts and per-row losses.
 */
export function compareEvaluators(
  task: Task,
  metric: string,
  y: Float64Array,
  evC: MetricEvaluator,
  evB: MetricEvaluator,
  classes: number,
  opts: { samples: number; seed: number },
): PairedResult {
  if (evC.n !== y.length || evB.n !== y.length)
    throw new Error(`evaluators on ${evC.n} and ${evB.n} rows, labels on ${y.length}`);
  const n = y.length;
  const c = evC.metric(metric);
  const b = evB.metric(metric);
  const delta = c - b;
  const analytic = analyticTest(task, metric, y, classes, evC, evB, delta);
  const result = { metric, candidate: c, baseline: b, delta, n, test: analytic.test, pValue: analytic.pValue };

  const samples = Math.max(0, Math.floor(opts.samples));
  // Confusion-matrix metrics: O(C³) per replicate at any N, so always a full set of replicates
  // (unless none were asked for and the test has an analytic interval).
  if (task !== "regression" && isConfusionMetric(task, metric) && (samples > 0 || analytic.ci === undefined)) {
    const reps = samples > 0 ? samples : CELL_REPLICATES;
    const deltas = cellBootstrapDeltas(task, y, evC.predicted(), evB.predicted(), classes, metric, reps, opts.seed);
    const pValue = analytic.test === "bootstrap" ? bootstrapP(deltas) : analytic.pValue;
    return { ...result, pValue, ci: percentileCi(deltas), ciMethod: "poisson-bootstrap", samples: deltas.length };
  }
  if (samples > 0 && n * samples <= BOOTSTRAP_BUDGET) {
    const deltas = bootstrapDeltas(evC, evB, metric, samples, opts.seed);
    const pValue = analytic.test === "bootstrap" ? bootstrapP(deltas) : analytic.pValue;
    return { ...result, pValue, ci: percentileCi(deltas), ciMethod: "bootstrap", samples: deltas.length };
  }
  if (analytic.ci !== undefined && analytic.ciMethod !== undefined) {
    return { ...result, ci: analytic.ci, ciMethod: analytic.ciMethod, samples: 0 };
  }
  // Rank and calibration metrics at large N: a normal interval from as many replicates as the budget allows.
  const reps = Math.max(
    MIN_REPLICATES,
    Math.min(Math.max(samples, MIN_REPLICATES), Math.floor(BOOTSTRAP_BUDGET / Math.max(1, n))),
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
    samples: deltas.length,
  };
}

function analyticTest(
  task: Task,
  metric: string,
  y: Float64Array,
  classes: number,
  evC: MetricEvaluator,
  evB: MetricEvaluator,
  delta: number,
): Analytic {
  if (metric === "roc_auc" && task !== "regression") return delong(evC, evB, classes, delta);
  if (metric === "accuracy" && task !== "regression") return mcnemar(evC.correct(), evB.correct());
  const lc = evC.rowLoss(metric);
  const lb = evB.rowLoss(metric);
  if (lc !== null && lb !== null) return metric === "rmse" ? rmseTest(lc, lb, delta) : pairedT(lc, lb);
  if (metric === "r2") return r2Test(evC.rowLoss("rmse")!, evB.rowLoss("rmse")!, y, delta);
  return { test: "bootstrap", pValue: Number.NaN };
}

/**
 * DeLong's paired test for two correlated ROC AUCs (Sun & Xu's one-sort structural components); for
 * multiclass, the one-vs-rest macro average through the components' influence on each class's AUC.
 */
function delong(evC: MetricEvaluator, evB: MetricEvaluator, classes: number, delta: number): Analytic {
  if (evC.task === "binary") {
    const positive = evC.ranking(1).positive;
    return fromNormal("delong", delta, Math.sqrt(delongVariance(evC.components(1), evB.components(1), positive)), "delong");
  }
  const parts: { va: Float64Array; vb: Float64Array; positive: Uint8Array }[] = [];
  for (let k = 0; k < classes; k++)
    parts.push({ va: evC.components(k), vb: evB.components(k), positive: evC.ranking(k).positive });
  return fromNormal("delong", delta, Math.sqrt(macroDelongVariance(parts)), "delong");
}

/** Replicate deltas (NaN replicates dropped): the same multinomial row counts for both models. */
function bootstrapDeltas(
  evC: MetricEvaluator,
  evB: MetricEvaluator,
  metric: string,
  samples: number,
  seed: number,
): Float64Array {
  const n = evC.n;
  const rng = makeRng(seed);
  const counts = new Uint8Array(n);
  const out: number[] = [];
  for (let r = 0; r < samples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      // A row drawn 256 times out of n (P ≈ 1/256!) would wrap: a bug, not a result.
      if (++counts[j]! === 0) throw new Error("bootstrap count overflow");
    }
    const d = evC.metric(metric, counts) - evB.metric(metric, counts);
    if (!Number.isNaN(d)) out.push(d);
  }
  return Float64Array.from(out).sort();
}

/**
 * Poisson bootstrap over the joint cells (true class, candidate's class, baseline's class): every row of a
 * cell is exchangeable for confusion-matrix metrics, so a replicate draws one Poisson(count) per cell —
 * at most C³ draws, independent of N.
 */
function cellBootstrapDeltas(
  task: "binary" | "multiclass",
  y: Float64Array,
  predC: Int32Array,
  predB: Int32Array,
  c: number,
  metric: string,
  samples: number,
  seed: number,
): Float64Array {
  const cells = new Float64Array(c * c * c);
  for (let i = 0; i < y.length; i++) cells[(y[i]! * c + predC[i]!) * c + predB[i]!]!++;
  const rng = makeRng(seed);
  const uniform = (): number => rng.next();
  const cmC = new Float64Array(c * c);
  const cmB = new Float64Array(c * c);
  const out: number[] = [];
  for (let r = 0; r < samples; r++) {
    cmC.fill(0);
    cmB.fill(0);
    for (let k = 0; k < cells.length; k++) {
      if (cells[k] === 0) continue;
      const w = poisson(uniform, cells[k]!);
      const pb = k % c;
      const pc = Math.floor(k / c) % c;
      const t = Math.floor(k / (c * c));
      cmC[t * c + pc]! += w;
      cmB[t * c + pb]! += w;
    }
    const d = metricFromConfusion(task, metric, cmC, c)! - metricFromConfusion(task, metric, cmB, c)!;
    if (!Number.isNaN(d)) out.push(d);
  }
  return Float64Array.from(out).sort();
}

function percentileCi(sorted: Float64Array): [number, number] {
  return [quantile(sorted, 0.025), quantile(sorted, 0.975)];
}

function bootstrapP(sorted: Float64Array): number {
  const b = sorted.length;
  if (b === 0) return Number.NaN;
  let le = 0;
  let ge = 0;
  for (const d of sorted) {
    if (d <= 0) le++;
    if (d >= 0) ge++;
  }
  return Math.min(1, (2 * (Math.min(le, ge) + 1)) / (b + 1));
}

/** Linear-interpolation quantile of sorted values (numpy's default). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function sd(v: Float64Array): number {
  if (v.length < 2) return Number.NaN;
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let s = 0;
  for (const x of v) s += (x - m) * (x - m);
  return Math.sqrt(s / (v.length - 1));
}

function pick(src: Float64Array, rows: Int32Array, per: number): Float64Array {
  const out = new Float64Array(rows.length * per);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r < 0 || r * per >= src.length) throw new Error(`row ${r} outside 0..${src.length / per - 1}`);
    for (let j = 0; j < per; j++) out[i * per + j] = src[r * per + j]!;
  }
  return out;
}
