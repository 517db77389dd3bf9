import type * as ort from "onnxruntime-node";
import { ConfigurationError } from "../../core/errors.js";
import type { Task } from "./metrics.js";
import type { LoadedModel, OutputPlan } from "./session.js";

/** Score columns stored per row: P(class 1) for binary, C probabilities for multiclass, the value for regression. */
export function scoreWidth(task: Task, classes: number): number {
  return task === "multiclass" ? classes : 1;
}

function rowsAreProbabilities(v: ArrayLike<number>, n: number, width: number): boolean {
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let c = 0; c < width; c++) {
      const x = v[r * width + c] ?? NaN;
      if (!(x >= 0 && x <= 1)) return false;
      sum += x;
    }
    if (width > 1 && Math.abs(sum - 1) > 1e-3) return false;
  }
  return true;
}

/**
 * Turns one batch of a model's output into scores, appended at `out[offset…]`. The first batch
 * decides whether rows are probabilities or logits, so every batch of a run is read the same way.
 */
export function decodeScores(
  m: LoadedModel,
  task: Task,
  plan: OutputPlan,
  t: ort.Tensor,
  n: number,
  classes: number,
  out: Float64Array,
  offset: number,
): void {
  const v = t.data as ArrayLike<number | bigint | boolean>;
  if (v.length % Math.max(1, n) !== 0 || (n > 0 && v.length === 0))
    throw new ConfigurationError(`${m.flag} ${m.display}: output "${plan.name}" returned ${v.length} values for ${n} rows`);
  const width = n === 0 ? 1 : v.length / n;
  if (plan.kind === "label") {
    // Binary only (planOutput refuses label-only multiclass): the label is the score, 0 or 1.
    for (let r = 0; r < n; r++) {
      const y = Number(v[r]);
      if (y !== 0 && y !== 1)
        throw new ConfigurationError(
          `${m.flag} ${m.display}: label output "${plan.name}" predicted class ${y}; a binary model predicts 0 or 1`,
        );
      out[offset + r] = y;
    }
    return;
  }
  const f = v as ArrayLike<number>;
  if (task === "regression") {
    if (width !== 1)
      throw new ConfigurationError(
        `${m.flag} ${m.display}: output "${plan.name}" has ${width} columns; a regression model needs shape [N] or [N, 1]`,
      );
    for (let r = 0; r < n; r++) out[offset + r] = f[r] ?? NaN;
    return;
  }
  if (task === "binary" && width > 2)
    throw new ConfigurationError(
      `${m.flag} ${m.display}: output "${plan.name}" has ${width} columns but --task is binary; use --task multiclass`,
    );
  if (task === "multiclass" && width !== classes)
    throw new ConfigurationError(
      `${m.flag} ${m.display}: output "${plan.name}" has ${width} columns but the models score ${classes} classes`,
    );
  plan.transform ??= rowsAreProbabilities(f, n, width) ? "none" : width === 1 ? "sigmoid" : "softmax";
  if (task === "binary") {
    for (let r = 0; r < n; r++) {
      let p: number;
      if (width === 1) {
        const x = f[r] ?? NaN;
        p = plan.transform === "none" ? x : 1 / (1 + Math.exp(-x));
      } else {
        const a = f[2 * r] ?? NaN;
        const b = f[2 * r + 1] ?? NaN;
        p = plan.transform === "none" ? b : 1 / (1 + Math.exp(a - b));
      }
      out[offset + r] = p;
    }
    return;
  }
  for (let r = 0; r < n; r++) {
    const base = r * width;
    const dst = (offset + r) * width;
    if (plan.transform === "none") {
      for (let c = 0; c < width; c++) out[dst + c] = f[base + c] ?? NaN;
      continue;
    }
    let max = -Infinity;
    for (let c = 0; c < width; c++) max = Math.max(max, f[base + c] ?? NaN);
    let sum = 0;
    for (let c = 0; c < width; c++) {
      const e = Math.exp((f[base + c] ?? NaN) - max);
      out[dst + c] = e;
      sum += e;
    }
    for (let c = 0; c < width; c++) out[dst + c] = (out[dst + c] ?? 0) / sum;
  }
}

/** The number of classes a classification model scores, from its declared output width. */
export function classesOf(task: Task, plan: OutputPlan): number | undefined {
  if (task === "binary") return 2;
  if (task === "regression") return 1;
  return plan.kind === "scores" ? plan.width : undefined;
}
