import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command, CommandContext } from "../../cli/command.js";
import { duckdbMemoryLimit, MEMORY_LIMIT_OPTION } from "../../core/duckdb.js";
import { ConfigurationError } from "../../core/errors.js";
import { assertNotLfsPointer } from "../../core/lfs.js";
import { workspacePath, workspaceRoot } from "../../core/paths.js";
// DuckDB, ajv and the gate load only when a data command runs (every other command starts faster).
import type { FileArg } from "./gate.js";

const GLOB = /[*?[]/;

/** `--memory-limit`, else MLGATE_MEMORY_LIMIT, else from the machine (core/duckdb.ts). */
function memoryLimit(ctx: CommandContext): number {
  const v = ctx.str("memory-limit");
  return duckdbMemoryLimit(v !== undefined ? { value: v, name: "--memory-limit" } : undefined, ctx.env);
}

/**
 * A user path, checked and resolved to its real path; `display` is the path as given, relative to
 * the workspace, as annotations need.
 */
function fileArg(ctx: CommandContext, p: string, flag: string): FileArg {
  const real = ctx.resolvePath(p, { flag, kind: "any", mustExist: !GLOB.test(p) });
  if (!GLOB.test(p) && statSync(real).isFile()) assertNotLfsPointer(real, `${flag} ${p}`);
  return { path: real, display: workspacePath(path.resolve(ctx.cwd, p), workspaceRoot(ctx.env, ctx.cwd)) ?? p };
}

function driftMode(v: string | undefined, flag: string): "warn" | "fail" | "off" | undefined {
  if (v === undefined) return undefined;
  if (v === "warn" || v === "fail" || v === "off") return v;
  throw new ConfigurationError(`${flag} must be warn, fail or off, not "${v}"`);
}

export const dataCommand: Command = {
  name: "data",
  gate: "data",
  summary: "Check a data file against its contract and measure drift from a reference.",
  usage: [
    "data --data FILE [--schema FILE] [--reference FILE] [--label COL] [--drift warn|fail|off] [--config FILE] [--json FILE]",
  ],
  description: [
    "Reads CSV/TSV (.gz too), Parquet (file, glob or hive-partitioned folder) and JSON Lines. Every failed rule",
    "lists its first rows by file line (header = line 1). Drift warns by default; `drift: fail` in mlgate.yml or",
    "--drift fail makes it fail. Settings also come from gates.data in mlgate.yml; flags win.",
  ].join("\n"),
  options: {
    data: { type: "string", valueName: "FILE", description: "Data file, folder or glob to check." },
    schema: { type: "string", valueName: "FILE", description: "Contract (YAML), e.g. written by `mlgate data infer`." },
    reference: { type: "string", valueName: "FILE", description: "Reference data to measure drift against." },
    label: { type: "string", valueName: "COL", description: "Label column (its drift is reported as label drift)." },
    drift: { type: "string", valueName: "warn|fail|off", description: "What significant drift does (default warn)." },
    "memory-limit": MEMORY_LIMIT_OPTION,
  },
  async run(ctx) {
    const cfg = ctx.config.gates?.data ?? {};
    const fromFlag = (flag: string, fromConfig: string | undefined): [string, string] | undefined => {
      const v = ctx.str(flag);
      if (v !== undefined) return [v, `--${flag}`];
      return fromConfig !== undefined ? [fromConfig, `gates.data.${flag}`] : undefined;
    };
    const data = fromFlag("data", cfg.data);
    if (!data) throw new ConfigurationError("--data is required (or gates.data.data in mlgate.yml); see mlgate data --help");
    const schema = fromFlag("schema", cfg.schema);
    const reference = fromFlag("reference", cfg.reference);
    const label = ctx.str("label") ?? cfg.label;
    const drift = driftMode(ctx.str("drift"), "--drift") ?? cfg.drift ?? "warn";
    const limit = memoryLimit(ctx);
    const { runDataGate } = await import("./gate.js");
    return runDataGate({
      memoryLimit: limit,
      data: fileArg(ctx, data[0], data[1]),
      ...(schema ? { schema: fileArg(ctx, schema[0], schema[1]) } : {}),
      ...(reference ? { reference: fileArg(ctx, reference[0], reference[1]) } : {}),
      ...(label ? { label } : {}),
      drift,
      ...(cfg.drift_thresholds ? { thresholds: cfg.drift_thresholds } : {}),
      maxExamples: cfg.max_examples ?? 5,
      ...(cfg.waive ? { waive: cfg.waive } : {}),
      progress: ctx.progress,
      resolve: (p, relativeTo, flag) => ctx.resolvePath(p, { flag, kind: "file", relativeTo }),
    });
  },
};

export const dataInferCommand: Command = {
  name: "data infer",
  summary: "Write a first contract (commented YAML) from reference data.",
  usage: ["data infer --data FILE --out SCHEMA_FILE [--label COL]"],
  description:
    "Types, required columns, categorical domains and identifiers are inferred; numeric ranges become warnings\n(reference_range), not failures. Review and edit the file, then pass it to `mlgate data --schema`.",
  options: {
    data: { type: "string", valueName: "FILE", description: "Reference data to learn from." },
    out: { type: "string", valueName: "FILE", description: "Where to write the contract (YAML)." },
    label: { type: "string", valueName: "COL", description: "Label column: its values become its allowed domain." },
    "memory-limit": MEMORY_LIMIT_OPTION,
  },
  async run(ctx) {
    const data = ctx.str("data");
    if (!data) throw new ConfigurationError("--data is required; see mlgate data infer --help");
    const out = ctx.str("out");
    if (!out) throw new ConfigurationError("--out is required; see mlgate data infer --help");
    const outPath = ctx.resolvePath(out, { flag: "--out", mustExist: false });
    const label = ctx.str("label");
    const limit = memoryLimit(ctx);
    const { inferContract } = await import("./infer.js");
    const r = await inferContract(fileArg(ctx, data, "--data"), {
      ...(label ? { label } : {}),
      progress: ctx.progress,
      memoryLimit: limit,
    });
    mkdirSync(path.dirname(outPath), { recursive: true });
    writeFileSync(outPath, r.yaml);
    if (r.rejected) {
      const first = r.firstRejected;
      ctx.stderr.write(
        `mlgate data infer: warning: ${r.rejected} malformed record(s) ignored (first at line ${first?.line ?? "?"}: ${first?.message ?? ""})\n`,
      );
    }
    ctx.stdout.write(`wrote ${out}: ${r.columns} columns inferred from ${r.rows} rows\n`);
    return 0;
  },
};
