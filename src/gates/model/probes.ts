import type * as ort from "onnxruntime-node";
import { makeRng } from "../../core/stats/rng.js";
import { runModel } from "./feed.js";
import type { Task } from "./metrics.js";
import { decodeScores, scoreWidth } from "./outputs.js";
import type { InputDType, LoadedModel, OutputPlan } from "./session.js";
import type { LatencyStats, RobustnessStats } from "./state.js";
import { onnxruntime } from "./ort.js";

interface Probe {
  model: LoadedModel;
  output: OutputPlan;
}

export interface SampleFeed {
  input: string;
  dtype: InputDType;
  features: Float64Array;
  width: number;
  rows: number;
}

function tensorOf(s: SampleFeed, values: Float64Array, n: number): Record<string, ort.Tensor> {
  const data = s.dtype === "float32" ? Float32Array.from(values.subarray(0, n * s.width)) : values.slice(0, n * s.width);
  return { [s.input]: new (onnxruntime().Tensor)(s.dtype === "float32" ? "float32" : "float64", data, [n, s.width]) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * `latency.*` numbers: batch-1 latency of both models, runs interleaved (candidate, baseline,
 * candidate…) in one process so load on the machine hits both alike; then batch-256 throughput.
 */
export async function measureLatency(s: SampleFeed, cand: Probe, base: Probe | undefined, runs: number): Promise<LatencyStats> {
  const rows = Math.max(1, s.rows);
  const one = Array.from({ length: Math.min(rows, 64) }, (_, i) => tensorOf(s, s.features.subarray(i * s.width), 1));
  const c: number[] = [];
  const b: number[] = [];
  const warmup = 10;
  for (let k = 0; k < runs + warmup; k++) {
    const feed = one[k % one.length] ?? {};
    // Only the first (warm-up) run is marked for the crash guard: the timed ones carry no marker writes.
    const tc = await timed(() => runModel(cand.model, feed, cand.output.name, k === 0));
    const tb = base ? await timed(() => runModel(base.model, feed, base.output.name, k === 0)) : 0;
    if (k >= warmup) {
      c.push(tc);
      if (base) b.push(tb);
    }
  }
  const n = Math.min(256, rows);
  const big = tensorOf(s, s.features, n);
  // The median round, so one preemption on a busy runner does not decide the throughput.
  const rounds = 50;
  const tc: number[] = [];
  const tb: number[] = [];
  for (let k = 0; k < rounds + 2; k++) {
    const a = await timed(() => runModel(cand.model, big, cand.output.name, k === 0));
    const d = base ? await timed(() => runModel(base.model, big, base.output.name, k === 0)) : 0;
    if (k >= 2) {
      tc.push(a);
      tb.push(d);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
  return {
    candidate: c,
    baseline: b,
    candidateThroughput: n / (median(tc) / 1000),
    baselineThroughput: base ? n / (median(tb) / 1000) : 0,
  };
}

/** Standard normal draws from a seeded generator (Box–Muller). */
function gaussian(rng: ReturnType<typeof makeRng>): number {
  const u = Math.max(rng.next(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function predicted(task: Task, v: Float64Array, r: number, classes: number): number {
  if (task === "binary") return (v[r] ?? 0) > 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < classes; c++) if ((v[r * classes + c] ?? 0) > (v[r * classes + best] ?? 0)) best = c;
  return best;
}

/**
 * `robustness.*` sums: each numeric feature moved by epsilon × its standard deviation (seeded normal
 * noise), then how often the predicted class flips and the mean |Δ| of the score, per model. The
 * original scores are the ones already computed for the same rows.
 */
export async function measureRobustness(
  task: Task,
  classes: number,
  s: SampleFeed,
  epsilon: number,
  seed: number,
  models: { probe: Probe; original: Float64Array; key: "candidate" | "baseline" }[],
): Promise<RobustnessStats> {
  const n = s.rows;
  const F = s.width;
  const sd = new Float64Array(F);
  for (let j = 0; j < F; j++) {
    let sum = 0;
    let sq = 0;
    for (let r = 0; r < n; r++) {
      const x = s.features[r * F + j] ?? 0;
      sum += x;
      sq += x * x;
    }
    const mean = n ? sum / n : 0;
    sd[j] = n > 1 ? Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1))) : 0;
  }
  const rng = makeRng(seed);
  const moved = new Float64Array(n * F);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < F; j++) moved[r * F + j] = (s.features[r * F + j] ?? 0) + epsilon * (sd[j] ?? 0) * gaussian(rng);
  const width = scoreWidth(task, classes);
  const out: RobustnessStats = { epsilon, rows: n, candidate: { flips: 0, absDelta: 0 }, baseline: { flips: 0, absDelta: 0 } };
  const batch = 4096;
  for (const m of models) {
    const scores = new Float64Array(n * width);
    for (let start = 0; start < n; start += batch) {
      const k = Math.min(batch, n - start);
      const t = await runModel(m.probe.model, tensorOf(s, moved.subarray(start * F), k), m.probe.output.name);
      decodeScores(m.probe.model, task, m.probe.output, t, k, classes, scores, start);
    }
    const acc = out[m.key];
    for (let r = 0; r < n; r++) {
      if (task !== "regression" && predicted(task, scores, r, classes) !== predicted(task, m.original, r, classes)) acc.flips++;
      if (task === "multiclass") {
        const c = predicted(task, m.original, r, classes);
        acc.absDelta += Math.abs((scores[r * classes + c] ?? 0) - (m.original[r * classes + c] ?? 0));
      } else acc.absDelta += Math.abs((scores[r] ?? 0) - (m.original[r] ?? 0));
    }
  }
  return out;
}
