/**
 * A temporary folder of the process's own, removed when the process exits, made the temp folder
 * (TMPDIR) before the native libraries load. onnxruntime's Linux build carries an events SDK that
 * writes `.ses` and `mat-debug-<pid>.log` into the temp folder each time it loads and never removes
 * them: on a self-hosted runner every gate run would leave two more files behind. DuckDB's spill
 * folders and our own scratch folders land in it too, and go with it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function usePrivateTmp(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let dir: string;
  try {
    dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-run-"));
  } catch {
    // An unwritable temp folder is reported by whatever needs it, with its own sentence.
    return undefined;
  }
  // Native code reads the environment (getenv), which process.env writes through to.
  for (const name of ["TMPDIR", "TMP", "TEMP"]) env[name] = dir;
  process.on("exit", () => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
