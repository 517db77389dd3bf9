import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import reportSchema from "../../schemas/report.schema.json" with { type: "json" };
import { main } from "../../src/cli.js";
import type { Check, Report } from "../../src/core/report.js";
import { onnxCommand } from "../../src/gates/onnx/command.js";
import { distDir, ROOT, type CliResult } from "../support/cli.js";

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
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const json = path.join(mkdtempSync(path.join(os.tmpdir(), "mlgate-onnx-report-")), "report.json");
  const code = await main(["onnx", ...args, "--json", json, "--quiet"], { stdout, stderr, env: { NO_COLOR: "1" }, cwd }, [
    onnxCommand,
  ]);
  const report = JSON.parse(readFileSync(json, "utf8")) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return { code, out, err, report };
}

export function check(r: Report, id: string): Check {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}; have ${r.checks.map((x) => x.id).join(", ")}`);
  return c;
}

export function statuses(r: Report): Record<string, string> {
  return Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
}

let bundle: string | undefined;

/**
 * The per-run bundle, where Node can resolve onnxruntime-node from it. The shared global setup
 * builds into the OS temp folder, and native packages are external to the bundle, so a child run
 * from there cannot import onnxruntime-node; a copy under the repository's .tmp/ can. Test files
 * run in parallel forks: they share one copy per bundle (copied under a private name, then renamed),
 * and copies whose bundle is gone (an earlier run) are removed.
 */
function bundleDir(): string {
  if (bundle) return bundle;
  const dist = distDir();
  const rel = path.relative(ROOT, dist);
  if (!rel.startsWith("..") && !path.isAbsolute(rel)) return (bundle = dist);
  const parent = path.join(ROOT, ".tmp");
  const prefix = "onnx-test-dist-";
  mkdirSync(parent, { recursive: true });
  for (const d of readdirSync(parent)) {
    if (d.startsWith(prefix) && !d.includes(".part-") && !existsSync(path.join(path.dirname(dist), d.slice(prefix.length)))) {
      rmSync(path.join(parent, d), { recursive: true, force: true });
    }
  }
  const target = path.join(parent, prefix + path.basename(dist));
  if (!existsSync(target)) {
    const part = `${target}.part-${process.pid}`;
    cpSync(dist, part, { recursive: true });
    try {
      renameSync(part, target);
    } catch {
      rmSync(part, { recursive: true, force: true });
    }
  }
  return (bundle = target);
}

/** Runs the bundled `mlgate` as a child process, like test/support/cli.ts's runCli, from a folder that can load natives. */
export function runBundled(args: string[], cwd: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("GITHUB_") && !k.startsWith("INPUT_") && !k.startsWith("RUNNER_") && k !== "CI") env[k] = v;
  }
  env.NO_COLOR = "1";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(bundleDir(), "cli.js"), ...args], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
