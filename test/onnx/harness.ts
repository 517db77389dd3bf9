import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };
import type { Check, Report } from "../../src/core/report.js";
import { onnxCommand } from "../../src/gates/onnx/command.js";
import { runCli, runMain, type CliResult } from "../support/cli.js";

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema);

export interface GateRun {
  code: number;
  out: string;
  err: string;
  report: Report;
}

/**
 * Runs `mlgate onnx` in this process (real onnxruntime, real files) with only the onnx command
 * registered, and returns the JSON report it wrote, checked against the report schema.
 */
export async function runOnnx(cwd: string, args: string[]): Promise<GateRun> {
  const json = path.join(mkdtempSync(path.join(os.tmpdir(), "mlgate-onnx-report-")), "report.json");
  const r = await runMain(["onnx", ...args, "--json", json, "--quiet"], { cwd, commands: [onnxCommand] });
  const report = JSON.parse(readFileSync(json, "utf8")) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return { code: r.code, out: r.stdout, err: r.stderr, report };
}

export function check(r: Report, id: string): Check {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}; have ${r.checks.map((x) => x.id).join(", ")}`);
  return c;
}

export function statuses(r: Report): Record<string, string> {
  return Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
}

/** Runs the bundled `mlgate` as a child process in `cwd`, as a workflow step would. */
export function runBundled(args: string[], cwd: string): Promise<CliResult> {
  return runCli(args, { cwd });
}
