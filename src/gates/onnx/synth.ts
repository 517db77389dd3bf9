import { ConfigurationError } from "../../core/errors.js";
import { limitMessage, LIMITS } from "../../core/limits.js";
import { DataType } from "../../core/onnx/proto.js";
import { seededRandom } from "../../core/onnx/build.js";
import type { DeclaredDim, ValueInfo } from "./inspect.js";
import { ruleValues, type Rule } from "./input-roles.js";
import { elementCount, floatToHalf, isSupportedType, type HostTensor, type TensorValues } from "./tensor.js";

export const SYNTH_SEED = 20240611;
/** A leading symbolic dimension is a batch: try 1 and this, unless the config says otherwise. */
export const DEFAULT_BATCH = 4;

/** Name used for an unnamed dimension, so it can be configured and reported like a named one. */
export function dimKey(input: string, axis: number, d: DeclaredDim): string {
  return typeof d === "string" ? d : `${input}:${axis}`;
}

export interface DimPlan {
  /** Values to try per symbolic dimension, in sweep order. */
  values: Map<string, number[]>;
  /** The symbolic dimension every input leads with, when there is one: the batch. */
  batch?: string;
}

/** Values to try for each symbolic dimension: the config's, else 1 (and DEFAULT_BATCH for a batch). */
export function planDims(inputs: readonly ValueInfo[], configured: Record<string, number[]> = {}): DimPlan {
  const values = new Map<string, number[]>();
  const leading = inputs.map((v) =>
    v.dims.length > 0 && typeof v.dims[0] !== "number" ? dimKey(v.name, 0, v.dims[0]!) : undefined,
  );
  const batch = leading.length > 0 && leading.every((l) => l !== undefined && l === leading[0]) ? leading[0] : undefined;
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

/** The dims of an input once each symbolic dimension has a value. */
export function concreteDims(v: ValueInfo, choice: ReadonlyMap<string, number>): number[] {
  return v.dims.map((d, axis) => (typeof d === "number" ? d : (choice.get(dimKey(v.name, axis, d)) ?? 1)));
}

function hashName(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Seeded values for one input: floats uniform in [-1, 1), integers in [0, 4) (small enough to be
 * valid indices for most gathers), booleans, short strings. Same name and seed: same values.
 */
export function synthTensor(v: ValueInfo, dims: number[], seed = SYNTH_SEED): HostTensor {
  const n = elementCount(dims);
  if (n > LIMITS.synthElements)
    throw new ConfigurationError(limitMessage.synthTooLarge(`input "${v.name}" at ${dims.join("×")}`, n.toLocaleString("en-US")));
  const rand = seededRandom((seed ^ hashName(v.name)) >>> 0);
  const ints = (): number[] => Array.from({ length: n }, () => Math.floor(rand() * 4));
  let data: TensorValues;
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
      data = Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0));
      break;
    case DataType.STRING:
      data = Array.from({ length: n }, () => `s${Math.floor(rand() * 4)}`);
      break;
    default:
      throw new Error(`synthTensor: ${v.dtype} is not supported`);
  }
  return { elemType: v.elemType, dims, data };
}

/** Why inputs cannot be synthesised for this model, or undefined when they can. */
export function unsupportedInputs(inputs: readonly ValueInfo[]): string | undefined {
  const bad = inputs.filter((v) => !isSupportedType(v.elemType) || !v.hasShape);
  if (!bad.length) return undefined;
  return bad.map((v) => `${v.name} (${v.hasShape ? v.dtype : "no declared shape"})`).join(", ");
}

export type Feed = Record<string, HostTensor>;

/** Where a feed's values came from: the user's reference data, or made up by the gate. */
export type Origin = "reference" | "synthesised";

/** The value each symbolic dimension takes in a feed (the reference data's sizes). */
export function choiceOf(inputs: readonly ValueInfo[], feed: Feed): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of inputs) {
    const t = feed[v.name];
    if (!t) continue;
    v.dims.forEach((d, axis) => {
      if (typeof d !== "number" && t.dims[axis] !== undefined) out.set(dimKey(v.name, axis, d), t.dims[axis]);
    });
  }
  return out;
}

/** An input's made-up values replaced by ones its operator accepts (see input-roles.ts). */
function followRule(v: ValueInfo, t: HostTensor, rule: Rule, feed: Feed, seed: number): HostTensor {
  if (v.elemType === DataType.BOOL) return t;
  const rand = seededRandom((seed ^ hashName(`${v.name}:rule`)) >>> 0);
  const values = ruleValues(rule, t.dims, (ref) => (ref.input ? feed[ref.input]?.dims : ref.dims), rand);
  const nums = values.map(Number);
  let data: TensorValues;
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
      const Ctor = t.data.constructor as new (xs: number[]) => Exclude<TensorValues, string[] | BigInt64Array | BigUint64Array>;
      data = new Ctor(nums);
    }
  }
  return { ...t, data };
}

export function synthFeed(inputs: readonly ValueInfo[], choice: ReadonlyMap<string, number>, seed = SYNTH_SEED): Feed {
  const feed: Feed = {};
  for (const v of inputs) feed[v.name] = synthTensor(v, concreteDims(v, choice), seed);
  for (const v of inputs) if (v.role && "rule" in v.role) feed[v.name] = followRule(v, feed[v.name]!, v.role.rule, feed, seed);
  return feed;
}

/** Graph inputs whose made-up values the gate cannot make valid, with why: a run they break says nothing. */
export function unresolvedInputs(inputs: readonly ValueInfo[]): string[] {
  return inputs.flatMap((v) => (v.role && "unresolved" in v.role ? [`${v.name}: ${v.role.unresolved}`] : []));
}

/** Rows [start, start+count) of a tensor along axis 0. */
export function sliceRows(t: HostTensor, start: number, count: number): HostTensor {
  const rows = t.dims[0] ?? 0;
  const per = rows > 0 ? elementCount(t.dims) / rows : 0;
  const dims = [count, ...t.dims.slice(1)];
  const data = Array.isArray(t.data)
    ? t.data.slice(start * per, (start + count) * per)
    : t.data.slice(start * per, (start + count) * per);
  return { elemType: t.elemType, dims, data };
}
