import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PreparedWork } from "./metrics.js";
import type { HashJob, HelperJob, HelperReply, MetricsJob, SourceJob, WarmJob } from "./metrics-worker.js";
import type { CsvSourceInfo } from "../../core/table/stream.js";
import type { ScanJob } from "./scan-job.js";

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

/** MLGATE_METRICS_WORKER=0 keeps everything on the main thread; =1 uses the helper at any size. */
export function workerSetting(): "off" | "on" | "auto" {
  const env = process.env.MLGATE_METRICS_WORKER;
  return env === "0" ? "off" : env === "1" ? "on" : "auto";
}

/**
 * One worker thread for the whole gate run, started before the native libraries load so its own
 * start-up (≈40 ms) overlaps theirs: it hashes the data file while the main thread loads onnxruntime
 * and DuckDB and scans, then prepares the baseline's metrics while the main thread prepares the
 * candidate's. Every job may fail (no worker file, a worker that cannot load): the caller then does
 * the work itself, so the results never depend on the thread.
 */
export class HelperThread {
  private next = 1;
  private readonly waiting = new Map<number, (r: HelperReply | null) => void>();
  private dead = false;
  private readonly prepared = new WeakMap<Float64Array, Promise<PreparedWork | null>>();

  private constructor(
    private readonly worker: Worker,
    private readonly scratch: string,
  ) {
    const fail = (): void => {
      this.dead = true;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    worker.on("message", (r: HelperReply) => {
      const resolve = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      if (this.waiting.size === 0) worker.unref();
      resolve?.(r);
    });
    worker.once("error", fail);
    worker.once("exit", fail);
    // An idle helper never keeps the process alive (close() ends it when the gate is done); one with
    // a job pending does, or the process would exit while the job's promise is awaited.
    worker.unref();
  }

  /** undefined when there is no bundled worker, MLGATE_METRICS_WORKER=0, or the thread cannot start. */
  static start(memoryLimit?: number): HelperThread | undefined {
    const file = metricsWorkerFile();
    if (file === undefined || workerSetting() === "off") return undefined;
    // The helper's DuckDB spills here (scan-job.ts); the thread is terminated, so this side removes it.
    const scratch = mkdtempSync(path.join(os.tmpdir(), "mlgate-duckdb-"));
    try {
      return new HelperThread(new Worker(file, { workerData: { scratch, memoryLimit } }), scratch);
    } catch {
      rmSync(scratch, { recursive: true, force: true });
      return undefined;
    }
  }

  private run(job: MetricsJob | HashJob | WarmJob | SourceJob | ScanJob): Promise<HelperReply | null> {
    if (this.dead) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.ref();
      this.worker.postMessage({ ...job, id } satisfies HelperJob);
    });
  }

  /** Loads DuckDB on the helper and sniffs `file` ahead of a scan, overlapping the main thread's start-up. */
  warm(file: string, display: string): void {
    void this.run({ kind: "warm", file, display });
  }

  /** The data file as the helper sniffed it; undefined when it could not (the caller sniffs itself). */
  async source(file: string, display: string): Promise<CsvSourceInfo | undefined> {
    const r = await this.run({ kind: "source", file, display });
    return r && "source" in r && r.source ? r.source : undefined;
  }

  /**
   * Runs `sql` on the helper's DuckDB into the ring; resolves with the rows written, rejects when the
   * helper failed or the scan did (the caller then reads the data itself).
   */
  async scan(job: Omit<ScanJob, "kind">): Promise<number> {
    const r = await this.run({ kind: "scan", ...job });
    if (r && "rows" in r) return r.rows;
    throw new Error(r && "error" in r ? r.error : "the helper thread stopped");
  }

  /** The file's SHA-256, or null when the helper failed (hash it on this thread then). */
  async sha256(file: string): Promise<string | null> {
    const r = await this.run({ kind: "hash", file });
    return r && "sha256" in r ? r.sha256 : null;
  }

  /**
   * One model's prepared metric work, or null when the helper failed (prepare it on this thread
   * then). Asked again for the same scores, it returns the job already under way; `started` runs
   * when the job is first posted.
   */
  prepare(job: Omit<MetricsJob, "kind">, started?: () => void): Promise<PreparedWork | null> {
    let p = this.prepared.get(job.scores);
    if (p === undefined) {
      started?.();
      p = this.run({ kind: "metrics", ...job }).then((r) => (r && "work" in r ? r.work : null));
      this.prepared.set(job.scores, p);
    }
    return p;
  }

  close(): void {
    this.dead = true;
    const scratch = this.scratch;
    void this.worker.terminate().finally(() => {
      rmSync(scratch, { recursive: true, force: true });
    });
    // The process may exit before the thread is gone: unlinking files DuckDB still holds open is fine.
    rmSync(scratch, { recursive: true, force: true });
  }
}
