/**
 * Preload for a child process under test (`node --import <this file>`, or NODE_OPTIONS): when the
 * process exits it writes its peak resident set size, in bytes, to the file named by PEAK_RSS_FILE.
 * The main thread only: the process's peak already counts its worker threads. Shared by the
 * hostile-input tests that bound memory (model-bomb.test.ts, the hostile corpus).
 */
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.PEAK_RSS_FILE;
if (file && isMainThread)
  process.on("exit", () => {
    // resourceUsage().maxRSS is in KiB.
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
