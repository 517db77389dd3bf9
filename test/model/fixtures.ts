import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildModel, seededRandom, type NodeSpec } from "../../src/core/onnx/build.js";
import { DataType, decodeModel, encodeModel, onnx } from "../../src/core/onnx/proto.js";

/** Standard normal from a seeded uniform source (Box–Muller). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-300))) * Math.cos(2 * Math.PI * rand());
}

export interface BinaryData {
  header: string[];
  rows: (number | string)[][];
}

/**
 * Rows with features x0..x{F-1}, a `seg` indicator (1 on the slice), pure noise `z`, a region
 * column and a 0/1 label drawn from a logistic model of the features.
 */
export function binaryData(n: number, sliceRows: number, seed: number, weights: readonly number[]): BinaryData {
  const rand = seededRandom(seed);
  const F = weights.length;
  const rows: (number | string)[][] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: F }, () => Number(normal(rand).toFixed(5)));
    const seg = i < sliceRows ? 1 : 0;
    const z = Number(normal(rand).toFixed(5));
    const logit = x.reduce((a, v, j) => a + v * (weights[j] ?? 0), 0);
    const y = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const region = seg ? "north" : (["south", "east", "west"][i % 3] ?? "south");
    rows.push([...x, seg, z, region, y]);
  }
  return { header: [...weights.map((_, j) => `x${j}`), "seg", "z", "region", "y"], rows };
}

export function writeCsv(file: string, d: BinaryData): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, [d.header.join(","), ...d.rows.map((r) => r.join(","))].join("\n") + "\n");
}

/**
 * A logistic model over the input [N, F+2] (features, seg, z): sigmoid(w·x + b + k·seg·z). k > 0
 * adds noise on the slice only, so a model can be better overall and worse on one slice.
 */
export function logisticModel(
  w: readonly number[],
  opts: { sliceNoise?: number; head?: "sigmoid" | "none"; width?: number; inputName?: string } = {},
): Uint8Array {
  const F = w.length;
  const width = opts.width ?? F + 2;
  const nodes: NodeSpec[] = [
    { op: "Gemm", inputs: ["input", "W", "B"], outputs: ["lin"] },
    { op: "Gather", inputs: ["input", "iseg"], outputs: ["seg"], attrs: { axis: 1 } },
    { op: "Gather", inputs: ["input", "iz"], outputs: ["z"], attrs: { axis: 1 } },
    { op: "Mul", inputs: ["seg", "z"], outputs: ["sz"] },
    { op: "Mul", inputs: ["sz", "k"], outputs: ["noise"] },
    { op: "Add", inputs: ["lin", "noise"], outputs: opts.head === "none" ? ["output"] : ["logit"] },
  ];
  if (opts.head !== "none") nodes.push({ op: "Sigmoid", inputs: ["logit"], outputs: ["output"] });
  const W = [...w, 0, 0].slice(0, width);
  while (W.length < width) W.push(0);
  return buildModel({
    inputs: [{ name: opts.inputName ?? "input", type: "FLOAT", shape: ["batch", width] }],
    outputs: [{ name: "output", type: "FLOAT", shape: ["batch", 1] }],
    nodes: opts.inputName
      ? nodes.map((n) => ({ ...n, inputs: n.inputs.map((i) => (i === "input" ? (opts.inputName ?? i) : i)) }))
      : nodes,
    initializers: [
      { name: "W", type: "FLOAT", dims: [width, 1], values: W },
      { name: "B", type: "FLOAT", dims: [1], values: [0] },
      { name: "iseg", type: "INT64", dims: [1], values: [F] },
      { name: "iz", type: "INT64", dims: [1], values: [F + 1] },
      { name: "k", type: "FLOAT", dims: [1], values: [opts.sliceNoise ?? 0] },
    ],
  });
}

export const TRUE_WEIGHTS = [1.2, -0.8, 0.5, 0.3, -0.4];

export function writeModel(file: string, bytes: Uint8Array): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

/**
 * A scikit-learn style classifier export without zipmap=False: `label` (int64) plus
 * `probabilities` as a sequence of maps (ZipMap), over a 2-column input.
 */
export function zipmapModel(): Uint8Array {
  const bytes = buildModel({
    inputs: [{ name: "input", type: "FLOAT", shape: ["batch", 2] }],
    outputs: [
      { name: "label", type: "INT64", shape: ["batch"] },
      { name: "probabilities", type: "FLOAT", shape: ["batch", 2] },
    ],
    nodes: [
      { op: "ArgMax", inputs: ["input"], outputs: ["label"], attrs: { axis: 1, keepdims: 0 } },
      {
        op: "ZipMap",
        inputs: ["input"],
        outputs: ["probabilities"],
        domain: "ai.onnx.ml",
        attrs: { classlabels_int64s: { ints: [0, 1] } },
      },
    ],
    opsets: { "": 17, "ai.onnx.ml": 3 },
  });
  const m = decodeModel(bytes);
  const out = m.graph?.output?.[1];
  if (!out) throw new Error("no probabilities output");
  out.type = onnx.TypeProto.create({
    sequenceType: { elemType: { mapType: { keyType: DataType.INT64, valueType: { tensorType: { elemType: DataType.FLOAT } } } } },
  });
  return encodeModel(m);
}
