#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/gates/model/scan-ring.ts
var PRODUCED = 0;
var CONSUMED = 1;
var DONE = 2;
var ABORT = 3;
function createRing(shape) {
  const bytes = shape.dtype === "float32" ? 4 : 8;
  const slotBytes = shape.batch * Math.max(1, shape.features) * bytes;
  const slots = Math.max(2, Math.min(64, Math.floor((32 << 20) / slotBytes)));
  return {
    ...shape,
    slots,
    control: new SharedArrayBuffer(4 * 4),
    values: new SharedArrayBuffer(slots * slotBytes),
    labels: new SharedArrayBuffer(slots * shape.batch * 8),
    codes: new SharedArrayBuffer(Math.max(4, slots * shape.groups * shape.batch * 4)),
    counts: new SharedArrayBuffer(slots * 3 * 4)
  };
}
function views(r) {
  const per = r.batch * r.features;
  return {
    control: new Int32Array(r.control),
    values: Array.from(
      { length: r.slots },
      (_, s) => r.dtype === "float32" ? new Float32Array(r.values, s * per * 4, per) : new Float64Array(r.values, s * per * 8, per)
    ),
    labels: Array.from({ length: r.slots }, (_, s) => new Float64Array(r.labels, s * r.batch * 8, r.batch)),
    codes: Array.from(
      { length: r.slots },
      (_, s) => Array.from({ length: r.groups }, (_2, g) => new Int32Array(r.codes, (s * r.groups + g) * r.batch * 4, r.batch))
    ),
    counts: new Int32Array(r.counts)
  };
}
function labelOk(task, v) {
  if (task === "binary") return v === 0 || v === 1;
  if (task === "multiclass") return Number.isInteger(v) && v >= 0;
  return v === v;
}
var RingWriter = class {
  constructor(ring) {
    this.ring = ring;
    this.v = views(ring);
  }
  ring;
  v;
  produced = 0;
  /** The slot being filled: its feature matrix (row-major), labels and per-group codes. */
  slot() {
    const s = this.produced % this.ring.slots;
    return { values: this.v.values[s], labels: this.v.labels[s], codes: this.v.codes[s] ?? [] };
  }
  /** True once the reader gave up (a bad row, an error): stop scanning. */
  get aborted() {
    return Atomics.load(this.v.control, ABORT) === 1;
  }
  /**
   * Hands the current slot (n rows, `nan` NaN features, `badLabels` labels failing checkLabel) to the
   * reader; blocks while every slot is taken.
   */
  publish(n, nan, badLabels) {
    const s = this.produced % this.ring.slots;
    this.v.counts[3 * s] = n;
    this.v.counts[3 * s + 1] = nan;
    this.v.counts[3 * s + 2] = badLabels;
    this.produced++;
    Atomics.store(this.v.control, PRODUCED, this.produced);
    Atomics.notify(this.v.control, PRODUCED);
    for (; ; ) {
      const consumed = Atomics.load(this.v.control, CONSUMED);
      if (this.produced - consumed < this.ring.slots || this.aborted) return;
      Atomics.wait(this.v.control, CONSUMED, consumed, 1e3);
    }
  }
  /** No more slots: the reader ends after the published ones. */
  finish() {
    Atomics.store(this.v.control, DONE, 1);
    Atomics.notify(this.v.control, PRODUCED);
  }
};
var waitAsync = Atomics.waitAsync;
async function* readRing(ring, ended) {
  const v = views(ring);
  let consumed = 0;
  const end = { settled: false };
  const watch = ended.then(
    () => {
      end.settled = true;
    },
    (e) => {
      end.settled = true;
      end.error = e instanceof Error ? e : new Error(`the helper thread's scan failed: ${String(e)}`);
    }
  );
  try {
    for (; ; ) {
      const produced = Atomics.load(v.control, PRODUCED);
      if (consumed < produced) {
        const s = consumed % ring.slots;
        yield {
          rows: v.counts[3 * s] ?? 0,
          nan: v.counts[3 * s + 1] ?? 0,
          badLabels: v.counts[3 * s + 2] ?? 0,
          values: v.values[s],
          labels: v.labels[s],
          codes: v.codes[s] ?? []
        };
        consumed++;
        Atomics.store(v.control, CONSUMED, consumed);
        Atomics.notify(v.control, CONSUMED);
        continue;
      }
      if (end.error) throw end.error;
      if (Atomics.load(v.control, DONE) === 1 || end.settled) {
        if (Atomics.load(v.control, PRODUCED) > consumed) continue;
        await watch;
        const error = end.error;
        if (error) throw error;
        return;
      }
      const w = waitAsync(v.control, PRODUCED, produced);
      if (w.async) await Promise.race([w.value, watch]);
    }
  } finally {
    Atomics.store(v.control, ABORT, 1);
    Atomics.notify(v.control, CONSUMED);
  }
}

export {
  createRing,
  labelOk,
  RingWriter,
  readRing
};
