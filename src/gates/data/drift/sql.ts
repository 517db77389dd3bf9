/**
 * The SQL that gathers what drift needs, as binned counts: one quantile query over the reference
 * for every numeric column, one histogram query per table, and two GROUP BY queries for the
 * categorical columns. Rows never leave DuckDB; every later statistic works on these counts.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent, sqlString } from "../../../core/duckdb.js";

/** Fine bins (reference quantiles) for KS and Wasserstein; a multiple of PSI_BINS. */
export const FINE_BINS = 100;
/** Reference deciles for PSI (plus two tail bins). */
export const PSI_BINS = 10;
/** Categories kept by name per column; the rest of the reference's categories pool into "other". */
export const TOP_CATEGORIES = 20;
/** Reference rows sampled for the bin edges; the counts themselves always use every row. */
export const QUANTILE_SAMPLE = 20_000;
/**
 * A column with at most this many distinct values is counted by value (GROUP BY) and binned here:
 * a vectorised hash count of a few keys costs a tenth of DuckDB's `histogram` per row.
 */
export const EXACT_DISTINCT = 256;

export interface NumericCounts {
  /** Upper edges of the in-range bins: the first spans [min, upper[0]], the next (upper[0], upper[1]]… */
  upper: number[];
  /** Counts: values below the reference min, one per in-range bin, values above the reference max. */
  reference: number[];
  current: number[];
  /** Indices into `upper` that close a PSI bin (reference deciles; the last is the max). */
  coarseUpper: number[];
  referenceMin: number;
  referenceStd: number;
  /** Σ (reference min − x) over current values below it, and Σ (x − reference max) above it. */
  currentBelowDistance: number;
  currentAboveDistance: number;
}

const asNumber = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number.NaN);

/** The largest double below x: the boundary that puts everything under the reference minimum in the lower tail. */
export function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return buf.getFloat64(0);
}

/** The columns as DOUBLE, NaN and ±inf as NULL (aggregate FILTERs cost more than one projection). */
function finiteColumns(table: string, names: readonly string[], where = ""): string {
  const t = names.map((n, i) => `TRY_CAST(${sqlIdent(n)} AS DOUBLE) AS t${i}`).join(", ");
  const x = names.map((_, i) => `CASE WHEN isfinite(t${i}) THEN t${i} END AS x${i}`).join(", ");
  return `(SELECT ${x} FROM (SELECT ${t} FROM ${sqlIdent(table)}${where}))`;
}

/** One string literal cast once: binding a hundred `'…'::DOUBLE` literals costs more than the scan of 100k rows. */
function doubleList(values: readonly number[]): string {
  return `string_split(${sqlString(values.map(String).join(","))}, ',')::DOUBLE[]`;
}

function mapCounts(v: unknown): Map<number, number> {
  const out = new Map<number, number>();
  const entries = (v as { entries?: { key: unknown; value: unknown }[] } | null)?.entries ?? [];
  for (const e of entries) out.set(asNumber(e.key), asNumber(e.value));
  return out;
}

/**
 * One aggregate row over the finite values of the columns not skipped: `select[i]` gives column i's
 * `width` items (written for `x<i>`); a skipped column's slots stay null for the caller to fill.
 */
async function aggregateRow(
  conn: DuckDBConnection,
  table: string,
  names: readonly string[],
  skip: readonly boolean[],
  select: readonly string[],
  width: number,
): Promise<unknown[]> {
  const row: unknown[] = new Array<unknown>(names.length * width).fill(null);
  const kept = names.flatMap((_, i) => (skip[i] ? [] : [i]));
  if (kept.length === 0) return row;
  // Only the kept columns are cast and projected; x<i> keeps naming column i.
  const t = kept.map((i) => `TRY_CAST(${sqlIdent(names[i]!)} AS DOUBLE) AS t${i}`).join(", ");
  const x = kept.map((i) => `CASE WHEN isfinite(t${i}) THEN t${i} END AS x${i}`).join(", ");
  const sql = `SELECT ${kept.map((i) => select[i]).join(", ")} FROM (SELECT ${x} FROM (SELECT ${t} FROM ${sqlIdent(table)}))`;
  const got = (await conn.runAndReadAll(sql)).getRows()[0] ?? [];
  kept.forEach((i, k) => row.splice(width * i, width, ...got.slice(width * k, width * (k + 1))));
  return row;
}

/** Count, extremes and sample standard deviation of counted values (DuckDB's count/min/max/stddev_samp). */
function valueStats(values: ReadonlyMap<number, number>): { n: number; min: number; max: number; std: number } {
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [v, k] of values) {
    n += k;
    sum += v * k;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / n;
  let ss = 0;
  for (const [v, k] of values) ss += k * (v - mean) ** 2;
  return n === 0 ? { n, min: NaN, max: NaN, std: NaN } : { n, min, max, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/** Finite values and their counts for the chosen columns, in one statement (one GROUP BY each). */
async function valueCounts(
  conn: DuckDBConnection,
  table: string,
  names: readonly string[],
  chosen: readonly boolean[],
): Promise<Map<number, number>[]> {
  const out = names.map(() => new Map<number, number>());
  const parts = names.flatMap((n, i) => {
    if (!chosen[i]) return [];
    const c = sqlIdent(n);
    // Grouped on the stored value, converted after: casting every row first costs more than the count.
    return [
      `SELECT ${i} AS col, v, sum(k) AS k FROM (SELECT TRY_CAST(v AS DOUBLE) AS v, k FROM
        (SELECT ${c} AS v, count(*) AS k FROM ${sqlIdent(table)} WHERE ${c} IS NOT NULL GROUP BY 1)) WHERE isfinite(v) GROUP BY v`,
    ];
  });
  if (parts.length === 0) return out;
  for (const row of (await conn.runAndReadAll(parts.join(" UNION ALL "))).getRows()) {
    out[asNumber(row[0])]!.set(asNumber(row[1]), asNumber(row[2]));
  }
  return out;
}

/**
 * Value counts gathered into bins as DuckDB's `histogram(x, bounds)` does: each value counts
 * under the first bound at or above it; values above the last bound are left out (the callers
 * take them as the remainder of the total).
 */
export function binValues(values: ReadonlyMap<number, number>, bounds: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const [v, n] of values) {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid]! >= v) hi = mid;
      else lo = mid + 1;
    }
    if (lo < bounds.length) out.set(bounds[lo]!, (out.get(bounds[lo]!) ?? 0) + n);
  }
  return out;
}

/** Quantile of a sorted sample, linear interpolation between order statistics (R's type 7). */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * Interior bin edges from a deterministic sample of about QUANTILE_SAMPLE reference rows, every
 * k-th row by row id, so the same table always gives the same edges (DuckDB's approx_quantile
 * varies between multi-threaded runs; quantile_cont with 100 fractions costs seconds per million
 * rows). Edges only choose the bins: sampling makes them slightly unequal, never the counts approximate.
 */
async function sampleEdges(
  conn: DuckDBConnection,
  table: string,
  names: readonly string[],
): Promise<{ interior: number[]; deciles: number[]; sampleDistinct: number }[]> {
  const rows = asNumber((await conn.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(table)}`)).getRows()[0]?.[0]);
  const every = Math.max(1, Math.ceil(rows / QUANTILE_SAMPLE));
  const lists = names.map((_, i) => `list(x${i}) FILTER (WHERE x${i} IS NOT NULL)`).join(", ");
  const raw = names.map((n) => `TRY_CAST(${sqlIdent(n)} AS DOUBLE)`).join(", ");
  let row: unknown[];
  try {
    row =
      (
        await conn.runAndReadAll(`SELECT ${lists} FROM ${finiteColumns(table, names, ` WHERE rowid % ${every} = 0`)}`)
      ).getRows()[0] ?? [];
  } catch {
    // A view has no rowid: pick rows by a hash of their values instead (equally deterministic).
    row =
      (
        await conn.runAndReadAll(`SELECT ${lists} FROM ${finiteColumns(table, names, ` WHERE hash(${raw}) % ${every} = 0`)}`)
      ).getRows()[0] ?? [];
  }
  return names.map((_, i) => {
    const sample = Float64Array.from((row[i] as { items?: unknown[] } | null)?.items ?? [], asNumber).sort();
    const q = Array.from({ length: FINE_BINS - 1 }, (_, k) => quantile7(sample, (k + 1) / FINE_BINS)).filter(Number.isFinite);
    const interior = q.filter((v, k) => k === 0 || v > q[k - 1]!);
    const deciles = Array.from({ length: PSI_BINS - 1 }, (_, k) => quantile7(sample, (k + 1) / PSI_BINS)).filter(Number.isFinite);
    const sampleDistinct = sample.reduce((n, v, k) => (k === 0 || v !== sample[k - 1] ? n + 1 : n), 0);
    return { interior, deciles, sampleDistinct };
  });
}

/**
 * Binned counts for numeric columns; `null` for a column with no finite reference value (no
 * reference bins exist). A reference sample for the edges, then per table one aggregate (extremes
 * and `histogram` of the many-valued columns) and one GROUP BY per few-valued column; the current
 * table comes last, since its tail bins need the reference extremes.
 */
export async function numericCounts(
  conn: DuckDBConnection,
  currentTable: string,
  referenceTable: string,
  names: readonly string[],
  currentDistinct: readonly (number | undefined)[] = [],
): Promise<{ counts: (NumericCounts | null)[]; nReference: number[]; nCurrent: number[] }> {
  if (names.length === 0) return { counts: [], nReference: [], nCurrent: [] };
  const edges = await sampleEdges(conn, referenceTable, names);
  // The reference's domain is judged from its sample; the current one's from the profile's estimate.
  const refExact = names.map((_, i) => edges[i]!.sampleDistinct <= EXACT_DISTINCT);
  const curExact = names.map((_, i) => (currentDistinct[i] ?? Number.POSITIVE_INFINITY) <= EXACT_DISTINCT);

  const refValues = await valueCounts(conn, referenceTable, names, refExact);
  const refSel = names.map((_, i) => {
    const x = `x${i}`;
    const h = refExact[i]
      ? "NULL"
      : edges[i]!.interior.length > 0
        ? `histogram(${x}, ${doubleList(edges[i]!.interior)})`
        : "NULL";
    return `${h}, count(${x}), min(${x}), max(${x}), stddev_samp(${x})`;
  });
  const refRow = await aggregateRow(conn, referenceTable, names, refExact, refSel, 5);
  names.forEach((_, i) => {
    if (!refExact[i]) return;
    const v = valueStats(refValues[i]!);
    refRow.splice(5 * i, 5, null, v.n, v.min, v.max, v.std);
  });
  const nReference = names.map((_, i) => asNumber(refRow[5 * i + 1]));

  const partial = names.map((_, i) => {
    const min = asNumber(refRow[5 * i + 2]);
    const max = asNumber(refRow[5 * i + 3]);
    if (!(nReference[i]! > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return null;
    const interior = edges[i]!.interior.filter((v) => v >= min && v < max);
    const upper = [...interior, max];
    // Reference counts land in the same bins: nothing lies outside [min, max] by definition.
    const byKey = refExact[i] ? binValues(refValues[i]!, interior) : mapCounts(refRow[5 * i]);
    const inRange = upper.map((u, j) => (j < interior.length ? (byKey.get(u) ?? 0) : 0));
    inRange[upper.length - 1] = nReference[i]! - inRange.reduce((a, b) => a + b, 0);
    const coarse = new Set<number>([upper.length - 1]);
    for (const d of edges[i]!.deciles) {
      const j = upper.indexOf(d);
      if (j >= 0) coarse.add(j);
    }
    return {
      upper,
      reference: [0, ...inRange, 0],
      coarseUpper: [...coarse].sort((a, b) => a - b),
      referenceMin: min,
      referenceStd: asNumber(refRow[5 * i + 4]),
    };
  });

  const curSel = names.map((_, i) => {
    const x = `x${i}`;
    const p = partial[i];
    if (!p) return `NULL, count(${x}), NULL, NULL`;
    const min = `${sqlString(String(p.referenceMin))}::DOUBLE`;
    const max = `${sqlString(String(p.upper[p.upper.length - 1]!))}::DOUBLE`;
    const h = curExact[i] ? "NULL" : `histogram(${x}, ${doubleList([nextDown(p.referenceMin), ...p.upper])})`;
    return `${h}, count(${x}), sum(greatest(${min} - ${x}, 0)), sum(greatest(${x} - ${max}, 0))`;
  });
  const curRow = await aggregateRow(conn, currentTable, names, curExact, curSel, 4);
  const curValues = await valueCounts(conn, currentTable, names, curExact);
  names.forEach((_, i) => {
    if (!curExact[i]) return;
    const p = partial[i];
    const lo = p?.referenceMin ?? 0;
    const hi = p?.upper[p.upper.length - 1] ?? 0;
    let n = 0;
    let below = 0;
    let above = 0;
    for (const [v, k] of curValues[i]!) {
      n += k;
      below += k * Math.max(lo - v, 0);
      above += k * Math.max(v - hi, 0);
    }
    curRow.splice(4 * i, 4, null, n, p ? below : null, p ? above : null);
  });
  const nCurrent = names.map((_, i) => asNumber(curRow[4 * i + 1]));

  const counts = partial.map((p, i): NumericCounts | null => {
    if (!p) return null;
    const byKey = curExact[i] ? binValues(curValues[i]!, [nextDown(p.referenceMin), ...p.upper]) : mapCounts(curRow[4 * i]);
    const below = byKey.get(nextDown(p.referenceMin)) ?? 0;
    const inRange = p.upper.map((u) => byKey.get(u) ?? 0);
    const above = nCurrent[i]! - below - inRange.reduce((a, b) => a + b, 0);
    return {
      ...p,
      current: [below, ...inRange, above],
      currentBelowDistance: asNumber(curRow[4 * i + 2]) || 0,
      currentAboveDistance: asNumber(curRow[4 * i + 3]) || 0,
    };
  });
  return { counts, nReference, nCurrent };
}

export interface CategoricalCounts {
  /** Top reference categories by count (ties by value), then "other" and "unseen". */
  labels: string[];
  reference: number[];
  current: number[];
}

/**
 * Category counts for categorical columns, compared as text: the top TOP_CATEGORIES of the
 * reference by name, the rest of the reference's categories as "other", and categories the
 * reference never had as "unseen" (reference count 0 by definition).
 */
export async function categoricalCounts(
  conn: DuckDBConnection,
  currentTable: string,
  referenceTable: string,
  names: readonly string[],
): Promise<{ counts: CategoricalCounts[]; nReference: number[]; nCurrent: number[] }> {
  if (names.length === 0) return { counts: [], nReference: [], nCurrent: [] };
  const ref = sqlIdent(referenceTable);
  const cur = sqlIdent(currentTable);
  const topSql = names
    .map((n, i) => {
      const c = sqlIdent(n);
      return `SELECT * FROM (SELECT ${i} AS col, CAST(${c} AS VARCHAR) AS v, count(*) AS n, sum(count(*)) OVER () AS total
        FROM ${ref} WHERE ${c} IS NOT NULL GROUP BY 2 ORDER BY n DESC, v LIMIT ${TOP_CATEGORIES})`;
    })
    .join(" UNION ALL ");
  const top: { v: string; n: number }[][] = names.map(() => []);
  const nReference = names.map(() => 0);
  for (const row of (await conn.runAndReadAll(topSql)).getRows()) {
    const col = asNumber(row[0]);
    top[col]!.push({ v: String(row[1]), n: asNumber(row[2]) });
    nReference[col] = asNumber(row[3]);
  }

  const withReference = names.map((n, i) => ({ n, i })).filter(({ i }) => top[i]!.length > 0);
  const curSql = withReference
    .map(({ n, i }) => {
      const c = sqlIdent(n);
      const inTop = `c.v IN (${top[i]!.map((t) => sqlString(t.v)).join(", ")})`;
      const counted = `(SELECT CAST(${c} AS VARCHAR) AS v, count(*) AS n FROM ${cur} WHERE ${c} IS NOT NULL GROUP BY 1) c`;
      // When the top categories hold every reference value, nothing is "other": no reference scan needed.
      if (top[i]!.reduce((a, t) => a + t.n, 0) === nReference[i]) {
        return `SELECT ${i} AS col, CASE WHEN ${inTop} THEN c.v END AS v,
          CASE WHEN ${inTop} THEN 'top' ELSE 'unseen' END AS kind, sum(c.n) AS n FROM ${counted} GROUP BY ALL`;
      }
      return `SELECT ${i} AS col, CASE WHEN ${inTop} THEN c.v END AS v,
          CASE WHEN ${inTop} THEN 'top' WHEN r.v IS NOT NULL THEN 'other' ELSE 'unseen' END AS kind, sum(c.n) AS n
        FROM ${counted}
        LEFT JOIN (SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM ${ref} WHERE ${c} IS NOT NULL) r ON c.v = r.v
        GROUP BY ALL`;
    })
    .join(" UNION ALL ");
  const curRows = curSql ? (await conn.runAndReadAll(curSql)).getRows() : [];
  const nCurrentAll = names.map(() => 0);
  const counts = names.map((_, i): CategoricalCounts => {
    const t = top[i]!;
    const labels = [...t.map((x) => x.v), "(other)", "(unseen)"];
    const reference = [...t.map((x) => x.n), nReference[i]! - t.reduce((a, x) => a + x.n, 0), 0];
    return { labels, reference, current: labels.map(() => 0) };
  });
  for (const row of curRows) {
    const col = asNumber(row[0]);
    const kind = String(row[2]);
    const n = asNumber(row[3]);
    const c = counts[col]!;
    const k = kind === "top" ? c.labels.indexOf(String(row[1])) : kind === "other" ? c.labels.length - 2 : c.labels.length - 1;
    c.current[k] = (c.current[k] ?? 0) + n;
    nCurrentAll[col] = nCurrentAll[col]! + n;
  }
  // Columns with an empty reference were not bucketed: count their current values apart.
  const emptyRef = names.map((n, i) => ({ n, i })).filter(({ i }) => top[i]!.length === 0);
  if (emptyRef.length > 0) {
    const sel = emptyRef.map(({ n }) => `count(${sqlIdent(n)})`).join(", ");
    const row = (await conn.runAndReadAll(`SELECT ${sel} FROM ${cur}`)).getRows()[0] ?? [];
    emptyRef.forEach(({ i }, k) => (nCurrentAll[i] = asNumber(row[k])));
  }
  return { counts, nReference, nCurrent: nCurrentAll };
}
