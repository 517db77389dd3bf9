// Bundles the CLI (and the per-action entries) into dist/. Native packages stay external: they are
// installed at run time next to the action. Output is deterministic: no timestamps, no absolute paths.
import { build } from "esbuild";
import { readdirSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RUNTIME } from "./action/runtime.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, process.env.MLGATE_DIST_DIR ?? "dist");

// metrics-worker: a worker_threads entry (src/gates/model/prepare-concurrent.ts finds it next to cli.js).
// preflight: the actions' first step checks the runner's Node and platform with it (scripts/action/deps.sh).
const entryPoints = {
  cli: "src/bin/cli.ts",
  action: "src/bin/action.ts",
  preflight: "src/bin/preflight.ts",
  "metrics-worker": "src/gates/model/metrics-worker.ts",
};

if (existsSync(outdir)) {
  for (const f of readdirSync(outdir)) rmSync(path.join(outdir, f), { recursive: true, force: true });
}

await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // The actions install exactly these (scripts/action/install.sh); the platform packages are theirs.
  external: [...RUNTIME, "@duckdb/node-bindings-*"],
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: {
    js: [
      "#!/usr/bin/env node",
      'import { createRequire as __mlgateCreateRequire } from "node:module";',
      "const require = __mlgateCreateRequire(import.meta.url);",
    ].join("\n"),
  },
});
