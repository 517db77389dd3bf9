import * as ort from "onnxruntime-node";
import { errorMessage } from "../../core/errors.js";
import type { Check } from "../../core/report.js";
import type { ModelFile } from "./inspect.js";

export type OptLevel = "disabled" | "all";

/**
 * Session options the gate always sets: one thread each (reproducible numbers, and many models
 * can be checked side by side), and onnxruntime's logger at `fatal`. Measured with
 * onnxruntime-node 1.30: at severity 3 (error) a failing run still prints a coloured
 * "[E:onnxruntime:, sequential_executor.cc …]" line to stderr; at 4 nothing reaches stdout or
 * stderr, and every failure still arrives as the rejected promise's message, which we report.
 */
export function sessionOptions(level: OptLevel): ort.InferenceSession.SessionOptions {
  return { graphOptimizationLevel: level, intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4, logVerbosityLevel: 0 };
}

/** Per-run logging: same reason as sessionOptions. */
export const RUN_OPTIONS: ort.InferenceSession.RunOptions = { logSeverityLevel: 4, logVerbosityLevel: 0 };

ort.env.logLevel = "fatal";

/** onnxruntime's message without the C++ source location and function signature it starts with. */
export function cleanOrtMessage(raw: string): string {
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
  return s.length > 600 ? `${s.slice(0, 597)}…` : s;
}

/** The operator a load failure names, in the shapes onnxruntime words it. */
export function offendingOp(message: string): string | undefined {
  const patterns = [
    /No Op registered for (\S+) with domain_version/,
    /(?:^|\s)([\w.]+:\w+)\(-?\d+\) is not a registered function\/op/,
    /Could not find an implementation for (\w+)\(\d+\)/,
    /\("[^"]*", (\w+), "[^"]*", -?\d+\)/,
    /Op \((\w+)\)/,
    /node \S+ of type (\w+)/i,
  ];
  for (const p of patterns) {
    const m = p.exec(message);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

export interface LoadResult {
  level: OptLevel;
  session?: ort.InferenceSession;
  error?: string;
  op?: string;
  ms: number;
}

/** Creates a session; from the file path when the model has external data (onnxruntime resolves it). */
export async function loadSession(model: ModelFile, level: OptLevel): Promise<LoadResult> {
  const t0 = performance.now();
  try {
    const opts = sessionOptions(level);
    const session = model.external.length
      ? await ort.InferenceSession.create(model.path, opts)
      : await ort.InferenceSession.create(model.bytes, opts);
    return { level, session, ms: performance.now() - t0 };
  } catch (e) {
    const error = cleanOrtMessage(errorMessage(e));
    const op = offendingOp(error);
    return { level, error, ms: performance.now() - t0, ...(op ? { op } : {}) };
  }
}

export function loadCheck(r: LoadResult): Check {
  if (r.session) {
    return {
      id: `load.${r.level}`,
      title: `Loads in onnxruntime with graph optimisation "${r.level}"`,
      status: "pass",
      observed: "loaded",
      message: `Session created in ${r.ms.toFixed(1)} ms.`,
      details: { ms: Number(r.ms.toFixed(2)) },
    };
  }
  return {
    id: `load.${r.level}`,
    title: `Loads in onnxruntime with graph optimisation "${r.level}"`,
    status: "fail",
    observed: r.op ? `fails at operator ${r.op}` : "fails",
    expected: "loaded",
    message: `onnxruntime: ${r.error ?? "unknown error"}`,
    ...(r.op ? { details: { op: r.op }, examples: [{ where: "operator", value: r.op }] } : {}),
  };
}
