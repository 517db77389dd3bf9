/**
 * Drift of each column of the current table against the reference table (issue 4, item 6).
 *
 * Check ids, one per column, stable:
 *   drift.psi.<column>   numeric column, decided by PSI on the reference deciles plus two tail bins
 *   drift.js.<column>    categorical column, decided by the Jensen–Shannon distance (base 2)
 * <column> is the name with every character outside [A-Za-z0-9_:-] replaced by "_", and "-2",
 * "-3"… appended when two names collide. A label column has the same id; its title says "label drift".
 *
 * The rule (docs/drift.md): a column is flagged when its Benjamini–Hochberg adjusted p-value is
 * <= alpha AND its effect is >= the floor (PSI >= psiFloor, JS >= jsFloor). Significance alone
 * grows with n (evidently#50); the floor alone is noisy at small n; both together are calibrated.
 * The p-value comes from a permutation null of the deciding statistic on the binned counts
 * (up to PERMUTATIONS draws, seeded per column name, stopping early once 50 draws reach the
 * observed score); when the observed score beats every draw, the G-test's chi-square p-value on
 * the same bins refines it below the permutation's resolution of 1/1001.
 * A column with values on one side only is flagged without a p-value; empty on both sides: skip.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Check, Scalar } from "../../core/report.js";
import { benjaminiHochberg } from "../../core/stats/fdr.js";
import { gTest, jensenShannon, psi, shares } from "../../core/stats/divergence.js";
import { permutationPValue, type BinnedStatistic } from "../../core/stats/permutation.js";
import { makeRng, seedFor } from "../../core/stats/rng.js";
import { coarseBins, numericScores } from "./drift/numeric.js";
import { gatherDrift, type GatheredDrift } from "./drift/sql.js";

export interface DriftColumn {
  name: string;
  kind: "numeric" | "categorical";
  role?: "feature" | "label";
  /** The current values' distinct count, when the profile estimated it (few values are counted by value). */
  distinct?: number;
}
export interface DriftOptions {
  psiFloor: number;
  jsFloor: number;
  alpha: number;
  mode: "warn" | "fail";
  seed?: number;
}
export interface ColumnDrift {
  column: string;
  kind: "numeric" | "categorical";
  role: "feature" | "label";
  /** numeric: psi, ks, wasserstein (divided by the reference std); categorical: js, psi. */
  scores: Record<string, number>;
  pValue: number;
  adjustedP: number;
  effect: number;
  flagged: boolean;
  /** Unsmoothed shares per bin, for charts. */
  histogram: { labels: string[]; reference: number[]; current: number[] };
}

/** Permutation draws per column: p-values resolve down to 1/1001 before the G-test refines them. */
export const PERMUTATIONS = 1000;
export const DEFAULT_SEED = 1;

interface Measured {
  drift: Omit<ColumnDrift, "adjustedP" | "flagged">;
  details: Record<string, Scalar>;
  nCurrent: number;
  nReference: number;
}

/** Drift of two tables' columns: their counts (drift/sql.ts), then the verdicts. */
export async function computeDrift(
  conn: DuckDBConnection,
  currentTable: string,
  referenceTable: string,
  columns: DriftColumn[],
  options: DriftOptions,
): Promise<{ columns: ColumnDrift[]; checks: Check[] }> {
  const numeric = columns.filter((c) => c.kind === "numeric");
  const gathered = await gatherDrift(
    conn,
    currentTable,
    referenceTable,
    numeric.map((c) => c.name),
    columns.filter((c) => c.kind === "categorical").map((c) => c.name),
    numeric.map((c) => c.distinct),
  );
  return decideDrift(columns, gathered, options);
}

/**
 * The verdicts from gathered counts. `gathered` lists the numeric columns, then the categorical
 * ones, each in the order of `columns`.
 */
export function decideDrift(
  columns: readonly DriftColumn[],
  gathered: GatheredDrift,
  options: DriftOptions,
): { columns: ColumnDrift[]; checks: Check[] } {
  const seed = options.seed ?? DEFAULT_SEED;
  const numeric = columns.filter((c) => c.kind === "numeric").map((c) => c.name);
  const categorical = columns.filter((c) => c.kind === "categorical").map((c) => c.name);
  const num = gathered.numeric;
  const cat = gathered.categorical;

  const measured = columns.map((col): Measured => {
    const role = col.role ?? "feature";
    const rng = makeRng(seedFor(seed, col.name));
    if (col.kind === "numeric") {
      const i = numeric.indexOf(col.name);
      const counts = num.counts[i] ?? null;
      const nCurrent = num.nCurrent[i]!;
      const nReference = num.nReference[i]!;
      if (!counts || nCurrent === 0) return unmeasured(col, role, nCurrent, nReference);
      const coarse = coarseBins(counts);
      const s = numericScores(counts, coarse);
      const p = calibratedP(coarse.reference, coarse.current, psi, rng);
      const scores = { psi: s.psi, ks: s.ks, wasserstein: s.wasserstein };
      return {
        drift: { column: col.name, kind: col.kind, role, scores, pValue: p.pValue, effect: s.psi, histogram: chart(coarse) },
        details: {
          ...scores,
          ks_p: s.ksP,
          wasserstein_raw: s.wassersteinRaw,
          wasserstein_scale: s.scale,
          p_method: p.method,
          permutations: p.draws,
        },
        nCurrent,
        nReference,
      };
    }
    const i = categorical.indexOf(col.name);
    const counts = cat.counts[i]!;
    const nCurrent = cat.nCurrent[i]!;
    const nReference = cat.nReference[i]!;
    if (nCurrent === 0 || nReference === 0) return unmeasured(col, role, nCurrent, nReference);
    const p = calibratedP(counts.reference, counts.current, jensenShannon, rng);
    const scores = { js: jensenShannon(counts.reference, counts.current), psi: psi(counts.reference, counts.current) };
    return {
      drift: { column: col.name, kind: col.kind, role, scores, pValue: p.pValue, effect: scores.js, histogram: chart(counts) },
      details: { ...scores, unseen_share: shares(counts.current).at(-1)!, p_method: p.method, permutations: p.draws },
      nCurrent,
      nReference,
    };
  });

  const adjusted = benjaminiHochberg(measured.map((m) => m.drift.pValue));
  const ids = checkIds(columns);
  const results: ColumnDrift[] = [];
  const checks: Check[] = [];
  measured.forEach((m, k) => {
    const d = m.drift;
    const adjustedP = adjusted[k]!;
    const floor = d.kind === "numeric" ? options.psiFloor : options.jsFloor;
    const oneSided = (m.nCurrent === 0) !== (m.nReference === 0);
    const flagged = oneSided || (adjustedP <= options.alpha && d.effect >= floor);
    results.push({ ...d, adjustedP, flagged });
    const scoreName = d.kind === "numeric" ? "PSI" : "JS distance";
    checks.push({
      id: ids[k]!,
      title: `${d.role === "label" ? "Label drift" : "Drift"} in ${d.column}`,
      status: m.nCurrent === 0 && m.nReference === 0 ? "skip" : flagged ? options.mode : "pass",
      column: d.column,
      observed: finiteOrNull(d.effect),
      expected: `< ${floor}`,
      message: verdict(m, scoreName, floor, adjustedP, options.alpha, flagged),
      details: {
        ...cleanDetails(m.details),
        p_value: finiteOrNull(d.pValue),
        adjusted_p: finiteOrNull(adjustedP),
        alpha: options.alpha,
        floor,
        n_current: m.nCurrent,
        n_reference: m.nReference,
      },
    });
  });
  return { columns: results, checks };
}

function calibratedP(
  reference: number[],
  current: number[],
  statistic: BinnedStatistic,
  rng: ReturnType<typeof makeRng>,
): { pValue: number; method: string; draws: number } {
  const perm = permutationPValue(reference, current, statistic, PERMUTATIONS, rng);
  if (perm.exceedances > 0) return { pValue: perm.pValue, method: "permutation", draws: perm.draws };
  const g = gTest(reference, current).pValue;
  const method = g < perm.pValue ? "permutation+g-test" : "permutation";
  return { pValue: Math.min(g, perm.pValue), method, draws: perm.draws };
}

function unmeasured(col: DriftColumn, role: "feature" | "label", nCurrent: number, nReference: number): Measured {
  return {
    drift: {
      column: col.name,
      kind: col.kind,
      role,
      scores: {},
      pValue: Number.NaN,
      effect: Number.NaN,
      histogram: { labels: [], reference: [], current: [] },
    },
    details: {},
    nCurrent,
    nReference,
  };
}

function chart(b: { labels: string[]; reference: number[]; current: number[] }): ColumnDrift["histogram"] {
  return { labels: b.labels, reference: shares(b.reference), current: shares(b.current) };
}

function verdict(m: Measured, scoreName: string, floor: number, adjustedP: number, alpha: number, flagged: boolean): string {
  if (m.nCurrent === 0 && m.nReference === 0) return "No values in either table: drift cannot be measured.";
  if (m.nReference === 0) return `The reference has no values but the current data has ${m.nCurrent}.`;
  if (m.nCurrent === 0) return `The current data has no values but the reference has ${m.nReference}.`;
  const score = `${scoreName} ${num(m.drift.effect)}`;
  const p = `adjusted p ${num(adjustedP)}`;
  if (flagged) return `${score} >= ${floor} and ${p} <= ${alpha}: the distribution changed.`;
  if (adjustedP <= alpha) return `Significant (${p}) but ${score} is under the ${floor} floor: too small to matter.`;
  return `Not significant (${p} > ${alpha}); ${score}.`;
}

function num(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function cleanDetails(d: Record<string, Scalar>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(d)) out[k] = typeof v === "number" ? finiteOrNull(v) : v;
  return out;
}

/** Report-safe, unique ids: `drift.psi.<name>` / `drift.js.<name>` (see the top of this file). */
export function checkIds(columns: readonly DriftColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const base = `drift.${c.kind === "numeric" ? "psi" : "js"}.${c.name.replace(/[^A-Za-z0-9_:-]/g, "_") || "_"}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}-${k}`;
  });
}
