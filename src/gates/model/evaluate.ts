import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { DuckDBConnection, DuckDBDataChunk } from "@duckdb/node-api";
import { sqlIdent, vectorValues } from "../../core/duckdb.js";
import { ConfigurationError } from "../../core/errors.js";
import type { OpenedTable } from "../../core/table.js";
import { didYouMean } from "../../core/suggest.js";
import { allocFeed, featureDTypes, featureNames, featureSql, runModel, samePlan, type Buffer, type FeedBuffers } from "./feed.js";
import type { Task } from "./metrics.js";
import { classesOf, decodeScores, scoreWidth } from "./outputs.js";
import type { GroupSpec } from "./groups.js";
import { planInputs, planOutput, type InputPlan, type LoadedModel, type OutputPlan } from "./session.js";
import type { RunSettings } from "./settings.js";
import { copyNumbers } from "./copy-numbers.js";
import { GrowableF64, GrowableI32 } from "./state.js";
import { createRing, labelOk, readRing, type Ring } from "./scan-ring.js";
import { formatCount } from "../../render/format.js";
import { NO_LIMIT, rowBytes, type RowLimit } from "./row-limit.js";

/** Runs a SELECT on the helper thread's DuckDB into a ring (HelperThread.scan). */
export type HelperScan = (job: { sql: string; ring: Ring }) => Promise<number>;

/** The first rows (the robustness sample) and both models' scores for them, as soon as they are scored. */
export interface SampleScored {
  sample: { features: Float64Array; width: number; rows: number };
  candidate: Float64Array;
  baseline?: Float64Array;
  classes: number;
  plan: InputPlan;
  outputs: { candidate: OutputPlan; baseline?: OutputPlan };
}

/** Where scoreRows may scan on the helper thread: its scan and the FROM it runs there (no rejects table). */
export interface HelperSource {
  scan: HelperScan;
  from: string;
}

export interface Scored {
  task: Task;
  classes: number;
  /** Data row of each evaluated row; absent when they are every row in file order (0, 1, 2, …). */
  rows?: Int32Array;
  yTrue: Float64Array;
  candidate: Float64Array;
  baseline?: Float64Array;
  codes: Int32Array[];
  plan: InputPlan;
  outputs: { candidate: OutputPlan; baseline?: OutputPlan };
  /** The helper thread read the rows (a malformed record failed its scan), or this one did. */
  reader: "helper" | "here";
  /** The first rows' features (row-major, float64), for latency and robustness; matrix inputs only. */
  sample?: { features: Float64Array; width: number; rows: number };
}

/** Columns the features default to: every column but the label, slice and sensitive columns, in file order. */
export function defaultFeatures(t: OpenedTable, s: RunSettings): string[] {
  const skip = new Set([s.label, ...s.sliceColumns, ...s.sensitive]);
  return t.columns.map((c) => c.name).filter((c) => !skip.has(c));
}

function checkColumns(t: OpenedTable, s: RunSettings, features: readonly string[]): void {
  const names = t.columns.map((c) => c.name);
  const missing = (c: string, flag: string): ConfigurationError => {
    const hint = didYouMean(c, names);
    return new ConfigurationError(
      `${flag} ${c}: ${t.display} has no such column${hint ? ` (did you mean "${hint}"?)` : ""}; it has ${names.join(", ")}`,
    );
  };
  if (!names.includes(s.label)) throw missing(s.label, "--label");
  for (const f of features) if (!names.includes(f)) throw missing(f, "--features");
  if (features.length === 0)
    throw new ConfigurationError(`${t.display}: has no feature columns besides the label; pass --features`);
}

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN)$/;

/** A text or date column fed to a numeric input would turn into NaN row by row: say so up front. */
function checkNumeric(t: OpenedTable, cols: readonly string[], dtypes: readonly string[], defaulted: boolean): void {
  for (const [j, c] of cols.entries()) {
    if (dtypes[j] === "string") continue;
    const type = t.columns.find((x) => x.name === c)?.type ?? "";
    if (!NUMERIC_TYPE.test(type))
      throw new ConfigurationError(
        `--features: column "${c}" of ${t.display} is ${type}, but the model takes ${dtypes[j]} inputs; ${defaulted ? "features default to every column but the label, slice and sensitive columns, so list them with --features" : "leave it out of --features"}`,
      );
  }
}

/** copyNumbers for int64 and string inputs (bigints and strings never count as NaN). */
function copyValues(dst: Buffer, at: number, stride: number, src: ArrayLike<unknown>, r0: number, take: number): number {
  const out = dst as unknown as Record<number, unknown>;
  let nan = 0;
  for (let k = 0; k < take; k++) {
    const x = src[r0 + k];
    out[at + k * stride] = x;
    if (x !== x) nan++;
  }
  return nan;
}

/** The label as the file has it, for a message about a value that is not a number. */
async function rawValue(conn: DuckDBConnection, t: OpenedTable, column: string, row: number): Promise<string | null> {
  const r = await conn.runAndReadAll(`SELECT CAST(${sqlIdent(column)} AS VARCHAR) AS v FROM ${t.table} WHERE rowid = ${row}`);
  const v = r.getRowObjectsJS()[0]?.v;
  return typeof v === "string" ? v : null;
}

/** NaNs of a row-major batch, per column, with the first row each was seen on. */
function countNaNs(
  values: Float32Array | Float64Array,
  n: number,
  F: number,
  ids: Int32Array,
  count: Float64Array,
  first: Int32Array,
): void {
  for (let j = 0; j < F; j++)
    for (let r = 0, o = j; r < n; r++, o += F) {
      const x = values[o] as number;
      if (x !== x) {
        count[j] = (count[j] ?? 0) + 1;
        if ((first[j] ?? 0) < 0) first[j] = ids[r] ?? 0;
      }
    }
}

/**
 * The rows the arrays should first hold: a table's count, or a streamed file's size over the mean
 * length of its first 64 KiB of lines (an estimate: the arrays still grow past it).
 */
function expectedRows(t: OpenedTable, shards: number): number {
  const floor = 1 << 12;
  if (Number.isFinite(t.rowCount)) return Math.max(floor, Math.ceil(t.rowCount / shards) + 1);
  try {
    const size = statSync(t.file).size;
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    const fd = openSync(t.file, "r");
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
    let lines = 0;
    for (let i = head.indexOf(10); i >= 0; i = head.indexOf(10, i + 1)) lines++;
    if (lines < 2) return floor;
    return Math.max(floor, Math.ceil((size / head.length) * lines * 1.02));
  } catch {
    return floor;
  }
}

/** Row numbers of a streamed chunk: rows arrive in file order. */
function countFrom(first: number, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) out[r] = first + r;
  return out;
}

async function lineText(t: OpenedTable, row: number): Promise<string> {
  const lines = await t.lineOf([row]);
  const line = lines?.get(row);
  return line !== undefined ? `line ${line}` : `row ${row + 1}`;
}

/**
 * Streams the evaluation rows through both models in batches and keeps, per row, what exact
 * statistics need: the label, both models' scores, the row number and its slice codes. `t.table` is
 * a table, or (rowid: false) a streamed source whose rows arrive in file order, numbered as they come.
 * `conn` opens this thread's DuckDB on first use: a scan on the helper thread needs none.
 */
export async function scoreRows(
  conn: () => Promise<DuckDBConnection>,
  t: OpenedTable,
  s: RunSettings,
  models: { candidate: LoadedModel; baseline?: LoadedModel },
  groups: readonly GroupSpec[],
  progress: (m: string) => void,
  source: { rowid: boolean; helper?: HelperSource; sampleScored?: (x: SampleScored) => Promise<void> } = { rowid: true },
  rowsAllowed: RowLimit = NO_LIMIT,
): Promise<Scored> {
  const task = s.verdict.task;
  const features = s.features ?? defaultFeatures(t, s);
  checkColumns(t, s, features);
  const names = t.columns.map((c) => c.name);
  const plan = planInputs(models.candidate, names, features);
  if (models.baseline && !samePlan(plan, planInputs(models.baseline, names, features)))
    throw new ConfigurationError(
      `--baseline ${models.baseline.display}: takes different inputs than the candidate; mlgate feeds both models the same tensors`,
    );
  const outCand = planOutput(models.candidate, task, s.output);
  const outBase = models.baseline ? planOutput(models.baseline, task, s.output) : undefined;
  const dtypes = featureDTypes(plan);
  const cols = featureNames(plan);
  checkNumeric(t, cols, dtypes, s.features === undefined);
  const F = cols.length;
  const needsNullCheck = dtypes.some((d) => d === "int64" || d === "string");
  const select = [
    ...cols.map((c, j) => featureSql(c, dtypes[j] ?? "float32")),
    `coalesce(TRY_CAST(${sqlIdent(s.label)} AS DOUBLE), 'NaN'::DOUBLE)`,
    ...(source.rowid ? ["rowid::INTEGER"] : []),
    ...groups.map((g) => g.sql),
    ...(needsNullCheck ? [`(${cols.map((c) => `${sqlIdent(c)} IS NULL`).join(" OR ")})::INTEGER`] : []),
  ];
  if (!source.rowid && s.shard) throw new Error("a shard needs a table with rowids");
  const groupAt = F + (source.rowid ? 2 : 1);
  const where = s.shard ? ` WHERE rowid % ${s.shard.count} = ${s.shard.index}` : "";
  const B = s.batchSize;
  const feeds: [FeedBuffers, FeedBuffers] = [allocFeed(plan, B), allocFeed(plan, B)];
  let classes = classesOf(task, outCand) ?? 0;
  const width = (): number => scoreWidth(task, classes);
  // What a row costs decides how many the budget holds: until the first batch tells a model's
  // classes, a multiclass row is taken to have two scores.
  const perRow = (): number => rowBytes(models.baseline ? 2 : 1, classes === 0 && task === "multiclass" ? 2 : width());
  const limit = (): number => rowsAllowed.rows(perRow());
  const refuse = (): Error => rowsAllowed.refuse(`--data ${t.display}: has more than`, perRow());
  const inScope = s.shard ? Math.ceil(t.rowCount / s.shard.count) : t.rowCount;
  if (inScope > limit()) throw refuse();
  // Sized for the rows expected, so a million rows are not copied four times over as the arrays double.
  // Never more than the limit either: the arrays do not double past the rows they may hold.
  const expect = Math.min(expectedRows(t, s.shard?.count ?? 1), limit() + 1);
  const y = new GrowableF64(expect);
  // Rows streamed in file order are numbered 0, 1, 2, … and need no array (Scored.rows).
  const rowIds = source.rowid ? new GrowableI32(expect) : undefined;
  const cand = new GrowableF64(expect * (task === "multiclass" ? Math.max(2, classesOf(task, outCand) ?? 2) : 1));
  const base = models.baseline ? new GrowableF64(cand.data.length) : undefined;
  const codes = groups.map(() => new GrowableI32(expect));
  const capAt = (): void => {
    const rows = limit();
    for (const a of [y, rowIds, ...codes]) if (a) a.max = rows;
    for (const a of [cand, base]) if (a) a.max = rows * Math.max(1, width());
  };
  capAt();
  const nanCount = new Float64Array(F);
  const nanFirst = new Int32Array(F).fill(-1);
  const sampleRows = plan.mode === "matrix" && dtypes[0] !== "int64" && dtypes[0] !== "string" ? s.robustness.rows : 0;
  const sample = new Float64Array(sampleRows * F);
  let sampled = 0;

  const infer = async (feed: FeedBuffers, n: number, start: number): Promise<void> => {
    const tensors = feed.tensors(n);
    const [tc, tb] = await Promise.all([
      runModel(models.candidate, tensors, outCand.name),
      models.baseline && outBase ? runModel(models.baseline, tensors, outBase.name) : undefined,
    ]);
    if (classes === 0) {
      classes = tc.dims.length > 1 ? Number(tc.dims[1]) : 1;
      capAt();
    }
    cand.reserve(n * width());
    decodeScores(models.candidate, task, outCand, tc, n, classes, cand.data, start);
    cand.length = (start + n) * width();
    if (tb && base && models.baseline && outBase) {
      base.reserve(n * width());
      decodeScores(models.baseline, task, outBase, tb, n, classes, base.data, start);
      base.length = (start + n) * width();
    }
  };

  /** A label that is missing, not a number or not a class the model predicts stops the run with its line. */
  const checkLabels = async (labels: Float64Array, n: number, ids: ArrayLike<number>): Promise<void> => {
    for (let r = 0; r < n; r++) {
      const v = labels[r] ?? NaN;
      // The helper's per-batch check (labelOk), plus the class count once the first batch has told it.
      const bad = !labelOk(task, v) || (task === "multiclass" && classes > 0 && v >= classes);
      if (bad) {
        const where = await lineText(t, ids[r] ?? 0);
        if (Number.isNaN(v)) {
          const raw = await rawValue(await conn(), t, s.label, ids[r] ?? 0);
          const k = task === "binary" ? 2 : classes || 2;
          throw new ConfigurationError(
            raw === null
              ? `--label ${s.label}: ${where} of ${t.display} has no label; every evaluated row needs one`
              : task === "regression"
                ? `--label ${s.label}: ${where} of ${t.display} has label "${raw}", which is not a number`
                : `--label ${s.label}: ${where} of ${t.display} has label "${raw}", which is not a class index; encode labels as 0..${k - 1} in the order of the model's outputs`,
          );
        }
        throw new ConfigurationError(
          `--label ${s.label}: ${where} of ${t.display} has label ${v}, which the model does not predict (classes 0..${(task === "binary" ? 2 : classes) - 1})`,
        );
      }
    }
  };

  let which = 0;
  let filled = 0;
  let batchStart = 0;
  let pending: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    if (pending) await pending;
    const first = batchStart === 0;
    pending = infer(feeds[which] as FeedBuffers, filled, batchStart);
    batchStart += filled;
    filled = 0;
    which = 1 - which;
    // The first batch settles the number of classes and how outputs are read before more is queued.
    if (first) await pending;
  };

  // The sample's probe (robustness) runs once its rows are scored, while the rest of the file streams
  // in: after the scan it would hold up this thread's metrics while the helper prepares the other's.
  let probed = false;
  const probeSample = async (end: boolean): Promise<void> => {
    if (probed || !source.sampleScored || sampleRows === 0) return;
    const w = width();
    if (!end && (sampled < sampleRows || cand.length < sampleRows * w)) return;
    probed = true;
    await source.sampleScored({
      sample: { features: sample.subarray(0, sampled * F), width: F, rows: sampled },
      candidate: cand.data.slice(0, sampled * w),
      ...(base ? { baseline: base.data.slice(0, sampled * w) } : {}),
      classes: task === "regression" ? 1 : classes,
      plan,
      outputs: { candidate: outCand, ...(outBase ? { baseline: outBase } : {}) },
    });
  };

  /** This thread's own streamed read (a table, a shard, a column-per-input model, or no helper). */
  const streamHere = async (): Promise<void> => {
    const result = await (await conn()).stream(`SELECT ${select.join(", ")} FROM ${t.table}${where}`);
    let total = 0;
    for (;;) {
      const chunk: DuckDBDataChunk | null = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      if (total + n > limit()) throw refuse();
      const vals = Array.from({ length: select.length }, (_, j) => vectorValues(chunk.getColumnVector(j), n));
      const labels = vals[F] as Float64Array;
      const ids = source.rowid ? (vals[F + 1] as Int32Array) : countFrom(total, n);
      if (needsNullCheck) {
        const nulls = vals[select.length - 1] as Int32Array;
        for (let r = 0; r < n; r++)
          if (nulls[r])
            throw new ConfigurationError(
              `--data ${t.display}: ${await lineText(t, ids[r] ?? 0)} has a missing feature value; the model cannot score it`,
            );
      }
      await checkLabels(labels, n, ids);
      let r0 = 0;
      while (r0 < n) {
        const take = Math.min(n - r0, B - filled);
        const feed = feeds[which] as FeedBuffers;
        for (let j = 0; j < F; j++) {
          const src = vals[j] as ArrayLike<number>;
          const { buf, offset, stride } = feed.slots[j] as FeedBuffers["slots"][number];
          const nan =
            buf instanceof Float32Array || buf instanceof Float64Array
              ? copyNumbers(buf, filled * stride + offset, stride, src, r0, take)
              : copyValues(buf, filled * stride + offset, stride, src, r0, take);
          if (nan) {
            if ((nanFirst[j] ?? 0) < 0)
              for (let k = 0; k < take; k++)
                if (Number.isNaN(src[r0 + k])) {
                  nanFirst[j] = ids[r0 + k] ?? 0;
                  break;
                }
            nanCount[j] = (nanCount[j] ?? 0) + nan;
          }
          if (sampled < sampleRows)
            for (let k = 0; k < take && sampled + k < sampleRows; k++) sample[(sampled + k) * F + j] = Number(src[r0 + k]);
        }
        sampled = Math.min(sampleRows, sampled + take);
        y.append(labels, r0, take, NaN);
        rowIds?.append(ids, r0, take, 0);
        for (const [g, store] of codes.entries()) store.append(vals[groupAt + g] as Int32Array, r0, take, -1);
        filled += take;
        r0 += take;
        if (filled === B) {
          await flush();
          await probeSample(false);
        }
      }
      total += n;
      if (total % (B * 64) < n) progress(`scored ${formatCount(total)} rows`);
    }
  };

  const ring =
    source.helper &&
    !source.rowid &&
    plan.mode === "matrix" &&
    !needsNullCheck &&
    (plan.dtype === "float32" || plan.dtype === "float64")
      ? createRing({ task, features: F, groups: groups.length, batch: B, dtype: plan.dtype })
      : undefined;
  if (ring && source.helper) {
    // The helper thread scans with its own DuckDB into shared slots, one model batch each, while
    // this thread runs the models: DuckDB's stream only moves while it is being fetched from.
    const ended = source.helper.scan({ sql: `SELECT ${select.join(", ")} FROM ${source.helper.from}`, ring });
    let total = 0;
    for await (const b of readRing(ring, ended)) {
      const n = b.rows;
      if (total + n > limit()) throw refuse();
      // Row numbers are only wanted for a batch with something to report.
      if (b.badLabels > 0 || b.nan > 0) {
        const ids = countFrom(total, n);
        if (b.badLabels > 0) await checkLabels(b.labels, n, ids);
        if (b.nan > 0) countNaNs(b.values, n, F, ids, nanCount, nanFirst);
      }
      for (let r = 0; sampled < sampleRows && r < n; r++, sampled++)
        for (let j = 0; j < F; j++) sample[sampled * F + j] = b.values[r * F + j] as number;
      y.append(b.labels, 0, n, NaN);
      for (const [g, store] of codes.entries()) store.append(b.codes[g] as Int32Array, 0, n, -1);
      ((feeds[which] as FeedBuffers).slots[0]?.buf as Float32Array | Float64Array).set(b.values.subarray(0, n * F));
      filled = n;
      await flush();
      await probeSample(false);
      total += n;
      if (total % (B * 64) < n) progress(`scored ${formatCount(total)} rows`);
    }
  } else await streamHere();
  await flush();
  if (pending) await pending;

  const bad = Array.from(nanCount.keys()).filter((j) => (nanCount[j] ?? 0) > 0);
  if (bad.length) {
    const j = bad[0] ?? 0;
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more column${bad.length > 2 ? "s" : ""})` : "";
    throw new ConfigurationError(
      `--data ${t.display}: column "${cols[j]}" has ${nanCount[j]} NaN or missing values, first on ${await lineText(t, nanFirst[j] ?? 0)}${more}; impute or drop them before evaluating`,
    );
  }
  if (task === "multiclass") {
    const labels = y.data;
    for (let i = 0; i < y.length; i++)
      if ((labels[i] ?? 0) >= classes)
        throw new ConfigurationError(
          `--label ${s.label}: ${await lineText(t, rowIds ? (rowIds.data[i] ?? 0) : i)} of ${t.display} has label ${labels[i]}, which the model does not predict (classes 0..${classes - 1})`,
        );
  }
  if (y.length === 0)
    throw new ConfigurationError(`--data ${t.display}: has no rows to evaluate${s.shard ? " in this shard" : ""}`);
  await probeSample(true);
  return {
    task,
    classes: task === "regression" ? 1 : classes,
    ...(rowIds ? { rows: rowIds.view() } : {}),
    yTrue: y.view(),
    candidate: cand.view(),
    ...(base ? { baseline: base.view() } : {}),
    codes: codes.map((c) => c.view()),
    plan,
    reader: ring ? "helper" : "here",
    outputs: { candidate: outCand, ...(outBase ? { baseline: outBase } : {}) },
    ...(sampleRows ? { sample: { features: sample.subarray(0, sampled * F), width: F, rows: sampled } } : {}),
  };
}
