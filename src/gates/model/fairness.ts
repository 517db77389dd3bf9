import type { Check } from "../../core/report.js";
import type { Scores } from "./metric-checks.js";
import type { VerdictSettings } from "./settings.js";
import { rowsByLevel } from "./slices.js";
import type { Grouping } from "./state.js";
import { fmtNum, idPart } from "./verdict.js";

export interface GroupRates {
  level: string;
  rows: number;
  /** Share of rows predicted positive (P(class 1) > 0.5). */
  positiveRate: number;
  /** Share of actual positives predicted positive. */
  truePositiveRate: number;
}

export interface FairnessResult {
  column: string;
  model: "candidate" | "baseline";
  groups: GroupRates[];
  demographicParityGap: number;
  equalOpportunityGap: number;
}

function rates(scores: Float64Array, y: Float64Array, rows: Int32Array): { pos: number; tpr: number } {
  let pos = 0;
  let tp = 0;
  let p = 0;
  for (const r of rows) {
    const hit = (scores[r] ?? 0) > 0.5;
    if (hit) pos++;
    if (y[r] === 1) {
      p++;
      if (hit) tp++;
    }
  }
  return { pos: rows.length ? pos / rows.length : NaN, tpr: p ? tp / p : NaN };
}

/** Largest minus smallest rate over the groups large enough to count. */
function gap(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x));
  return v.length < 2 ? 0 : Math.max(...v) - Math.min(...v);
}

function fairnessOf(
  model: FairnessResult["model"],
  scores: Float64Array,
  y: Float64Array,
  g: Grouping,
  minRows: number,
): FairnessResult {
  const byLevel = rowsByLevel(g);
  const groups = g.levels.map((level, i) => {
    const rows = byLevel[i] ?? new Int32Array(0);
    const r = rates(scores, y, rows);
    return { level, rows: rows.length, positiveRate: r.pos, truePositiveRate: r.tpr };
  });
  const big = groups.filter((x) => x.rows >= minRows);
  return {
    column: g.name,
    model,
    groups,
    demographicParityGap: gap(big.map((x) => x.positiveRate)),
    equalOpportunityGap: gap(big.map((x) => x.truePositiveRate)),
  };
}

/**
 * `fairness.<column>.demographic_parity` and `.equal_opportunity` (binary tasks): the largest gap in
 * positive-prediction rate and in true-positive rate between groups of at least min_slice_size rows.
 * Gaps are always reported for both models; they gate only when a budget is configured.
 */
export function fairnessChecks(
  v: VerdictSettings,
  s: Scores,
  groups: readonly Grouping[],
): { checks: Check[]; results: FairnessResult[] } {
  const checks: Check[] = [];
  const results: FairnessResult[] = [];
  if (v.task !== "binary") return { checks, results };
  for (const g of groups) {
    if (g.kind !== "sensitive") continue;
    const cand = fairnessOf("candidate", s.candidate.scores, s.yTrue, g, v.minSliceSize);
    results.push(cand);
    const base = s.baseline ? fairnessOf("baseline", s.baseline.scores, s.yTrue, g, v.minSliceSize) : undefined;
    if (base) results.push(base);
    const budgets: [string, number | undefined, number, number | undefined, string][] = [
      [
        "demographic_parity",
        v.fairness.maxDemographicParityGap,
        cand.demographicParityGap,
        base?.demographicParityGap,
        "positive-prediction rate",
      ],
      [
        "equal_opportunity",
        v.fairness.maxEqualOpportunityGap,
        cand.equalOpportunityGap,
        base?.equalOpportunityGap,
        "true-positive rate",
      ],
    ];
    for (const [name, budget, value, baseValue, what] of budgets) {
      if (budget === undefined) continue;
      const ok = value <= budget;
      checks.push({
        id: `fairness.${idPart(g.name)}.${name}`,
        title: `${name.replace("_", " ")} gap across ${g.name}`,
        status: ok ? "pass" : "fail",
        column: g.name,
        observed: value,
        expected: `<= ${budget}`,
        message: `the ${what} differs by ${fmtNum(value)} between groups of ${g.name}${baseValue !== undefined ? ` (baseline ${fmtNum(baseValue)})` : ""}${ok ? "" : `, more than the allowed ${budget}`}`,
        details: { candidate: value, ...(baseValue !== undefined ? { baseline: baseValue } : {}), budget },
      });
    }
  }
  return { checks, results };
}
