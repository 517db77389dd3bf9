/**
 * The SQL that gathers what drift needs, as binned counts: one quantile query over the reference
 * for every numeric column, one histogram query per table, and two GROUP BY queries for the
 * categorical columns. Rows never leave DuckDB; every later statistic works on these counts.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent, sqlString } from "../../../core/duckdb.js";

/** Fine bins (reference quantiles) for KS and Wasserstein; a multiple of PSI_BINS. */
export const FINE_BINS = 200;
/** Reference deciles for PSI (plus two tail bins). */
export const PSI_BINS = 10;
/** Categories kept by name per column; the rest of the reference's categories pool into "other". */
export const TOP_CATEGORIES = 20;

export interface NumericCounts {
  /** Sorted distinct histogram boundaries: [nextDown(min), …quantiles…, max]. */
  boundaries: number[];
  /** Fine counts: lower tail, one per (boundaries[i-1], boundaries[i]], upper tail. */
  reference: number[];
  current: number[];
  /** Indices (into boundaries) of the decile edges that delimit the PSI bins. */
  coarseBoundaryIndex: number[];
  referenceMin: number;
  referenceStd: number;
  currentMin: number;
  currentMax: number;
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

function finite(alias: string): string {
  return `FILTER (WHERE isfinite(${alias}))`;
}

function castSelect(table: string, names: readonly string[]): string {
  const cols = names.map((n, i) => `TRY_CAST(${sqlIdent(n)} AS DOUBLE) AS x${i}`).join(", ");
  return `(SELECT ${cols} FROM ${sqlIdent(table)})`;
}

function doubleList(values: readonly number[]): string {
  return `[${values.map((v) => `${sqlString(String(v))}::DOUBLE`).join(", ")}]::DOUBLE[]`;
}

function mapCounts(v: unknown): Map<number, number> {
  const out = new Map<number, number>();
  const entries = (v as { entries?: { key: unknown; value: unknown }[] } | null)?.entries ?? [];
  for (const e of entries) out.set(asNumber(e.key), asNumber(e.value));
  return out;
}

/**
 * Binned counts for numeric columns; `null` for a column with no finite reference value (no
 * reference bins exist). Three scans: reference quantiles, reference histogram, current histogram.
 */
export async function numericCounts(
  conn: DuckDBConnection,
  currentTable: string,
  referenceTable: string,
  names: readonly string[],
): Promise<{ counts: (NumericCounts | null)[]; nReference: number[]; nCurrent: number[] }> {
  if (names.length === 0) return { counts: [], nReference: [], nCurrent: [] };
  const fractions = Array.from({ length: FINE_BINS + 1 }, (_, i) => i / FINE_BINS);
  const qList = `[${fractions.join(", ")}]`;
  const qSel = names
    .map((_, i) => `quantile_cont(x${i}, ${qList}) ${finite(`x${i}`)}, stddev_samp(x${i}) ${finite(`x${i}`)}`)
    .join(", ");
  const qRow = (await conn.runAndReadAll(`SELECT ${qSel} FROM ${castSelect(referenceTable, names)}`)).getRows()[0] ?? [];

  const boundaries: (number[] | null)[] = names.map((_, i) => {
    const q = (qRow[2 * i] as { items?: unknown[] } | null)?.items?.map(asNumber);
    if (!q || q.length === 0 || !q.every(Number.isFinite)) return null;
    const b = [nextDown(q[0]!), ...q.slice(1)];
    return b.filter((v, k) => k === 0 || v > b[k - 1]!);
  });
  const stds = names.map((_, i) => asNumber(qRow[2 * i + 1]));

  const histogramSelect = (table: string): string => {
    const parts = names.map((_, i) => {
      const b = boundaries[i];
      const h = b ? `histogram(x${i}, ${doubleList(b)}) ${finite(`x${i}`)}` : "NULL";
      return `${h}, count(x${i}) ${finite(`x${i}`)}, min(x${i}) ${finite(`x${i}`)}, max(x${i}) ${finite(`x${i}`)}`;
    });
    return `SELECT ${parts.join(", ")} FROM ${castSelect(table, names)}`;
  };
  const refRow = (await conn.runAndReadAll(histogramSelect(referenceTable))).getRows()[0] ?? [];
  const curRow = (await conn.runAndReadAll(histogramSelect(currentTable))).getRows()[0] ?? [];

  const counts = names.map((_, i): NumericCounts | null => {
    const b = boundaries[i];
    if (!b) return null;
    const toBins = (v: unknown): number[] => {
      const m = mapCounts(v);
      const bins = b.map((edge) => m.get(edge) ?? 0);
      let above = 0;
      for (const [k, c] of m) if (!(k <= b[b.length - 1]!)) above += c;
      return [...bins, above];
    };
    const edgeSet = new Map(b.map((v, k) => [v, k]));
    const coarse = new Set<number>([0, b.length - 1]);
    const q = (qRow[2 * i] as { items: unknown[] }).items.map(asNumber);
    for (let j = 1; j < PSI_BINS; j++) {
      const k = edgeSet.get(q[(j * FINE_BINS) / PSI_BINS]!);
      if (k !== undefined) coarse.add(k);
    }
    return {
      boundaries: b,
      reference: toBins(refRow[4 * i]),
      current: toBins(curRow[4 * i]),
      coarseBoundaryIndex: [...coarse].sort((x, y) => x - y),
      referenceMin: q[0]!,
      referenceStd: stds[i]!,
      currentMin: asNumber(curRow[4 * i + 2]),
      currentMax: asNumber(curRow[4 * i + 3]),
    };
  });
  return {
    counts,
    nReference: names.map((_, i) => asNumber(refRow[4 * i + 1])),
    nCurrent: names.map((_, i) => asNumber(curRow[4 * i + 1])),
  };
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
      return `SELECT ${i} AS col, CASE WHEN ${inTop} THEN c.v END AS v,
          CASE WHEN ${inTop} THEN 'top' WHEN r.v IS NOT NULL THEN 'other' ELSE 'unseen' END AS kind, sum(c.n) AS n
        FROM (SELECT CAST(${c} AS VARCHAR) AS v, count(*) AS n FROM ${cur} WHERE ${c} IS NOT NULL GROUP BY 1) c
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
