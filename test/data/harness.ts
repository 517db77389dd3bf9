import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };
import type { Check, Report } from "../../src/core/report.js";
import { dataCommand, dataInferCommand } from "../../src/gates/data/command.js";
import { ROOT, runMain, type CliResult } from "../support/cli.js";

export const FIXTURES = path.join(ROOT, "test/fixtures/data");

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(reportSchema);

/** A fresh workspace folder holding copies of the named fixtures and any extra files. */
export function workspace(fixtures: string[] = [], files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-data-"));
  for (const f of fixtures) copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

export interface DataRun extends CliResult {
  report?: Report;
}

/** Runs the CLI's main() in this process with the data commands (real DuckDB, real files). */
export function runMlgate(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runMain(args, { cwd, env, commands: [dataCommand, dataInferCommand] });
}

/** Runs `mlgate <args> --json report.json` in `cwd` and returns the report, checked against the schema. */
export async function runData(args: string[], cwd: string): Promise<DataRun> {
  const r = await runMlgate([...args, "--json", "report.json", "--quiet"], cwd);
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(path.join(cwd, "report.json"), "utf8")) as Report;
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

/** `line:value` of each example, the compact form the tests compare. */
export function lines(c: Check): string[] {
  return (c.examples ?? []).map((e) => `${e.line ?? e.where ?? "?"}:${String(e.value)}`);
}
