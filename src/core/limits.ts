import { ConfigurationError } from "./errors.js";

/**
 * Every bound mlgate puts on what a pull request can make it do, in one place, with the sentence it
 * says when one is passed. A CI gate reads config, contracts, globs and models written by strangers:
 * each limit turns "hangs", "runs out of memory" or "internal error" into an exit-2 sentence naming
 * the file (and line) and the limit. The numbers are far above any real project's and far below what
 * hurts a 7 GB runner; docs/hostile-input.md lists the cases each one stops.
 */
export const LIMITS = {
  /** A config file, a contract or a contract's json_schema file. */
  textFileBytes: 1024 * 1024,
  /** Nested mappings/lists in such a file. */
  nestingDepth: 64,
  /** YAML alias (`*name`) expansions in one file: a "billion laughs" needs many more. */
  yamlAliases: 100,
  /** Columns a contract may describe. */
  contractColumns: 10_000,
  /** `allowed` values in one contract, all columns together. */
  allowedValues: 100_000,
  /** Characters in one glob (--model models/*.onnx). */
  globLength: 1024,
  /** Folder entries one glob may look at before it gives up. */
  walkEntries: 200_000,
  /** Elements of one input tensor the ONNX gate makes up for a model (64 MiB of float32). */
  synthElements: 16_777_216,
  /** Largest declared dimension of an ONNX tensor: onnxruntime and typed arrays stop at 2^31 - 1. */
  tensorDim: 2 ** 31 - 1,
  /** A gate's whole run, unless --timeout / timeout: says otherwise. */
  defaultTimeoutMs: 30 * 60 * 1000,
} as const;

const MiB = 1024 * 1024;

function size(bytes: number): string {
  const [n, unit] = bytes >= MiB ? [bytes / MiB, "MiB"] : [bytes / 1024, "KiB"];
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
}

/** `where`: `mlgate.yml`, `s.yml:3`, `--model x.onnx`; each sentence says what to do about it. */
export const limitMessage = {
  fileTooLarge: (where: string, bytes: number): string =>
    `${where}: is ${size(bytes)}; a config or contract file may be at most ${size(LIMITS.textFileBytes)}`,
  tooDeep: (where: string): string =>
    `${where}: is nested deeper than ${LIMITS.nestingDepth} levels; flatten it (mlgate's own files need fewer than 10)`,
  tooManyAliases: (where: string): string =>
    `${where}: expands YAML aliases more than ${LIMITS.yamlAliases} times (a pattern that makes a small file huge); write the values out or use fewer aliases`,
  tooManyColumns: (where: string, n: number): string =>
    `${where}: describes ${n.toLocaleString("en-US")} columns; a contract may describe at most ${LIMITS.contractColumns.toLocaleString("en-US")}`,
  tooManyAllowed: (where: string, n: number): string =>
    `${where}: lists ${n.toLocaleString("en-US")} allowed values in all; a contract may list at most ${LIMITS.allowedValues.toLocaleString("en-US")} (check a large set with a regex or a reference file's drift instead)`,
  globTooLong: (where: string, n: number): string =>
    `${where}: the pattern is ${n.toLocaleString("en-US")} characters; a glob may be at most ${LIMITS.globLength.toLocaleString("en-US")}`,
  walkTooLarge: (where: string, entries: number = LIMITS.walkEntries): string =>
    `${where}: looked at ${entries.toLocaleString("en-US")} files and folders without finishing; start the glob in a smaller folder`,
  dimTooLarge: (where: string, dim: string): string =>
    `${where}: declares a dimension of ${dim}; onnxruntime allows at most ${LIMITS.tensorDim.toLocaleString("en-US")} (2^31 - 1)`,
  synthTooLarge: (where: string, elements: string): string =>
    `${where}: would need ${elements} values to make up its inputs; the ONNX gate makes at most ${LIMITS.synthElements.toLocaleString("en-US")} per input (set smaller sizes in gates.onnx.dims or give --test-data)`,
};

/** Throws the file-size sentence when a file to be parsed is over the limit. */
export function assertTextFileSize(where: string, bytes: number): void {
  if (bytes > LIMITS.textFileBytes) throw new ConfigurationError(limitMessage.fileTooLarge(where, bytes));
}
