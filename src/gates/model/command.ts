import { statSync } from "node:fs";
import path from "node:path";
import type { Command, CommandContext } from "../../cli/command.js";
import { duckdbMemoryLimit, MEMORY_LIMIT_OPTION, outOfMemory } from "../../core/duckdb.js";
import { CrashRecord, crashSentence } from "../../core/crash-record.js";
import { ConfigurationError } from "../../core/errors.js";
import { sha256File } from "../../core/hash.js";
// onnxruntime-node and DuckDB load only when this gate runs (every other command starts faster).
import type { Report } from "../../core/report.js";
import type { DataHash, GateIo } from "./gate.js";
import { HelperThread, workerSetting } from "./helper-thread.js";
import { rowBudget, rowLimit } from "./row-limit.js";
import { resolveSettings } from "./settings.js";
import { formatCount } from "../../render/format.js";

/** A data file this big is hashed on the helper thread (170 MB: ≈0.1 s of main-thread time otherwise). */
const HELPER_MIN_BYTES = 16 << 20;

/** Files the streamed scan can take (src/core/table.ts formatOf, without compression). */
const PLAIN_TEXT = /\.(csv|txt|tsv|tab)$/i;

function gateIo(ctx: CommandContext): GateIo {
  return {
    cwd: ctx.cwd,
    env: ctx.env,
    progress: ctx.progress,
    resolvePath: ctx.resolvePath,
    memoryLimit: memoryLimitOf(ctx),
    rowBudget: rowBudgetOf(ctx),
    ...(ctx.configFile ? { configFile: ctx.configFile } : {}),
    ...(ctx.configAt ? { configAt: ctx.configAt } : {}),
  };
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Helper threads started from the flags alone (`early`), before the config file loaded. */
const earlyHelpers = new WeakMap<CommandContext, Helper & { whole: boolean }>();

/** The early helper when it was started for this data file and shard setting; else it is closed. */
function takeEarlyHelper(ctx: CommandContext, data: string, whole: boolean): Helper | undefined {
  const early = earlyHelpers.get(ctx);
  earlyHelpers.delete(ctx);
  if (!early) return undefined;
  let file: string | undefined;
  try {
    file = ctx.resolvePath(data, { flag: "--data", kind: "any" });
  } catch {
    file = undefined;
  }
  if (file === early.hash.file && whole === early.whole) return early;
  early.helper.close();
  return undefined;
}

export const modelCommand: Command = {
  name: "model",
  gate: "model",
  // A shard writes statistics for `mlgate model merge`; the merge publishes the verdict.
  publishes: (ctx) => ctx.str("shard") === undefined,
  early(ctx) {
    // The config may name the data file or a shard instead; run() checks before using this helper.
    const data = ctx.str("data");
    const whole = ctx.str("shard") === undefined;
    const started = data ? startHelper(ctx, data, whole) : undefined;
    if (!started) return undefined;
    earlyHelpers.set(ctx, { ...started, whole });
    // Closes the helper when run() never took it (a config error, say), so its hash does not keep the process.
    return {
      dispose: () => {
        earlyHelpers.get(ctx)?.helper.close();
        earlyHelpers.delete(ctx);
      },
    };
  },
  summary: "Compare a candidate ONNX model with a baseline on one evaluation set: metrics, slices, statistics.",
  usage: [
    "model --candidate FILE [--baseline FILE|git:REF:PATH|release:[TAG:]ASSET|none] --data FILE --label COL --task binary|multiclass|regression",
    "model ... [--features a,b,c] [--output NAME] [--slice COL]... [--sensitive COL]... [--shard i/n --stats FILE]",
  ],
  description: [
    "Both models score the same rows in the same batches; every comparison reports the paired delta with a 95% CI",
    "and a p-value. Without thresholds in gates.model.thresholds, the primary metric (roc_auc, accuracy, rmse) may",
    "not be worse than the baseline's by more than 0.01 (1% for rmse). Inside a pull request, the baseline defaults",
    "to the candidate's path at the base commit. With --shard, the command writes mergeable statistics (--stats)",
    "instead of a verdict; `mlgate model merge` judges all shards together.",
  ].join("\n"),
  options: {
    candidate: { type: "string", valueName: "FILE", description: "Candidate ONNX model (the subject of the verdict)." },
    baseline: {
      type: "string",
      valueName: "SPEC",
      description:
        "Baseline: a path, git:<ref>:<path>, git:<path> (PR base), release:<asset> (latest GitHub release), release:<tag>:<asset>, or none.",
    },
    data: { type: "string", valueName: "FILE", description: "Evaluation data: CSV, TSV, Parquet or JSON Lines." },
    label: { type: "string", valueName: "COL", description: "Label column." },
    task: { type: "string", valueName: "TASK", description: "binary, multiclass or regression." },
    features: {
      type: "string",
      valueName: "a,b,c",
      description: "Feature columns in model input order (default: all but label, slice, sensitive).",
    },
    output: {
      type: "string",
      valueName: "NAME",
      description: "Model output to score (default: probabilities, else the only float output).",
    },
    slice: {
      type: "string",
      multiple: true,
      valueName: "COL",
      description: "Slice by this column (numbers binned by quintiles).",
    },
    sensitive: {
      type: "string",
      multiple: true,
      valueName: "COL",
      description: "Sensitive column for fairness gaps (binary tasks).",
    },
    decision: {
      type: "string",
      valueName: "MODE",
      description: "How metrics over all rows are decided: point, significant or non-inferior (default: point).",
    },
    "slice-decision": {
      type: "string",
      valueName: "MODE",
      description: "How slices are decided (default: --decision when given, else significant: Benjamini–Hochberg across slices).",
    },
    "batch-size": { type: "string", valueName: "N", description: "Rows per inference batch (default 4096, at most 1048576)." },
    "memory-limit": MEMORY_LIMIT_OPTION,
    shard: { type: "string", valueName: "i/n", description: "Evaluate rows with row number % n = i-1 and write statistics." },
    stats: {
      type: "string",
      valueName: "FILE",
      description: "Where --shard writes its statistics (default mlgate-report/model-shard-i-of-n.json).",
    },
  },
  async run(ctx) {
    const s = resolveSettings(
      definedOnly({
        candidate: ctx.str("candidate"),
        baseline: ctx.str("baseline"),
        data: ctx.str("data"),
        label: ctx.str("label"),
        task: ctx.str("task"),
        features: ctx.str("features"),
        output: ctx.str("output"),
        slice: ctx.list("slice"),
        sensitive: ctx.list("sensitive"),
        decision: ctx.str("decision"),
        sliceDecision: ctx.str("slice-decision"),
        batchSize: ctx.str("batch-size"),
        shard: ctx.str("shard"),
      }),
      ctx.config.gates?.model,
    );
    if (ctx.str("stats") && !s.shard) throw new ConfigurationError("--stats is only written with --shard i/n");
    // A rerun by the crash guard (src/cli/crash-guard.ts) after the candidate crashed onnxruntime.
    const crash = CrashRecord.of(ctx.env)?.crashOf("candidate", s.candidate);
    if (crash) {
      // A shard has no verdict to fail: it could not run.
      if (s.shard) throw new ConfigurationError(`--candidate ${s.candidate}: ${crashSentence(crash)}`);
      const file = ctx.resolvePath(s.candidate, { flag: "--candidate", kind: "file" });
      return (await import("./crashed.js")).crashedCandidateReport(file, s.candidate, crash);
    }
    const limit = memoryLimitOf(ctx);
    // Started before the native libraries load, so the data file is sniffed and hashed while they do.
    const early = takeEarlyHelper(ctx, s.data, s.shard === undefined) ?? startHelper(ctx, s.data, s.shard === undefined);
    try {
      return await runGate(ctx, s, early);
    } catch (e) {
      throw outOfMemory(e, limit, `the model gate on ${s.data}`) ?? e;
    } finally {
      early?.helper.close();
    }
  },
};

/** `--memory-limit`, else MLGATE_MEMORY_LIMIT, else from the machine (core/duckdb.ts). */
function memoryLimitOf(ctx: CommandContext): number {
  const v = ctx.str("memory-limit");
  return duckdbMemoryLimit(v !== undefined ? { value: v, name: "--memory-limit" } : undefined, ctx.env);
}

/** The rows' budget (row-limit.ts): `--memory-limit`, else MLGATE_MEMORY_LIMIT, else at most 1 GiB. */
function rowBudgetOf(ctx: CommandContext): number {
  const v = ctx.str("memory-limit");
  return rowBudget(v !== undefined ? { value: v, name: "--memory-limit" } : undefined, ctx.env);
}

/** The gate's helper thread, the data file's hash it was asked for, and whether it sniffs and scans the file. */
interface Helper {
  helper: HelperThread;
  hash: DataHash;
  scans: boolean;
}

/** The helper thread, when the data file is big enough to bother. */
function startHelper(ctx: CommandContext, data: string, whole: boolean): Helper | undefined {
  let file: string;
  try {
    file = ctx.resolvePath(data, { flag: "--data", kind: "any" });
    if (statSync(file).size < HELPER_MIN_BYTES && workerSetting() !== "on") return undefined;
  } catch {
    // The gate reports a bad --data path in its own order of checks.
    return undefined;
  }
  let limit: number | undefined;
  try {
    limit = memoryLimitOf(ctx);
  } catch {
    // run() reports a bad --memory-limit; the helper is not started with it.
    return undefined;
  }
  const helper = HelperThread.start(limit);
  if (!helper) return undefined;
  // A whole plain CSV/TSV is sniffed and scanned on the helper (gate.ts): its DuckDB opens and sniffs
  // at once, the hash follows the sniff.
  const scans = whole && PLAIN_TEXT.test(file);
  if (scans) helper.warm(file, data);
  return { helper, hash: { file, sha256: helper.sha256(file) }, scans };
}

async function runGate(
  ctx: CommandContext,
  s: ReturnType<typeof resolveSettings>,
  early: Helper | undefined,
): Promise<number | Report> {
  const [{ evaluateModels }, { writeShard }, { buildReportConcurrently, startBaselineMetrics }] = await Promise.all([
    import("./gate.js"),
    import("./shard.js"),
    import("./build-report.js"),
  ]);
  const helper = early?.helper;
  const state = await evaluateModels(s, {
    ...gateIo(ctx),
    ...(early ? { dataHash: early.hash } : {}),
    ...(helper && !s.shard
      ? {
          scoresReady: (st) => {
            startBaselineMetrics(st, ctx.progress, helper);
          },
        }
      : {}),
    ...(helper && early.scans
      ? {
          helperScan: (job) => helper.scan(job),
          helperSource: (file) => helper.source(file, s.data),
        }
      : {}),
  });
  if (s.shard) {
    const file = path.resolve(
      ctx.cwd,
      ctx.str("stats") ?? `mlgate-report/model-shard-${s.shard.index + 1}-of-${s.shard.count}.json`,
    );
    writeShard(state, file);
    ctx.stdout.write(
      `shard ${s.shard.index + 1}/${s.shard.count}: ${state.yTrue.length} rows scored; statistics written to ${path.relative(ctx.cwd, file)} (run mlgate model merge for the verdict)\n`,
    );
    return 0;
  }
  ctx.progress(`computing metrics and paired statistics over ${formatCount(state.yTrue.length)} rows`);
  return buildReportConcurrently(state, ctx.progress, helper);
}

export const modelMergeCommand: Command = {
  name: "model merge",
  gate: "model",
  summary: "Merge the statistics of `mlgate model --shard` runs into one report, as one unsharded run.",
  usage: ["model merge SHARD_FILE... [--json FILE] [--markdown FILE] [--memory-limit SIZE]"],
  description: "Thresholds, slices and models come from the shard files, so every shard is judged alike.",
  options: {
    "memory-limit": {
      ...MEMORY_LIMIT_OPTION,
      description:
        "Memory budget of the merged rows, e.g. 2gb (default: MLGATE_MEMORY_LIMIT, else a quarter of available memory, at most 1gb); a merge of more rows than it holds is refused.",
    },
  },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length === 0)
      throw new ConfigurationError("mlgate model merge needs the shard files written by mlgate model --shard");
    const files = ctx.positionals.map((p) => ({ display: p, file: ctx.resolvePath(p, { flag: "model merge", kind: "file" }) }));
    const [{ mergeShards, readShards }, { buildReportConcurrently }] = await Promise.all([
      import("./shard.js"),
      import("./build-report.js"),
    ]);
    const merged = mergeShards(readShards(files, rowLimit(rowBudgetOf(ctx), ctx.env)));
    // The shard files are inputs of this verdict too, next to the models and data they name.
    for (const f of files) merged.inputs[f.display] = await sha256File(f.file);
    ctx.progress(`computing metrics and paired statistics over ${formatCount(merged.yTrue.length)} rows`);
    return buildReportConcurrently(merged, ctx.progress);
  },
};
