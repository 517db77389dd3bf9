import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Builds the bundle once per test run into a private folder, so tests run the real CLI as a child
 * process (as GitHub runs it) without depending on, or racing over, the committed dist/.
 */
export default function setup(): () => void {
  const root = path.resolve(import.meta.dirname, "../..");
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-test-dist-"));
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], {
    cwd: root,
    env: { ...process.env, MLGATE_DIST_DIR: path.relative(root, dir) },
    stdio: "inherit",
  });
  process.env.MLGATE_TEST_DIST = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
