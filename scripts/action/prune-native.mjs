#!/usr/bin/env node
// onnxruntime-node ships its native library for every platform in one package (288 MB for
// darwin/arm64, linux/arm64, linux/x64, win32/arm64 and win32/x64 in 1.30); a machine only ever loads
// bin/napi-v6/<platform>/<arch>. This removes the other platforms' folders from the given
// node_modules (default: this repository's), which keeps `npm ci` under 500 MB and the actions' cache
// small. Run as package.json's postinstall and by install.sh. Idempotent; prints what it
// freed. `npm ci` puts everything back.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function sizeOf(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((sum, f) => sum + sizeOf(path.join(p, f)), 0);
}

/** Removes every bin/napi-v*\/<platform>/<arch> folder but this machine's; returns the bytes freed. */
export function pruneOnnxruntime(nodeModules, platform = process.platform, arch = process.arch) {
  const bin = path.join(nodeModules, "onnxruntime-node", "bin");
  if (!existsSync(bin)) return 0;
  let freed = 0;
  for (const napi of readdirSync(bin)) {
    const napiDir = path.join(bin, napi);
    if (!statSync(napiDir).isDirectory()) continue;
    for (const os of readdirSync(napiDir)) {
      const osDir = path.join(napiDir, os);
      if (!statSync(osDir).isDirectory()) continue;
      for (const cpu of readdirSync(osDir)) {
        if (os === platform && cpu === arch) continue;
        const dir = path.join(osDir, cpu);
        freed += sizeOf(dir);
        rmSync(dir, { recursive: true, force: true });
      }
      if (readdirSync(osDir).length === 0) rmSync(osDir, { recursive: true, force: true });
    }
  }
  return freed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const nodeModules = path.resolve(process.argv[2] ?? path.join(root, "node_modules"));
  const freed = pruneOnnxruntime(nodeModules);
  if (freed > 0)
    console.log(
      `mlgate: removed onnxruntime-node's binaries for other platforms than ${process.platform}/${process.arch} (${Math.round(freed / 1048576)} MB)`,
    );
}
