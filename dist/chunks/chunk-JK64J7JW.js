#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  errorMessage
} from "./chunk-3PEGX5SE.js";

// src/gates/onnx/load.ts
import * as ort from "onnxruntime-node";
function sessionOptions(level) {
  return { graphOptimizationLevel: level, intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4, logVerbosityLevel: 0 };
}
var RUN_OPTIONS = { logSeverityLevel: 4, logVerbosityLevel: 0 };
ort.env.logLevel = "fatal";
function cleanOrtMessage(raw) {
  let s = raw.trim();
  const loc = /^\S+\.(?:cc|h|cpp|hpp):\d+ /.exec(s);
  if (loc) {
    const open = s.indexOf("(", loc[0].length);
    if (open >= 0) {
      let depth = 0;
      for (let i = open; i < s.length; i++) {
        if (s[i] === "(") depth++;
        else if (s[i] === ")" && --depth === 0) {
          s = s.slice(i + 1).trim();
          break;
        }
      }
    }
  }
  s = s.replace(/\s+/g, " ");
  return s.length > 600 ? `${s.slice(0, 597)}\u2026` : s;
}
function offendingOp(message) {
  const patterns = [
    /No Op registered for (\S+) with domain_version/,
    /(?:^|\s)([\w.]+:\w+)\(-?\d+\) is not a registered function\/op/,
    /Could not find an implementation for (\w+)\(\d+\)/,
    /\("[^"]*", (\w+), "[^"]*", -?\d+\)/,
    /Op \((\w+)\)/,
    /node \S+ of type (\w+)/i
  ];
  for (const p of patterns) {
    const m = p.exec(message);
    if (m?.[1]) return m[1];
  }
  return void 0;
}
async function loadSession(model, level) {
  const t0 = performance.now();
  try {
    const opts = sessionOptions(level);
    const session = model.external.length ? await ort.InferenceSession.create(model.path, opts) : await ort.InferenceSession.create(model.bytes, opts);
    return { level, session, ms: performance.now() - t0 };
  } catch (e) {
    const error = cleanOrtMessage(errorMessage(e));
    const op = offendingOp(error);
    return { level, error, ms: performance.now() - t0, ...op ? { op } : {} };
  }
}
function loadCheck(r) {
  if (r.session) {
    return {
      id: `load.${r.level}`,
      title: `Loads in onnxruntime with graph optimisation "${r.level}"`,
      status: "pass",
      observed: "loaded",
      message: `Session created in ${r.ms.toFixed(1)} ms.`,
      details: { ms: Number(r.ms.toFixed(2)) }
    };
  }
  return {
    id: `load.${r.level}`,
    title: `Loads in onnxruntime with graph optimisation "${r.level}"`,
    status: "fail",
    observed: r.op ? `fails at operator ${r.op}` : "fails",
    expected: "loaded",
    message: `onnxruntime: ${r.error ?? "unknown error"}`,
    ...r.op ? { details: { op: r.op }, examples: [{ where: "operator", value: r.op }] } : {}
  };
}

export {
  RUN_OPTIONS,
  cleanOrtMessage,
  loadSession,
  loadCheck
};
