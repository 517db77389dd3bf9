import type { Check } from "../../core/report.js";
import { prepareMetrics, type MetricEvaluator, type Predictions, type Task } from "./metrics.js";
import { compareEvaluators, type PairedResult } from "./paired.js";
import type { VerdictSettings } from "./settings.js";
import { describe, judge } from "./verdict.js";

export interface Scores {
  yTrue: Float64Array;
  candidate: Predictions;
  baseline?: Predictions;
}

/**
 * Both models' evaluators on the same rows (all rows or one slice's), prepared once: every metric and
 * every paired comparison reuses their argmax, sort orders and per-row losses (one sort per model and
 * class instead of one per metric).
 */
export interface Prepared {
  y: Float64Array;
  candidate: MetricEvaluator;
  baseline?: MetricEvaluator;
  classes: number;
}

export function prepareBoth(task: Task, s: Scores): Prepared {
  const candidate = prepareMetrics(task, s.yTrue, s.candidate);
  const baseline = s.baseline ? prepareMetrics(task, s.yTrue, s.baseline) : undefined;
  return {
    y: s.yTrue,
    candidate,
    ...(baseline ? { baseline } : {}),
    classes: task === "binary" ? 2 : s.candidate.classes,
  };
}

/** Paired comparison of one metric on the prepared rows, when there is a baseline. */
export function compareMetric(v: VerdictSettings, metric: string, p: Prepared): PairedResult | undefined {
  if (!p.baseline) return undefined;
  return compareEvaluators(v.task, metric, p.y, p.candidate, p.baseline, p.classes, {
    samples: v.bootstrap.samples,
    seed: v.bootstrap.seed,
  });
}

/** The metrics metricChecks compares between the models: the primary one and every thresholded one. */
export function comparedMetrics(v: VerdictSettings): Set<string> {
  return new Set([v.primaryMetric, ...Object.keys(v.thresholds)]);
}

/**
 * `metric.<name>`: one check per configured threshold over every row; the primary metric is always
 * compared (for the summary and outputs) even when it has no threshold.
 */
export function metricChecks(
  v: VerdictSettings,
  p: Prepared,
  candidateMetrics: Record<string, number>,
): { checks: Check[]; comparisons: Record<string, PairedResult> } {
  const checks: Check[] = [];
  const comparisons: Record<string, PairedResult> = {};
  for (const metric of comparedMetrics(v)) {
    const paired = compareMetric(v, metric, p);
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
