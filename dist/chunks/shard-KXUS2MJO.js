#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  rowBytes
} from "./chunk-D3EGGY3J.js";
import "./chunk-3ILC2NNE.js";
import "./chunk-CYBZZBR3.js";
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";

// src/gates/model/shard.ts
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
var SHARD_FORMAT = "mlgate-model-shard/1";
function enc(a) {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}
function aligned(s) {
  const b = Buffer.from(s, "base64");
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b.buffer;
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}
function decF64(s) {
  return new Float64Array(aligned(s));
}
function decI32(s) {
  return new Int32Array(aligned(s));
}
function rowsOf(st) {
  return st.rows ?? Int32Array.from({ length: st.yTrue.length }, (_, i) => i);
}
function writeShard(st, file) {
  const rest = { ...st };
  delete rest.baseline;
  const out = {
    format: SHARD_FORMAT,
    state: {
      ...rest,
      rows: enc(rowsOf(st)),
      yTrue: enc(st.yTrue),
      candidate: enc(st.candidate),
      ...st.baseline ? { baseline: enc(st.baseline) } : {},
      groups: st.groups.map((g) => ({ ...g, codes: enc(g.codes) }))
    }
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out));
}
function readShard(file, display) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new ConfigurationError(`${display}: is not a shard statistics file written by mlgate model --shard`);
  }
  if (parsed.format !== SHARD_FORMAT)
    throw new ConfigurationError(
      `${display}: is not a shard statistics file written by mlgate model --shard (format ${String(parsed.format)})`
    );
  const s = parsed.state;
  const st = {
    ...s,
    rows: decI32(s.rows ?? ""),
    yTrue: decF64(s.yTrue),
    candidate: decF64(s.candidate),
    groups: s.groups.map((g) => ({ ...g, codes: decI32(g.codes) }))
  };
  if (s.baseline !== void 0) st.baseline = decF64(s.baseline);
  else delete st.baseline;
  return st;
}
var SHARD_FILE_ROW_BYTES = Math.ceil(20 * 4 / 3);
var SHARD_FILE_SLACK = 16 << 20;
function readShards(files, allowed) {
  const out = [];
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
function fingerprint(st) {
  return JSON.stringify({
    settings: { ...st.settings, shard: void 0 },
    task: st.task,
    classes: st.classes,
    groups: st.groups.map((g) => [g.kind, g.name, g.levels]),
    subjects: st.subjects.map((x) => x.sha256),
    baseline: st.baseline !== void 0
  });
}
function gather(parts, order, starts, width, make, missing) {
  const out = make(order.length * width);
  for (let k = 0; k < order.length; k++) {
    const g = order[k] ?? 0;
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((starts[mid] ?? 0) <= g) lo = mid;
      else hi = mid - 1;
    }
    const part = parts[lo];
    const src = (g - (starts[lo] ?? 0)) * width;
    for (let c = 0; c < width; c++) out[k * width + c] = part?.[src + c] ?? missing;
  }
  return out;
}
function concatI32(parts) {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function mergeShards(shards) {
  const first = shards[0];
  if (!first) throw new ConfigurationError("mlgate model merge needs at least one shard file");
  const count = first.state.shard?.count ?? 1;
  const seen = /* @__PURE__ */ new Map();
  const fp = fingerprint(first.state);
  for (const { state, display } of shards) {
    if (fingerprint(state) !== fp)
      throw new ConfigurationError(
        `${display}: was evaluated with other models, data or settings than ${first.display}; merge shards of one run only`
      );
    const i = state.shard?.index ?? 0;
    if ((state.shard?.count ?? 1) !== count)
      throw new ConfigurationError(
        `${display}: is a shard of ${state.shard?.count ?? 1}, but ${first.display} is a shard of ${count}`
      );
    const dup = seen.get(i);
    if (dup) throw new ConfigurationError(`${display}: is shard ${i + 1}/${count} again (also ${dup})`);
    seen.set(i, display);
  }
  if (seen.size !== count) {
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    throw new ConfigurationError(
      `shard ${missing.map((i) => `${i + 1}/${count}`).join(", ")} is missing; pass all ${count} shard files`
    );
  }
  const states = shards.map((x) => x.state);
  const rows = concatI32(states.map(rowsOf));
  const order = Int32Array.from(rows.keys()).sort((a, b) => (rows[a] ?? 0) - (rows[b] ?? 0));
  const starts = [];
  for (let si = 0, g = 0; si < states.length; g += states[si]?.yTrue.length ?? 0, si++) starts.push(g);
  const f64 = (n) => new Float64Array(new SharedArrayBuffer(n * 8));
  const i32 = (n) => new Int32Array(n);
  const width = first.state.task === "multiclass" ? first.state.classes : 1;
  const latency = states.every((x) => x.latency) ? {
    candidate: states.flatMap((x) => x.latency?.candidate ?? []),
    baseline: states.flatMap((x) => x.latency?.baseline ?? []),
    candidateThroughput: states.reduce((a, x) => a + (x.latency?.candidateThroughput ?? 0), 0) / states.length,
    baselineThroughput: states.reduce((a, x) => a + (x.latency?.baselineThroughput ?? 0), 0) / states.length
  } : void 0;
  const robustness = states.every((x) => x.robustness) ? states.slice(1).reduce(
    (acc, x) => {
      const r = x.robustness;
      return {
        epsilon: acc.epsilon,
        rows: acc.rows + r.rows,
        candidate: {
          flips: acc.candidate.flips + r.candidate.flips,
          absDelta: acc.candidate.absDelta + r.candidate.absDelta
        },
        baseline: { flips: acc.baseline.flips + r.baseline.flips, absDelta: acc.baseline.absDelta + r.baseline.absDelta }
      };
    },
    structuredClone(first.state.robustness)
  ) : void 0;
  const settings = { ...first.state.settings };
  delete settings.shard;
  const merged = {
    ...first.state,
    settings,
    rows: Int32Array.from(order, (k) => rows[k] ?? 0),
    yTrue: gather(
      states.map((x) => x.yTrue),
      order,
      starts,
      1,
      f64,
      NaN
    ),
    candidate: gather(
      states.map((x) => x.candidate),
      order,
      starts,
      width,
      f64,
      NaN
    ),
    groups: first.state.groups.map((g, gi) => ({
      ...g,
      codes: gather(
        states.map((x) => x.groups[gi]?.codes ?? new Int32Array(0)),
        order,
        starts,
        1,
        i32,
        -1
      )
    }))
  };
  delete merged.shard;
  if (first.state.baseline)
    merged.baseline = gather(
      states.map((x) => x.baseline ?? new Float64Array(0)),
      order,
      starts,
      width,
      f64,
      NaN
    );
  if (latency) merged.latency = latency;
  else delete merged.latency;
  if (robustness) merged.robustness = robustness;
  else delete merged.robustness;
  return merged;
}
export {
  SHARD_FORMAT,
  mergeShards,
  readShard,
  readShards,
  writeShard
};
