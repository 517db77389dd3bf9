import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
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
