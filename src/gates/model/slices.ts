import { benjaminiHochberg } from "../../core/stats/fdr.js";
import type { Check } from "../../core/report.js";
import { allMetrics, type Predictions } from "./metrics.js";
import { compareMetric, prepareBoth, type Scores } from "./metric-checks.js";
import type { PairedResult } from "./paired.js";
import type { VerdictSettings } from "./settings.js";
import type { Grouping } from "./state.js";
import { describe, fmtNum, idPart, judge } from "./verdict.js";

export interface SliceResult {
  /** `region=north` for a column slice, the name for a named slice. */
  slice: string;
  group: string;
  level: string;
  kind: Grouping["kind"];
  rows: number;
  candidate: Record<string, number>;
  baseline?: Record<string, number>;
  comparison?: PairedResult;
  status: Check["status"];
  checkId: string;
}

/** Row indices per level of a grouping, in row order. */
export function rowsByLevel(g: Grouping): Int32Array[] {
  const counts = new Int32Array(g.levels.length);
  for (const c of g.codes) if (c >= 0) counts[c] = (counts[c] ?? 0) + 1;
  const out = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(g.levels.length);
  for (let i = 0; i < g.codes.length; i++) {
    const c = g.codes[i] ?? -1;
    if (c < 0) continue;
    (out[c] as Int32Array)[fill[c]!++] = i;
  }
  return out;
}

export function subset(p: Predictions, rows: Int32Array, width: number): Predictions {
  const s = new Float64Array(rows.length * width);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] ?? 0;
    for (let c = 0; c < width; c++) s[k * width + c] = p.scores[r * width + c] ?? NaN;
  }
  return { scores: s, classes: p.classes };
}

export function subsetY(y: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k] ?? 0] ?? NaN;
  return out;
}

/**
 * `slice.<slice>.<metric>`: the primary metric per slice for both models; slices of at least
 * min_slice_size rows are gated with the slice margin, smaller ones reported only. Compute and
 * compare (sliceResults), then decide (judgeSlices) per `sliceDecision`.
 */
export function sliceChecks(
  v: VerdictSettings,
  s: Scores,
  groups: readonly Grouping[],
): { checks: Check[]; slices: SliceResult[] } {
  const slices = sliceResults(v, s, groups);
  return { checks: judgeSlices(v, slices, s.baseline !== undefined), slices };
}

/** Each slice's metrics for both models and, when gated, the paired comparison of the primary metric. */
export function sliceResults(v: VerdictSettings, s: Scores, groups: readonly Grouping[]): SliceResult[] {
  const width = v.task === "multiclass" ? s.candidate.classes : 1;
  const metric = v.primaryMetric;
  const slices: SliceResult[] = [];
  for (const g of groups) {
    if (g.kind === "sensitive") continue;
    const byLevel = rowsByLevel(g);
    for (const [i, level] of g.levels.entries()) {
      const rows = byLevel[i] ?? new Int32Array(0);
      if (rows.length === 0) continue;
      const p = prepareBoth(v.task, {
        yTrue: subsetY(s.yTrue, rows),
        candidate: subset(s.candidate, rows, width),
        ...(s.baseline ? { baseline: subset(s.baseline, rows, width) } : {}),
      });
      const slice = g.kind === "named" ? g.name : `${g.name}=${level}`;
      const checkId =
        g.kind === "named" ? `slice.${idPart(g.name)}.${metric}` : `slice.${idPart(g.name)}:${idPart(level)}.${metric}`;
      const r: SliceResult = {
        slice,
        group: g.name,
        level,
        kind: g.kind,
        rows: rows.length,
        candidate: allMetrics(p.candidate),
        status: "skip",
        checkId,
      };
      if (p.baseline) {
        r.baseline = allMetrics(p.baseline);
        if (rows.length >= v.minSliceSize) {
          const c = compareMetric(v, metric, p);
          if (c) r.comparison = c;
        }
      }
      slices.push(r);
    }
  }
  return slices;
}

/**
 * Decides every slice under `v.sliceDecision` (and sets its status). With significant, p-values are
 * Benjamini–Hochberg adjusted across the gated slices: with k slices of equal models, the chance that
 * any one fails stays at alpha whatever k, where point estimates fail more often the more slices.
 */
export function judgeSlices(v: VerdictSettings, slices: readonly SliceResult[], hasBaseline: boolean): Check[] {
  const metric = v.primaryMetric;
  const gated = slices.filter((r) => r.comparison && v.sliceMaxDrop !== undefined);
  const adjusted =
    v.sliceDecision === "significant"
      ? benjaminiHochberg(gated.map((r) => r.comparison?.pValue ?? NaN))
      : gated.map(() => undefined);
  const checks: Check[] = [];
  for (const r of slices) {
    const value = r.candidate[metric] ?? NaN;
    const base: Check = {
      id: r.checkId,
      title: `${metric} on ${r.slice}`,
      status: "skip",
      observed: Number.isFinite(value) ? value : null,
    };
    if (r.kind === "column") base.column = r.group;
    const k = gated.indexOf(r);
    if (k < 0) {
      r.status = "skip";
      if (!hasBaseline || v.sliceMaxDrop === undefined) continue;
      base.message =
        r.rows < v.minSliceSize
          ? `${r.rows} rows, fewer than min_slice_size ${v.minSliceSize}: reported, not gated`
          : `${metric} ${fmtNum(value)} is not defined for both models on this slice`;
      checks.push(base);
      continue;
    }
    const p = adjusted[k];
    const j = judge(
      metric,
      { max_drop: v.sliceMaxDrop, relative: v.sliceRelative },
      value,
      r.comparison,
      v.sliceDecision,
      v.alpha,
      p !== undefined ? { p, across: gated.length } : undefined,
    );
    r.status = j.status;
    checks.push({
      ...base,
      status: j.status,
      expected: j.expected,
      message: describe(metric, j, r.comparison, value),
      details: { ...j.details, rows: r.rows },
    });
  }
  return checks;
}
