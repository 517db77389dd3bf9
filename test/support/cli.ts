import { spawn } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli.js";
import type { Command } from "../../src/cli/command.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The bundle built for this test run by global-setup.ts. */
export function distDir(): string {
  const d = process.env.MLGATE_TEST_DIST;
  if (!d) throw new Error("MLGATE_TEST_DIST is not set: run the tests through vitest (global setup builds the bundle)");
  return d;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `mlgate` as a child process. The environment is scrubbed of GitHub Actions
 * variables unless the test passes them, so a test never publishes by accident.
 */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; entry?: "cli" | "action"; input?: string } = {},
): Promise<CliResult> {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("GITHUB_") && !k.startsWith("INPUT_") && !k.startsWith("RUNNER_") && k !== "CI") base[k] = v;
  }
  base.NO_COLOR = "1";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(distDir(), `${opts.entry ?? "cli"}.js`), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...base, ...opts.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/**
 * Runs the CLI's main() in this process with the given commands (real gates, real files), capturing
 * what it writes. For tests that register a test-only command or want a gate's code in coverage.
 */
export async function runMain(
  argv: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; commands?: readonly Command[] },
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await main(argv, { stdout, stderr, env: { NO_COLOR: "1", ...opts.env }, cwd: opts.cwd }, opts.commands);
  return { code, stdout: out, stderr: err };
}
