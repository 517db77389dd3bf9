import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildMlp, buildModel, type ModelSpec, type ValueSpec } from "../../src/core/onnx/build.js";
import { decodeModel, encodeModel, onnx } from "../../src/core/onnx/proto.js";

/** Small models that each trip (or pass) one family of checks. */

export function tmpDir(prefix = "mlgate-onnx-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

const X: ValueSpec = { name: "x", type: "FLOAT", shape: ["batch", 3] };
const Y: ValueSpec = { name: "y", type: "FLOAT", shape: ["batch", 3] };

/** y = relu(x) with a dynamic batch: passes everything. */
export function relu(extra: Partial<ModelSpec> = {}): Uint8Array {
  return buildModel({ inputs: [X], outputs: [Y], nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }], ...extra });
}

/** An operator no ONNX domain defines: onnxruntime refuses to load it. */
export function unknownOp(): Uint8Array {
  return buildModel({ inputs: [X], outputs: [Y], nodes: [{ op: "Frobnicate", inputs: ["x"], outputs: ["y"] }] });
}

/** An op from a custom domain the runtime has no kernels for. */
export function customDomain(): Uint8Array {
  return buildModel({
    inputs: [X],
    outputs: [Y],
    nodes: [{ op: "Scale", domain: "com.acme", inputs: ["x"], outputs: ["y"] }],
    opsets: { "": 17, "com.acme": 1 },
  });
}

/** RandomUniformLike without a seed: two runs differ. */
export function randomOp(): Uint8Array {
  return buildModel({ inputs: [X], outputs: [Y], nodes: [{ op: "RandomUniformLike", inputs: ["x"], outputs: ["y"] }] });
}

/** y = x - mean(x over the batch axis): a row's answer depends on the other rows. */
export function batchMean(): Uint8Array {
  return buildModel({
    inputs: [X],
    outputs: [Y],
    nodes: [
      { op: "ReduceMean", inputs: ["x"], outputs: ["m"], attrs: { axes: [0], keepdims: 1 } },
      { op: "Sub", inputs: ["x", "m"], outputs: ["y"] },
    ],
  });
}

/** Declares a dynamic batch but reshapes to a fixed [1, 3]: runs at batch 1, fails at any other. */
export function fixedReshape(): Uint8Array {
  return buildModel({
    inputs: [X],
    outputs: [Y],
    nodes: [{ op: "Reshape", inputs: ["x", "shape"], outputs: ["y"] }],
    initializers: [{ name: "shape", type: "INT64", dims: [2], values: [1, 3] }],
  });
}

/** log(x) on inputs in [-1, 1): NaN for every negative element. */
export function logOp(): Uint8Array {
  return buildModel({ inputs: [X], outputs: [Y], nodes: [{ op: "Log", inputs: ["x"], outputs: ["y"] }] });
}

/**
 * log(-x) on inputs in [-1, 1): NaN for every positive element. The gate makes a Log's own input
 * positive (input-roles.ts), so a NaN on made-up inputs needs an operator in between.
 */
export function negLogOp(): Uint8Array {
  return buildModel({
    inputs: [X],
    outputs: [Y],
    nodes: [
      { op: "Neg", inputs: ["x"], outputs: ["n"] },
      { op: "Log", inputs: ["n"], outputs: ["y"] },
    ],
  });
}

/** Two inputs with two symbolic dims: [batch, seq] + [batch, seq] -> [batch, seq]. */
export function addSeq(): Uint8Array {
  const a: ValueSpec = { name: "a", type: "FLOAT", shape: ["batch", "seq"] };
  const b: ValueSpec = { name: "b", type: "FLOAT", shape: ["batch", "seq"] };
  return buildModel({
    inputs: [a, b],
    outputs: [{ name: "sum", type: "FLOAT", shape: ["batch", "seq"] }],
    nodes: [{ op: "Add", inputs: ["a", "b"], outputs: ["sum"] }],
  });
}

/** Fixed weights so tests can compute the expected outputs by hand. */
export const MLP_WEIGHTS = [
  { w: [0.5, -0.25, 0.75, 0.1, -0.5, 0.3, 0.2, 0.4, -0.6, 0.9, -0.1, 0.05], b: [0.1, -0.2, 0.05] },
  { w: [0.7, -0.3, 0.45], b: [-0.05] },
];

/** input [batch, 4] -> Gemm(4x3) -> Relu -> Gemm(3x1) -> Sigmoid -> output [batch, 1]. */
export function fixedMlp(): Uint8Array {
  return buildMlp({ inputs: 4, hidden: [3], outputs: 1, seed: 7, head: "sigmoid", weights: MLP_WEIGHTS });
}

/** The same network in plain JavaScript (float64), the reference the test data is made from. */
export function mlpForward(row: readonly number[]): number {
  const [l0, l1] = MLP_WEIGHTS as [(typeof MLP_WEIGHTS)[0], (typeof MLP_WEIGHTS)[0]];
  const h = [0, 1, 2].map((j) => Math.max(0, l0.b[j]! + row.reduce((a, x, i) => a + x * l0.w[i * 3 + j]!, 0)));
  const z = l1.b[0]! + h.reduce((a, x, j) => a + x * l1.w[j]!, 0);
  return 1 / (1 + Math.exp(-z));
}

/** Moves initializer `name` to an external file `location` (written next to the model unless told otherwise). */
export function withExternalData(bytes: Uint8Array, name: string, location: string): { model: Uint8Array; data: Uint8Array } {
  const m = decodeModel(bytes);
  const t = m.graph?.initializer?.find((i) => i.name === name);
  if (!t?.rawData) throw new Error(`no initializer ${name} with raw_data`);
  const data = t.rawData.slice();
  t.rawData = new Uint8Array(0);
  t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
  t.externalData = [
    { key: "location", value: location },
    { key: "offset", value: "0" },
    { key: "length", value: String(data.byteLength) },
  ];
  return { model: encodeModel(m), data };
}

/** A TensorProto file as the ONNX test layout stores it, written with onnx-proto's encoder. */
export function tensorPb(name: string, dims: number[], values: number[]): Uint8Array {
  return onnx.TensorProto.encode(
    onnx.TensorProto.create({
      name,
      dataType: onnx.TensorProto.DataType.FLOAT,
      dims,
      rawData: new Uint8Array(Float32Array.from(values).buffer),
    }),
  ).finish();
}

/**
 * An empty Optional as a graph output (next to y = relu(x)): onnxruntime-node 1.30 loads it and dies
 * by SIGSEGV converting that output after the run, as ONNX's own backend test test_if_opt does. The
 * builder knows tensors only, so the optional type is written here.
 */
export function crashesRuntime(): Uint8Array {
  const f3 = {
    tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimValue: 3 }] } },
  };
  return encodeModel({
    irVersion: 8,
    producerName: "mlgate-test",
    opsetImport: [{ domain: "", version: 17 }],
    graph: {
      name: "empty_optional",
      input: [{ name: "x", type: f3 }],
      output: [
        { name: "none", type: { optionalType: { elemType: f3 } } },
        { name: "y", type: f3 },
      ],
      node: [
        {
          opType: "Optional",
          output: ["none"],
          attribute: [{ name: "type", type: onnx.AttributeProto.AttributeType.TYPE_PROTO, tp: f3 }],
        },
        { opType: "Relu", input: ["x"], output: ["y"] },
      ],
    },
  });
}

/**
 * A classifier [batch, width] -> output [batch, 1] whose STFT has frame_length 0: onnxruntime-node 1.30
 * divides by it and dies by SIGFPE on the first run. Unlike crashesRuntime() its output is a plain
 * tensor, so the model gate (which fetches only the output it scores) reaches the crash too.
 */
export function stftZeroLength(input = "x", width = 3): Uint8Array {
  return buildModel({
    inputs: [{ name: input, type: "FLOAT", shape: ["batch", width] }],
    outputs: [{ name: "output", type: "FLOAT", shape: ["batch", 1] }],
    nodes: [
      { op: "Unsqueeze", inputs: [input, "axis2"], outputs: ["signal"] },
      { op: "STFT", inputs: ["signal", "step", "", "length"], outputs: ["spectrum"] },
      { op: "ReduceMean", inputs: ["spectrum"], outputs: ["mean"], attrs: { axes: [1, 2, 3], keepdims: 0 } },
      { op: "Unsqueeze", inputs: ["mean", "axis1"], outputs: ["logit"] },
      { op: "Sigmoid", inputs: ["logit"], outputs: ["output"] },
    ],
    initializers: [
      { name: "axis2", type: "INT64", dims: [1], values: [2] },
      { name: "axis1", type: "INT64", dims: [1], values: [1] },
      { name: "step", type: "INT64", dims: [], values: [1] },
      { name: "length", type: "INT64", dims: [], values: [0] },
    ],
  });
}
