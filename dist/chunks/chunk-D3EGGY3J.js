#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  duckdbMemoryLimit
} from "./chunk-3ILC2NNE.js";
import {
  formatCount
} from "./chunk-CYBZZBR3.js";
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/gates/model/row-limit.ts
var MODEL_ROW_BYTES = 8;
var SCORE_ROW_BYTES = 34;
function rowBytes(models, width) {
  return models * (MODEL_ROW_BYTES + SCORE_ROW_BYTES * Math.max(1, width));
}
var DEFAULT_ROW_BUDGET = 2 ** 30;
function rowBudget(flag, env) {
  const budget = duckdbMemoryLimit(flag, env);
  return flag !== void 0 || env.MLGATE_MEMORY_LIMIT ? budget : Math.min(budget, DEFAULT_ROW_BUDGET);
}
var RowLimitError = class extends ConfigurationError {
};
function rowLimit(budget, env) {
  const v = env["MLGATE_MAX_ROWS"];
  if (v !== void 0 && v !== "") {
    if (!/^[1-9][0-9]{0,15}$/.test(v.trim()))
      throw new ConfigurationError(`MLGATE_MAX_ROWS "${v}" is not a whole number of rows, such as 10000000`);
    const rows2 = Number(v.trim());
    return {
      rows: () => rows2,
      refuse: (subject) => new RowLimitError(
        `${subject} ${formatCount(rows2)} rows, the most MLGATE_MAX_ROWS allows; evaluate a sample of the rows, or raise MLGATE_MAX_ROWS`
      )
    };
  }
  const rows = (bytes) => Math.floor(budget / bytes);
  const gib = (budget / 2 ** 30).toFixed(1);
  return {
    rows,
    refuse: (subject, bytes) => new RowLimitError(
      `${subject} ${formatCount(rows(bytes))} rows, the most the model gate holds within its memory budget of ${gib} GiB (${bytes} bytes a row: every row's label and scores are kept for exact metrics); evaluate a sample of the rows, or raise --memory-limit, MLGATE_MEMORY_LIMIT or MLGATE_MAX_ROWS on a machine with more memory`
    )
  };
}
var NO_LIMIT = { rows: () => Number.POSITIVE_INFINITY, refuse: () => new RowLimitError("no limit") };

export {
  rowBytes,
  rowBudget,
  RowLimitError,
  rowLimit,
  NO_LIMIT
};
