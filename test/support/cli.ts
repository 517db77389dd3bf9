import { spawn } from "node:child_process";
import path from "node:path";

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
