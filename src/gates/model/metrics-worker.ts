/**
 * Worker-thread entry (bundled as dist/metrics-worker.js): prepares one model's metric evaluator —
 * its sorts, per-row losses and unweighted metrics — while the main thread prepares the other model's,
 * and hands the typed arrays back without copying them.
 */
import { parentPort } from "node:worker_threads";
import { allMetrics, prepareMetrics, type PreparedWork, type Task } from "./metrics.js";

export interface MetricsJob {
  task: Task;
  yTrue: Float64Array;
  scores: Float64Array;
  classes: number;
}

export type MetricsReply = { work: PreparedWork } | { error: string };

function buffersOf(w: PreparedWork): ArrayBuffer[] {
  const views = [
    ...w.rankings.flatMap(([, r]) => [r.order, r.sorted, r.sortedPositive, r.positive]),
    ...w.losses.map(([, l]) => l),
  ];
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

const port = parentPort;
if (port)
  port.on("message", (job: MetricsJob) => {
    let reply: MetricsReply;
    try {
      const ev = prepareMetrics(job.task, job.yTrue, { scores: job.scores, classes: job.classes });
      allMetrics(ev);
      const work = ev.cached();
      port.postMessage({ work } satisfies MetricsReply, buffersOf(work));
      return;
    } catch (e) {
      // The main thread validates the same inputs and reports the error itself.
      reply = { error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
