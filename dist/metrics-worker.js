#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/gates/model/metrics-worker.ts
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
function buffersOf(w) {
  const views = [
    ...w.rankings.flatMap(([, r]) => [r.order, r.sorted, r.sortedPositive, r.positive]),
    ...w.losses.map(([, l]) => l),
    ...w.components.map(([, v]) => v),
    ...w.predicted ? [w.predicted] : []
  ];
  return [...new Set(views.map((v) => v.buffer))];
}
async function sha256Of(file) {
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
async function perform(job) {
  if (job.kind === "hash") return [{ id: job.id, sha256: await sha256Of(job.file) }, []];
  if (job.kind === "warm") {
    sniffed = (await import("./chunks/scan-job-TEPGMATB.js")).helperSource(job.file, job.display);
    return [{ id: job.id, ready: true }, []];
  }
  if (job.kind === "source") {
    const source = await (await import("./chunks/scan-job-TEPGMATB.js")).helperSource(job.file, job.display);
    return [{ id: job.id, source: source ?? null }, []];
  }
  if (job.kind === "scan") {
    const { runScan } = await import("./chunks/scan-job-TEPGMATB.js");
    const { RingWriter } = await import("./chunks/scan-ring-DC2Y37TE.js");
    try {
      return [{ id: job.id, rows: await runScan(job) }, []];
    } finally {
      new RingWriter(job.ring).finish();
    }
  }
  const { allMetrics, aucClasses, prepareMetrics } = await import("./chunks/metrics-ZJLAIDPM.js");
  const ev = prepareMetrics(job.task, job.yTrue, { scores: job.scores, classes: job.classes });
  allMetrics(ev);
  if (job.components) for (const k of aucClasses(job.task, job.classes)) ev.components(k);
  const work = ev.cached();
  return [{ id: job.id, work }, buffersOf(work)];
}
var port = parentPort;
var queue = Promise.resolve();
var sniffed = Promise.resolve();
if (port)
  port.on("message", (job) => {
    const run = async () => {
      try {
        const [reply, transfer] = await perform(job);
        port.postMessage(reply, transfer);
      } catch (e) {
        port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
      }
    };
    if (job.kind === "hash") void queue.then(() => sniffed).then(run);
    else queue = queue.then(run);
  });
