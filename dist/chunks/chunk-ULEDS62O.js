#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/core/limits.ts
var LIMITS = {
  /** A config file, a contract or a contract's json_schema file. */
  textFileBytes: 1024 * 1024,
  /** Nested mappings/lists in such a file. */
  nestingDepth: 64,
  /** YAML alias (`*name`) expansions in one file: a "billion laughs" needs many more. */
  yamlAliases: 100,
  /** Columns a contract may describe. */
  contractColumns: 1e4,
  /** `allowed` values in one contract, all columns together. */
  allowedValues: 1e5,
  /** Characters in one glob (--model models/*.onnx). */
  globLength: 1024,
  /** Folder entries one glob may look at before it gives up. */
  walkEntries: 2e5,
  /** Elements of one input tensor the ONNX gate makes up for a model (64 MiB of float32). */
  synthElements: 16777216,
  /** Largest declared dimension of an ONNX tensor: onnxruntime and typed arrays stop at 2^31 - 1. */
  tensorDim: 2 ** 31 - 1,
  /** A gate's whole run, unless --timeout / timeout: says otherwise. */
  defaultTimeoutMs: 30 * 60 * 1e3
};
var MiB = 1024 * 1024;
function size(bytes) {
  const [n, unit] = bytes >= MiB ? [bytes / MiB, "MiB"] : [bytes / 1024, "KiB"];
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
}
var limitMessage = {
  fileTooLarge: (where, bytes) => `${where}: is ${size(bytes)}; a config or contract file may be at most ${size(LIMITS.textFileBytes)}`,
  tooDeep: (where) => `${where}: is nested deeper than ${LIMITS.nestingDepth} levels; flatten it (mlgate's own files need fewer than 10)`,
  tooManyAliases: (where) => `${where}: expands YAML aliases more than ${LIMITS.yamlAliases} times (a pattern that makes a small file huge); write the values out or use fewer aliases`,
  tooManyColumns: (where, n) => `${where}: describes ${n.toLocaleString("en-US")} columns; a contract may describe at most ${LIMITS.contractColumns.toLocaleString("en-US")}`,
  tooManyAllowed: (where, n) => `${where}: lists ${n.toLocaleString("en-US")} allowed values in all; a contract may list at most ${LIMITS.allowedValues.toLocaleString("en-US")} (check a large set with a regex or a reference file's drift instead)`,
  globTooLong: (where, n) => `${where}: the pattern is ${n.toLocaleString("en-US")} characters; a glob may be at most ${LIMITS.globLength.toLocaleString("en-US")}`,
  walkTooLarge: (where, entries = LIMITS.walkEntries) => `${where}: looked at ${entries.toLocaleString("en-US")} files and folders without finishing; start the glob in a smaller folder`,
  dimTooLarge: (where, dim) => `${where}: declares a dimension of ${dim}; onnxruntime allows at most ${LIMITS.tensorDim.toLocaleString("en-US")} (2^31 - 1)`,
  synthTooLarge: (where, elements) => `${where}: would need ${elements} values to make up its inputs; the ONNX gate makes at most ${LIMITS.synthElements.toLocaleString("en-US")} per input (set smaller sizes in gates.onnx.dims or give --test-data)`
};
function assertTextFileSize(where, bytes) {
  if (bytes > LIMITS.textFileBytes) throw new ConfigurationError(limitMessage.fileTooLarge(where, bytes));
}

export {
  LIMITS,
  limitMessage,
  assertTextFileSize
};
