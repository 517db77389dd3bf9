import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };
import type { Check, Report } from "../../src/core/report.js";
import { modelCommand, modelMergeCommand } from "../../src/gates/model/command.js";
import { runMain, type CliResult } from "../support/cli.js";
import { binaryData, logisticModel, TRUE_WEIGHTS, writeCsv, writeModel } from "./fixtures.js";

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(reportSchema);

export interface ModelRun extends CliResult {
  report?: Report;
}

/** Runs the CLI's main() in this process with the model commands (real DuckDB and onnxruntime). */
export function runMlgate(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runMain(args, { cwd, env, commands: [modelCommand, modelMergeCommand] });
}

/** Runs `mlgate <args> --json report.json --quiet` and returns the report, checked against the schema. */
export async function runModel(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  json = "report.json",
): Promise<ModelRun> {
  const r = await runMlgate([...args, "--json", json, "--quiet"], cwd, env);
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(path.join(cwd, json), "utf8")) as Report;
  } catch {
    return r;
  }
  if (!validate(report)) throw new Error(`report does not match the schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  return { ...r, report };
}

export function check(report: Report | undefined, id: string): Check {
  const c = report?.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${report?.checks.map((x) => x.id).join(", ") ?? "(no report)"}`);
  return c;
}

export const FEATURES = "x0,x1,x2,x3,x4,seg,z";
/** The baseline's weights: the true ones pushed ±0.5, so it is clearly imperfect. */
export const BASELINE_WEIGHTS = TRUE_WEIGHTS.map((w, i) => w + (i % 2 ? 0.5 : -0.5));

/**
 * A workspace with eval.csv (5,000 rows, 500 of them in region "north") and the models the tests
 * compare: baseline, a near-identical candidate, a clearly worse one, and one better overall but
 * noisier on the north slice.
 */
export function binaryWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-model-"));
  writeCsv(path.join(dir, "eval.csv"), binaryData(5000, 500, 7, TRUE_WEIGHTS));
  writeModel(path.join(dir, "baseline.onnx"), logisticModel(BASELINE_WEIGHTS));
  writeModel(path.join(dir, "same.onnx"), logisticModel(BASELINE_WEIGHTS.map((w) => w + 1e-4)));
  writeModel(path.join(dir, "worse.onnx"), logisticModel([0.2, -0.1, 0.1, 0.9, 0.9]));
  writeModel(path.join(dir, "slice-worse.onnx"), logisticModel(TRUE_WEIGHTS, { sliceNoise: 2 }));
  return dir;
}

export function write(dir: string, name: string, content: string | Uint8Array): string {
  writeFileSync(path.join(dir, name), content);
  return name;
}
