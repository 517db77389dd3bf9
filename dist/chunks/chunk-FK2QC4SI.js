#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/core/hash.ts
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
var cache = /* @__PURE__ */ new Map();
async function sha256File(file) {
  const key = path.resolve(file);
  const st = statSync(key);
  const hit = cache.get(key);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.digest;
  const digest = (async () => {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(key, { highWaterMark: 1 << 20 })) hash.update(chunk);
    return hash.digest("hex");
  })();
  cache.set(key, { size: st.size, mtimeMs: st.mtimeMs, digest });
  digest.catch(() => cache.delete(key));
  return digest;
}
async function subjectOf(file, displayPath = file, role) {
  const s = { path: displayPath, sha256: await sha256File(file), bytes: statSync(file).size };
  if (role) s.role = role;
  return s;
}

export {
  sha256File,
  subjectOf
};
