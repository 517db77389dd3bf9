/**
 * Preload for a child process under test (`node --import <this file>`, or NODE_OPTIONS): when the
 * process exits it adds its peak resident set size, in bytes, to the number in the file named by
 * PEAK_RSS_FILE (the file starts absent). The CLI runs the gate again in a child of itself (the crash
 * guard, src/cli/crash-guard.ts, passes execArgv and the environment on), which exits first: the
 * file ends with the sum of both peaks, an upper bound of the run's peak; before, the parent's small
 * peak overwrote the child's. The main thread only: a process's peak already counts its worker
 * threads. Shared by the hostile-input tests that bound memory (model-bomb.test.ts, the corpus).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.PEAK_RSS_FILE;
if (file && isMainThread)
  process.on("exit", () => {
    let before = 0;
    try {
      before = Number(readFileSync(file, "utf8")) || 0;
    } catch {
      // The first process of the run to exit.
    }
    // resourceUsage().maxRSS is in KiB.
    writeFileSync(file, String(before + process.resourceUsage().maxRSS * 1024));
  });
