#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ruleValues
} from "./chunk-I5TC7TDL.js";
import {
  LIMITS,
  limitMessage
} from "./chunk-ULEDS62O.js";
import {
  DataType,
  dtypeName,
  elementCount,
  floatToHalf,
  halfToFloat,
  isFloatType,
  isSupportedType
} from "./chunk-JHJN2HAN.js";
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/gates/onnx/compare.ts
var DEFAULT_RTOL = 1e-3;
var DEFAULT_ATOL = 1e-5;
function toleranceFor(cfg, output) {
  const per = cfg.tolerance?.outputs?.[output];
  return {
    rtol: per?.rtol ?? cfg.tolerance?.rtol ?? DEFAULT_RTOL,
    atol: per?.atol ?? cfg.tolerance?.atol ?? DEFAULT_ATOL
  };
}
function unravel(flat, dims) {
  const idx = new Array(dims.length).fill(0);
  let r = flat;
  for (let k = dims.length - 1; k >= 0; k--) {
    const d = dims[k];
    idx[k] = d > 0 ? r % d : 0;
    r = d > 0 ? Math.floor(r / d) : 0;
  }
  return idx;
}
function asNumbers(t) {
  const d = t.data;
  if (t.elemType === DataType.FLOAT16) return Array.from(d, halfToFloat);
  return d;
}
var show = (v) => typeof v === "number" ? String(v) : typeof v === "bigint" ? v.toString() : JSON.stringify(v);
function compareTensors(actual, expected, tol) {
  const n = elementCount(expected.dims);
  const base = { elements: n, mismatches: 0, maxAbs: 0, maxRel: 0, exact: !isFloatType(expected.elemType) };
  if (actual.elemType !== expected.elemType) {
    return { ...base, incompatible: `dtype ${dtypeName(actual.elemType)}, expected ${dtypeName(expected.elemType)}` };
  }
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i])) {
    return { ...base, incompatible: `shape [${actual.dims.join(", ")}], expected [${expected.dims.join(", ")}]` };
  }
  let worstExcess = -Infinity;
  let worstAt = -1;
  if (isFloatType(expected.elemType)) {
    const a = asNumbers(actual);
    const e = asNumbers(expected);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = e[i];
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (x === y) continue;
      const diff = Math.abs(x - y);
      const bad = !Number.isFinite(diff) || diff > tol.atol + tol.rtol * Math.abs(y);
      const abs = Number.isNaN(diff) ? Infinity : diff;
      if (abs > base.maxAbs) base.maxAbs = abs;
      const rel = y !== 0 ? abs / Math.abs(y) : abs > 0 ? Infinity : 0;
      if (rel > base.maxRel) base.maxRel = rel;
      if (bad) base.mismatches++;
      const excess = Number.isFinite(abs) ? abs - (tol.atol + tol.rtol * Math.abs(y)) : Infinity;
      if (excess > worstExcess) {
        worstExcess = excess;
        worstAt = i;
      }
    }
  } else {
    const a = actual.data;
    const e = expected.data;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = e[i];
      if (x === y) continue;
      base.mismatches++;
      if (typeof x !== "string" && typeof y !== "string" && x !== void 0 && y !== void 0) {
        const abs = Math.abs(Number(x) - Number(y));
        if (abs > base.maxAbs) base.maxAbs = abs;
        const rel = Number(y) !== 0 ? abs / Math.abs(Number(y)) : Infinity;
        if (rel > base.maxRel) base.maxRel = rel;
        if (abs > worstExcess) {
          worstExcess = abs;
          worstAt = i;
        }
      } else if (worstAt < 0) {
        worstAt = i;
      }
    }
  }
  if (worstAt >= 0) {
    const valueAt = (t) => show(t.elemType === DataType.FLOAT16 ? halfToFloat(t.data[worstAt]) : t.data[worstAt]);
    base.worst = { flat: worstAt, index: unravel(worstAt, expected.dims), actual: valueAt(actual), expected: valueAt(expected) };
  }
  return base;
}
function describeWorst(output, c) {
  if (!c.worst) return "";
  return `${output}[${c.worst.index.join(", ")}] = ${c.worst.actual} (expected ${c.worst.expected})`;
}
function comparisonDetails(c, tol) {
  return {
    elements: c.elements,
    mismatches: c.mismatches,
    max_abs_error: Number.isFinite(c.maxAbs) ? c.maxAbs : null,
    max_rel_error: Number.isFinite(c.maxRel) ? c.maxRel : null,
    worst_index: c.worst ? `[${c.worst.index.join(", ")}]` : null,
    rtol: c.exact ? 0 : tol.rtol,
    atol: c.exact ? 0 : tol.atol
  };
}
var fmt = (x) => Number.isFinite(x) ? x.toPrecision(3) : String(x);
function comparisonCheck(id, title, output, c, tol, what) {
  const details = { output, ...comparisonDetails(c, tol) };
  if (c.incompatible) {
    return { id, title, status: "fail", observed: c.incompatible, message: `${output}: ${c.incompatible} (${what}).`, details };
  }
  const rule = c.exact || tol.atol === 0 && tol.rtol === 0 ? "exact match" : `|a-b| <= ${tol.atol} + ${tol.rtol}*|b|`;
  const check = {
    id,
    title,
    status: c.mismatches ? "fail" : "pass",
    observed: c.mismatches ? `${c.mismatches} of ${c.elements} elements differ` : `max abs error ${fmt(c.maxAbs)}`,
    expected: rule,
    message: c.mismatches ? `${c.mismatches} of ${c.elements} elements of ${output} differ (${what}); worst ${describeWorst(output, c)}; max abs error ${fmt(c.maxAbs)}, max rel error ${fmt(c.maxRel)}.` : `All ${c.elements} elements of ${output} match (${what}); max abs error ${fmt(c.maxAbs)}, max rel error ${fmt(c.maxRel)}.`,
    details
  };
  if (c.mismatches) {
    check.failedRows = c.mismatches;
    if (c.worst) check.examples = [{ where: `${output}[${c.worst.index.join(", ")}]`, value: c.worst.actual }];
  }
  return check;
}
function unstableCheck(id, title, output) {
  return {
    id,
    title,
    status: "skip",
    message: `Not judged: ${output} differs between two runs on the same inputs (see determinism.*).`,
    details: { output }
  };
}

// src/core/onnx/build.ts
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// src/gates/onnx/synth.ts
var SYNTH_SEED = 20240611;
var DEFAULT_BATCH = 4;
function dimKey(input, axis, d) {
  return typeof d === "string" ? d : `${input}:${axis}`;
}
function planDims(inputs, configured = {}) {
  const values = /* @__PURE__ */ new Map();
  const leading = inputs.map(
    (v) => v.dims.length > 0 && typeof v.dims[0] !== "number" ? dimKey(v.name, 0, v.dims[0]) : void 0
  );
  const batch = leading.length > 0 && leading.every((l) => l !== void 0 && l === leading[0]) ? leading[0] : void 0;
  for (const v of inputs) {
    v.dims.forEach((d, axis) => {
      if (typeof d === "number") return;
      const key = dimKey(v.name, axis, d);
      if (values.has(key)) return;
      const given = configured[key];
      values.set(key, given?.length ? [...given] : key === batch ? [1, DEFAULT_BATCH] : [1]);
    });
  }
  return batch ? { values, batch } : { values };
}
function concreteDims(v, choice) {
  return v.dims.map((d, axis) => typeof d === "number" ? d : choice.get(dimKey(v.name, axis, d)) ?? 1);
}
function hashName(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
function synthTensor(v, dims, seed = SYNTH_SEED) {
  const n = elementCount(dims);
  if (n > LIMITS.synthElements)
    throw new ConfigurationError(limitMessage.synthTooLarge(`input "${v.name}" at ${dims.join("\xD7")}`, n.toLocaleString("en-US")));
  const rand = seededRandom((seed ^ hashName(v.name)) >>> 0);
  const ints = () => Array.from({ length: n }, () => Math.floor(rand() * 4));
  let data;
  switch (v.elemType) {
    case DataType.FLOAT:
      data = Float32Array.from({ length: n }, () => rand() * 2 - 1);
      break;
    case DataType.DOUBLE:
      data = Float64Array.from({ length: n }, () => rand() * 2 - 1);
      break;
    case DataType.FLOAT16:
      data = Uint16Array.from({ length: n }, () => floatToHalf(rand() * 2 - 1));
      break;
    case DataType.INT64:
      data = BigInt64Array.from(ints().map((x) => BigInt(x)));
      break;
    case DataType.UINT64:
      data = BigUint64Array.from(ints().map((x) => BigInt(x)));
      break;
    case DataType.INT32:
      data = Int32Array.from(ints());
      break;
    case DataType.UINT32:
      data = Uint32Array.from(ints());
      break;
    case DataType.INT16:
      data = Int16Array.from(ints());
      break;
    case DataType.UINT16:
      data = Uint16Array.from(ints());
      break;
    case DataType.INT8:
      data = Int8Array.from(ints());
      break;
    case DataType.UINT8:
      data = Uint8Array.from(ints());
      break;
    case DataType.BOOL:
      data = Uint8Array.from({ length: n }, () => rand() < 0.5 ? 1 : 0);
      break;
    case DataType.STRING:
      data = Array.from({ length: n }, () => `s${Math.floor(rand() * 4)}`);
      break;
    default:
      throw new Error(`synthTensor: ${v.dtype} is not supported`);
  }
  return { elemType: v.elemType, dims, data };
}
function unsupportedInputs(inputs) {
  const bad = inputs.filter((v) => !isSupportedType(v.elemType) || !v.hasShape);
  if (!bad.length) return void 0;
  return bad.map((v) => `${v.name} (${v.hasShape ? v.dtype : "no declared shape"})`).join(", ");
}
function choiceOf(inputs, feed) {
  const out = /* @__PURE__ */ new Map();
  for (const v of inputs) {
    const t = feed[v.name];
    if (!t) continue;
    v.dims.forEach((d, axis) => {
      if (typeof d !== "number" && t.dims[axis] !== void 0) out.set(dimKey(v.name, axis, d), t.dims[axis]);
    });
  }
  return out;
}
function followRule(v, t, rule, feed, seed) {
  if (v.elemType === DataType.BOOL) return t;
  const rand = seededRandom((seed ^ hashName(`${v.name}:rule`)) >>> 0);
  const values = ruleValues(rule, t.dims, (ref) => ref.input ? feed[ref.input]?.dims : ref.dims, rand);
  const nums = values.map(Number);
  let data;
  switch (v.elemType) {
    case DataType.STRING:
      data = values.map(String);
      break;
    case DataType.FLOAT16:
      data = Uint16Array.from(nums, floatToHalf);
      break;
    case DataType.INT64:
      data = BigInt64Array.from(nums, (x) => BigInt(Math.trunc(x)));
      break;
    case DataType.UINT64:
      data = BigUint64Array.from(nums, (x) => BigInt(Math.max(0, Math.trunc(x))));
      break;
    default: {
      const Ctor = t.data.constructor;
      data = new Ctor(nums);
    }
  }
  return { ...t, data };
}
function synthFeed(inputs, choice, seed = SYNTH_SEED) {
  const feed = {};
  for (const v of inputs) feed[v.name] = synthTensor(v, concreteDims(v, choice), seed);
  for (const v of inputs) if (v.role && "rule" in v.role) feed[v.name] = followRule(v, feed[v.name], v.role.rule, feed, seed);
  return feed;
}
function unresolvedInputs(inputs) {
  return inputs.flatMap((v) => v.role && "unresolved" in v.role ? [`${v.name}: ${v.role.unresolved}`] : []);
}
function sliceRows(t, start, count) {
  const rows = t.dims[0] ?? 0;
  const per = rows > 0 ? elementCount(t.dims) / rows : 0;
  const dims = [count, ...t.dims.slice(1)];
  const data = Array.isArray(t.data) ? t.data.slice(start * per, (start + count) * per) : t.data.slice(start * per, (start + count) * per);
  return { elemType: t.elemType, dims, data };
}

export {
  toleranceFor,
  unravel,
  compareTensors,
  describeWorst,
  comparisonCheck,
  unstableCheck,
  planDims,
  unsupportedInputs,
  choiceOf,
  synthFeed,
  unresolvedInputs,
  sliceRows
};
