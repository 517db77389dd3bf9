import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../../core/errors.js";
import { rowBytes, type RowLimit } from "./row-limit.js";
import type { EvalState, Grouping, LatencyStats, RobustnessStats } from "./state.js";

/**
 * A shard's sufficient statistics. Exact roc_auc, DeLong variances and the paired bootstrap need
 * every row's label and both models' scores, so those are kept per row (8 bytes per value, base64);
 * counts, latency samples and robustness sums merge by concatenation and addition.
 */
export const SHARD_FORMAT = "mlgate-model-shard/1";

type Encoded<T> = { [K in keyof T]: NonNullable<T[K]> extends Float64Array | Int32Array ? string : T[K] };

interface ShardFile {
  format: typeof SHARD_FORMAT;
  state: Omit<Encoded<EvalState>, "groups"> & { groups: Encoded<Grouping>[] };
}

function enc(a: Float64Array | Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

/** The decoded bytes' own buffer when aligned (a large Buffer is not pooled): no second copy of a shard's rows. */
function aligned(s: string): ArrayBufferLike {
  const b = Buffer.from(s, "base64");
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b.buffer;
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

function decF64(s: string): Float64Array {
  return new Float64Array(aligned(s));
}

function decI32(s: string): Int32Array {
  return new Int32Array(aligned(s));
}

/** The state's data rows: the stored ones, or 0, 1, 2, … when every row was read in order. */
function rowsOf(st: EvalState): Int32Array {
  return st.rows ?? Int32Array.from({ length: st.yTrue.length }, (_, i) => i);
}

export function writeShard(st: EvalState, file: string): void {
  const rest: Partial<EvalState> = { ...st };
  delete rest.baseline;
  const out: ShardFile = {
    format: SHARD_FORMAT,
    state: {
      ...(rest as Omit<EvalState, "baseline">),
      rows: enc(rowsOf(st)),
      yTrue: enc(st.yTrue),
      candidate: enc(st.candidate),
      ...(st.baseline ? { baseline: enc(st.baseline) } : {}),
      groups: st.groups.map((g) => ({ ...g, codes: enc(g.codes) })),
    },
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out));
}

export function readShard(file: string, display: string): EvalState {
  let parsed: ShardFile;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as ShardFile;
  } catch {
    throw new ConfigurationError(`${display}: is not a shard statistics file written by mlgate model --shard`);
  }
  if (parsed.format !== SHARD_FORMAT)
    throw new ConfigurationError(
      `${display}: is not a shard statistics file written by mlgate model --shard (format ${String(parsed.format)})`,
    );
  const s = parsed.state;
  const st: EvalState = {
    ...s,
    rows: decI32(s.rows ?? ""),
    yTrue: decF64(s.yTrue),
    candidate: decF64(s.candidate),
    groups: s.groups.map((g) => ({ ...g, codes: decI32(g.codes) })),
  } as EvalState;
  if (s.baseline !== undefined) st.baseline = decF64(s.baseline);
  else delete st.baseline;
  return st;
}

/** Bytes a row takes in a shard file at the least: its row number, label and one score (4 + 8 + 8), in base64. */
const SHARD_FILE_ROW_BYTES = Math.ceil((20 * 4) / 3);
/** A shard file's bytes besides its rows: settings, subjects, latency samples. */
const SHARD_FILE_SLACK = 16 << 20;

/**
 * Reads the shard files one by one, keeping the merged rows within the memory budget: a shard that
 * brings them past it is refused by name before the next one is read — unread when its size alone
 * is more than the budget's rows could take, else once its rows are counted.
 */
export function readShards(
  files: { file: string; display: string }[],
  allowed: RowLimit,
): { state: EvalState; display: string }[] {
  const out: { state: EvalState; display: string }[] = [];
  let total = 0;
  for (const f of files) {
    const least = rowBytes(1, 1);
    const size = statSync(f.file).size;
    if (size > allowed.rows(least) * SHARD_FILE_ROW_BYTES + SHARD_FILE_SLACK)
      throw allowed.refuse(`${f.display}: is ${(size / 2 ** 20).toFixed(0)} MB, more shard statistics than those of`, least);
    const state = readShard(f.file, f.display);
    total += state.yTrue.length;
    const bytes = rowBytes(state.baseline ? 2 : 1, state.task === "multiclass" ? state.classes : 1);
    if (total > allowed.rows(bytes)) throw allowed.refuse(`${f.display}: brings the rows to merge to more than`, bytes);
    out.push({ state, display: f.display });
  }
  return out;
}

/** What must be equal across shards for their union to be one evaluation. */
function fingerprint(st: EvalState): string {
  return JSON.stringify({
    settings: { ...st.settings, shard: undefined },
    task: st.task,
    classes: st.classes,
    groups: st.groups.map((g) => [g.kind, g.name, g.levels]),
    subjects: st.subjects.map((x) => x.sha256),
    baseline: st.baseline !== undefined,
  });
}

/**
 * The shards' values in file order: `order` lists positions in the shards laid end to end, shard i
 * starting at `starts[i]`. Gathered from the shards themselves, with no concatenated copy in between
 * (one more copy of every row at the merge's peak).
 */
function gather<T extends Float64Array | Int32Array>(
  parts: T[],
  order: Int32Array,
  starts: readonly number[],
  width: number,
  make: (n: number) => T,
  missing: number,
): T {
  const out = make(order.length * width);
  for (let k = 0; k < order.length; k++) {
    const g = order[k] ?? 0;
    // The last shard starting at or before g.
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= g) lo = mid;
      else hi = mid - 1;
    }
    const part = parts[lo];
    const src = (g - (starts[lo] ?? 0)) * width;
    for (let c = 0; c < width; c++) out[k * width + c] = part?.[src + c] ?? missing;
  }
  return out;
}

function concatI32(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Merges every shard of one run: rows go back into file order, so the merged state is the state
 * the unsharded run computes (same metrics, same seeded bootstrap).
 */
export function mergeShards(shards: { state: EvalState; display: string }[]): EvalState {
  const first = shards[0];
  if (!first) throw new ConfigurationError("mlgate model merge needs at least one shard file");
  const count = first.state.shard?.count ?? 1;
  const seen = new Map<number, string>();
  const fp = fingerprint(first.state);
  for (const { state, display } of shards) {
    if (fingerprint(state) !== fp)
      throw new ConfigurationError(
        `${display}: was evaluated with other models, data or settings than ${first.display}; merge shards of one run only`,
      );
    const i = state.shard?.index ?? 0;
    if ((state.shard?.count ?? 1) !== count)
      throw new ConfigurationError(
        `${display}: is a shard of ${state.shard?.count ?? 1}, but ${first.display} is a shard of ${count}`,
      );
    const dup = seen.get(i);
    if (dup) throw new ConfigurationError(`${display}: is shard ${i + 1}/${count} again (also ${dup})`);
    seen.set(i, display);
  }
  if (seen.size !== count) {
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    throw new ConfigurationError(
      `shard ${missing.map((i) => `${i + 1}/${count}`).join(", ")} is missing; pass all ${count} shard files`,
    );
  }
  const states = shards.map((x) => x.state);
  const rows = concatI32(states.map(rowsOf));
  const order = Int32Array.from(rows.keys()).sort((a, b) => (rows[a] ?? 0) - (rows[b] ?? 0));
  const starts: number[] = [];
  for (let si = 0, g = 0; si < states.length; g += states[si]?.yTrue.length ?? 0, si++) starts.push(g);
  // Shared memory, as the gate's own arrays (state.ts): the helper thread reads the labels and the
  // baseline's scores without a structured-clone copy of them.
  const f64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
  const i32 = (n: number): Int32Array => new Int32Array(n);
  const width = first.state.task === "multiclass" ? first.state.classes : 1;
  const latency: LatencyStats | undefined = states.every((x) => x.latency)
    ? {
        candidate: states.flatMap((x) => x.latency?.candidate ?? []),
        baseline: states.flatMap((x) => x.latency?.baseline ?? []),
        candidateThroughput: states.reduce((a, x) => a + (x.latency?.candidateThroughput ?? 0), 0) / states.length,
        baselineThroughput: states.reduce((a, x) => a + (x.latency?.baselineThroughput ?? 0), 0) / states.length,
      }
    : undefined;
  const robustness: RobustnessStats | undefined = states.every((x) => x.robustness)
    ? states.slice(1).reduce<RobustnessStats>(
        (acc, x) => {
          const r = x.robustness as RobustnessStats;
          return {
            epsilon: acc.epsilon,
            rows: acc.rows + r.rows,
            candidate: {
              flips: acc.candidate.flips + r.candidate.flips,
              absDelta: acc.candidate.absDelta + r.candidate.absDelta,
            },
            baseline: { flips: acc.baseline.flips + r.baseline.flips, absDelta: acc.baseline.absDelta + r.baseline.absDelta },
          };
        },
        structuredClone(first.state.robustness as RobustnessStats),
      )
    : undefined;
  const settings = { ...first.state.settings };
  delete settings.shard;
  const merged: EvalState = {
    ...first.state,
    settings,
    rows: Int32Array.from(order, (k) => rows[k] ?? 0),
    yTrue: gather(
      states.map((x) => x.yTrue),
      order,
      starts,
      1,
      f64,
      NaN,
    ),
    candidate: gather(
      states.map((x) => x.candidate),
      order,
      starts,
      width,
      f64,
      NaN,
    ),
    groups: first.state.groups.map((g, gi) => ({
      ...g,
      codes: gather(
        states.map((x) => x.groups[gi]?.codes ?? new Int32Array(0)),
        order,
        starts,
        1,
        i32,
        -1,
      ),
    })),
  };
  delete merged.shard;
  if (first.state.baseline)
    merged.baseline = gather(
      states.map((x) => x.baseline ?? new Float64Array(0)),
      order,
      starts,
      width,
      f64,
      NaN,
    );
  if (latency) merged.latency = latency;
  else delete merged.latency;
  if (robustness) merged.robustness = robustness;
  else delete merged.robustness;
  return merged;
}
