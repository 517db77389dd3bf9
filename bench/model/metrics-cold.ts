/**
 * One binary model's metric evaluator on 1M rows, as the gate builds it: once, in a fresh process
 * (cold code, fresh memory), each step timed. `npx tsx bench/model/metrics-cold.ts [rows] [rounds]`;
 * rounds after the first show the same work warm. Scores are float32-rounded sigmoids, as an ONNX
 * model returns them.
 */
import { prepareMetrics } from "../../src/gates/model/metrics.js";

const n = Number(process.argv[2] ?? 1_000_000);
const rounds = Math.max(1, Number(process.argv[3] ?? 1));
let state = 7;
const rand = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const y = new Float64Array(n);
const scores = new Float64Array(n);
for (let i = 0; i < n; i++) {
  y[i] = rand() < 0.5 ? 1 : 0;
  scores[i] = Math.fround(1 / (1 + Math.exp(-(rand() * 4 - 2 + (y[i] ?? 0) * 0.1))));
}
const METRICS = ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "brier", "ece"];
for (let r = 0; r < rounds; r++) {
  const laps: string[] = [];
  const t0 = performance.now();
  let t = t0;
  const lap = (name: string): void => {
    const now = performance.now();
    laps.push(`${name} ${(now - t).toFixed(0)}`);
    t = now;
  };
  const ev = prepareMetrics("binary", y, { scores, classes: 1 });
  lap("prepare");
  for (const m of METRICS) {
    ev.metric(m);
    lap(m);
  }
  ev.components(1);
  lap("delong components");
  console.log(`${r === 0 ? "cold" : "warm"} ${(performance.now() - t0).toFixed(0)} ms: ${laps.join(", ")}`);
}
