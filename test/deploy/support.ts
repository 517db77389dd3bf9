import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildModel } from "../../src/core/onnx/build.js";
import type { Report } from "../../src/core/report.js";
import { scaleModel, tmpDir } from "../serve/support.js";

export { scaleModel, tmpDir };

export function sha256Of(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** A gate's JSON report as the gates write it with --json: status plus the subjects it validated. */
export function writeReport(
  dir: string,
  gate: "data" | "model" | "onnx",
  status: Report["status"],
  subjects: { path: string; sha256: string; role?: string }[],
  file = `${gate}.json`,
  extra: Partial<Report> = {},
): string {
  mkdirSync(dir, { recursive: true });
  const report: Report = {
    schemaVersion: 1,
    gate,
    status,
    summary: `${gate} ${status}`,
    subject: subjects[0]!,
    subjects,
    checks: [
      { id: gate === "data" ? "schema.columns" : "metric.roc_auc", title: "x", status: status === "fail" ? "fail" : "pass" },
    ],
    provenance: { tool: "mlgate test", inputs: {} },
    ...extra,
  };
  const out = path.join(dir, file);
  writeFileSync(out, JSON.stringify(report));
  return out;
}

/** A project folder: models/candidate.onnx (y = 2x), models/other.onnx (y = 3x), green reports for the candidate. */
export function project(): { dir: string; candidate: string; other: string; sha: string; reports: string } {
  const dir = tmpDir("mlgate-deploy-test-");
  mkdirSync(path.join(dir, "models"));
  const candidate = path.join(dir, "models", "candidate.onnx");
  const other = path.join(dir, "models", "other.onnx");
  writeFileSync(candidate, scaleModel(2));
  writeFileSync(other, scaleModel(3));
  const sha = sha256Of(candidate);
  const reports = path.join(dir, "mlgate-report");
  writeReport(reports, "model", "pass", [
    { path: "models/candidate.onnx", sha256: sha, role: "candidate" },
    { path: "models/baseline.onnx", sha256: "b".repeat(64), role: "baseline" },
  ]);
  writeReport(reports, "onnx", "warn", [{ path: "models/candidate.onnx", sha256: sha, role: "candidate" }]);
  return { dir, candidate, other, sha, reports };
}

/**
 * A model as slow as a big network (60 chained 1000×1000 MatMuls sharing one weight, about 26 ms a
 * call here) with the scale models' signature: x [batch, 2] -> y [batch, 2].
 */
export function slowModel(): Uint8Array {
  // 1,000 vector x 512² matrix products on a cache-resident matrix: CPU-bound, about 25 ms a call alone, and
  // several at a time under the test's own traffic, so it can never meet a 20 ms p95 budget; its memory
  // traffic stays small, so answers still arrive on a loaded machine (a 16 MB matrix finished none in 3 s).
  const n = 512;
  const layers = 1000;
  const nodes = [{ op: "MatMul", inputs: ["x", "w0"], outputs: ["h0"] }];
  for (let i = 1; i <= layers; i++) nodes.push({ op: "MatMul", inputs: [`h${i - 1}`, "w"], outputs: [`h${i}`] });
  nodes.push({ op: "MatMul", inputs: [`h${layers}`, "wo"], outputs: ["y"] });
  return buildModel({
    inputs: [{ name: "x", type: "FLOAT", shape: ["batch", 2] }],
    outputs: [{ name: "y", type: "FLOAT", shape: ["batch", 2] }],
    nodes,
    initializers: [
      { name: "w0", type: "FLOAT", dims: [2, n], values: new Float32Array(2 * n).fill(0.01) },
      { name: "w", type: "FLOAT", dims: [n, n], values: new Float32Array(n * n).fill(1 / n) },
      { name: "wo", type: "FLOAT", dims: [n, 2], values: new Float32Array(2 * n).fill(0.01) },
    ],
  });
}

/** y = 2x like the candidate, but its input is called `features`: every client that sends `x` gets a 400 from it. */
export function renamedInputModel(): Uint8Array {
  return buildModel({
    inputs: [{ name: "features", type: "FLOAT", shape: ["batch", 2] }],
    outputs: [{ name: "y", type: "FLOAT", shape: ["batch", 2] }],
    nodes: [{ op: "Mul", inputs: ["features", "k"], outputs: ["y"] }],
    initializers: [{ name: "k", type: "FLOAT", dims: [1], values: [2] }],
  });
}

export interface Traffic {
  /** Stops sending and resolves with the answers per status code and per version. */
  stop: () => Promise<{ byStatus: Record<number, number>; byVersion: Record<string, number> }>;
}

/** Clients sending x = [1, 1] as distinct users, `concurrency` at a time, until stopped. */
export function traffic(url: string, name: string, concurrency = 4): Traffic {
  let running = true;
  let user = 0;
  const byStatus: Record<number, number> = {};
  const byVersion: Record<string, number> = {};
  const body = JSON.stringify({ inputs: [{ name: "x", shape: [1, 2], datatype: "FP32", data: [1, 1] }] });
  const client = async (): Promise<void> => {
    while (running) {
      try {
        const r = await fetch(`${url}/v2/models/${name}/infer`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-user-id": `user-${user++}` },
          body,
        });
        await r.arrayBuffer();
        byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        const v = r.headers.get("x-model-version") ?? "none";
        byVersion[v] = (byVersion[v] ?? 0) + 1;
      } catch {
        byStatus[0] = (byStatus[0] ?? 0) + 1;
      }
    }
  };
  const clients = Array.from({ length: concurrency }, () => client());
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return { byStatus, byVersion };
    },
  };
}

/** A model onnxruntime refuses to load (an operator that does not exist): what a server cannot apply. */
export function brokenModel(): Uint8Array {
  return buildModel({
    inputs: [{ name: "x", type: "FLOAT", shape: ["batch", 2] }],
    outputs: [{ name: "y", type: "FLOAT", shape: ["batch", 2] }],
    nodes: [{ op: "NoSuchOperator", inputs: ["x"], outputs: ["y"] }],
  });
}

/**
 * Green model and onnx reports for exactly the bytes of DIR/models/FILE, in a fresh DIR/reports-FILE:
 * the evidence a rollout test's candidate passes verification with. Returns the folder relative to DIR.
 */
export function greenReports(dir: string, file: string): string {
  const sha = sha256Of(path.join(dir, "models", file));
  const out = path.join(dir, `reports-${file}`);
  rmSync(out, { recursive: true, force: true });
  writeReport(out, "model", "pass", [{ path: `models/${file}`, sha256: sha, role: "candidate" }]);
  writeReport(out, "onnx", "pass", [{ path: `models/${file}`, sha256: sha, role: "candidate" }]);
  return `reports-${file}`;
}

/** `mlgate deploy` of models/FILE as model churn to production through TARGET, its report in VERSION.json. */
export function deployArgs(file: string, version: string, target: string, reports: string, extra: string[]): string[] {
  return [
    "deploy",
    "--model",
    `models/${file}`,
    "--version",
    version,
    "--environment",
    "production",
    "--name",
    "churn",
    "--target",
    target,
    "--reports",
    reports,
    "--json",
    `${version}.json`,
    ...extra,
  ];
}
