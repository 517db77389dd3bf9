/**
 * Timing of the model metrics and paired comparisons at N = 1M (not a vitest file: timings are reported,
 * not asserted). Run: npx tsx test/model-metrics/bench-metrics.ts [rows]
 */
import { computeMetrics, type Predictions } from "../../src/gates/model/metrics.js";
import { comparePaired } from "../../src/gates/model/paired.js";

const n = Number(process.argv[2] ?? 1_000_000);
let state = 12345;
const rand = (): number => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
};
const y = new Float64Array(n);
const cand = new Float64Array(n);
const base = new Float64Array(n);
for (let i = 0; i < n; i++) {
  y[i] = rand() < 0.3 ? 1 : 0;
  // float32-rounded probabilities, as an ONNX model returns them.
  cand[i] = Math.fround(1 / (1 + Math.exp(-(2 * (2 * y[i]! - 1) + 2 * (rand() - 0.5) * 3))));
  base[i] = Math.fround(1 / (1 + Math.exp(-(1.6 * (2 * y[i]! - 1) + 2 * (rand() - 0.5) * 3))));
}
const c: Predictions = { scores: cand, classes: 2 };
const b: Predictions = { scores: base, classes: 2 };

function time<T>(label: string, fn: () => T): T {
  const runs: number[] = [];
  const cpu: number[] = [];
  let out: T | undefined;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    out = fn();
    const c1 = process.cpuUsage(c0);
    runs.push(performance.now() - t0);
    cpu.push((c1.user + c1.system) / 1000);
  }
  runs.sort((a, b2) => a - b2);
  cpu.sort((a, b2) => a - b2);
  // CPU time too: on a shared machine the wall clock includes other processes' turns.
  console.log(
    `${label}: wall median ${runs[2]!.toFixed(0)} ms (min ${runs[0]!.toFixed(0)}), cpu median ${cpu[2]!.toFixed(0)} ms (min ${cpu[0]!.toFixed(0)}) at N = ${n}`,
  );
  return out!;
}

time("computeMetrics binary (all 10 metrics)", () => computeMetrics("binary", y, c));
for (const metric of ["roc_auc", "accuracy", "log_loss", "pr_auc"]) {
  const r = time(`comparePaired binary ${metric} (samples 1000)`, () =>
    comparePaired("binary", metric, y, c, b, { samples: 1000, seed: 1 }),
  );
  console.log(
    `  -> delta ${r.delta.toFixed(5)} ci [${r.ci[0].toFixed(5)}, ${r.ci[1].toFixed(5)}] p ${r.pValue.toExponential(3)} ${r.test}/${r.ciMethod}/${r.samples}`,
  );
}
const k = 4;
const probs = new Float64Array(n * k);
const yk = new Float64Array(n);
for (let i = 0; i < n; i++) {
  yk[i] = Math.floor(rand() * k);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += probs[i * k + j] = Math.exp(rand() * 2 + (j === yk[i] ? 1 : 0));
  for (let j = 0; j < k; j++) probs[i * k + j] = Math.fround(probs[i * k + j]! / sum);
}
const mc: Predictions = { scores: probs, classes: k };
time("computeMetrics multiclass k=4 (all 12 metrics)", () => computeMetrics("multiclass", yk, mc));
for (const metric of ["accuracy", "roc_auc", "f1_macro"]) {
  const r = time(`comparePaired multiclass ${metric} (samples 1000)`, () =>
    comparePaired("multiclass", metric, yk, mc, mc, { samples: 1000, seed: 1 }),
  );
  console.log(`  -> ${r.test}/${r.ciMethod}/${r.samples}`);
}
