import type onnxProto from "onnx-proto";
import { DataType, type DataTypeName, encodeModel, onnx } from "./proto.js";

type IAttr = onnxProto.onnx.IAttributeProto;

/** A dimension: a fixed size, a symbolic name such as "batch", or null for unknown. */
export type Dim = number | string | null;

export interface ValueSpec {
  name: string;
  type: DataTypeName;
  shape: Dim[];
}

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<
    string,
    number | number[] | string | Float32Array | { ints: number[] } | { floats: number[] } | { tensor: InitSpec }
  >;
}

export interface InitSpec {
  name: string;
  type: DataTypeName;
  dims: number[];
  values: ArrayLike<number> | bigint[] | string[] | boolean[];
}

export interface ModelSpec {
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers?: InitSpec[];
  /** Opset per domain; "" is the default ONNX domain. Default: { "": 17 }. */
  opsets?: Record<string, number>;
  irVersion?: number;
  producer?: string;
  metadata?: Record<string, string>;
  graphName?: string;
}

function valueInfo(v: ValueSpec): onnxProto.onnx.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: DataType[v.type],
        shape: {
          dim: v.shape.map((d) => (typeof d === "number" ? { dimValue: d } : typeof d === "string" ? { dimParam: d } : {})),
        },
      },
    },
  };
}

/** A TensorProto with its values in the typed field ONNX readers expect for its data type. */
export function tensor(t: InitSpec): onnxProto.onnx.ITensorProto {
  const base: onnxProto.onnx.ITensorProto = { name: t.name, dataType: DataType[t.type], dims: t.dims };
  const vals = Array.from(t.values as ArrayLike<unknown>);
  switch (t.type) {
    case "FLOAT":
      return { ...base, rawData: new Uint8Array(Float32Array.from(vals as number[]).buffer) };
    case "DOUBLE":
      return { ...base, rawData: new Uint8Array(Float64Array.from(vals as number[]).buffer) };
    case "INT64":
      return { ...base, rawData: new Uint8Array(BigInt64Array.from(vals.map((v) => BigInt(v as number | bigint))).buffer) };
    case "INT32":
      return { ...base, rawData: new Uint8Array(Int32Array.from(vals as number[]).buffer) };
    case "BOOL":
    case "UINT8":
      return { ...base, rawData: Uint8Array.from(vals.map((v) => Number(v))) };
    case "INT8":
      return { ...base, rawData: new Uint8Array(Int8Array.from(vals as number[]).buffer) };
    case "STRING":
      return { ...base, stringData: vals.map((v) => new TextEncoder().encode(String(v))) };
    default:
      throw new Error(`tensor(): data type ${t.type} is not supported by the builder`);
  }
}

function attribute(name: string, v: NonNullable<NodeSpec["attrs"]>[string]): IAttr {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === "number") return Number.isInteger(v) ? { name, type: T.INT, i: v } : { name, type: T.FLOAT, f: v };
  if (typeof v === "string") return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (v instanceof Float32Array) return { name, type: T.FLOATS, floats: Array.from(v) };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
  if ("ints" in v) return { name, type: T.INTS, ints: v.ints };
  if ("floats" in v) return { name, type: T.FLOATS, floats: v.floats };
  return { name, type: T.TENSOR, t: tensor(v.tensor) };
}

/** Serialises a small ONNX model; used by tests, benchmarks and the bundled example project. */
export function buildModel(spec: ModelSpec): Uint8Array {
  const opsets = spec.opsets ?? { "": 17 };
  return encodeModel({
    irVersion: spec.irVersion ?? 8,
    producerName: spec.producer ?? "mlgate-builder",
    producerVersion: "1",
    opsetImport: Object.entries(opsets).map(([domain, version]) => ({ domain, version })),
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.graphName ?? "graph",
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: (spec.initializers ?? []).map(tensor),
      node: spec.nodes.map((n, i) => ({
        opType: n.op,
        input: n.inputs,
        output: n.outputs,
        name: n.name ?? `${n.op}_${i}`,
        domain: n.domain ?? "",
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      })),
    },
  });
}

/** A deterministic pseudo-random generator (mulberry32) for weights and synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MlpSpec {
  inputs: number;
  hidden: number[];
  outputs: number;
  seed: number;
  /** "sigmoid" for a binary probability [N,1], "softmax" for [N,C], "none" for regression/logits. */
  head: "sigmoid" | "softmax" | "none";
  inputName?: string;
  outputName?: string;
  /** Explicit weights per layer ([in*out] row-major) and biases; random when absent. */
  weights?: { w: number[]; b: number[] }[];
}

/** A dense float32 MLP with ReLU hidden layers: the model shape the benchmarks and demo use. */
export function buildMlp(s: MlpSpec): Uint8Array {
  const rand = seededRandom(s.seed);
  const sizes = [s.inputs, ...s.hidden, s.outputs];
  const nodes: NodeSpec[] = [];
  const inits: InitSpec[] = [];
  let cur = s.inputName ?? "input";
  for (let l = 0; l < sizes.length - 1; l++) {
    const nin = sizes[l]!;
    const nout = sizes[l + 1]!;
    const given = s.weights?.[l];
    const scale = Math.sqrt(2 / nin);
    const w = given?.w ?? Array.from({ length: nin * nout }, () => (rand() * 2 - 1) * scale);
    const b = given?.b ?? Array.from({ length: nout }, () => (rand() * 2 - 1) * 0.1);
    inits.push(
      { name: `W${l}`, type: "FLOAT", dims: [nin, nout], values: w },
      { name: `B${l}`, type: "FLOAT", dims: [nout], values: b },
    );
    const last = l === sizes.length - 2;
    const out = last && s.head === "none" ? (s.outputName ?? "output") : `h${l}`;
    nodes.push({ op: "Gemm", inputs: [cur, `W${l}`, `B${l}`], outputs: [out] });
    cur = out;
    if (!last) {
      nodes.push({ op: "Relu", inputs: [cur], outputs: [`r${l}`] });
      cur = `r${l}`;
    }
  }
  if (s.head !== "none") {
    const op = s.head === "sigmoid" ? "Sigmoid" : "Softmax";
    nodes.push({ op, inputs: [cur], outputs: [s.outputName ?? "output"], ...(op === "Softmax" ? { attrs: { axis: 1 } } : {}) });
  }
  return buildModel({
    inputs: [{ name: s.inputName ?? "input", type: "FLOAT", shape: ["batch", s.inputs] }],
    outputs: [{ name: s.outputName ?? "output", type: "FLOAT", shape: ["batch", s.outputs] }],
    nodes,
    initializers: inits,
  });
}
