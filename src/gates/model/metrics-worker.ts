/**
 * Worker-thread entry (bundled as dist/metrics-worker.js), one per gate run (helper-thread.ts). For a
 * plain CSV it first opens its own DuckDB and sniffs the file while the main thread loads onnxruntime
 * and the models, then scans the file into a shared ring the main thread runs the models from
 * (scan-job.ts, loaded only then). Beside that it hashes the data file. Last, it prepares one model's
 * metric evaluator — its sorts, per-row losses and unweighted metrics — while the main thread prepares
 * the other model's, handing the typed arrays back without copying them.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import type { PreparedWork, Task } from "./metrics.js";
import type { ScanJob } from "./scan-job.js";
import type { CsvSourceInfo } from "../../core/table/stream.js";

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

/** Opens the helper's DuckDB and sniffs the data file ahead of a scan, while the main thread loads its libraries. */
export interface WarmJob {
  kind: "warm";
  file: string;
  display: string;
}

/** The data file's sniffed dialect and columns (CsvSourceInfo), or null. */
export interface SourceJob {
  kind: "source";
  file: string;
  display: string;
}

export type HelperJob = (MetricsJob | HashJob | WarmJob | SourceJob | ScanJob) & { id: number };

export type HelperReply = { id: number } & (
  | { work: PreparedWork }
  | { sha256: string }
  | { rows: number }
  | { ready: true }
  | { source: CsvSourceInfo | null }
  | { error: string }
);

function buffersOf(w: PreparedWork): ArrayBuffer[] {
  const views = [
    ...w.rankings.flatMap(([, r]) => [r.order, r.sorted, r.sortedPositive, r.positive]),
    ...w.losses.map(([, l]) => l),
    ...w.components.map(([, v]) => v),
    ...(w.predicted ? [w.predicted] : []),
  ];
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

/**
 * 1 MiB reads through libuv, so the hash never holds up a scan posted after it: each chunk is hashed
 * between the scan's own waits for DuckDB.
 */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fh = await open(file, "r");
  try {
    for (let r = await fh.read(buf, 0, buf.length, null); r.bytesRead > 0; r = await fh.read(buf, 0, buf.length, null))
      hash.update(buf.subarray(0, r.bytesRead));
  } finally {
    await fh.close();
  }
  return hash.digest("hex");
}

/** One job's reply and the buffers it hands over; a thrown error becomes an error reply. */
async function perform(job: HelperJob): Promise<[HelperReply, ArrayBuffer[]]> {
  if (job.kind === "hash") return [{ id: job.id, sha256: await sha256Of(job.file) }, []];
  if (job.kind === "warm") {
    // Not awaited: DuckDB opens and sniffs on its own threads while the jobs after this one run.
    sniffed = (await import("./scan-job.js")).helperSource(job.file, job.display);
    return [{ id: job.id, ready: true }, []];
  }
  if (job.kind === "source") {
    const source = await (await import("./scan-job.js")).helperSource(job.file, job.display);
    return [{ id: job.id, source: source ?? null }, []];
  }
  if (job.kind === "scan") {
    const { runScan } = await import("./scan-job.js");
    const { RingWriter } = await import("./scan-ring.js");
    try {
      return [{ id: job.id, rows: await runScan(job) }, []];
    } finally {
      new RingWriter(job.ring).finish();
    }
  }
  // Loaded when first needed: the thread's start-up (and so the data file's sniff) comes first.
  const { allMetrics, aucClasses, prepareMetrics } = await import("./metrics.js");
  const ev = prepareMetrics(job.task, job.yTrue, { scores: job.scores, classes: job.classes });
  allMetrics(ev);
  if (job.components) for (const k of aucClasses(job.task, job.classes)) ev.components(k);
  const work = ev.cached();
  return [{ id: job.id, work }, buffersOf(work)];
}

const port = parentPort;
// Jobs run one after another in the order they were posted (a scan awaits DuckDB between its batches),
// except the hash, which runs beside them once the data file is sniffed (the main thread waits for that).
let queue: Promise<void> = Promise.resolve();
let sniffed: Promise<unknown> = Promise.resolve();
if (port)
  port.on("message", (job: HelperJob) => {
    const run = async (): Promise<void> => {
      try {
        const [reply, transfer] = await perform(job);
        port.postMessage(reply, transfer);
      } catch (e) {
        // The main thread validates the same inputs (or hashes the file, or scans it, itself) and reports the error.
        port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies HelperReply);
      }
    };
    if (job.kind === "hash") void queue.then(() => sniffed).then(run);
    else queue = queue.then(run);
  });
