/**
 * The most rows one model evaluation keeps. Exact roc_auc, DeLong variances and the paired bootstrap
 * need every row's label and scores in memory, so a file with more rows than the memory budget holds
 * is refused with exit 2 — whether it is read in one run, streamed from a gzip bomb, or merged from
 * shards — instead of growing until the machine runs out.
 */
import { duckdbMemoryLimit } from "../../core/duckdb.js";
import { ConfigurationError } from "../../core/errors.js";
import { formatCount } from "../../render/format.js";

/**
 * Peak bytes a row costs, per model and per score a row, from the whole run (reading, then the
 * metrics' integer labels, predicted classes, sort orders, DeLong components and per-row losses).
 * Measured as the growth of the peak RSS from 6.7M to 13.4M rows (docs/hostile-input.md): binary,
 * 39 B a row with one model and 77 with two; three classes 104 and 182; regression with two, 72.
 */
const MODEL_ROW_BYTES = 8;
const SCORE_ROW_BYTES = 34;

/** Estimated peak bytes a row costs with `models` models (1 or 2) of `width` scores a row. */
export function rowBytes(models: number, width: number): number {
  return models * (MODEL_ROW_BYTES + SCORE_ROW_BYTES * Math.max(1, width));
}

/**
 * The rows' budget when neither --memory-limit nor MLGATE_MEMORY_LIMIT gives one: a quarter of the
 * available memory, at most 1 GiB. 1 GiB holds 12.7M binary rows with a baseline (the peak of such a
 * run: about 1.3 GB with onnxruntime and DuckDB), and it keeps a hostile file (a 1 GB gzip bomb of
 * 107M rows) from filling a big machine: refused after reading 25M rows, well under a 1.5 GB peak.
 */
export const DEFAULT_ROW_BUDGET = 2 ** 30;

/** The rows' memory budget in bytes: as given (flag, else MLGATE_MEMORY_LIMIT), else DEFAULT_ROW_BUDGET at most. */
export function rowBudget(flag: { value: string; name: string } | undefined, env: NodeJS.ProcessEnv): number {
  const budget = duckdbMemoryLimit(flag, env);
  return flag !== undefined || env.MLGATE_MEMORY_LIMIT ? budget : Math.min(budget, DEFAULT_ROW_BUDGET);
}

/** More rows than the memory budget holds: refused whichever way the rows are read (scoreStreamed rethrows it). */
export class RowLimitError extends ConfigurationError {}

/** The most rows one run keeps, and the sentence that refuses more. */
export interface RowLimit {
  /** The most rows when a row costs `bytes` (rowBytes). */
  rows: (bytes: number) => number;
  /** `subject` starts the sentence: "--data big.csv.gz: has more than". */
  refuse: (subject: string, bytes: number) => RowLimitError;
}

/** The rows the budget holds at `bytes` a row, unless MLGATE_MAX_ROWS says otherwise (either way). */
export function rowLimit(budget: number, env: NodeJS.ProcessEnv): RowLimit {
  const v = env["MLGATE_MAX_ROWS"];
  if (v !== undefined && v !== "") {
    if (!/^[1-9][0-9]{0,15}$/.test(v.trim()))
      throw new ConfigurationError(`MLGATE_MAX_ROWS "${v}" is not a whole number of rows, such as 10000000`);
    const rows = Number(v.trim());
    return {
      rows: () => rows,
      refuse: (subject) =>
        new RowLimitError(
          `${subject} ${formatCount(rows)} rows, the most MLGATE_MAX_ROWS allows; evaluate a sample of the rows, or raise MLGATE_MAX_ROWS`,
        ),
    };
  }
  const rows = (bytes: number): number => Math.floor(budget / bytes);
  const gib = (budget / 2 ** 30).toFixed(1);
  return {
    rows,
    refuse: (subject, bytes) =>
      new RowLimitError(
        `${subject} ${formatCount(rows(bytes))} rows, the most the model gate holds within its memory budget of ${gib} GiB (${bytes} bytes a row: every row's label and scores are kept for exact metrics); evaluate a sample of the rows, or raise --memory-limit, MLGATE_MEMORY_LIMIT or MLGATE_MAX_ROWS on a machine with more memory`,
      ),
  };
}

export const NO_LIMIT: RowLimit = { rows: () => Number.POSITIVE_INFINITY, refuse: () => new RowLimitError("no limit") };
