import type { Subject } from "../../core/report.js";
import type { Task } from "./metrics.js";
import type { RunSettings } from "./settings.js";

/** A per-row grouping of the evaluation rows: a slice column, a named slice, or a sensitive column. */
export interface Grouping {
  kind: "column" | "named" | "sensitive";
  /** Column name or slice name. */
  name: string;
  /** Level names; code -1 is a missing value. Named slices have one level, "in". */
  levels: string[];
  codes: Int32Array;
}

export interface LatencyStats {
  /** Batch-1 latencies in milliseconds, interleaved candidate/baseline runs. */
  candidate: number[];
  baseline: number[];
  /** Rows per second at batch 256. */
  candidateThroughput: number;
  baselineThroughput: number;
}

/** Sums, so shards merge by adding. */
export interface RobustnessStats {
  epsilon: number;
  rows: number;
  candidate: { flips: number; absDelta: number };
  baseline: { flips: number; absDelta: number };
}

/**
 * Everything the verdict needs, per row where exact statistics demand it (roc_auc, DeLong and the
 * paired bootstrap need each row's label and both models' scores). Shards write this; a merge sorts
 * the rows back into file order, so a merged state equals the unsharded one.
 */
export interface EvalState {
  task: Task;
  classes: number;
  /** 0-based data row of each evaluated row, in file order; absent when they are 0, 1, 2, … (every row, streamed). */
  rows?: Int32Array;
  yTrue: Float64Array;
  /** Scores, `scoreWidth` per row. */
  candidate: Float64Array;
  baseline?: Float64Array;
  groups: Grouping[];
  latency?: LatencyStats;
  robustness?: RobustnessStats;
  /** Output interpretation per model, for the report (probabilities, logits, label). */
  outputs: { candidate: string; baseline?: string };
  subjects: Subject[];
  inputs: Record<string, string>;
  /** Resolved settings; shards must agree on them to merge. */
  settings: RunSettings;
  data: { path: string; lineOffset: number };
  /** Where the baseline came from, for the summary line (`git:main:model.onnx at 1a2b3c4`). */
  baselineOrigin?: string;
  /** Why there is no baseline, for the summary line (a new model, `--baseline none`, not a pull request). */
  noBaseline?: string;
  shard?: { index: number; count: number };
}

type Growing = Float64Array | Int32Array;

/**
 * Appends to a typed array that doubles when full; memory grows with rows only by what is stored
 * (at most twice that, the unused capacity).
 */
class Growable<T extends Growing> {
  data: T;
  length = 0;
  /** The most values it will hold: doubling stops there (the row limit), so no capacity is wasted past it. */
  max = Number.POSITIVE_INFINITY;
  constructor(
    private readonly make: (buffer: ArrayBufferLike) => T,
    private readonly bytes: number,
    initial: number,
  ) {
    this.data = make(new SharedArrayBuffer(initial * bytes));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.length + extra) cap *= 2;
    cap = Math.max(this.length + extra, Math.min(cap, this.max));
    const next = this.make(new SharedArrayBuffer(cap * this.bytes));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** Appends src[from .. from + n), `missing` for an absent value. */
  append(src: ArrayLike<number | null>, from: number, n: number, missing: number): void {
    this.reserve(n);
    const d = this.data;
    // A typed array holds no absent values: one block copy.
    if (ArrayBuffer.isView(src)) {
      d.set((src as unknown as T).subarray(from, from + n), this.length);
      this.length += n;
      return;
    }
    let o = this.length;
    for (let k = from, end = from + n; k < end; k++) d[o++] = src[k] ?? missing;
    this.length = o;
  }
  /** Appends first, first + 1, …, first + n − 1 (row numbers of rows that arrive in order). */
  appendCount(first: number, n: number): void {
    this.reserve(n);
    const d = this.data;
    for (let k = 0, o = this.length; k < n; k++, o++) d[o] = first + k;
    this.length += n;
  }
  push(v: number): void {
    this.reserve(1);
    this.data[this.length++] = v;
  }
  /**
   * The values so far, without a copy (appending more later would show through). In shared memory,
   * so the helper thread (helper-thread.ts) reads labels and scores without a structured-clone copy.
   */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export class GrowableF64 extends Growable<Float64Array> {
  constructor(initial = 1 << 16) {
    super((b) => new Float64Array(b), 8, initial);
  }
}

export class GrowableI32 extends Growable<Int32Array> {
  constructor(initial = 1 << 16) {
    super((b) => new Int32Array(b), 4, initial);
  }
}
