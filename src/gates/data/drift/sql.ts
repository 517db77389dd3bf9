/**
 * What drift needs from each file, as binned counts: bin edges from a sample of the reference, then
 * a few aggregates per column in the file's one aggregate query (src/gates/data/aggregate.ts) — the
 * reference's first, since the current file's tail bins start at the reference's extremes. Rows
 * never leave DuckDB; every later statistic works on these counts.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent, sqlString } from "../../../core/duckdb.js";
import { describeTable, type TableColumn } from "../../../core/table.js";
import { Aggregate, asNumber, SAMPLE_BATCH, type AggregateRow, type RowSource } from "../aggregate.js";
import { isIntegerType } from "../rules.js";

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

/** The largest double below x: the boundary that puts everything under the reference minimum in the lower tail. */
export function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return buf.getFloat64(0);
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

export interface EdgeSample {
  /** Distinct sample quantiles at 1/FINE_BINS steps. */
  interior: number[];
  deciles: number[];
  sampleDistinct: number;
}

/**
 * Interior bin edges from a deterministic sample of about QUANTILE_SAMPLE reference rows, every
 * k-th row by row id, so the same table always gives the same edges (DuckDB's approx_quantile
 * varies between multi-threaded runs; quantile_cont with 100 fractions costs seconds per million
 * rows). Edges only choose the bins: sampling makes them slightly unequal, never the counts approximate.
 *
 * The sample is read SAMPLE_BATCH columns at a time, as plain `list(x)` with the NULLs dropped here:
 * `list(x) FILTER (WHERE …)` over 900 columns in one query took DuckDB 22 s and 2.7 GB to plan and
 * run on 590 rows (superlinear in the number of filtered aggregates), and one query's lists over
 * thousands of columns would hold the whole sample in JavaScript at once.
 */
export async function sampleEdges(conn: DuckDBConnection, table: string, names: readonly string[]): Promise<EdgeSample[]> {
  if (names.length === 0) return [];
  const rows = asNumber((await conn.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(table)}`)).getRows()[0]?.[0]);
  const every = Math.max(1, Math.ceil(rows / QUANTILE_SAMPLE));
  const out: EdgeSample[] = [];
  let byRowid = true;
  for (let start = 0; start < names.length; start += SAMPLE_BATCH) {
    const batch = names.slice(start, start + SAMPLE_BATCH);
    const lists = batch.map((n) => `list(CASE WHEN isfinite(${doubleOf(n)}) THEN ${doubleOf(n)} END)`).join(", ");
    const query = (where: string) => `SELECT ${lists} FROM ${sqlIdent(table)} WHERE ${where}`;
    let row: unknown[] | undefined;
    if (byRowid) {
      try {
        row = (await conn.runAndReadAll(query(`rowid % ${every} = 0`))).getRows()[0];
      } catch {
        byRowid = false;
      }
    }
    // A view has no rowid: pick rows by a hash of their values instead (equally deterministic).
    const raw = names.map(doubleOf).join(", ");
    row ??= (await conn.runAndReadAll(query(`hash(${raw}) % ${every} = 0`))).getRows()[0];
    for (let i = 0; i < batch.length; i++) out.push(edgesOf((row?.[i] as { items?: unknown[] } | null)?.items ?? []));
  }
  return out;
}

const doubleOf = (name: string): string => `TRY_CAST(${sqlIdent(name)} AS DOUBLE)`;

function edgesOf(items: readonly unknown[]): EdgeSample {
  const sample = Float64Array.from(
    items.filter((v) => v !== null && v !== undefined),
    asNumber,
  ).sort();
  const q = Array.from({ length: FINE_BINS - 1 }, (_, k) => quantile7(sample, (k + 1) / FINE_BINS)).filter(Number.isFinite);
  const interior = q.filter((v, k) => k === 0 || v > q[k - 1]!);
  const deciles = Array.from({ length: PSI_BINS - 1 }, (_, k) => quantile7(sample, (k + 1) / PSI_BINS)).filter(Number.isFinite);
  const sampleDistinct = sample.reduce((n, v, k) => (k === 0 || v !== sample[k - 1] ? n + 1 : n), 0);
  return { interior, deciles, sampleDistinct };
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

/** A `histogram(x)` of finite doubles as value -> count. */
function finiteCounts(row: AggregateRow, alias: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, n] of row.counts(alias)) {
    const v = asNumber(k);
    if (Number.isFinite(v)) out.set(v, (out.get(v) ?? 0) + n);
  }
  return out;
}

/** A `histogram(x, bounds)` as bound -> count; DuckDB's overflow bucket has a key that is no bound. */
function boundCounts(row: AggregateRow, alias: string | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (alias === undefined) return out;
  for (const [k, n] of row.counts(alias)) out.set(asNumber(k), n);
  return out;
}

/** One string literal cast once: binding a hundred `'…'::DOUBLE` literals costs more than the scan of 100k rows. */
function doubleList(values: readonly number[]): string {
  return `string_split(${sqlString(values.map(String).join(","))}, ',')::DOUBLE[]`;
}

/** Column name -> DuckDB type, for the file an aggregate reads. */
type ColumnTypes = (name: string) => string | undefined;

function typesOf(columns: readonly TableColumn[]): ColumnTypes {
  const types = new Map(columns.map((c) => [c.name, c.type]));
  return (name) => types.get(name);
}

/**
 * A column as a finite DOUBLE (NaN, ±inf and text that is no number as NULL), computed once per
 * row, as cheaply as its type allows: a general TRY_CAST and isfinite cost five times a cast.
 */
function finite(agg: Aggregate, name: string, type: string | undefined): string {
  const c = sqlIdent(name);
  if (type !== undefined && (isIntegerType(type) || type.startsWith("DECIMAL"))) return agg.project(`CAST(${c} AS DOUBLE)`);
  if (type === "DOUBLE" || type === "FLOAT") return agg.project(`CASE WHEN isfinite(${c}) THEN ${c}::DOUBLE END`);
  const t = `TRY_CAST(${c} AS DOUBLE)`;
  return agg.project(`CASE WHEN isfinite(${t}) THEN ${t} END`);
}

/** Value counts of a few-valued numeric column: integers are counted as stored (a cheaper hash). */
function valueHistogram(agg: Aggregate, name: string, type: string | undefined): string {
  if (type !== undefined && isIntegerType(type)) return agg.add(`histogram(${sqlIdent(name)})`);
  return agg.add(`histogram(${finite(agg, name, type)})`);
}

type Partial = Omit<NumericCounts, "current" | "currentBelowDistance" | "currentAboveDistance">;

export interface CategoricalCounts {
  /** Top reference categories by count (ties by value), then "other" and "unseen". */
  labels: string[];
  reference: number[];
  current: number[];
}

export interface GatheredDrift {
  numeric: { counts: (NumericCounts | null)[]; nReference: number[]; nCurrent: number[] };
  categorical: { counts: CategoricalCounts[]; nReference: number[]; nCurrent: number[] };
}

/** DuckDB orders VARCHAR by UTF-8 bytes; ties in the top categories are broken the same way. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Drift's share of the reference's and then the current file's aggregate. Numeric columns with
 * few distinct values in the reference sample (<= EXACT_DISTINCT) are counted by value and binned
 * here (a hash count of a few keys costs less than `histogram(x, bounds)`); the others go into
 * DuckDB's `histogram` on the sample's percentile edges. Categorical columns are counted by value
 * as text in both files: the reference's top TOP_CATEGORIES by name, the rest of its categories as
 * "other", and categories the reference never had as "unseen" (reference count 0 by definition).
 */
export class DriftGather {
  private readonly exact: boolean[];
  private readonly refAlias: { h?: string; n?: string; min?: string; max?: string; std?: string }[] = [];
  private readonly catRefAlias: string[] = [];
  private readonly curAlias: { h?: string; n?: string; below?: string; above?: string }[] = [];
  private readonly catCurAlias: string[] = [];
  private partial: (Partial | null)[] = [];
  private nReference: number[] = [];
  private top: { v: string; n: number }[][] = [];
  private refDomain: Set<string>[] = [];
  private catNReference: number[] = [];

  constructor(
    readonly numeric: readonly string[],
    private readonly edges: readonly EdgeSample[],
    readonly categorical: readonly string[],
    currentDistinct: readonly (number | undefined)[] = [],
  ) {
    this.exact = numeric.map((_, i) => edges[i]!.sampleDistinct <= EXACT_DISTINCT);
    this.currentExact = numeric.map((_, i) => this.exact[i]! || (currentDistinct[i] ?? Infinity) <= EXACT_DISTINCT);
  }

  private readonly currentExact: boolean[];

  /** Adds the reference's items; `columns` are the reference's, with their DuckDB types. */
  addReference(agg: Aggregate, columns: readonly TableColumn[]): void {
    const types = typesOf(columns);
    this.numeric.forEach((name, i) => {
      const interior = this.edges[i]!.interior;
      if (this.exact[i]) {
        this.refAlias.push({ h: valueHistogram(agg, name, types(name)) });
        return;
      }
      const x = finite(agg, name, types(name));
      this.refAlias.push({
        ...(interior.length > 0 ? { h: agg.add(`histogram(${x}, ${doubleList(interior)})`) } : {}),
        n: agg.add(`count(${x})`),
        min: agg.add(`min(${x})`),
        max: agg.add(`max(${x})`),
        std: agg.add(`stddev_samp(${x})`),
      });
    });
    for (const name of this.categorical) this.catRefAlias.push(agg.add(`histogram(CAST(${sqlIdent(name)} AS VARCHAR))`));
  }

  readReference(row: AggregateRow): void {
    this.partial = this.numeric.map((_, i): Partial | null => {
      const a = this.refAlias[i]!;
      const values = this.exact[i] ? finiteCounts(row, a.h!) : undefined;
      const v = values
        ? valueStats(values)
        : { n: row.number(a.n!), min: row.number(a.min!), max: row.number(a.max!), std: row.number(a.std!) };
      this.nReference[i] = v.n;
      if (!(v.n > 0) || !Number.isFinite(v.min) || !Number.isFinite(v.max)) return null;
      const interior = this.edges[i]!.interior.filter((e) => e >= v.min && e < v.max);
      const upper = [...interior, v.max];
      // Reference counts land in the same bins: nothing lies outside [min, max] by definition.
      const byKey = values ? binValues(values, interior) : boundCounts(row, a.h);
      const inRange = upper.map((u, j) => (j < interior.length ? (byKey.get(u) ?? 0) : 0));
      inRange[upper.length - 1] = v.n - inRange.reduce((s, k) => s + k, 0);
      const coarse = new Set<number>([upper.length - 1]);
      for (const d of this.edges[i]!.deciles) {
        const j = upper.indexOf(d);
        if (j >= 0) coarse.add(j);
      }
      return {
        upper,
        reference: [0, ...inRange, 0],
        coarseUpper: [...coarse].sort((p, q) => p - q),
        referenceMin: v.min,
        referenceStd: v.std,
      };
    });
    this.categorical.forEach((_, i) => {
      const counts = [...row.counts(this.catRefAlias[i]!)].map(([k, n]) => ({ v: String(k), n }));
      counts.sort((p, q) => q.n - p.n || byteOrder(p.v, q.v));
      this.top[i] = counts.slice(0, TOP_CATEGORIES);
      this.refDomain[i] = new Set(counts.map((c) => c.v));
      this.catNReference[i] = counts.reduce((s, c) => s + c.n, 0);
    });
  }

  /** Adds the current file's items (after readReference); returns each exactly counted column's value counts alias. */
  addCurrent(agg: Aggregate, columns: readonly TableColumn[]): Map<string, string> {
    const types = typesOf(columns);
    const counted = new Map<string, string>();
    this.numeric.forEach((name, i) => {
      const p = this.partial[i];
      if (this.currentExact[i]) {
        const h = valueHistogram(agg, name, types(name));
        if (isIntegerType(types(name) ?? "")) counted.set(name, h);
        this.curAlias.push({ h });
        return;
      }
      const x = finite(agg, name, types(name));
      if (!p) {
        this.curAlias.push({ n: agg.add(`count(${x})`) });
        return;
      }
      const min = `${sqlString(String(p.referenceMin))}::DOUBLE`;
      const max = `${sqlString(String(p.upper[p.upper.length - 1]!))}::DOUBLE`;
      this.curAlias.push({
        h: agg.add(`histogram(${x}, ${doubleList([nextDown(p.referenceMin), ...p.upper])})`),
        n: agg.add(`count(${x})`),
        // CASE costs less per row than greatest(…, 0); an empty tail sums to NULL, read as 0.
        below: agg.add(`sum(CASE WHEN ${x} < ${min} THEN ${min} - ${x} END)`),
        above: agg.add(`sum(CASE WHEN ${x} > ${max} THEN ${x} - ${max} END)`),
      });
    });
    for (const name of this.categorical) {
      const h = agg.add(`histogram(CAST(${sqlIdent(name)} AS VARCHAR))`);
      counted.set(name, h);
      this.catCurAlias.push(h);
    }
    return counted;
  }

  readCurrent(row: AggregateRow): GatheredDrift {
    const nCurrent: number[] = [];
    const counts = this.partial.map((p, i): NumericCounts | null => {
      const a = this.curAlias[i]!;
      let byKey: Map<number, number>;
      let below = 0;
      let above = 0;
      if (this.currentExact[i]) {
        const values = finiteCounts(row, a.h!);
        const lo = p?.referenceMin ?? 0;
        const hi = p?.upper[p.upper.length - 1] ?? 0;
        let n = 0;
        for (const [v, k] of values) {
          n += k;
          below += k * Math.max(lo - v, 0);
          above += k * Math.max(v - hi, 0);
        }
        nCurrent[i] = n;
        byKey = p ? binValues(values, [nextDown(p.referenceMin), ...p.upper]) : new Map<number, number>();
      } else {
        nCurrent[i] = row.number(a.n!);
        byKey = boundCounts(row, a.h);
        below = row.number(a.below ?? "") || 0;
        above = row.number(a.above ?? "") || 0;
      }
      if (!p) return null;
      const lower = byKey.get(nextDown(p.referenceMin)) ?? 0;
      const inRange = p.upper.map((u) => byKey.get(u) ?? 0);
      const upperTail = nCurrent[i] - lower - inRange.reduce((s, k) => s + k, 0);
      return { ...p, current: [lower, ...inRange, upperTail], currentBelowDistance: below, currentAboveDistance: above };
    });

    const catNCurrent: number[] = [];
    const catCounts = this.categorical.map((_, i): CategoricalCounts => {
      const t = this.top[i]!;
      const labels = [...t.map((x) => x.v), "(other)", "(unseen)"];
      const reference = [...t.map((x) => x.n), this.catNReference[i]! - t.reduce((s, x) => s + x.n, 0), 0];
      const current = labels.map(() => 0);
      const index = new Map(t.map((x, k) => [x.v, k]));
      let n = 0;
      for (const [key, k] of row.counts(this.catCurAlias[i]!)) {
        n += k;
        // Columns with an empty reference are not bucketed: only their total counts.
        if (t.length === 0) continue;
        const v = String(key);
        const j = index.get(v) ?? (this.refDomain[i]!.has(v) ? labels.length - 2 : labels.length - 1);
        current[j] = current[j]! + k;
      }
      catNCurrent[i] = n;
      return { labels, reference, current };
    });
    return {
      numeric: { counts, nReference: this.nReference, nCurrent },
      categorical: { counts: catCounts, nReference: this.catNReference, nCurrent: catNCurrent },
    };
  }
}

const tableSource = (table: string): RowSource => ({ from: sqlIdent(table) });

/** Drift's counts for two tables: the edges from a sample of the reference, then one aggregate per table. */
export async function gatherDrift(
  conn: DuckDBConnection,
  currentTable: string,
  referenceTable: string,
  numeric: readonly string[],
  categorical: readonly string[],
  currentDistinct: readonly (number | undefined)[] = [],
): Promise<GatheredDrift> {
  const g = new DriftGather(numeric, await sampleEdges(conn, referenceTable, numeric), categorical, currentDistinct);
  const ref = new Aggregate();
  g.addReference(ref, await describeTable(conn, sqlIdent(referenceTable)));
  g.readReference(await ref.run(conn, tableSource(referenceTable)));
  const cur = new Aggregate();
  g.addCurrent(cur, await describeTable(conn, sqlIdent(currentTable)));
  return g.readCurrent(await cur.run(conn, tableSource(currentTable)));
}

/** Binned counts for numeric columns of two tables; `null` for a column with no finite reference value. */
export async function numericCounts(
  conn: DuckDBConnection,
  currentTable: string,
  referenceTable: string,
  names: readonly string[],
  currentDistinct: readonly (number | undefined)[] = [],
): Promise<GatheredDrift["numeric"]> {
  return (await gatherDrift(conn, currentTable, referenceTable, names, [], currentDistinct)).numeric;
}
