import type { OnnxGateConfig, Tolerance } from "../../core/config.js";
import type { Check } from "../../core/report.js";
import { DataType } from "../../core/onnx/proto.js";
import { dtypeName, elementCount, halfToFloat, isFloatType, type HostTensor } from "./tensor.js";

export const DEFAULT_RTOL = 1e-3;
export const DEFAULT_ATOL = 1e-5;

export interface Tol {
  rtol: number;
  atol: number;
}

/** Tolerance for one output: per-output override, then the gate's, then the defaults. */
export function toleranceFor(cfg: OnnxGateConfig, output: string): Tol {
  const per: Tolerance | undefined = cfg.tolerance?.outputs?.[output];
  return {
    rtol: per?.rtol ?? cfg.tolerance?.rtol ?? DEFAULT_RTOL,
    atol: per?.atol ?? cfg.tolerance?.atol ?? DEFAULT_ATOL,
  };
}

export interface Comparison {
  /** A reason the tensors cannot be compared element by element (shape or type differ). */
  incompatible?: string;
  elements: number;
  mismatches: number;
  maxAbs: number;
  maxRel: number;
  /** Flat index and [i, j, …] index of the worst element (largest excess over tolerance). */
  worst?: { flat: number; index: number[]; actual: string; expected: string };
  exact: boolean;
}

export function unravel(flat: number, dims: readonly number[]): number[] {
  const idx: number[] = new Array<number>(dims.length).fill(0);
  let r = flat;
  for (let k = dims.length - 1; k >= 0; k--) {
    const d = dims[k]!;
    idx[k] = d > 0 ? r % d : 0;
    r = d > 0 ? Math.floor(r / d) : 0;
  }
  return idx;
}

function asNumbers(t: HostTensor): ArrayLike<number> {
  const d = t.data;
  if (t.elemType === DataType.FLOAT16) return Array.from(d as Uint16Array, halfToFloat);
  return d as ArrayLike<number>;
}

const show = (v: unknown): string =>
  typeof v === "number" ? String(v) : typeof v === "bigint" ? v.toString() : JSON.stringify(v);

/**
 * Compares actual against expected. Floating types: |a-e| <= atol + rtol*|e|, NaN equals NaN,
 * infinities equal only themselves. Integers, booleans and strings: exact (tolerance ignored).
 */
export function compareTensors(actual: HostTensor, expected: HostTensor, tol: Tol): Comparison {
  const n = elementCount(expected.dims);
  const base: Comparison = { elements: n, mismatches: 0, maxAbs: 0, maxRel: 0, exact: !isFloatType(expected.elemType) };
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
      const x = a[i]!;
      const y = e[i]!;
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (x === y) continue;
      const diff = Math.abs(x - y);
      // Unequal infinities or a NaN on one side: never within tolerance (Inf > Inf is false).
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
      if (typeof x !== "string" && typeof y !== "string" && x !== undefined && y !== undefined) {
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
    const valueAt = (t: HostTensor): string =>
      show(t.elemType === DataType.FLOAT16 ? halfToFloat((t.data as Uint16Array)[worstAt]!) : t.data[worstAt]);
    base.worst = { flat: worstAt, index: unravel(worstAt, expected.dims), actual: valueAt(actual), expected: valueAt(expected) };
  }
  return base;
}

/** `output[0, 3] = 0.52 (expected 0.61)` */
export function describeWorst(output: string, c: Comparison): string {
  if (!c.worst) return "";
  return `${output}[${c.worst.index.join(", ")}] = ${c.worst.actual} (expected ${c.worst.expected})`;
}

/** Numbers behind a comparison, for check details. */
export function comparisonDetails(c: Comparison, tol: Tol): Record<string, number | string | null> {
  return {
    elements: c.elements,
    mismatches: c.mismatches,
    max_abs_error: Number.isFinite(c.maxAbs) ? c.maxAbs : null,
    max_rel_error: Number.isFinite(c.maxRel) ? c.maxRel : null,
    worst_index: c.worst ? `[${c.worst.index.join(", ")}]` : null,
    rtol: c.exact ? 0 : tol.rtol,
    atol: c.exact ? 0 : tol.atol,
  };
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));

/** One check from one comparison: fails on a shape/type difference or any element out of tolerance. */
export function comparisonCheck(id: string, title: string, output: string, c: Comparison, tol: Tol, what: string): Check {
  const details = { output, ...comparisonDetails(c, tol) };
  if (c.incompatible) {
    return { id, title, status: "fail", observed: c.incompatible, message: `${output}: ${c.incompatible} (${what}).`, details };
  }
  const rule = c.exact || (tol.atol === 0 && tol.rtol === 0) ? "exact match" : `|a-b| <= ${tol.atol} + ${tol.rtol}*|b|`;
  const check: Check = {
    id,
    title,
    status: c.mismatches ? "fail" : "pass",
    observed: c.mismatches ? `${c.mismatches} of ${c.elements} elements differ` : `max abs error ${fmt(c.maxAbs)}`,
    expected: rule,
    message: c.mismatches
      ? `${c.mismatches} of ${c.elements} elements of ${output} differ (${what}); worst ${describeWorst(output, c)}; max abs error ${fmt(c.maxAbs)}, max rel error ${fmt(c.maxRel)}.`
      : `All ${c.elements} elements of ${output} match (${what}); max abs error ${fmt(c.maxAbs)}, max rel error ${fmt(c.maxRel)}.`,
    details,
  };
  if (c.mismatches) {
    check.failedRows = c.mismatches;
    if (c.worst) check.examples = [{ where: `${output}[${c.worst.index.join(", ")}]`, value: c.worst.actual }];
  }
  return check;
}

/** The check for an output whose runs disagree with each other: comparing runs says nothing. */
export function unstableCheck(id: string, title: string, output: string): Check {
  return {
    id,
    title,
    status: "skip",
    message: `Not judged: ${output} differs between two runs on the same inputs (see determinism.*).`,
    details: { output },
  };
}
