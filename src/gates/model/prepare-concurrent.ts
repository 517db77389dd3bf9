import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { prepareBoth, type Prepared, type Scores } from "./metric-checks.js";
import { allMetrics, prepareMetrics, type PreparedWork, type Task } from "./metrics.js";
import type { MetricsJob, MetricsReply } from "./metrics-worker.js";

/** Below this many rows a thread's start-up (≈50 ms) costs more than the baseline's sorts save. */
const MIN_ROWS = 100_000;

/**
 * The bundle's worker entry: next to cli.js / action.js, whether this module sits in the bundle's
 * top folder or in its chunks/ folder. Running from source (tsx, vitest) there is none.
 */
export function metricsWorkerFile(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 2; up++) {
    const file = path.join(dir, "metrics-worker.js");
    if (existsSync(file)) return file;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** MLGATE_METRICS_WORKER=0 keeps everything on the main thread, =1 uses the worker at any size. */
function wanted(rows: number): boolean {
  const env = process.env.MLGATE_METRICS_WORKER;
  if (env === "0") return false;
  if (env === "1") return true;
  return rows >= MIN_ROWS;
}

function inWorker(file: string, job: MetricsJob): Promise<PreparedWork | null> {
  let worker: Worker;
  try {
    worker = new Worker(file);
  } catch {
    return Promise.resolve(null);
  }
  return new Promise<PreparedWork | null>((resolve) => {
    worker.once("message", (m: MetricsReply) => {
      resolve("work" in m ? m.work : null);
    });
    worker.once("error", () => {
      resolve(null);
    });
    worker.once("exit", () => {
      resolve(null);
    });
    worker.postMessage(job);
  }).finally(() => void worker.terminate());
}

/**
 * prepareBoth with the baseline's evaluator prepared on a worker thread while the candidate's is
 * prepared here: the same code on the same inputs, so the same numbers. Falls back to one thread when
 * there is no baseline, no bundled worker, few rows, or the worker fails (validation errors are
 * then raised here, as prepareBoth raises them).
 */
export async function prepareConcurrently(task: Task, s: Scores, progress: (m: string) => void): Promise<Prepared> {
  const file = metricsWorkerFile();
  if (!s.baseline || task === "regression" || file === undefined || !wanted(s.yTrue.length)) return prepareBoth(task, s);
  progress("preparing the baseline's metrics on a worker thread");
  const pending = inWorker(file, { task, yTrue: s.yTrue, scores: s.baseline.scores, classes: s.baseline.classes });
  const candidate = prepareMetrics(task, s.yTrue, s.candidate);
  allMetrics(candidate);
  const work = await pending;
  const baseline = prepareMetrics(task, s.yTrue, s.baseline, work ?? undefined);
  return { y: s.yTrue, candidate, baseline, classes: task === "binary" ? 2 : s.candidate.classes };
}
