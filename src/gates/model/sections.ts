import type { Check, Scalar, Section } from "../../core/report.js";
import type { FairnessResult } from "./fairness.js";
import { higherIsBetter } from "./metrics.js";
import type { PairedResult } from "./paired.js";
import type { SliceResult } from "./slices.js";
import { fmtDelta, fmtNum, fmtP } from "./verdict.js";

const MAX_SLICE_ROWS = 50;

function ciText(p: PairedResult | undefined): string {
  if (!p) return "";
  return `${fmtDelta(p.delta)} [${fmtDelta(p.ci[0])}, ${fmtDelta(p.ci[1])}]`;
}

/** Baseline, candidate, Δ with its 95% CI, p-value and the verdict of every metric. */
export function metricTable(
  names: readonly string[],
  cand: Record<string, number>,
  base: Record<string, number> | undefined,
  comparisons: Record<string, PairedResult>,
  checks: readonly Check[],
): Section {
  const rows: Scalar[][] = names.map((m) => {
    const p = comparisons[m];
    const check = checks.find((c) => c.id === `metric.${m}`);
    const delta = base ? (cand[m] ?? NaN) - (base[m] ?? NaN) : NaN;
    return [
      `${m}${higherIsBetter(m) ? " ↑" : " ↓"}`,
      base ? fmtNum(base[m]) : "",
      fmtNum(cand[m]),
      p ? ciText(p) : base ? fmtDelta(delta) : "",
      p ? `${fmtP(p.pValue)} (${p.test})` : "",
      check?.status ?? "",
    ];
  });
  return {
    kind: "table",
    title: "Metrics",
    headers: ["metric", "baseline", "candidate", "Δ [95% CI]", "p", "verdict"],
    rows,
    align: ["l", "r", "r", "r", "r", "l"],
    note: "↑ higher is better, ↓ lower is better. CIs are paired (same rows); only gated metrics have a verdict.",
  };
}

/** How much worse the candidate is on a slice, in the metric's bad direction, for sorting. */
function harm(metric: string, r: SliceResult): number {
  const d = (r.candidate[metric] ?? NaN) - (r.baseline?.[metric] ?? NaN);
  if (!Number.isFinite(d)) return -Infinity;
  return higherIsBetter(metric) ? -d : d;
}

/** Slices worst first, and a bar chart of Δ per slice. */
export function sliceSections(metric: string, slices: readonly SliceResult[]): Section[] {
  if (slices.length === 0) return [];
  const sorted = [...slices].sort((a, b) => harm(metric, b) - harm(metric, a) || a.slice.localeCompare(b.slice));
  const shown = sorted.slice(0, MAX_SLICE_ROWS);
  const table: Section = {
    kind: "table",
    title: `Slices by ${metric} (worst first)`,
    headers: ["slice", "rows", "baseline", "candidate", "Δ [95% CI]", "verdict"],
    rows: shown.map((r) => [
      r.slice,
      r.rows,
      r.baseline ? fmtNum(r.baseline[metric]) : "",
      fmtNum(r.candidate[metric]),
      r.comparison
        ? ciText(r.comparison)
        : r.baseline
          ? fmtDelta((r.candidate[metric] ?? NaN) - (r.baseline[metric] ?? NaN))
          : "",
      r.status,
    ]),
    align: ["l", "r", "r", "r", "r", "l"],
    ...(sorted.length > shown.length ? { note: `${sorted.length - shown.length} more slices in the JSON report.` } : {}),
  };
  const withDelta = shown.filter((r) => r.baseline && Number.isFinite(harm(metric, r)));
  if (withDelta.length === 0) return [table];
  const chart: Section = {
    kind: "bar-chart",
    title: `Δ ${metric} per slice (candidate − baseline)`,
    xLabel: "slice",
    yLabel: `Δ ${metric}`,
    labels: withDelta.map((r) => r.slice),
    series: [
      {
        name: `Δ ${metric}`,
        values: withDelta.map((r) => Number(((r.candidate[metric] ?? 0) - (r.baseline?.[metric] ?? 0)).toFixed(6))),
      },
    ],
  };
  return [table, chart];
}

export function fairnessSection(results: readonly FairnessResult[]): Section[] {
  if (results.length === 0) return [];
  return [
    {
      kind: "table",
      title: "Fairness gaps",
      headers: ["column", "model", "demographic parity gap", "equal opportunity gap", "groups"],
      rows: results.map((r) => [
        r.column,
        r.model,
        fmtNum(r.demographicParityGap),
        fmtNum(r.equalOpportunityGap),
        r.groups.map((g) => `${g.level} (${g.rows})`).join(", "),
      ]),
      align: ["l", "l", "r", "r", "l"],
      note: "Gaps are the largest minus the smallest rate across groups with at least min_slice_size rows.",
    },
  ];
}

export function operationsSection(rows: Scalar[][]): Section[] {
  if (rows.length === 0) return [];
  return [
    {
      kind: "table",
      title: "Agreement, latency and robustness",
      headers: ["measure", "baseline", "candidate"],
      rows,
      align: ["l", "r", "r"],
    },
  ];
}
