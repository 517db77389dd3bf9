#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/render/json.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
function renderJson(report) {
  return JSON.stringify(report, null, 2) + "\n";
}
function writeJsonReport(report, file) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, renderJson(report));
}

export {
  renderJson,
  writeJsonReport
};
