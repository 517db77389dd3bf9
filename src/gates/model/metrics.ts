/**
 * Model metrics that equal scikit-learn 1.2's (checked against committed values from
 * scripts/sklearn/gen_metrics.py to 1e-6). Every metric is computed by an evaluator that is prepared
 * once (argmax, sort orders, per-row losses) and then evaluated with optional per-row weights, so a
 * bootstrap replicate is an O(N) weighted pass with no re-sorting.
 *
 * Conventions (the same in the generator script):
 * - binary label: P(class 1) > 0.5, i.e. argmax of [1 − p, p] with ties to class 0, as sklearn's predict;
 * - multiclass label: argmax of the row, ties to the lowest index (numpy's argmax);
 * - precision/recall/f1: zero_division = 0; macro averages run over the labels present in y_true or
 *   y_pred (sklearn's unique_labels), weighted averages weight by true support;
 * - roc_auc: NaN when y_true has one class only (binary) or any class is absent (multiclass one-vs-rest),
 *   where sklearn raises; pr_auc: 0 when y_true has no positive (sklearn 1.2 then sets recall to 1);
 * - log_loss: probabilities clipped to [ε, 1 − ε], ε = 2.22e-16 (float64 epsilon, sklearn 1.2's "auto"),
 *   then each row renormalised;
 * - brier (multiclass): mean over rows of Σ_c (p_c − 1[y = c])², twice sklearn's binary brier on 2 classes;
 * - ece: 10 equal-width bins over [0, 1], bin = min(floor(10·c), 9), ECE = Σ_b (n_b / N) |acc_b − conf_b|,
 *   where binary uses c = P(class 1) and acc = mean y, multiclass c = max_c p_c and acc = mean(argmax = y);
 * - r2: 1 when the target is constant and predicted exactly, else 0 when the target is constant;
 * - mape: mean |y − ŷ| / max(|y|, 2.22e-16).
 */
import { ConfigurationError } from "../../core/errors.js";
import { metricFromConfusion } from "../../core/stats/confusion-metrics.js";
import { aucOf, averagePrecisionOf, delongComponents, rankScores, type Ranking, type Weights } from "../../core/stats/ranking.js";

export type { Ranking, Weights };
export { metricFromConfusion };

export type Task = "binary" | "multiclass" | "regression";

/**
 * binary: scores[i] = P(class 1) for row i (length N, classes = 2);
 * multiclass: scores row-major N*C probabilities (classes = C);
 * regression: scores[i] = predicted value (classes = 1).
 */
export interface Predictions {
  scores: Float64Array;
  classes: number;
}

export const PRIMARY_METRIC: Record<Task, string> = { binary: "roc_auc", multiclass: "accuracy", regression: "rmse" };

export const METRICS: Record<Task, readonly string[]> = {
  binary: ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "brier", "ece"],
  multiclass: [
    "accuracy",
    "balanced_accuracy",
    "precision_macro",
    "recall_macro",
    "f1_macro",
    "precision_weighted",
    "recall_weighted",
    "f1_weighted",
    "roc_auc",
    "log_loss",
    "brier",
    "ece",
  ],
  regression: ["rmse", "mae", "r2", "mape"],
};

const LOWER_IS_BETTER = new Set(["log_loss", "brier", "ece", "rmse", "mae", "mape"]);

/** true when larger is better (roc_auc), false when smaller is better (log_loss, rmse). */
export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** A metric computed with optional per-row weights (bootstrap counts; null = every row once). */
export interface MetricEvaluator {
  readonly task: Task;
  readonly n: number;
  metric(name: string, weights?: Weights | null): number;
  /** Per-row loss whose mean is the metric (log_loss, brier, mae, mape; squared error for rmse), else null. */
  rowLoss(name: string): Float64Array | null;
  /** Classification: 1 where the predicted class equals the label. */
  correct(): Uint8Array;
  predicted(): Int32Array;
  /** Classification: column k's scores, the 0/1 mask y = k and the rows in ascending score order. */
  ranking(k: number): Ranking;
  /** Classification: DeLong's structural components of column k's AUC, by row (computed once). */
  components(k: number): Float64Array;
  /** The sort orders and per-row losses computed so far, to seed an evaluator on another thread. */
  cached(): PreparedWork;
}

/** What an evaluator has computed (sorts, per-row losses, unweighted metrics): plain typed arrays a worker can transfer. */
export interface PreparedWork {
  rankings: [number, Ranking][];
  losses: [string, Float64Array][];
  metrics: [string, number][];
  components: [number, Float64Array][];
  /** Classification: the predicted class per row. */
  predicted?: Int32Array;
}

// sklearn 1.2's eps="auto": the float64 machine epsilon (2.22e-16), not the older fixed 1e-15.
const LOG_LOSS_EPS = Number.EPSILON;

/** The predicted class per row: binary P(class 1) > 0.5, multiclass argmax (ties to the lowest index). */
export function predictedClasses(task: Task, pred: Predictions): Int32Array {
  const s = pred.scores;
  if (task === "binary") {
    const out = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s[i]! > 0.5 ? 1 : 0;
    return out;
  }
  if (task === "multiclass") {
    const c = pred.classes;
    const n = s.length / c;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestV = s[i * c]!;
      for (let j = 1; j < c; j++) {
        const v = s[i * c + j]!;
        if (v > bestV) {
          bestV = v;
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }
  throw new Error("predictedClasses: regression has no classes");
}

/** Rows = true class, columns = predicted class (sklearn's layout), counts. */
export function confusionMatrix(yTrue: Float64Array, yPred: Int32Array, classes: number): number[][] {
  if (yTrue.length !== yPred.length) throw new Error(`confusionMatrix: ${yTrue.length} labels vs ${yPred.length} predictions`);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]!]![yPred[i]!]!++;
  return m;
}

/** All metrics of the task (METRICS[task]) on every row. */
export function computeMetrics(task: Task, yTrue: Float64Array, pred: Predictions): Record<string, number> {
  return allMetrics(prepareMetrics(task, yTrue, pred));
}

/** All metrics of the evaluator's task on every row (reuse the evaluator for compareEvaluators). */
export function allMetrics(ev: MetricEvaluator): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of METRICS[ev.task]) out[name] = ev.metric(name);
  return out;
}

/**
 * `seed`: work another evaluator did on the same labels and scores (metrics-worker.ts), reused as is;
 * that evaluator validated these very inputs, so they are not validated again.
 */
export function prepareMetrics(task: Task, yTrue: Float64Array, pred: Predictions, seed?: PreparedWork): MetricEvaluator {
  // A binary evaluator checks its inputs in its own first pass (binaryPass), and calls validate for the message.
  if (!seed && task !== "binary") validate(task, yTrue, pred);
  const ev =
    task === "regression" ? regressionEvaluator(yTrue, pred.scores, seed) : classificationEvaluator(task, yTrue, pred, seed);
  // Unweighted values are kept: allMetrics and the checks ask for the same metric more than once.
  const known = new Map(seed?.metrics);
  const metric = (name: string, weights: Weights | null = null): number => {
    if (weights !== null) return ev.metric(name, weights);
    let v = known.get(name);
    if (v === undefined) {
      v = ev.metric(name);
      known.set(name, v);
    }
    return v;
  };
  return { ...ev, metric, cached: () => ({ ...ev.cached(), metrics: [...known] }) };
}

/** The classes whose one-vs-rest AUC roc_auc averages: class 1 for binary, every class for multiclass. */
export function aucClasses(task: Task, classes: number): number[] {
  if (task === "regression") return [];
  return task === "binary" ? [1] : Array.from({ length: classes }, (_, k) => k);
}

function validate(task: Task, y: Float64Array, pred: Predictions): void {
  const per = task === "multiclass" ? pred.classes : 1;
  if (task === "multiclass" && !(Number.isInteger(per) && per >= 2)) throw new Error(`multiclass needs classes >= 2, got ${per}`);
  if (pred.scores.length !== y.length * per) {
    throw new Error(`${pred.scores.length} scores for ${y.length} rows × ${per} columns`);
  }
  const s = pred.scores;
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]!)) {
      const bad = s.reduce((k, v) => (Number.isFinite(v) ? k : k + 1), 0);
      throw new ConfigurationError(
        `the model scored ${bad} value${bad === 1 ? "" : "s"} as NaN or infinity (the first for row ${Math.floor(i / per) + 1} of the evaluation data); a model must give every row a finite score`,
      );
    }
  }
  if (task === "regression") return;
  const classes = task === "binary" ? 2 : per;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < classes)) {
      throw new ConfigurationError(`Label ${v} at row ${i + 1} is not a class index in 0..${classes - 1}.`);
    }
  }
}

function classificationEvaluator(
  task: "binary" | "multiclass",
  yTrue: Float64Array,
  pred: Predictions,
  seed?: PreparedWork,
): MetricEvaluator {
  const n = yTrue.length;
  const c = task === "binary" ? 2 : pred.classes;
  const s = pred.scores;
  const pass = task === "binary" && !seed ? binaryPass(yTrue, pred) : null;
  const y = pass?.y ?? Int32Array.from(yTrue);
  const label = seed?.predicted ?? pass?.label ?? predictedClasses(task, pred);
  let correctRows: Uint8Array | null = null;
  const losses = new Map<string, Float64Array>(seed?.losses);
  const orders = new Map<number, Ranking>(seed?.rankings);
  const parts = new Map<number, Float64Array>(seed?.components);

  let unweighted: Float64Array | null = pass?.confusion ?? null;
  const counts = (w: Weights | null): Float64Array => {
    if (w === null && unweighted !== null) return unweighted;
    const cm = new Float64Array(c * c);
    for (let i = 0; i < n; i++) cm[y[i]! * c + label[i]!]! += w === null ? 1 : w[i]!;
    if (w === null) unweighted = cm;
    return cm;
  };

  // Column k's scores, the rows where y = k, and their ascending order: one-vs-rest for multiclass.
  const ranked = (k: number): Ranking => {
    let r = orders.get(k);
    if (r === undefined) {
      let scores = s;
      if (task === "multiclass") {
        scores = new Float64Array(n);
        for (let i = 0; i < n; i++) scores[i] = s[i * c + k]!;
      }
      let positive = k === 1 ? pass?.positive : undefined;
      if (positive === undefined) {
        positive = new Uint8Array(n);
        for (let i = 0; i < n; i++) positive[i] = y[i] === k ? 1 : 0;
      }
      r = rankScores(scores, positive);
      orders.set(k, r);
    }
    return r;
  };

  const rowLoss = (name: string): Float64Array | null => {
    if (name !== "log_loss" && name !== "brier") return null;
    let l = losses.get(name);
    if (l !== undefined) return l;
    l = new Float64Array(n);
    // One loop per loss (not a per-row branch on the name): 1M rows, twice per model.
    if (task === "binary" && name === "brier") binaryBrier(s, y, l);
    else if (task === "binary") binaryLogLoss(s, y, l);
    else for (let i = 0; i < n; i++) l[i] = multiLoss(name, s, i, c, y[i]!);
    losses.set(name, l);
    return l;
  };

  const correct = (): Uint8Array => {
    if (correctRows === null) {
      correctRows = new Uint8Array(n);
      for (let i = 0; i < n; i++) correctRows[i] = label[i] === y[i] ? 1 : 0;
    }
    return correctRows;
  };

  const ece = (w: Weights | null): number => {
    const wSum = new Float64Array(10);
    const confSum = new Float64Array(10);
    const hitSum = new Float64Array(10);
    const ok = task === "multiclass" ? correct() : null;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i]!;
      if (wi === 0) continue;
      let conf: number;
      let hit: number;
      if (ok === null) {
        conf = s[i]!;
        hit = y[i]!;
      } else {
        conf = s[i * c + label[i]!]!;
        hit = ok[i]!;
      }
      const b = eceBin(conf);
      wSum[b]! += wi;
      confSum[b]! += wi * conf;
      hitSum[b]! += wi * hit;
      total += wi;
    }
    return eceOf(wSum, confSum, hitSum, total);
  };

  const metric = (name: string, weights: Weights | null = null): number => {
    const w = weights;
    switch (name) {
      case "roc_auc": {
        if (task === "binary") {
          const r = ranked(1);
          return aucOf(r, w);
        }
        let sum = 0;
        for (let k = 0; k < c; k++) {
          const r = ranked(k);
          sum += aucOf(r, w);
        }
        return sum / c;
      }
      case "pr_auc": {
        if (task !== "binary") break;
        const r = ranked(1);
        return averagePrecisionOf(r, w);
      }
      case "log_loss":
      case "brier": {
        // The unweighted binary mean comes from binaryPass, with no per-row array (16 MB per model at 1M
        // rows): those are kept only when a comparison or a bootstrap asks for rowLoss.
        const kept = losses.get(name);
        if (w === null && kept === undefined && pass) return name === "brier" ? pass.brier : pass.logLoss;
        return weightedMean(kept ?? rowLoss(name)!, w);
      }
      case "ece":
        return w === null && pass ? pass.ece : ece(w);
      default: {
        const v = metricFromConfusion(task, name, counts(w), c);
        if (v !== undefined) return v;
      }
    }
    throw new Error(`unknown ${task} metric "${name}"`);
  };

  const components = (k: number): Float64Array => {
    let v = parts.get(k);
    if (v === undefined) {
      v = delongComponents(ranked(k));
      parts.set(k, v);
    }
    return v;
  };

  const cached = (): PreparedWork => ({
    rankings: [...orders],
    losses: [...losses],
    metrics: [],
    components: [...parts],
    predicted: label,
  });
  return { task, n, metric, rowLoss, correct, predicted: () => label, ranking: ranked, components, cached };
}

/**
 * Everything the unweighted binary metrics need, in one pass over labels and scores instead of one
 * pass each: the labels as integers, the predicted classes, the 0/1 tag ranking needs, the confusion
 * counts, the log-loss and Brier means and ECE — each summed with the same terms in the same order as
 * the functions it stands in for (counts, weightedMean over rowLoss, ece), so the values are
 * identical. A label that is not 0/1 or a score that is not finite sends it to validate for the message.
 */
function binaryPass(
  yTrue: Float64Array,
  pred: Predictions,
): {
  y: Int32Array;
  label: Int32Array;
  positive: Uint8Array;
  confusion: Float64Array;
  logLoss: number;
  brier: number;
  ece: number;
} {
  const n = yTrue.length;
  const s = pred.scores;
  if (s.length !== n) validate("binary", yTrue, pred);
  const y = new Int32Array(n);
  const label = new Int32Array(n);
  const positive = new Uint8Array(n);
  const confusion = new Float64Array(4);
  const wSum = new Float64Array(10);
  const confSum = new Float64Array(10);
  const hitSum = new Float64Array(10);
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const v = yTrue[i]!;
    const p = s[i]!;
    if (!(v === 0 || v === 1) || !Number.isFinite(p)) validate("binary", yTrue, pred);
    const yi = v === 1 ? 1 : 0;
    const li = p > 0.5 ? 1 : 0;
    y[i] = yi;
    label[i] = li;
    positive[i] = yi;
    confusion[yi * 2 + li]!++;
    logLoss += binaryLogLossRow(p, yi);
    const d = p - yi;
    brier += d * d;
    const b = eceBin(p);
    wSum[b]! += 1;
    confSum[b]! += p;
    hitSum[b]! += yi;
  }
  const ece = eceOf(wSum, confSum, hitSum, n);
  return { y, label, positive, confusion, logLoss: logLoss / n, brier: brier / n, ece };
}

/** ECE's bin of a confidence: ten equal-width bins over [0, 1]. */
function eceBin(conf: number): number {
  return Math.max(0, Math.min(Math.floor(conf * 10), 9));
}

/** ECE from per-bin weight, confidence and hit sums: NaN when there is no weight at all. */
function eceOf(wSum: Float64Array, confSum: Float64Array, hitSum: Float64Array, total: number): number {
  if (total === 0) return Number.NaN;
  let e = 0;
  for (let b = 0; b < 10; b++) {
    const nb = wSum[b]!;
    if (nb > 0) e += (nb / total) * Math.abs(hitSum[b]! / nb - confSum[b]! / nb);
  }
  return e;
}

function binaryBrier(s: Float64Array, y: Int32Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const d = s[i]! - y[i]!;
    out[i] = d * d;
  }
}

/** Clipped to [ε, 1 − ε], then the row [1 − p, p] renormalised (sklearn 1.2). */
function binaryLogLossRow(p: number, y: number): number {
  const pc = Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  const sum = 1 - pc + pc;
  return -Math.log((y === 1 ? pc : 1 - pc) / sum);
}

function binaryLogLoss(s: Float64Array, y: Int32Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = binaryLogLossRow(s[i]!, y[i]!);
}

function multiLoss(name: string, s: Float64Array, i: number, c: number, y: number): number {
  let acc = 0;
  if (name === "brier") {
    for (let k = 0; k < c; k++) {
      const d = s[i * c + k]! - (k === y ? 1 : 0);
      acc += d * d;
    }
    return acc;
  }
  for (let k = 0; k < c; k++) acc += Math.min(Math.max(s[i * c + k]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return -Math.log(Math.min(Math.max(s[i * c + y]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS) / acc);
}

function weightedMean(v: Float64Array, w: Weights | null): number {
  let sum = 0;
  let total = 0;
  if (w === null) {
    for (let i = 0; i < v.length; i++) sum += v[i]!;
    return sum / v.length;
  }
  for (let i = 0; i < v.length; i++) {
    sum += w[i]! * v[i]!;
    total += w[i]!;
  }
  return sum / total;
}

function regressionEvaluator(y: Float64Array, yhat: Float64Array, seed?: PreparedWork): MetricEvaluator {
  const n = y.length;
  const losses = new Map<string, Float64Array>(seed?.losses);
  const rowLoss = (name: string): Float64Array | null => {
    if (name !== "rmse" && name !== "mae" && name !== "mape") return null;
    let l = losses.get(name);
    if (l !== undefined) return l;
    l = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = y[i]! - yhat[i]!;
      l[i] = name === "rmse" ? e * e : name === "mae" ? Math.abs(e) : Math.abs(e) / Math.max(Math.abs(y[i]!), Number.EPSILON);
    }
    losses.set(name, l);
    return l;
  };
  const r2 = (w: Weights | null): number => {
    let total = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i]!;
      total += wi;
      sy += wi * y[i]!;
    }
    const mean = sy / total;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < n; i++) {
      const wi = w === null ? 1 : w[i]!;
      const e = y[i]! - yhat[i]!;
      const d = y[i]! - mean;
      ssRes += wi * e * e;
      ssTot += wi * d * d;
    }
    if (ssTot === 0) return ssRes === 0 ? 1 : 0;
    return 1 - ssRes / ssTot;
  };
  const metric = (name: string, w: Weights | null = null): number => {
    if (name === "r2") return r2(w);
    const l = rowLoss(name);
    if (l === null) throw new Error(`unknown regression metric "${name}"`);
    const mean = weightedMean(l, w);
    return name === "rmse" ? Math.sqrt(mean) : mean;
  };
  const none = (): never => {
    throw new Error("regression has no classes");
  };
  const cached = (): PreparedWork => ({ rankings: [], losses: [...losses], metrics: [], components: [] });
  return {
    task: "regression",
    n,
    metric,
    rowLoss,
    correct: none,
    predicted: none,
    ranking: none,
    components: none,
    cached,
  };
}
