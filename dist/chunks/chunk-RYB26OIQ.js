#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/core/lfs.ts
import { closeSync, openSync, readSync } from "node:fs";
var MAX_POINTER_BYTES = 1024;
var POINTER_START = /^version https:\/\/(git-lfs|hawser)\.github\.com\/spec\/v\d+\r?\n/;
function isLfsPointer(bytes) {
  if (bytes.length > MAX_POINTER_BYTES) return false;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return POINTER_START.test(text) && /\noid sha256:[0-9a-f]{64}\r?\n/.test(text);
}
function lfsPointerError(shown) {
  return new ConfigurationError(
    `${shown} is a Git LFS pointer; check out with \`lfs: true\` (actions/checkout) or run \`git lfs pull\``
  );
}
function head(file) {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(MAX_POINTER_BYTES + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
function assertNotLfsPointer(file, shown) {
  if (isLfsPointer(head(file))) throw lfsPointerError(shown);
}

export {
  isLfsPointer,
  lfsPointerError,
  assertNotLfsPointer
};
