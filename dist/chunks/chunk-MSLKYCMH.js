#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/gates/model/helper-thread.ts
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
function metricsWorkerFile() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 2; up++) {
    const file = path.join(dir, "metrics-worker.js");
    if (existsSync(file)) return file;
    dir = path.dirname(dir);
  }
  return void 0;
}
function workerSetting() {
  const env = process.env.MLGATE_METRICS_WORKER;
  return env === "0" ? "off" : env === "1" ? "on" : "auto";
}
var HelperThread = class _HelperThread {
  constructor(worker, scratch) {
    this.worker = worker;
    this.scratch = scratch;
    const fail = () => {
      this.dead = true;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    worker.on("message", (r) => {
      const resolve = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      if (this.waiting.size === 0) worker.unref();
      resolve?.(r);
    });
    worker.once("error", fail);
    worker.once("exit", fail);
    worker.unref();
  }
  worker;
  scratch;
  next = 1;
  waiting = /* @__PURE__ */ new Map();
  dead = false;
  prepared = /* @__PURE__ */ new WeakMap();
  /** undefined when there is no bundled worker, MLGATE_METRICS_WORKER=0, or the thread cannot start. */
  static start(memoryLimit) {
    const file = metricsWorkerFile();
    if (file === void 0 || workerSetting() === "off") return void 0;
    const scratch = mkdtempSync(path.join(os.tmpdir(), "mlgate-duckdb-"));
    try {
      return new _HelperThread(new Worker(file, { workerData: { scratch, memoryLimit } }), scratch);
    } catch {
      rmSync(scratch, { recursive: true, force: true });
      return void 0;
    }
  }
  run(job) {
    if (this.dead) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.ref();
      this.worker.postMessage({ ...job, id });
    });
  }
  /** Loads DuckDB on the helper and sniffs `file` ahead of a scan, overlapping the main thread's start-up. */
  warm(file, display) {
    void this.run({ kind: "warm", file, display });
  }
  /** The data file as the helper sniffed it; undefined when it could not (the caller sniffs itself). */
  async source(file, display) {
    const r = await this.run({ kind: "source", file, display });
    return r && "source" in r && r.source ? r.source : void 0;
  }
  /**
   * Runs `sql` on the helper's DuckDB into the ring; resolves with the rows written, rejects when the
   * helper failed or the scan did (the caller then reads the data itself).
   */
  async scan(job) {
    const r = await this.run({ kind: "scan", ...job });
    if (r && "rows" in r) return r.rows;
    throw new Error(r && "error" in r ? r.error : "the helper thread stopped");
  }
  /** The file's SHA-256, or null when the helper failed (hash it on this thread then). */
  async sha256(file) {
    const r = await this.run({ kind: "hash", file });
    return r && "sha256" in r ? r.sha256 : null;
  }
  /**
   * One model's prepared metric work, or null when the helper failed (prepare it on this thread
   * then). Asked again for the same scores, it returns the job already under way; `started` runs
   * when the job is first posted.
   */
  prepare(job, started) {
    let p = this.prepared.get(job.scores);
    if (p === void 0) {
      started?.();
      p = this.run({ kind: "metrics", ...job }).then((r) => r && "work" in r ? r.work : null);
      this.prepared.set(job.scores, p);
    }
    return p;
  }
  close() {
    this.dead = true;
    const scratch = this.scratch;
    void this.worker.terminate().finally(() => {
      rmSync(scratch, { recursive: true, force: true });
    });
    rmSync(scratch, { recursive: true, force: true });
  }
};

export {
  workerSetting,
  HelperThread
};
