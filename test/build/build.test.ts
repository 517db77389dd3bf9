import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

function buildInto(): { dir: string; files: Map<string, Buffer> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-build-"));
  execFileSync(process.execPath, ["scripts/build.mjs"], {
    cwd: ROOT,
    env: { ...process.env, MLGATE_DIST_DIR: path.relative(ROOT, dir) },
  });
  const files = new Map<string, Buffer>();
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) files.set(path.relative(dir, path.join(f.parentPath, f.name)), readFileSync(path.join(f.parentPath, f.name)));
  }
  return { dir, files };
}

describe("npm run build", () => {
  it("is deterministic: two builds are byte-identical", () => {
    const a = buildInto();
    const b = buildInto();
    try {
      expect([...a.files.keys()].sort()).toEqual([...b.files.keys()].sort());
      expect(a.files.has("cli.js") && a.files.has("action.js")).toBe(true);
      for (const [name, bytes] of a.files) expect(bytes.equals(b.files.get(name)!), name).toBe(true);
      // No absolute paths of the build machine leak into the bundle.
      for (const bytes of a.files.values()) expect(bytes.includes(Buffer.from(ROOT))).toBe(false);
      // Native packages stay external: imported by name, their loaders (which require the
      // platform's .node file by a literal path) not bundled. (The runtime check in
      // src/core/runtime-support.ts names the binary files, so the markers are the loaders' paths.)
      const all = Buffer.concat([...a.files.values()]).toString();
      expect(all).toMatch(/(from |require\()"onnxruntime-node"/);
      expect(all).toContain('require("@duckdb/node-bindings")');
      expect(all).not.toContain("../bin/napi-v6/");
      expect(all).not.toContain("node-bindings-linux-x64/duckdb.node");
    } finally {
      rmSync(a.dir, { recursive: true, force: true });
      rmSync(b.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
