import { rmSync, statSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckdbMemoryLimit, memorySetting, openDuckDB, sqlIdent } from "../../core/duckdb.js";
import { baselineCrashSentence, CrashRecord } from "../../core/crash-record.js";
import { ConfigurationError } from "../../core/errors.js";
import { sha256File, subjectOf } from "../../core/hash.js";
import type { ResolveOptions } from "../../cli/command.js";
import type { Subject } from "../../core/report.js";
import { noRejects, openTable, type OpenedTable } from "../../core/table.js";
import { bindCsvSource, sniffCsvSource, type CsvSource, type CsvSourceInfo } from "../../core/table/stream.js";
import { assertNotLfsPointer } from "../../core/lfs.js";
import { resolveGitBaseline, type ResolvedBaseline } from "./baseline.js";
import { isReleaseSpec, releaseBaseline } from "./release-baseline.js";
import { scoreRows, type HelperScan, type SampleScored, type Scored } from "./evaluate.js";
import { RowLimitError, rowBudget, rowBytes, rowLimit, type RowLimit } from "./row-limit.js";
import { planGroups, type GroupSpec } from "./groups.js";
import { measureLatency, measureRobustness, type SampleFeed } from "./probes.js";
import { loadModel, type LoadedModel } from "./session.js";
import type { RunSettings } from "./settings.js";
import type { EvalState, Grouping, RobustnessStats } from "./state.js";
import { formatCount } from "../../render/format.js";

export interface GateIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  progress: (m: string) => void;
  resolvePath: (p: string, opts: ResolveOptions) => string;
  configFile?: string;
  /** `mlgate.yml:12` for a key path of the config (named slices' errors name their line). */
  configAt?: (segments: readonly (string | number)[]) => string;
  /** The data file's SHA-256 already asked of the helper thread (null if it failed). */
  dataHash?: DataHash;
  /**
   * Called once labels and scores are final and the latency probe is done (nothing timed runs after
   * it): the caller may start the metrics on another thread while the gate finishes.
   */
  scoresReady?: (state: EvalState) => void;
  /** Scans a whole CSV/TSV on the helper thread while this one runs the models. */
  helperScan?: HelperScan;
  /** The data file as the helper thread sniffed it (undefined: sniff here). */
  helperSource?: (file: string) => Promise<CsvSourceInfo | undefined>;
  /** DuckDB's budget in bytes (core/duckdb.ts duckdbMemoryLimit); not a setting of the run, so shards of one run may differ in it. */
  memoryLimit?: number;
  /** The budget of the rows kept for exact metrics (row-limit.ts rowBudget): memoryLimit when given, else at most 1 GiB. */
  rowBudget?: number;
}

export interface DataHash {
  file: string;
  sha256: Promise<string | null>;
}

/** The data file's hash from the helper thread when it hashed this file, else from this thread. */
async function dataSha256(file: string, early: DataHash | undefined): Promise<string> {
  const h = early?.file === file ? await early.sha256 : null;
  return h ?? sha256File(file);
}

/**
 * Runs both models over the evaluation data (or this shard of it) and returns the mergeable state
 * the verdict is computed from. DuckDB reads the data through the shared table reader.
 */
export async function evaluateModels(s: RunSettings, io: GateIo): Promise<EvalState> {
  const candFile = io.resolvePath(s.candidate, { flag: "--candidate", kind: "file" });
  assertNotLfsPointer(candFile, `--candidate ${s.candidate}`);
  const dataFile = io.resolvePath(s.data, { flag: "--data", kind: "any" });
  if (statSync(dataFile).isFile()) assertNotLfsPointer(dataFile, `--data ${s.data}`);
  const git = isReleaseSpec(s.baseline)
    ? await releaseBaseline(s.baseline, io.env, io.progress)
    : resolveGitBaseline(s.baseline, s.candidate, io.env, io.cwd);
  let baseline: ResolvedBaseline | undefined;
  let noBaseline: string | undefined;
  if (git === "path") {
    const given = s.baseline ?? "";
    baseline = { file: io.resolvePath(given, { flag: "--baseline", kind: "file" }), display: given, origin: given };
  } else if ("none" in git) noBaseline = git.none;
  else baseline = git;
  const dataHash = dataSha256(dataFile, io.dataHash).catch(() => undefined);

  // DuckDB's budget; the rows the gate keeps in memory are bounded by it too when it is given (row-limit.ts).
  const memoryLimit = io.memoryLimit ?? duckdbMemoryLimit(undefined, io.env);
  const rowsAllowed = rowLimit(io.rowBudget ?? rowBudget(undefined, io.env), io.env);
  // This thread's DuckDB, opened when something here needs it: with a helper thread that sniffs and
  // scans a plain CSV, nothing does.
  let db: Awaited<ReturnType<typeof openDuckDB>> | undefined;
  let opening: Promise<DuckDBConnection> | undefined;
  const duck = (): Promise<DuckDBConnection> =>
    (opening ??= openDuckDB({
      // Locked to the data file: the only file any query of this gate may read.
      reads: [dataFile],
      memoryLimit: memorySetting(memoryLimit),
      // A deeper stream buffer lets DuckDB's threads run ahead of the consumer (measured: 1.4 s -> 0.9 s per 1M rows).
      settings: { streaming_buffer_size: "32MB" },
    }).then((d) => {
      db = d;
      return d.connection;
    }));
  const sniffHere = (): Promise<CsvSourceInfo | undefined> =>
    duck().then((c) => sniffCsvSource(c, dataFile, { name: "mlgate_stream", display: s.data }));
  // The sniff runs on DuckDB's threads (this one's or the helper's) while this one loads onnxruntime
  // and both models; a helper that could not sniff leaves it to this thread.
  const source: Promise<CsvSourceInfo | undefined> = s.shard
    ? Promise.resolve(undefined)
    : (io.helperSource ? io.helperSource(dataFile).then((h) => h ?? sniffHere()) : sniffHere()).catch(() => undefined);
  let candidate: LoadedModel | undefined;
  let base: LoadedModel | undefined;
  try {
    if (baseline) assertNotLfsPointer(baseline.file, `--baseline ${baseline.display}`);
    // In a child of the crash guard (src/cli/crash-guard.ts): a baseline that crashed onnxruntime cannot be compared with.
    const watch = CrashRecord.of(io.env);
    const baseCrash = baseline ? watch?.crashOf("baseline", baseline.display) : undefined;
    if (baseCrash) throw new ConfigurationError(baselineCrashSentence(baseCrash));
    candidate = await loadModel(candFile, s.candidate, "candidate", watch);
    base = baseline ? await loadModel(baseline.file, baseline.display, "baseline", watch) : undefined;
    const models = base ? { candidate, baseline: base } : { candidate };
    // The models are hashed while the data is sniffed and read: this thread is idle until the first batch.
    const subjectsP = Promise.all([
      subjectOf(candFile, s.candidate, "candidate"),
      ...(baseline ? [subjectOf(baseline.file, baseline.display, "baseline")] : []),
    ]);
    subjectsP.catch(() => undefined);
    // Robustness is measured on the first rows as soon as both models have scored them (scoreRows).
    const robustness: { stats?: RobustnessStats } = {};
    const sampleScored = async (x: SampleScored): Promise<void> => {
      if (x.plan.mode !== "matrix") return;
      const feed: SampleFeed = { input: x.plan.input, dtype: x.plan.dtype, ...x.sample };
      const probes: Parameters<typeof measureRobustness>[5] = [
        { probe: { model: models.candidate, output: x.outputs.candidate }, original: x.candidate, key: "candidate" },
      ];
      if (models.baseline && x.outputs.baseline && x.baseline)
        probes.push({
          probe: { model: models.baseline, output: x.outputs.baseline },
          original: x.baseline,
          key: "baseline",
        });
      io.progress("measuring robustness");
      robustness.stats = await measureRobustness(
        s.verdict.task,
        x.classes,
        feed,
        s.robustness.epsilon,
        s.verdict.bootstrap.seed,
        probes,
      );
    };
    const streamed = await scoreStreamed(duck, await source, dataFile, s, models, io, sampleScored, rowsAllowed);
    let specs: GroupSpec[] = streamed?.specs ?? [];
    let scored = streamed?.scored;
    if (!scored) {
      io.progress(`reading ${s.data}`);
      const conn = await duck();
      // No more rows than scoreRows would keep (at the least a row can cost) and one more: a bomb is
      // refused there without DuckDB loading all of it first.
      const most = rowsAllowed.rows(rowBytes(base ? 2 : 1, 1)) * (s.shard?.count ?? 1);
      const t = await openTable(conn, dataFile, {
        name: "mlgate_eval",
        display: s.data,
        ...(Number.isSafeInteger(most) ? { maxRows: most } : {}),
      });
      const bad = t.rejects[0];
      if (bad)
        throw new ConfigurationError(
          `--data ${s.data}: line ${bad.line} cannot be read (${bad.message})${t.rejected.total > 1 ? ` and ${t.rejected.total - 1} more records` : ""}; the model gate scores every row, so fix or remove ${t.rejected.total > 1 ? "them" : "it"}`,
        );
      specs = await planGroups(conn, t, s.sliceColumns, s.namedSlices, s.sensitive, sliceAt(io));
      io.progress(`scoring ${formatCount(t.rowCount)} rows${s.shard ? ` (shard ${s.shard.index + 1}/${s.shard.count})` : ""}`);
      scored = await scoreRows(duck, t, s, models, specs, io.progress, { rowid: true, sampleScored }, rowsAllowed);
    }
    const groups: Grouping[] = specs.map((g, i) => ({
      kind: g.kind,
      name: g.name,
      levels: g.levels,
      codes: scored.codes[i] ?? new Int32Array(0),
    }));
    const state: EvalState = {
      task: scored.task,
      classes: scored.classes,
      ...(scored.rows ? { rows: scored.rows } : {}),
      yTrue: scored.yTrue,
      candidate: scored.candidate,
      ...(scored.baseline ? { baseline: scored.baseline } : {}),
      groups,
      outputs: {
        candidate: `${scored.outputs.candidate.name}: ${describeOutput(scored.outputs.candidate)}`,
        ...(scored.outputs.baseline
          ? { baseline: `${scored.outputs.baseline.name}: ${describeOutput(scored.outputs.baseline)}` }
          : {}),
      },
      subjects: [],
      inputs: {},
      settings: s,
      data: { path: s.data, lineOffset: 0 },
      ...(baseline ? { baselineOrigin: baseline.origin } : {}),
      ...(noBaseline !== undefined ? { noBaseline } : {}),
      ...(s.shard ? { shard: s.shard } : {}),
    };
    if (scored.sample && scored.plan.mode === "matrix") {
      const feed: SampleFeed = { input: scored.plan.input, dtype: scored.plan.dtype, ...scored.sample };
      const cp = { model: candidate, output: scored.outputs.candidate };
      const bp = base && scored.outputs.baseline ? { model: base, output: scored.outputs.baseline } : undefined;
      io.progress("measuring latency");
      state.latency = await measureLatency(feed, cp, bp, s.latencyRuns);
    }
    if (robustness.stats) state.robustness = robustness.stats;
    io.scoresReady?.(state);
    io.progress("hashing inputs");
    const subjects: Subject[] = await subjectsP;
    state.subjects = subjects;
    const inputs: Record<string, string> = {};
    for (const sub of subjects) inputs[sub.path] = sub.sha256;
    const dh = await dataHash;
    if (dh) inputs[s.data] = dh;
    state.inputs = inputs;
    return state;
  } finally {
    // Closing DuckDB under a running sniff would pull the database from under it.
    await source;
    if (opening) await opening.catch(() => undefined);
    db?.close();
    if (candidate) await candidate.session.release();
    if (base) await base.session.release();
    if (baseline?.temporary) rmSync(path.dirname(baseline.file), { recursive: true, force: true });
  }
}

/** Named slices come from the config only: their messages start with its file and line. */
function sliceAt(io: Pick<GateIo, "configAt">): (i: number) => string {
  return (i) => {
    const key = ["gates", "model", "slices", i, "where"];
    return `${io.configAt ? `${io.configAt(key)}: ` : ""}gates.model.slices[${i}].where`;
  };
}

/** A row needs its file line (an error message): the streamed source has none, the table reader does. */
class NeedsTable extends Error {}

/**
 * The fast path for a whole CSV/TSV file (no shard; `src` from csvSource): one streamed read_csv scan
 * feeds the models, with no table in between. Slice and sensitive columns, whose levels and quantile edges must be known
 * before the scan, are read first into a table of just those columns; named slices are extra columns
 * of the scan. Anything the fast path cannot settle alone — a rejected record, a value that needs its
 * line in a message, any user or DuckDB error — returns undefined, and the caller runs the table
 * path, which reports it exactly as before (an error costs a second read; a clean file reads once).
 */
async function scoreStreamed(
  duck: () => Promise<DuckDBConnection>,
  src: CsvSourceInfo | undefined,
  dataFile: string,
  s: RunSettings,
  models: { candidate: LoadedModel; baseline?: LoadedModel },
  io: Pick<GateIo, "progress" | "helperScan" | "configAt">,
  sampleScored: (x: SampleScored) => Promise<void>,
  rowsAllowed: RowLimit,
): Promise<{ scored: Scored; specs: GroupSpec[] } | undefined> {
  if (s.shard || !src) return undefined;
  const groupColumns = [...new Set([...s.sliceColumns, ...s.sensitive])];
  // Views of the streamed scan shaped as tables: no row count, no rejects, no lines until the table path.
  const streamed = (table: string, name: string): OpenedTable => ({
    table,
    name,
    file: dataFile,
    display: s.data,
    format: "csv",
    columns: src.columns,
    rowCount: Number.NaN,
    rejects: [],
    rejected: noRejects(),
    lineOf: () => Promise.reject(new NeedsTable("streamed rows have no lines")),
  });
  const narrow = streamed(sqlIdent("mlgate_groups"), "mlgate_groups");
  const t = streamed(src.from, "mlgate_stream");
  // This thread's DuckDB scans `src.from` only when the helper does not; its rejects tables live there.
  let bound: CsvSource | undefined;
  const here = async (): Promise<DuckDBConnection> => {
    const conn = await duck();
    bound ??= bindCsvSource(src, conn);
    return conn;
  };
  try {
    let specs: GroupSpec[] = [];
    if (groupColumns.length || s.namedSlices.length) {
      const conn = await here();
      if (groupColumns.length)
        await conn.run(
          `CREATE OR REPLACE TABLE ${narrow.table} AS SELECT ${groupColumns.map(sqlIdent).join(", ")} FROM ${src.strictFrom}`,
        );
      specs = await planGroups(conn, narrow, s.sliceColumns, s.namedSlices, s.sensitive, sliceAt(io), false);
    }
    io.progress(`scoring ${s.data}`);
    const scored = await scoreRows(
      here,
      t,
      s,
      models,
      specs,
      io.progress,
      {
        rowid: false,
        sampleScored,
        ...(io.helperScan ? { helper: { scan: io.helperScan, from: src.strictFrom } } : {}),
      },
      rowsAllowed,
    );
    // The helper's scan has no rejects table: a malformed record failed it, and the catch below ran.
    return scored.reader === "here" && bound && (await bound.rejectCount()) > 0 ? undefined : { scored, specs };
  } catch (e) {
    // Too many rows is too many on the table path as well: said now, not after loading them all.
    if (e instanceof RowLimitError) throw e;
    // A user error, a line wanted for a message, or a DuckDB error on a file openTable would reject
    // with its own message: the table path reproduces each one as the gate always reported it.
    return undefined;
  } finally {
    if (bound) {
      await bound.dispose();
      await (await duck()).run(`DROP TABLE IF EXISTS ${narrow.table}`);
    }
  }
}

function describeOutput(o: { kind: string; transform?: string; width?: number }): string {
  if (o.kind === "label") return "predicted labels";
  if (o.transform === "sigmoid") return "logits (sigmoid applied)";
  if (o.transform === "softmax") return "logits (softmax applied)";
  return o.transform === "none" ? "probabilities" : "values";
}
