import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, distDir } from "../support/cli.js";

/**
 * A folder shaped like the mlgate repository as the runner downloads it for
 * `uses: mlgate/mlgate/actions/<name>@v1`: actions/, scripts/action/, the lockfile and dist/ (this
 * test run's bundle, not the committed one). node_modules is a symlink to the real one, so the
 * install step finds the runtime packages and skips npm, as it does after a cache hit.
 */
export interface ActionRepo {
  root: string;
  actionDir(name: string): string;
  dispose(): void;
}

export function makeActionRepo(opts: { nodeModules?: boolean } = {}): ActionRepo {
  const root = mkdtempSync(path.join(os.tmpdir(), "mlgate-action-repo-"));
  cpSync(path.join(ROOT, "actions"), path.join(root, "actions"), { recursive: true });
  cpSync(path.join(ROOT, "scripts/action"), path.join(root, "scripts/action"), { recursive: true });
  // Only the bundle: a node_modules link the test setup may keep next to it is not part of dist/.
  const dist = distDir();
  cpSync(dist, path.join(root, "dist"), { recursive: true, filter: (src) => src !== path.join(dist, "node_modules") });
  for (const f of ["package.json", "package-lock.json", ".npmrc"]) cpSync(path.join(ROOT, f), path.join(root, f));
  if (opts.nodeModules !== false) symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  return {
    root,
    actionDir: (name) => path.join(root, "actions", name),
    dispose: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
