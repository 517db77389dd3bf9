import * as ort from "onnxruntime-node";
import type { OnnxGateConfig } from "../../core/config.js";
import type { Check } from "../../core/report.js";
import { RUN_OPTIONS } from "./load.js";
import type { Feed } from "./synth.js";
import { toOrtTensor } from "./tensor.js";

export const DEFAULT_RUNS = 100;
export const DEFAULT_WARMUP = 10;

export interface LatencyStats {
  batch: number;
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  baseline?: { p50: number; p95: number; p99: number };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const round = (x: number): number => Number(x.toFixed(4));

function stats(ms: number[]): { p50: number; p95: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)) };
}

function ortFeed(feed: Feed): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(feed).map(([k, t]) => [k, toOrtTensor(t)]));
}

async function timed(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>): Promise<number> {
  const t0 = performance.now();
  await session.run(feeds, RUN_OPTIONS);
  return performance.now() - t0;
}

/**
 * p50/p95/p99 wall time per inference after warm-up. With a baseline, runs alternate between the two
 * models (and which goes first) so both see the same machine state: a ratio from interleaved runs
 * survives a noisy CI runner far better than two separate timings.
 */
export async function measureLatency(
  session: ort.InferenceSession,
  feed: Feed,
  batch: number,
  cfg: OnnxGateConfig,
  baseline?: { session: ort.InferenceSession; feed: Feed; firstRun?: <T>(run: () => Promise<T>) => Promise<T> },
): Promise<LatencyStats> {
  const runs = cfg.latency?.runs ?? DEFAULT_RUNS;
  const warmup = cfg.latency?.warmup ?? DEFAULT_WARMUP;
  const a = ortFeed(feed);
  let b = baseline ? ortFeed(baseline.feed) : undefined;
  if (baseline && b) {
    // A baseline that cannot run these inputs is left out of the timing, not allowed to abort it.
    const bf = b;
    const first = () => baseline.session.run(bf, RUN_OPTIONS);
    await (baseline.firstRun ? baseline.firstRun(first) : first()).catch(() => (b = undefined));
  }
  for (let i = 0; i < warmup; i++) {
    await session.run(a, RUN_OPTIONS);
    if (baseline && b) await baseline.session.run(b, RUN_OPTIONS);
  }
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (baseline && b && i % 2 === 1) theirs.push(await timed(baseline.session, b));
    mine.push(await timed(session, a));
    if (baseline && b && i % 2 === 0) theirs.push(await timed(baseline.session, b));
  }
  const out: LatencyStats = { batch, runs, ...stats(mine) };
  if (theirs.length) out.baseline = stats(theirs);
  return out;
}

/** The budget check for one batch size: p95 in ms and/or as a ratio to the baseline's p95. */
export function latencyCheck(s: LatencyStats, cfg: OnnxGateConfig): Check {
  const maxMs = cfg.latency?.max_ms;
  const maxRatio = cfg.latency?.max_ratio;
  const id = `latency.batch_${s.batch}`;
  const title = `p95 latency at batch ${s.batch}`;
  const details: Record<string, number> = { p50_ms: s.p50, p95_ms: s.p95, p99_ms: s.p99, runs: s.runs };
  if (s.baseline)
    Object.assign(details, { baseline_p50_ms: s.baseline.p50, baseline_p95_ms: s.baseline.p95, baseline_p99_ms: s.baseline.p99 });
  const problems: string[] = [];
  const notes: string[] = [];
  if (maxMs !== undefined) (s.p95 > maxMs ? problems : notes).push(`p95 ${s.p95} ms ${s.p95 > maxMs ? ">" : "<="} ${maxMs} ms`);
  let ratio: number | undefined;
  if (maxRatio !== undefined) {
    if (!s.baseline) notes.push("max_ratio needs --baseline; not judged");
    else {
      ratio = s.baseline.p95 > 0 ? s.p95 / s.baseline.p95 : 1;
      details.ratio = round(ratio);
      (ratio > maxRatio ? problems : notes).push(
        `p95 ratio to baseline ${ratio.toFixed(2)} ${ratio > maxRatio ? ">" : "<="} ${maxRatio}`,
      );
    }
  }
  const judged = maxMs !== undefined || (maxRatio !== undefined && s.baseline !== undefined);
  return {
    id,
    title,
    status: !judged ? "skip" : problems.length ? "fail" : "pass",
    observed: `p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms`,
    ...(judged
      ? {
          expected: [maxMs !== undefined ? `p95 <= ${maxMs} ms` : "", ratio !== undefined ? `ratio <= ${maxRatio}` : ""]
            .filter(Boolean)
            .join(", "),
        }
      : {}),
    message: judged
      ? `${[...problems, ...notes].join("; ")} (${s.runs} runs, one thread).`
      : `No latency budget set (gates.onnx.latency.max_ms or max_ratio); measured over ${s.runs} runs, one thread.${notes.length ? ` ${notes.join("; ")}.` : ""}`,
    details,
  };
}
