/**
 * JSON tensors of the Open Inference Protocol <-> onnxruntime tensors. The edge is strict: the
 * datatype must be the model's, the shape must fit the model's (fixed dims equal, dynamic dims -1),
 * the element count must be the shape's, and every element must be representable in the datatype.
 * Every violation is an HttpError 400 whose message names the input, what was expected and what came.
 */
import type * as Ort from "onnxruntime-node";
import { floatToHalf, halfToFloat } from "../gates/onnx/tensor.js";
import { onnxruntime } from "../gates/model/ort.js";
import { HttpError } from "./http-io.js";

export type Datatype =
  "BOOL" | "UINT8" | "UINT16" | "UINT32" | "UINT64" | "INT8" | "INT16" | "INT32" | "INT64" | "FP16" | "FP32" | "FP64" | "BYTES";

const ORT_TYPE: Record<Datatype, Ort.Tensor.Type> = {
  BOOL: "bool",
  UINT8: "uint8",
  UINT16: "uint16",
  UINT32: "uint32",
  UINT64: "uint64",
  INT8: "int8",
  INT16: "int16",
  INT32: "int32",
  INT64: "int64",
  FP16: "float16",
  FP32: "float32",
  FP64: "float64",
  BYTES: "string",
};

const DATATYPE_OF: Record<string, Datatype> = Object.fromEntries(Object.entries(ORT_TYPE).map(([k, v]) => [v, k as Datatype]));

/** Integer ranges; 64-bit ones are checked as BigInt. */
const INT_RANGE: Partial<Record<Datatype, [number, number]>> = {
  UINT8: [0, 255],
  UINT16: [0, 65_535],
  UINT32: [0, 4_294_967_295],
  INT8: [-128, 127],
  INT16: [-32_768, 32_767],
  INT32: [-2_147_483_648, 2_147_483_647],
};
const BIG_RANGE: Partial<Record<Datatype, [bigint, bigint]>> = {
  INT64: [-(2n ** 63n), 2n ** 63n - 1n],
  UINT64: [0n, 2n ** 64n - 1n],
};

/** A model input or output as the protocol describes it: dynamic dims are -1. */
export interface TensorSpec {
  name: string;
  datatype: Datatype;
  shape: number[];
}

/** The spec of a session input/output, or why the server cannot serve it. */
export function specOf(meta: Ort.InferenceSession.ValueMetadata): TensorSpec | string {
  if (!meta.isTensor) return `"${meta.name}" is not a tensor`;
  const datatype = DATATYPE_OF[meta.type];
  if (!datatype) return `"${meta.name}" has type ${meta.type}, which the JSON protocol cannot carry`;
  return { name: meta.name, datatype, shape: meta.shape.map((d) => (typeof d === "number" && d >= 0 ? d : -1)) };
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function show(v: unknown): string {
  const s = v === undefined ? "undefined" : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Nested arrays flattened in row-major order; scalars stay as they are (one element). */
function flatten(data: unknown[]): unknown[] {
  if (!data.some(Array.isArray)) return data;
  const out: unknown[] = [];
  const walk = (a: unknown[]): void => {
    for (const v of a) {
      if (Array.isArray(v)) walk(v);
      else out.push(v);
    }
  };
  walk(data);
  return out;
}

const FLOAT_WORDS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

type TypedData = Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** Converts the elements, failing on the first that the datatype cannot hold exactly. */
function convert(spec: TensorSpec, values: unknown[]): TypedData | BigInt64Array | BigUint64Array | string[] {
  const n = values.length;
  const bad = (i: number, what: string): HttpError =>
    new HttpError(400, `input "${spec.name}": element ${i} is ${show(values[i])}, not ${what}`);
  const dt = spec.datatype;
  switch (dt) {
    case "FP32":
    case "FP64":
    case "FP16": {
      const out = dt === "FP32" ? new Float32Array(n) : dt === "FP64" ? new Float64Array(n) : new Uint16Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const x = typeof v === "number" ? v : typeof v === "string" ? FLOAT_WORDS[v] : undefined;
        if (x === undefined) throw bad(i, `a number (${dt}; NaN and infinities as the strings "NaN", "Infinity", "-Infinity")`);
        out[i] = dt === "FP16" ? floatToHalf(x) : x;
      }
      return out;
    }
    case "BOOL": {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "boolean") throw bad(i, "true or false (BOOL)");
        out[i] = v ? 1 : 0;
      }
      return out;
    }
    case "BYTES": {
      for (let i = 0; i < n; i++) if (typeof values[i] !== "string") throw bad(i, "a string (BYTES)");
      return values as string[];
    }
    case "INT64":
    case "UINT64": {
      const [lo, hi] = BIG_RANGE[dt]!;
      const out = dt === "INT64" ? new BigInt64Array(n) : new BigUint64Array(n);
      const what = `an ${dt} (integers from ${lo} to ${hi}; beyond 2^53 as a string of digits)`;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        let b: bigint | undefined;
        if (typeof v === "number" && Number.isSafeInteger(v)) b = BigInt(v);
        else if (typeof v === "string" && /^-?\d{1,20}$/.test(v)) b = BigInt(v);
        if (b === undefined || b < lo || b > hi) throw bad(i, what);
        out[i] = b;
      }
      return out;
    }
    default: {
      const [lo, hi] = INT_RANGE[dt]!;
      const Ctor = { UINT8: Uint8Array, UINT16: Uint16Array, UINT32: Uint32Array, INT8: Int8Array, INT16: Int16Array }[
        dt as "UINT8"
      ];
      const out = dt === "INT32" ? new Int32Array(n) : new Ctor(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi)
          throw bad(i, `an ${dt} (integers from ${lo} to ${hi})`);
        out[i] = v;
      }
      return out;
    }
  }
}

/** A request tensor as the protocol sends it (already checked to be an object). */
export interface JsonTensor {
  name: string;
  shape: unknown;
  datatype: unknown;
  data: unknown;
}

/** Checks a request tensor against the model's spec and builds the onnxruntime tensor from it. */
export function decodeInput(spec: TensorSpec, input: JsonTensor): Ort.Tensor {
  const { name } = spec;
  const expected = (): string => `expected shape ${shapeText(spec.shape)} (${spec.datatype})`;
  if (input.datatype !== spec.datatype)
    throw new HttpError(400, `input "${name}": expected datatype ${spec.datatype}, got ${show(input.datatype)}`);
  const shape = input.shape;
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number" || !Number.isSafeInteger(d) || d < 0))
    throw new HttpError(400, `input "${name}": ${expected()}, got shape ${show(shape)}; give every dimension as a whole number`);
  const dims = shape as number[];
  if (dims.length !== spec.shape.length || spec.shape.some((d, i) => d !== -1 && d !== dims[i]))
    throw new HttpError(400, `input "${name}": ${expected()}, got ${shapeText(dims)}`);
  if (!Array.isArray(input.data)) throw new HttpError(400, `input "${name}": "data" must be an array of the tensor's elements`);
  const values = flatten(input.data);
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count)
    throw new HttpError(400, `input "${name}": shape ${shapeText(dims)} needs ${count} elements, got ${values.length}`);
  return new (onnxruntime().Tensor)(ORT_TYPE[spec.datatype], convert(spec, values), dims);
}

/** A zero-filled input for warming a session: dynamic dims are 1. */
export function warmInput(spec: TensorSpec): Ort.Tensor {
  const dims = spec.shape.map((d) => (d === -1 ? 1 : d));
  const n = dims.reduce((a, b) => a * b, 1);
  const values: unknown[] = new Array(n).fill(spec.datatype === "BOOL" ? false : spec.datatype === "BYTES" ? "" : 0);
  return new (onnxruntime().Tensor)(ORT_TYPE[spec.datatype], convert(spec, values), dims);
}

/** Element i of an output as JSON text: exact 64-bit integers, non-finite floats as strings. */
function elementText(t: Ort.Tensor, i: number): string {
  const v = (t.data as ArrayLike<unknown>)[i];
  switch (typeof v) {
    case "number": {
      // float16 comes as its bits in a Uint16Array (newer Node builds may give a Float16Array of values).
      const x = t.type === "float16" && t.data instanceof Uint16Array ? halfToFloat(v) : v;
      return Number.isFinite(x) ? String(x) : `"${String(x)}"`;
    }
    case "bigint":
      return v.toString();
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return JSON.stringify(v);
    default:
      return "null";
  }
}

function boolText(t: Ort.Tensor, i: number): string {
  return (t.data as ArrayLike<unknown>)[i] ? "true" : "false";
}

function textOf(t: Ort.Tensor): (i: number) => string {
  return t.type === "bool" ? (i) => boolText(t, i) : (i) => elementText(t, i);
}

export function datatypeOf(t: Ort.Tensor): string {
  return DATATYPE_OF[t.type] ?? t.type.toUpperCase();
}

/** A v2 response tensor: `{"name","datatype","shape","data"}` with flat row-major data. */
export function outputText(name: string, t: Ort.Tensor): string {
  const el = textOf(t);
  const n = t.size;
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = el(i);
  return `{"name":${JSON.stringify(name)},"datatype":"${datatypeOf(t)}","shape":[${t.dims.join(",")}],"data":[${parts.join(",")}]}`;
}

/** Row `row` of a batched output (first dim) as nested JSON arrays: a v1 prediction. */
export function rowText(t: Ort.Tensor, row: number): string {
  const el = textOf(t);
  const inner = t.dims.slice(1);
  const per = inner.reduce((a, b) => a * b, 1);
  const nest = (depth: number, offset: number): string => {
    if (depth === inner.length) return el(offset);
    const d = inner[depth]!;
    const stride = inner.slice(depth + 1).reduce((a, b) => a * b, 1);
    const parts = new Array<string>(d);
    for (let k = 0; k < d; k++) parts[k] = nest(depth + 1, offset + k * stride);
    return `[${parts.join(",")}]`;
  };
  return nest(0, row * per);
}
