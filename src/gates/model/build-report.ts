import { makeReport, type Check, type Report, type Scalar } from "../../core/report.js";
import { fairnessChecks } from "./fairness.js";
import { comparedMetrics, metricChecks, prepareBoth, type Prepared, type Scores } from "./metric-checks.js";
import { allMetrics, METRICS } from "./metrics.js";
import { HelperThread, workerSetting } from "./helper-thread.js";
import { HELPER_MIN_ROWS, prepareConcurrently, startBaseline } from "./prepare-concurrent.js";
import { fairnessSection, metricTable, operationsSection, sliceSections } from "./sections.js";
import { sliceChecks } from "./slices.js";
import type { EvalState, LatencyStats, RobustnessStats } from "./state.js";
import { applyWaivers, fmtDelta, fmtNum } from "./verdict.js";
import { formatCount } from "../../render/format.js";

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? NaN) + ((s[hi] ?? NaN) - (s[lo] ?? NaN)) * (pos - lo);
}

/** Between the two models on the same rows: how often the predicted class differs, and mean |Δ score|. */
function agreement(st: EvalState, s: Scores, p: Prepared): { flip_rate?: number; mean_abs_delta: number } | undefined {
  if (!s.baseline || !p.baseline) return undefined;
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

function latencySummary(l: LatencyStats): Record<string, Record<string, number>> {
  const one = (xs: number[], tp: number): Record<string, number> => ({
    p50_ms: quantile(xs, 0.5),
    p95_ms: quantile(xs, 0.95),
    throughput_rows_per_s: tp,
  });
  return {
    candidate: one(l.candidate, l.candidateThroughput),
    ...(l.baseline.length ? { baseline: one(l.baseline, l.baselineThroughput) } : {}),
  };
}

function latencyCheck(st: EvalState, l: LatencyStats): Check | undefined {
  const budget = st.settings.verdict.latencyMaxRatio;
  if (budget === undefined || l.baseline.length === 0) return undefined;
  const ratio = quantile(l.candidate, 0.95) / quantile(l.baseline, 0.95);
  const ok = ratio <= budget;
  return {
    id: "latency.p95_ratio",
    title: "batch-1 p95 latency, candidate / baseline",
    status: ok ? "pass" : "fail",
    observed: Number(ratio.toFixed(3)),
    expected: `<= ${budget}`,
    message: `candidate p95 ${fmtNum(quantile(l.candidate, 0.95), 3)} ms vs baseline ${fmtNum(quantile(l.baseline, 0.95), 3)} ms: ratio ${fmtNum(ratio, 3)}${ok ? "" : `, over the budget ${budget}`}`,
  };
}

function robustnessCheck(st: EvalState, r: RobustnessStats): Check | undefined {
  const budget = st.settings.verdict.robustnessMaxFlipRate;
  if (budget === undefined || st.task === "regression") return undefined;
  const rate = r.rows ? r.candidate.flips / r.rows : 0;
  const ok = rate <= budget;
  return {
    id: "robustness.flip_rate",
    title: `prediction flips under ε = ${r.epsilon} σ perturbations`,
    status: ok ? "pass" : "fail",
    observed: rate,
    expected: `<= ${budget}`,
    message: `${r.candidate.flips} of ${r.rows} predictions flipped (baseline ${r.baseline.flips})${ok ? "" : `, more than the allowed rate ${budget}`}`,
  };
}

function scoresOf(st: EvalState): Scores {
  return {
    yTrue: st.yTrue,
    candidate: { scores: st.candidate, classes: st.classes },
    ...(st.baseline ? { baseline: { scores: st.baseline, classes: st.classes } } : {}),
  };
}

/**
 * Starts the baseline's evaluator on the helper thread as soon as the scores are final (the gate
 * calls this after its latency probe); buildReportConcurrently then takes over that job.
 */
export function startBaselineMetrics(st: EvalState, progress: (m: string) => void, helper: HelperThread): void {
  // Never rejects: a failed job resolves to null and prepareConcurrently then works here.
  void startBaseline(st.task, scoresOf(st), progress, helper, comparedMetrics(st.settings.verdict).has("roc_auc"));
}

/**
 * buildReport with the two models' evaluators prepared on two threads (prepareConcurrently): the same
 * report. `helper`: the gate's helper thread if it started one; otherwise one is started here when
 * the rows are many enough to gain from it, and ended with the report.
 */
export async function buildReportConcurrently(
  st: EvalState,
  progress: (m: string) => void,
  helper?: HelperThread,
): Promise<Report> {
  const worth = st.task !== "regression" && (workerSetting() === "on" || st.yTrue.length >= HELPER_MIN_ROWS);
  const own = helper === undefined && st.baseline && worth ? HelperThread.start() : undefined;
  try {
    const comparesAuc = comparedMetrics(st.settings.verdict).has("roc_auc");
    return buildReport(st, await prepareConcurrently(st.task, scoresOf(st), progress, helper ?? own, comparesAuc));
  } finally {
    own?.close();
  }
}

/**
 * Where the baseline came from (its origin and the first 12 hex digits of its SHA-256), or that
 * there was none and why: a reviewer must never mistake "nothing to compare with" for "no worse".
 */
export function baselineSource(st: EvalState): string {
  const sub = st.subjects.find((x) => x.role === "baseline");
  if (st.baseline && sub) return `baseline ${st.baselineOrigin ?? sub.path} (sha256 ${sub.sha256.slice(0, 12)})`;
  return `no baseline (${st.noBaseline ?? "none given"}): absolute thresholds only`;
}

/** compute -> compare -> decide over a scored evaluation set; the same for one run and a merge of shards. */
export function buildReport(st: EvalState, preparedBefore?: Prepared): Report {
  const v = st.settings.verdict;
  const s = scoresOf(st);
  const prepared = preparedBefore ?? prepareBoth(st.task, s);
  const cand = allMetrics(prepared.candidate);
  const base = prepared.baseline ? allMetrics(prepared.baseline) : undefined;
  const m = metricChecks(v, prepared, cand);
  const sl = sliceChecks(v, s, st.groups);
  const fair = fairnessChecks(v, s, st.groups);
  const checks: Check[] = [...m.checks, ...sl.checks, ...fair.checks];
  const agree = agreement(st, s, prepared);
  const ops: Scalar[][] = [];
  if (agree) {
    if (agree.flip_rate !== undefined) ops.push(["predictions that differ between the models", "", fmtNum(agree.flip_rate)]);
    ops.push(["mean |Δ score| between the models", "", fmtNum(agree.mean_abs_delta)]);
  }
  if (st.latency) {
    const lc = latencyCheck(st, st.latency);
    if (lc) checks.push(lc);
    const ls = latencySummary(st.latency);
    ops.push([
      "batch-1 p50 / p95 (ms)",
      ls.baseline ? `${fmtNum(ls.baseline.p50_ms, 3)} / ${fmtNum(ls.baseline.p95_ms, 3)}` : "",
      `${fmtNum(ls.candidate?.p50_ms, 3)} / ${fmtNum(ls.candidate?.p95_ms, 3)}`,
    ]);
    ops.push([
      "batch-256 throughput (rows/s)",
      ls.baseline ? Math.round(ls.baseline.throughput_rows_per_s ?? 0) : "",
      Math.round(ls.candidate?.throughput_rows_per_s ?? 0),
    ]);
  }
  if (st.robustness) {
    const rc = robustnessCheck(st, st.robustness);
    if (rc) checks.push(rc);
    const r = st.robustness;
    const rate = (x: { flips: number }): string => (st.task === "regression" ? "" : fmtNum(r.rows ? x.flips / r.rows : NaN));
    ops.push([
      `flip rate under ε = ${r.epsilon} σ noise (${r.rows} rows)`,
      st.baseline ? rate(r.baseline) : "",
      rate(r.candidate),
    ]);
    ops.push([
      "mean |Δ score| under that noise",
      st.baseline ? fmtNum(r.rows ? r.baseline.absDelta / r.rows : NaN) : "",
      fmtNum(r.rows ? r.candidate.absDelta / r.rows : NaN),
    ]);
  }
  const final = applyWaivers(checks, v.waive);
  const primary = v.primaryMetric;
  const pc = m.comparisons[primary];
  const failed = final.filter((c) => c.status === "fail");
  const warned = final.filter((c) => c.status === "warn");
  const head = pc
    ? `candidate ${primary} ${fmtNum(pc.candidate)} vs baseline ${fmtNum(pc.baseline)} (Δ ${fmtDelta(pc.delta)}, 95% CI ${fmtDelta(pc.ci[0])} to ${fmtDelta(pc.ci[1])})`
    : `candidate ${primary} ${fmtNum(cand[primary])}`;
  const ids = (cs: Check[]): string =>
    `${cs
      .slice(0, 3)
      .map((c) => c.id)
      .join(", ")}${cs.length > 3 ? ` and ${cs.length - 3} more` : ""}`;
  const tail = failed.length
    ? `; failed: ${ids(failed)}`
    : warned.length
      ? `; nothing failed, ${warned.length} warned: ${ids(warned)}`
      : `; ${final.length} checks passed or skipped`;
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
      ...(base ? { baseline: base } : {}),
      slices: sl.slices.map((r) => ({
        slice: r.slice,
        group: r.group,
        level: r.level,
        kind: r.kind,
        rows: r.rows,
        candidate: r.candidate,
        ...(r.baseline ? { baseline: r.baseline } : {}),
        ...(r.comparison ? { comparison: r.comparison } : {}),
        status: r.status,
      })),
      comparisons: m.comparisons,
      ...(agree ? { agreement: agree } : {}),
      ...(fair.results.length ? { fairness: fair.results } : {}),
      ...(st.latency ? { latency: latencySummary(st.latency) } : {}),
      ...(st.robustness ? { robustness: st.robustness } : {}),
      interpretation: st.outputs,
      outputs: {
        "primary-metric": primary,
        "candidate-value": cand[primary] ?? null,
        "baseline-value": base?.[primary] ?? null,
        delta: pc ? pc.delta : null,
      },
    },
    sections: [
      metricTable(METRICS[st.task], cand, base, m.comparisons, final),
      ...sliceSections(primary, sl.slices),
      ...fairnessSection(fair.results),
      ...operationsSection(ops),
    ],
  });
}
