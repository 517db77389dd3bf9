import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Builds the bundle once per test run into a private folder, so tests run the real CLI as a child
 * process (as GitHub runs it) without depending on, or racing over, the committed dist/. The folder
 * is inside the repository (.tmp/, ignored by git) because the native packages are external to the
 * bundle: Node resolves them from the nearest node_modules, which the OS temp folder does not have.
 *
 * It also points the OS temp folder (TMPDIR, TMP, TEMP: what os.tmpdir() reads) at one folder of
 * this run, inherited by the test workers and the CLI processes they start, and removes it at the
 * end: whatever a test or the code under test leaves in the temp folder (workspaces, reports,
 * onnxruntime's mat-debug-*.log) is gone after `npm test`.
 */
export default function setup(): () => void {
  const root = path.resolve(import.meta.dirname, "../..");
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const dir = mkdtempSync(path.join(root, ".tmp", "test-dist-"));
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], {
    cwd: root,
    env: { ...process.env, MLGATE_DIST_DIR: path.relative(root, dir) },
    stdio: "inherit",
  });
  process.env.MLGATE_TEST_DIST = dir;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mlgate-test-run-"));
  for (const name of ["TMPDIR", "TMP", "TEMP"]) process.env[name] = tmp;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  };
}
