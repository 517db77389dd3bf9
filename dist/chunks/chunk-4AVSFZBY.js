#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/core/units.ts
var DURATION = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
function parseDuration(text, flag) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const ms = m ? Number(m[1]) * (DURATION[(m[2] ?? "s").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new ConfigurationError(`${flag} "${text}" is not a duration; use a positive number with ms, s, m or h, such as 30s`);
  return Math.round(ms);
}
function parseBytes(text, flag) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  const n = m ? Number(m[1]) * (BYTES[(m[2] ?? "b").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isFinite(n) || n < 1)
    throw new ConfigurationError(`${flag} "${text}" is not a size; use a positive number with b, kb, mb or gb, such as 10mb`);
  return Math.floor(n);
}

export {
  parseDuration,
  parseBytes
};
