import type { Threshold } from "../../core/config.js";
import { isWaived } from "../../core/config.js";
import type { Check, Scalar } from "../../core/report.js";
import { higherIsBetter } from "./metrics.js";
import type { PairedResult } from "./paired.js";
import type { Decision } from "./settings.js";

/** Check ids allow letters, digits, `_ : - [ ]` between dots; anything else in a slice name becomes `_`. */
export function idPart(s: string): string {
  const out = s.replace(/[^A-Za-z0-9_:\-[\]]+/g, "_");
  return out === "" ? "_" : out;
}

export function fmtNum(x: number | undefined, digits = 4): string {
  if (x === undefined || !Number.isFinite(x)) return "n/a";
  return Number(x.toFixed(digits)).toString();
}

/** p-values: four decimals, and "<0.0001" rather than a misleading 0. */
export function fmtP(p: number): string {
  return p < 1e-4 ? "<0.0001" : fmtNum(p);
}

export function fmtDelta(x: number | undefined, digits = 4): string {
  if (x === undefined || !Number.isFinite(x)) return "n/a";
  const s = fmtNum(x, digits);
  return x > 0 ? `+${s}` : s;
}

/** The margin in the metric's units: max_drop, or a fraction of the baseline's value when relative. */
export function allowedDrop(t: Threshold, baseline: number): number | undefined {
  if (t.max_drop === undefined) return undefined;
  return t.relative ? t.max_drop * Math.abs(baseline) : t.max_drop;
}

/** How much worse the candidate is (positive = regression), and the same for the CI bounds. */
export function regression(metric: string, p: PairedResult): { worse: number; ci: [number, number] } {
  const sign = higherIsBetter(metric) ? -1 : 1;
  const a = sign * p.ci[0];
  const b = sign * p.ci[1];
  return { worse: sign * p.delta, ci: [Math.min(a, b), Math.max(a, b)] };
}

export interface Judged {
  status: Check["status"];
  /** Why it failed. */
  reasons: string[];
  /** Why it warns: a regression beyond the margin the paired test does not confirm. */
  warnings: string[];
  expected: string;
  details: Record<string, Scalar>;
}

/** A p-value adjusted for the other tests it was read with (Benjamini–Hochberg across `across` slices). */
export interface AdjustedP {
  p: number;
  across: number;
}

/**
 * Decides one comparison (TFMA's validate step): absolute bounds on the candidate's value, and a
 * non-inferiority margin against the baseline read per `decision`:
 * point — the estimate must stay within the margin; significant — a regression beyond the margin
 * fails only when the paired test finds a difference (p < alpha, Benjamini–Hochberg adjusted for
 * slices), and warns with its interval when it does not; non-inferior — the CI's worst end must stay
 * within the margin.
 */
export function judge(
  metric: string,
  t: Threshold,
  value: number,
  paired: PairedResult | undefined,
  decision: Decision,
  alpha: number,
  adjusted?: AdjustedP,
): Judged {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const expected: string[] = [];
  const details: Record<string, Scalar> = { candidate: value };
  if (t.min !== undefined) {
    expected.push(`>= ${t.min}`);
    if (!(value >= t.min)) reasons.push(`${metric} ${fmtNum(value)} is below the minimum ${t.min}`);
  }
  if (t.max !== undefined) {
    expected.push(`<= ${t.max}`);
    if (!(value <= t.max)) reasons.push(`${metric} ${fmtNum(value)} is above the maximum ${t.max}`);
  }
  let skipped = false;
  if (t.max_drop !== undefined) {
    if (!paired) {
      skipped = t.min === undefined && t.max === undefined;
      expected.push("no baseline to compare with");
    } else {
      const allowed = allowedDrop(t, paired.baseline) ?? 0;
      const { worse, ci } = regression(metric, paired);
      const p = adjusted?.p ?? paired.pValue;
      Object.assign(details, {
        baseline: paired.baseline,
        delta: paired.delta,
        ci_low: paired.ci[0],
        ci_high: paired.ci[1],
        p_value: paired.pValue,
        test: paired.test,
        allowed_drop: allowed,
        decision,
        n: paired.n,
      });
      if (adjusted !== undefined) details.p_adjusted = adjusted.p;
      const margin = t.relative ? `${t.max_drop * 100}% (${fmtNum(allowed)})` : fmtNum(allowed);
      expected.push(`no worse than baseline by more than ${margin}`);
      const beyond = worse > allowed;
      if (decision === "point" && beyond)
        reasons.push(`${metric} is worse than the baseline by ${fmtNum(worse)}, more than the allowed ${margin}`);
      const pText = adjusted ? `p = ${fmtP(p)} after Benjamini–Hochberg across ${adjusted.across} slices` : `p = ${fmtP(p)}`;
      if (decision === "significant" && beyond && p < alpha)
        reasons.push(
          `${metric} is worse than the baseline by ${fmtNum(worse)} (${pText} < ${alpha}), more than the allowed ${margin}`,
        );
      else if (decision === "significant" && beyond)
        warnings.push(
          `${metric} is worse than the baseline by ${fmtNum(worse)} (95% CI ${fmtDelta(paired.ci[0])} to ${fmtDelta(paired.ci[1])}), more than the allowed ${margin}, but not significantly (${pText}, not < ${alpha}): a warning, not a failure`,
        );
      if (decision === "non-inferior" && !(ci[1] <= allowed))
        reasons.push(
          `non-inferiority not shown: the 95% CI allows ${metric} to be worse by ${fmtNum(ci[1])}, more than the allowed ${margin}`,
        );
    }
  }
  if (!Number.isFinite(value))
    return {
      status: "skip",
      reasons: [`${metric} is not defined on these rows`],
      warnings: [],
      expected: expected.join("; "),
      details,
    };
  const status = skipped ? "skip" : reasons.length ? "fail" : warnings.length ? "warn" : "pass";
  return { status, reasons, warnings, expected: expected.join("; "), details };
}

/** The sentence shown under a check. */
export function describe(metric: string, j: Judged, paired: PairedResult | undefined, value: number): string {
  if (j.reasons.length) return j.reasons.join("; ");
  if (j.warnings.length) return j.warnings.join("; ");
  if (j.status === "skip")
    return j.expected === "no baseline to compare with"
      ? `${metric} ${fmtNum(value)}; no baseline to compare with`
      : `${metric} not gated`;
  if (!paired) return `${metric} ${fmtNum(value)} is within bounds`;
  return `${metric} ${fmtNum(value)} vs baseline ${fmtNum(paired.baseline)}: Δ ${fmtDelta(paired.delta)} (95% CI ${fmtDelta(paired.ci[0])} to ${fmtDelta(paired.ci[1])}, p ${fmtP(paired.pValue).startsWith("<") ? "" : "= "}${fmtP(paired.pValue)}, ${paired.test})`;
}

/** Waived failures become warnings that still say what failed. */
export function applyWaivers(checks: Check[], waive: readonly string[]): Check[] {
  return checks.map((c) =>
    c.status === "fail" && isWaived(c.id, waive) ? { ...c, status: "warn", message: `${c.message ?? c.title} (waived)` } : c,
  );
}
