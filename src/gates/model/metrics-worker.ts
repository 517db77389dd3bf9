/**
 * Worker-thread entry (bundled as dist/metrics-worker.js), one per gate run (helper-thread.ts). It
 * takes jobs in turn: first the data file's SHA-256, while the main thread is still loading the
 * native libraries and scanning; later one model's metric evaluator — its sorts, per-row losses and
 * unweighted metrics — while the main thread prepares the other model's, handing the typed arrays back
 * without copying them.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { allMetrics, aucClasses, prepareMetrics, type PreparedWork, type Task } from "./metrics.js";

export interface MetricsJob {
  kind: "metrics";
  task: Task;
  yTrue: Float64Array;
  scores: Float64Array;
  classes: number;
  /** Also DeLong's components of every class's AUC (the roc_auc comparison will need them). */
  components: boolean;
}

export interface HashJob {
  kind: "hash";
  file: string;
}

export type HelperJob = (MetricsJob | HashJob) & { id: number };

export type HelperReply = { id: number } & ({ work: PreparedWork } | { sha256: string } | { error: string });

function buffersOf(w: PreparedWork): ArrayBuffer[] {
  const views = [
    ...w.rankings.flatMap(([, r]) => [r.order, r.sorted, r.sortedPositive, r.positive]),
    ...w.losses.map(([, l]) => l),
    ...w.components.map(([, v]) => v),
    ...(w.predicted ? [w.predicted] : []),
  ];
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

/** Synchronous 1 MiB reads: this thread has nothing else to do, and no stream machinery to pay for. */
function sha256Of(file: string): string {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, "r");
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

const port = parentPort;
if (port)
  port.on("message", (job: HelperJob) => {
    let reply: HelperReply;
    try {
      if (job.kind === "hash") {
        port.postMessage({ id: job.id, sha256: sha256Of(job.file) } satisfies HelperReply);
        return;
      }
      const ev = prepareMetrics(job.task, job.yTrue, { scores: job.scores, classes: job.classes });
      allMetrics(ev);
      if (job.components) for (const k of aucClasses(job.task, job.classes)) ev.components(k);
      const work = ev.cached();
      port.postMessage({ id: job.id, work } satisfies HelperReply, buffersOf(work));
      return;
    } catch (e) {
      // The main thread validates the same inputs (or hashes the file itself) and reports the error.
      reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
