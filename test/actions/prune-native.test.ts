import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { pruneOnnxruntime } from "../../scripts/action/prune-native.mjs";

const prune = pruneOnnxruntime as (nodeModules: string, platform?: string, arch?: string) => number;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** node_modules/onnxruntime-node/bin/napi-v6/<os>/<cpu>/ with files of known sizes. */
function layout(files: Record<string, number>): string {
  const nm = mkdtempSync(path.join(os.tmpdir(), "mlgate-prune-"));
  dirs.push(nm);
  for (const [rel, size] of Object.entries(files)) {
    const file = path.join(nm, "onnxruntime-node/bin/napi-v6", rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(size));
  }
  return nm;
}

const platforms = (nm: string): string[] => {
  const bin = path.join(nm, "onnxruntime-node/bin/napi-v6");
  return readdirSync(bin).flatMap((o) => readdirSync(path.join(bin, o)).map((c) => `${o}/${c}`));
};

describe("scripts/prune-native.mjs", () => {
  it("keeps only this machine's onnxruntime binaries and reports the bytes it freed", () => {
    const nm = layout({
      "linux/x64/onnxruntime_binding.node": 100,
      "linux/x64/libonnxruntime.so.1": 1000,
      "linux/arm64/onnxruntime_binding.node": 30,
      "darwin/arm64/libonnxruntime.1.dylib": 500,
      "win32/x64/onnxruntime.dll": 7,
      "win32/arm64/DirectML.dll": 11,
    });
    expect(prune(nm, "linux", "x64")).toBe(30 + 500 + 7 + 11);
    expect(platforms(nm)).toEqual(["linux/x64"]);
    expect(prune(nm, "linux", "x64")).toBe(0);
  });

  it("removes every binary on a platform onnxruntime has none for, and does nothing without the package", () => {
    const nm = layout({ "linux/x64/a.node": 5, "darwin/arm64/b.dylib": 6 });
    expect(prune(nm, "darwin", "x64")).toBe(11);
    expect(platforms(nm)).toEqual([]);
    expect(prune(path.join(nm, "missing"), "linux", "x64")).toBe(0);
  });
});
