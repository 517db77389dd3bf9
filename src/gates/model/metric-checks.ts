import type { Check } from "../../core/report.js";
import type { Predictions } from "./metrics.js";
import { comparePaired, type PairedResult } from "./paired.js";
import type { VerdictSettings } from "./settings.js";
import { describe, judge } from "./verdict.js";

export interface Scores {
  yTrue: Float64Array;
  candidate: Predictions;
  baseline?: Predictions;
}

/** Paired comparison of one metric over all rows (or a slice's rows), when there is a baseline. */
export function compareMetric(v: VerdictSettings, metric: string, s: Scores, rows?: Int32Array): PairedResult | undefined {
  if (!s.baseline) return undefined;
  return comparePaired(v.task, metric, s.yTrue, s.candidate, s.baseline, {
    samples: v.bootstrap.samples,
    seed: v.bootstrap.seed,
    ...(rows ? { rows } : {}),
  });
}

/**
 * `metric.<name>`: one check per configured threshold over every row; the primary metric is always
 * compared (for the summary and outputs) even when it has no threshold.
 */
export function metricChecks(
  v: VerdictSettings,
  s: Scores,
  candidateMetrics: Record<string, number>,
): { checks: Check[]; comparisons: Record<string, PairedResult> } {
  const checks: Check[] = [];
  const comparisons: Record<string, PairedResult> = {};
  const names = new Set([v.primaryMetric, ...Object.keys(v.thresholds)]);
  for (const metric of names) {
    const paired = compareMetric(v, metric, s);
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
      details: j.details,
    });
  }
  return { checks, comparisons };
}
