import type onnxProto from "onnx-proto";
import { DataType } from "../../core/onnx/proto.js";
import { isFloatType, toNumber } from "./tensor.js";

type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

/**
 * Where a tensor's values come from when they size or index something: a graph input (its dims
 * are known once the gate has made it up) or an initializer (dims fixed in the file).
 */
export interface DataRef {
  input?: string;
  dims?: number[];
}

/**
 * How a made-up input must look for the operator it reaches to accept it. Random integers in
 * [0, 4) read as a Reshape's shape, a Gather's indices or a Slice's axes make the model fail at run
 * time, which says nothing about the model.
 */
export type Rule =
  | { kind: "fill"; value: number }
  /** 0, 1, 2, …: distinct axes. */
  | { kind: "iota" }
  /** -1 then 1s: any element count reshapes to [N, 1, …]. */
  | { kind: "reshape" }
  /** Uniform in [0, dim) of the data's axis (0 when the dim is not known). */
  | { kind: "index"; data: DataRef; axis: number }
  /** GatherND/ScatterND: the last axis's j-th entry indexes the data's axis batchDims + j. */
  | { kind: "index_nd"; data: DataRef; batchDims: number }
  /** The data's own dims (a Resize to the same size), 1 where unknown. */
  | { kind: "dims"; data: DataRef }
  /** A region of interest covering everything: starts 0, ends 1. */
  | { kind: "roi" }
  /** Parts that sum to the data's dim on axis. */
  | { kind: "split"; data: DataRef; axis: number }
  /** Axes of size 1 in the data. */
  | { kind: "squeeze"; data: DataRef }
  /** Every element the data's dim on axis (sequence lengths, frame length). */
  | { kind: "length"; data: DataRef; axis: number }
  /** Integers in [1, 4]: a divisor. */
  | { kind: "nonzero" }
  /** Floats uniform in [lo, hi): inside an operator's domain (the square root of a positive number). */
  | { kind: "range"; lo: number; hi: number }
  /** Strings that parse as numbers, for a Cast from string. */
  | { kind: "numeric_strings" };

/** What the gate knows about one graph input that reaches a position reading values as sizes or indices. */
export type InputRole =
  | { rule: Rule; position: string }
  /** A position the gate cannot choose valid values for: checks that only such inputs break are skipped. */
  | { unresolved: string; position: string };

/** A rule whose every element is valid on its own holds through a Concat; the others depend on where the part lands. */
const ELEMENTWISE: ReadonlySet<Rule["kind"]> = new Set(["fill", "index", "nonzero", "length", "numeric_strings", "range"]);

const intAttr = (n: Node, name: string, dflt: number): number => {
  const a = n.attribute?.find((x) => x.name === name);
  return a?.i !== undefined && a.i !== null ? toNumber(a.i) : dflt;
};

/** The rule for input slot k of node n, or undefined when that slot takes any values. */
function ruleAt(n: Node, k: number, opset: number, data: (name: string | undefined) => DataRef): Rule | "unknown" | undefined {
  if (n.domain && n.domain !== "ai.onnx") return undefined;
  const x = data(n.input?.[0]);
  const fill = (value: number): Rule => ({ kind: "fill", value });
  switch (n.opType) {
    case "Reshape":
      return k === 1 ? { kind: "reshape" } : undefined;
    case "Expand":
    case "Tile":
      return k === 1 ? fill(1) : undefined;
    case "Slice":
      return [undefined, fill(0), fill(2147483647), { kind: "iota" } as Rule, fill(1)][k];
    case "Gather":
    case "GatherElements":
    case "ScatterElements":
    case "Scatter":
      return k === 1 ? { kind: "index", data: x, axis: intAttr(n, "axis", 0) } : undefined;
    case "GatherND":
    case "ScatterND":
      return k === 1 ? { kind: "index_nd", data: x, batchDims: intAttr(n, "batch_dims", 0) } : undefined;
    case "RoiAlign":
      return k === 2 ? { kind: "index", data: x, axis: 0 } : undefined;
    case "Resize":
      if (opset < 11) return k === 1 ? fill(1) : undefined;
      return [undefined, { kind: "roi" } as Rule, fill(1), { kind: "dims", data: x } as Rule][k];
    case "Upsample":
      return k === 1 ? fill(1) : undefined;
    case "TopK":
      return k === 1 ? fill(1) : undefined;
    case "OneHot":
      // Made-up indices lie in [0, 4): a depth of 4 keeps every one of them in range.
      return k === 1 ? fill(4) : undefined;
    case "Range":
      return [fill(0), fill(4), fill(1)][k];
    case "ConstantOfShape":
      return k === 0 ? fill(1) : undefined;
    case "Pad":
      return k === 1 ? fill(0) : k === 3 ? { kind: "iota" } : undefined;
    case "Squeeze":
      return k === 1 ? { kind: "squeeze", data: x } : undefined;
    case "Unsqueeze":
      return k === 1 ? { kind: "iota" } : undefined;
    case "CumSum":
      return k === 1 ? fill(0) : undefined;
    case "Split":
    case "SplitToSequence":
      return k === 1 ? { kind: "split", data: x, axis: intAttr(n, "axis", 0) } : undefined;
    case "Div":
    case "Mod":
      return k === 1 ? { kind: "nonzero" } : undefined;
    case "Dropout":
      // A ratio in [0, 1); training_mode may be anything.
      return k === 1 ? fill(0.5) : undefined;
    case "NonMaxSuppression":
      return [undefined, undefined, fill(1), fill(0.5), fill(0)][k];
    case "LSTM":
    case "GRU":
    case "RNN":
      return k === 4 ? { kind: "length", data: x, axis: intAttr(n, "layout", 0) === 1 ? 1 : 0 } : undefined;
    case "ReverseSequence":
      return k === 1 ? { kind: "length", data: x, axis: intAttr(n, "time_axis", 0) } : undefined;
    case "STFT": {
      if (k === 1) return fill(1);
      if (k !== 3) return undefined;
      // The frame length equals the window's length when there is a window, else one frame of the whole signal.
      const w = n.input?.[2] ? data(n.input[2]) : undefined;
      return w && (w.input || w.dims) ? { kind: "length", data: w, axis: 0 } : { kind: "length", data: x, axis: 1 };
    }
    case "MelWeightMatrix":
      return [fill(8), fill(16), fill(8000), fill(0), fill(4000)][k];
    case "ReduceLogSum":
      return k === 0 ? { kind: "range", lo: 0.1, hi: 2 } : k === 1 ? { kind: "iota" } : undefined;
    case "Sqrt":
    case "Log":
    case "Pow":
      return k === 0 ? { kind: "range", lo: 0.1, hi: 2 } : undefined;
    case "Acosh":
      return k === 0 ? { kind: "range", lo: 1, hi: 3 } : undefined;
    case "BatchNormalization":
      // The running variance: a negative one is a square root of a negative number.
      return k === 4 ? { kind: "range", lo: 0.1, hi: 2 } : undefined;
    case "Trilu":
      return k === 1 ? fill(0) : undefined;
    case "Cast":
    case "CastLike":
      return k === 0 ? { kind: "numeric_strings" } : undefined;
    case "MaxUnpool":
      return k === 2 ? "unknown" : undefined;
    case "CenterCropPad":
    case "DFT":
      return k === 1 ? "unknown" : undefined;
    case "Col2Im":
      return k >= 1 ? "unknown" : undefined;
    default:
      if (/^Reduce[A-Z]/.test(n.opType ?? "")) return k === 1 ? { kind: "iota" } : undefined;
      return undefined;
  }
}

/** Slot names for the report: "Reshape's input 1". */
function positionName(n: Node, k: number): string {
  return `${n.opType ?? "?"}${n.name ? ` "${n.name}"` : ""} input ${k}`;
}

/** Operators that pass a value on unchanged, element by element (Concat: as a part of a bigger one). */
const PASS = new Set(["Identity", "Cast", "CastLike", "Squeeze", "Unsqueeze", "Reshape", "Flatten", "Concat"]);

/**
 * For every graph input, the rule its made-up values must follow, traced forward through
 * Identity, Cast, Reshape-like operators and Concat to the first operator that reads it as a shape,
 * axis, index, repeat or scale. Inputs that reach no such position are absent.
 */
export function inputRoles(
  g: Graph,
  opset: number,
  inputs: readonly { name: string; elemType: number }[],
): Map<string, InputRole> {
  const nodes = g.node ?? [];
  const producer = new Map<string, Node>();
  for (const n of nodes) for (const o of n.output ?? []) if (o) producer.set(o, n);
  const inputNames = new Set(inputs.map((v) => v.name));
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? "", (t.dims ?? []).map((d) => toNumber(d))]));
  const data = (name: string | undefined): DataRef => {
    for (let hops = 0; name && hops < 16; hops++) {
      if (inputNames.has(name)) return { input: name };
      const dims = inits.get(name);
      if (dims) return { dims };
      const p = producer.get(name);
      if (!p || (p.opType !== "Identity" && p.opType !== "Cast")) return {};
      name = p.input?.[0];
    }
    return {};
  };
  const roles = new Map<string, InputRole>();
  for (const v of inputs) {
    const found: InputRole[] = [];
    const seen = new Set<string>();
    const walk = (name: string, partial: boolean): void => {
      if (seen.has(name) || seen.size > 256) return;
      seen.add(name);
      for (const n of nodes) {
        (n.input ?? []).forEach((inp, k) => {
          if (inp !== name) return;
          const cast = n.opType === "Cast" || n.opType === "CastLike";
          if (cast && k === 1) return;
          // Only a string read as a number cares what it holds; a Cast of numbers passes them on.
          let rule = cast && v.elemType !== DataType.STRING ? undefined : ruleAt(n, k, opset, data);
          // A float domain says nothing about an integer input (Pow of integers).
          if (rule && rule !== "unknown" && rule.kind === "range" && !isFloatType(v.elemType)) rule = undefined;
          const position = positionName(n, k);
          if (rule === "unknown")
            found.push({ unresolved: `it reaches ${position}, whose valid values depend on the data`, position });
          else if (rule && partial && !ELEMENTWISE.has(rule.kind))
            found.push({ unresolved: `it is part of a Concat that reaches ${position}`, position });
          else if (rule) found.push({ rule, position });
          else if (PASS.has(n.opType ?? "") && (k === 0 || n.opType === "Concat"))
            for (const o of n.output ?? []) if (o) walk(o, partial || n.opType === "Concat");
        });
      }
    };
    walk(v.name, false);
    const first = found[0];
    if (!first) continue;
    const clash = found.find(
      (f) => JSON.stringify("rule" in f ? f.rule : f) !== JSON.stringify("rule" in first ? first.rule : first),
    );
    roles.set(
      v.name,
      clash && "rule" in first && "rule" in clash
        ? {
            unresolved: `it reaches both ${first.position} and ${clash.position}, which want different values`,
            position: first.position,
          }
        : (found.find((f) => "unresolved" in f) ?? first),
    );
  }
  return roles;
}

/** The values a rule gives a tensor of these dims, with the data's dims looked up in the feed. */
export function ruleValues(
  rule: Rule,
  dims: readonly number[],
  dataDims: (ref: DataRef) => number[] | undefined,
  rand: () => number,
): number[] | string[] {
  const n = dims.reduce((a, b) => a * b, 1);
  const at = (ref: DataRef, axis: number): number | undefined => {
    const d = dataDims(ref);
    if (!d) return undefined;
    return d[axis < 0 ? axis + d.length : axis];
  };
  const each = (f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
  switch (rule.kind) {
    case "fill":
      return each(() => rule.value);
    case "iota":
      return each((i) => i);
    case "reshape":
      return each((i) => (i === 0 ? -1 : 1));
    case "index": {
      const dim = at(rule.data, rule.axis);
      return each(() => (dim && dim > 0 ? Math.floor(rand() * dim) : 0));
    }
    case "index_nd": {
      const last = dims[dims.length - 1] ?? 1;
      return each((i) => {
        const dim = at(rule.data, rule.batchDims + (i % Math.max(last, 1)));
        return dim && dim > 0 ? Math.floor(rand() * dim) : 0;
      });
    }
    case "dims": {
      const d = dataDims(rule.data);
      return each((i) => (d && d.length === n && d[i]! > 0 ? d[i]! : 1));
    }
    case "roi":
      return each((i) => (i < n / 2 ? 0 : 1));
    case "split": {
      const dim = at(rule.data, rule.axis);
      if (dims.length === 0) return [1];
      if (dim === undefined) return each(() => 1);
      // Equal parts, the remainder on the last one.
      const part = Math.floor(dim / Math.max(n, 1));
      return each((i) => (i === n - 1 ? dim - part * (n - 1) : part));
    }
    case "squeeze": {
      const d = dataDims(rule.data);
      const ones = d ? d.flatMap((x, i) => (x === 1 ? [i] : [])) : [];
      return each((i) => ones[i] ?? 0);
    }
    case "length":
      return each(() => Math.max(at(rule.data, rule.axis) ?? 1, 1));
    case "nonzero":
      return each(() => 1 + Math.floor(rand() * 4));
    case "range":
      return each(() => rule.lo + rand() * (rule.hi - rule.lo));
    case "numeric_strings":
      return Array.from({ length: n }, () => (Math.round((rand() * 2 - 1) * 1000) / 1000).toString());
  }
}
