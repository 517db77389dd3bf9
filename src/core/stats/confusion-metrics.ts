/**
 * Classification metrics that depend only on the (weighted) confusion matrix, with scikit-learn's
 * conventions: zero_division = 0; macro averages over the labels present in y_true or y_pred
 * (unique_labels); weighted averages by true support; balanced accuracy over classes with support.
 */

const div0 = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const AVERAGED = /^(precision|recall|f1)_(macro|weighted)$/;

/** True for the metrics metricFromConfusion computes (a function of the confusion matrix alone). */
export function isConfusionMetric(task: "binary" | "multiclass", name: string): boolean {
  if (name === "accuracy" || name === "balanced_accuracy") return true;
  return task === "binary" ? name === "precision" || name === "recall" || name === "f1" : AVERAGED.test(name);
}

/**
 * Metrics that depend only on the (weighted) C×C confusion matrix (row = true class, flattened row-major);
 * undefined for other names.
 */
export function metricFromConfusion(
  task: "binary" | "multiclass",
  name: string,
  cm: Float64Array,
  c: number,
): number | undefined {
  let total = 0;
  for (const v of cm) total += v;
  const tp = (k: number) => cm[k * c + k]!;
  const row = (k: number) => {
    let t = 0;
    for (let j = 0; j < c; j++) t += cm[k * c + j]!;
    return t;
  };
  const col = (k: number) => {
    let t = 0;
    for (let j = 0; j < c; j++) t += cm[j * c + k]!;
    return t;
  };
  if (name === "accuracy") {
    let hits = 0;
    for (let k = 0; k < c; k++) hits += tp(k);
    return hits / total;
  }
  if (name === "balanced_accuracy") {
    let sum = 0;
    let present = 0;
    for (let k = 0; k < c; k++) {
      const support = row(k);
      if (support > 0) {
        sum += tp(k) / support;
        present++;
      }
    }
    return sum / present;
  }
  const precision = (k: number) => div0(tp(k), col(k));
  const recall = (k: number) => div0(tp(k), row(k));
  // 2PR/(P+R) written with counts: equal, and 0 where sklearn's zero_division=0 gives 0.
  const f1 = (k: number) => div0(2 * tp(k), row(k) + col(k));
  if (task === "binary") {
    if (name === "precision") return precision(1);
    if (name === "recall") return recall(1);
    if (name === "f1") return f1(1);
    return undefined;
  }
  const m = AVERAGED.exec(name);
  if (m === null) return undefined;
  const fn = m[1] === "precision" ? precision : m[1] === "recall" ? recall : f1;
  let sum = 0;
  let norm = 0;
  for (let k = 0; k < c; k++) {
    const support = row(k);
    if (support === 0 && col(k) === 0) continue;
    const weight = m[2] === "macro" ? 1 : support;
    sum += weight * fn(k);
    norm += weight;
  }
  return div0(sum, norm);
}
