#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/core/hash.ts
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
async function sha256File(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk);
  return hash.digest("hex");
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
