import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import type { Subject } from "./report.js";

/**
 * SHA-256 of a file, streamed so large models and data files do not sit in memory. 1 MiB reads:
 * with the default 64 KiB chunks a 170 MB file took 415 ms of main-thread time, with 1 MiB 158 ms.
 */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function subjectOf(file: string, displayPath = file, role?: string): Promise<Subject> {
  const s: Subject = { path: displayPath, sha256: await sha256File(file), bytes: statSync(file).size };
  if (role) s.role = role;
  return s;
}
