import * as ort from "onnxruntime-node";
import { DataType, onnx, type TensorProto } from "../../core/onnx/proto.js";

/** Tensor values as the gate holds them: ONNX element type, dims, and a typed array (strings as string[]). */
export type TensorValues =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

export interface HostTensor {
  /** ONNX TensorProto.DataType number; FLOAT16 keeps its bits in a Uint16Array, BOOL uses a Uint8Array. */
  elemType: number;
  dims: number[];
  data: TensorValues;
  name?: string;
}

/** ONNX element type -> onnxruntime-node tensor type name; types the gate cannot feed are absent. */
const ORT_TYPE: Record<number, ort.Tensor.Type> = {
  [DataType.FLOAT]: "float32",
  [DataType.UINT8]: "uint8",
  [DataType.INT8]: "int8",
  [DataType.UINT16]: "uint16",
  [DataType.INT16]: "int16",
  [DataType.INT32]: "int32",
  [DataType.INT64]: "int64",
  [DataType.STRING]: "string",
  [DataType.BOOL]: "bool",
  [DataType.FLOAT16]: "float16",
  [DataType.DOUBLE]: "float64",
  [DataType.UINT32]: "uint32",
  [DataType.UINT64]: "uint64",
};

const NAME_OF: Record<number, string> = {
  ...ORT_TYPE,
  14: "complex64",
  15: "complex128",
  [DataType.BFLOAT16]: "bfloat16",
  17: "float8e4m3fn",
  18: "float8e4m3fnuz",
  19: "float8e5m2",
  20: "float8e5m2fnuz",
  21: "uint4",
  22: "int4",
  23: "float4e2m1",
};

/** The short dtype name a reviewer knows (float32, int64 …) for an ONNX element type. */
export function dtypeName(elemType: number): string {
  return NAME_OF[elemType] ?? `type${elemType}`;
}

export function isFloatType(elemType: number): boolean {
  return elemType === DataType.FLOAT || elemType === DataType.DOUBLE || elemType === DataType.FLOAT16;
}

/** Whether the gate can build inputs of this type and read outputs of it. */
export function isSupportedType(elemType: number): boolean {
  return elemType in ORT_TYPE;
}

const BYTES: Record<number, number> = {
  1: 4,
  2: 1,
  3: 1,
  4: 2,
  5: 2,
  6: 4,
  7: 8,
  9: 1,
  10: 2,
  11: 8,
  12: 4,
  13: 8,
  14: 8,
  15: 16,
  16: 2,
};

/** Bytes per element for fixed-width types (0 when unknown, such as strings). */
export function elementBytes(elemType: number): number {
  return BYTES[elemType] ?? (elemType >= 17 && elemType <= 20 ? 1 : 0);
}

/** protobufjs hands 64-bit integers out as Long objects when the long package is present. */
export interface LongLike {
  toNumber(): number;
  toString(): string;
}

/** Takes `unknown` because onnx-proto's typings name a Long type they do not ship. */
export function toNumber(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return typeof v === "number" ? v : (v as LongLike).toNumber();
}

export function toBigInt(v: unknown): bigint {
  return typeof v === "number" ? BigInt(v) : BigInt((v as LongLike).toString());
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function fromRaw(elemType: number, raw: Uint8Array, n: number): TensorValues {
  // Copy: protobufjs hands out a view into the file (a Node Buffer, possibly pooled and unaligned).
  const buf = new Uint8Array(raw).buffer;
  const need = n * elementBytes(elemType);
  if (raw.byteLength !== need) throw new RangeError(`raw_data has ${raw.byteLength} bytes, expected ${need}`);
  switch (elemType) {
    case DataType.FLOAT:
      return new Float32Array(buf);
    case DataType.DOUBLE:
      return new Float64Array(buf);
    case DataType.INT32:
      return new Int32Array(buf);
    case DataType.INT64:
      return new BigInt64Array(buf);
    case DataType.UINT64:
      return new BigUint64Array(buf);
    case DataType.UINT32:
      return new Uint32Array(buf);
    case DataType.INT16:
      return new Int16Array(buf);
    case DataType.UINT16:
    case DataType.FLOAT16:
      return new Uint16Array(buf);
    case DataType.INT8:
      return new Int8Array(buf);
    case DataType.UINT8:
    case DataType.BOOL:
      return new Uint8Array(buf);
    default:
      throw new RangeError(`data type ${dtypeName(elemType)} is not supported`);
  }
}

/** Values from the typed repeated fields, per the storage rules in onnx.proto. */
function fromFields(t: TensorProto, n: number): TensorValues {
  const e = t.dataType;
  const check = (len: number, field: string): void => {
    if (len !== n) throw new RangeError(`${field} has ${len} values, expected ${n}`);
  };
  switch (e) {
    case DataType.FLOAT:
      check(t.floatData.length, "float_data");
      return Float32Array.from(t.floatData);
    case DataType.DOUBLE:
      check(t.doubleData.length, "double_data");
      return Float64Array.from(t.doubleData);
    case DataType.INT64:
      check(t.int64Data.length, "int64_data");
      return BigInt64Array.from(t.int64Data.map((v) => toBigInt(v)));
    case DataType.UINT64:
    case DataType.UINT32: {
      check(t.uint64Data.length, "uint64_data");
      if (e === DataType.UINT32) return Uint32Array.from(t.uint64Data.map((v) => toNumber(v)));
      return BigUint64Array.from(t.uint64Data.map((v) => BigInt.asUintN(64, toBigInt(v))));
    }
    case DataType.STRING:
      check(t.stringData.length, "string_data");
      return t.stringData.map((b) => new TextDecoder().decode(b));
    case DataType.INT32:
    case DataType.INT16:
    case DataType.INT8:
    case DataType.UINT16:
    case DataType.UINT8:
    case DataType.BOOL:
    case DataType.FLOAT16: {
      check(t.int32Data.length, "int32_data");
      const v = t.int32Data;
      if (e === DataType.INT32) return Int32Array.from(v);
      if (e === DataType.INT16) return Int16Array.from(v);
      if (e === DataType.INT8) return Int8Array.from(v);
      if (e === DataType.UINT8 || e === DataType.BOOL) return Uint8Array.from(v);
      return Uint16Array.from(v);
    }
    default:
      throw new RangeError(`data type ${dtypeName(e)} is not supported`);
  }
}

/** Decodes a TensorProto (raw_data or typed fields). Throws RangeError with a short reason on bad content. */
export function tensorFromProto(t: TensorProto): HostTensor {
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) throw new RangeError("external data is not supported here");
  const dims = t.dims.map((d) => toNumber(d));
  if (dims.some((d) => d < 0 || !Number.isSafeInteger(d))) throw new RangeError(`invalid dims [${dims.join(", ")}]`);
  const n = elementCount(dims);
  const hasRaw = t.rawData.byteLength > 0 && t.dataType !== DataType.STRING;
  const data = hasRaw ? fromRaw(t.dataType, t.rawData, n) : fromFields(t, n);
  const out: HostTensor = { elemType: t.dataType, dims, data };
  if (t.name) out.name = t.name;
  return out;
}

/** Parses the bytes of a `.pb` file holding one TensorProto. */
export function decodeTensorFile(bytes: Uint8Array): HostTensor {
  if (bytes.byteLength === 0) throw new RangeError("the file is empty");
  const proto = onnx.TensorProto.decode(bytes);
  if (!proto.dataType) throw new RangeError("it has no data_type, so it is not a TensorProto");
  return tensorFromProto(proto);
}

/** Serialises a tensor as a TensorProto (raw_data for numbers, string_data for strings). */
export function encodeTensor(t: HostTensor): Uint8Array {
  const base = { name: t.name ?? "", dataType: t.elemType, dims: t.dims };
  const msg = Array.isArray(t.data)
    ? { ...base, stringData: t.data.map((s) => new TextEncoder().encode(s)) }
    : { ...base, rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) };
  return onnx.TensorProto.encode(onnx.TensorProto.create(msg)).finish();
}

export function toOrtTensor(t: HostTensor): ort.Tensor {
  const type = ORT_TYPE[t.elemType];
  if (!type) throw new Error(`toOrtTensor: ${dtypeName(t.elemType)} is not supported`);
  // onnxruntime-node's constructor overloads are keyed by type; the pairing above is the contract.
  return new ort.Tensor(type, t.data, t.dims);
}

const ELEM_OF: Record<string, number> = Object.fromEntries(Object.entries(ORT_TYPE).map(([k, v]) => [v, Number(k)]));

export function fromOrtTensor(t: ort.Tensor): HostTensor {
  const elemType = ELEM_OF[t.type];
  if (elemType === undefined) throw new Error(`onnxruntime returned a ${t.type} tensor, which the gate cannot read`);
  let data = t.data;
  if (elemType === DataType.BOOL && !(data instanceof Uint8Array)) data = Uint8Array.from(data as unknown as ArrayLike<number>);
  if (elemType === DataType.FLOAT16 && !(data instanceof Uint16Array)) {
    // Newer Node builds may hand back a Float16Array: keep the bits, as everywhere else.
    data = new Uint16Array((data as unknown as { buffer: ArrayBuffer }).buffer);
  }
  return { elemType, dims: [...t.dims], data };
}

/** IEEE 754 half precision bits -> number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** number -> IEEE 754 half precision bits (round to nearest even, via float32). */
export function floatToHalf(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant = (mant | 0x800000) >> (1 - e);
    return sign | ((mant + 0x1000) >> 13);
  }
  const half = sign | (e << 10) | (mant >> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) e = half + 1;
  else e = half;
  return e;
}

/** Element i as a number (floats, ints, bools); NaN for strings. */
export function numberAt(t: HostTensor, i: number): number {
  const d = t.data;
  if (Array.isArray(d)) return NaN;
  const v = d[i]!;
  if (typeof v === "bigint") return Number(v);
  return t.elemType === DataType.FLOAT16 ? halfToFloat(v) : v;
}
