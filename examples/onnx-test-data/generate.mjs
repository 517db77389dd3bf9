// Writes reference data in the standard ONNX test layout for a float32 MLP:
//   node examples/onnx-test-data/generate.mjs [MODEL] [OUT_DIR] [CSV]
// The expected outputs come from a float64 evaluation of the graph written here (Gemm, MatMul, Add,
// Sub, Mul, Div, Relu, Sigmoid, Tanh, Softmax), not from onnxruntime, so `mlgate onnx --test-data`
// compares the runtime against an independent reference. Inputs are the first rows of CSV (columns
// named by the model's "features" metadata) when given, else seeded values: reproducible either way.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
const here = path.dirname(new URL(import.meta.url).pathname);
const model = process.argv[2] ?? path.join(here, "../models/candidate.onnx");
const out = process.argv[3] ?? here;
const csv = process.argv[4] ?? (process.argv[2] ? undefined : path.join(here, "../eval/churn-eval.csv"));

/** mulberry32, the generator src/core/onnx/build.ts uses. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const num = (v) => (typeof v === "number" ? v : v.toNumber());

/** A float32 initializer as { dims, data: Float64Array }. */
function initializer(t) {
  const dims = t.dims.map(num);
  const raw =
    t.rawData && t.rawData.byteLength ? new Float32Array(new Uint8Array(t.rawData).buffer) : Float32Array.from(t.floatData);
  return { dims, data: Float64Array.from(raw) };
}

const attr = (node, name, fallback) => {
  const a = node.attribute.find((x) => x.name === name);
  if (!a) return fallback;
  return a.type === onnx.AttributeProto.AttributeType.FLOAT ? a.f : num(a.i);
};

function matmul(a, b, transB = false) {
  const [n, k] = a.dims;
  const m = transB ? b.dims[0] : b.dims[1];
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p] * (transB ? b.data[j * k + p] : b.data[p * m + j]);
      data[i * m + j] = s;
    }
  return { dims: [n, m], data };
}

/** Elementwise with b broadcast along the trailing axis (a bias, a per-feature mean). */
function broadcast(a, b, f) {
  const data = a.data.map((v, i) => f(v, b.data[i % b.data.length]));
  return { dims: a.dims, data };
}

const add = (a, b) => broadcast(a, b, (x, y) => x + y);

const map = (a, f) => ({ dims: a.dims, data: a.data.map(f) });

function softmaxRows(a) {
  const [n, m] = a.dims;
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = a.data.subarray(i * m, (i + 1) * m);
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const s = e.reduce((x, y) => x + y, 0);
    for (let j = 0; j < m; j++) data[i * m + j] = e[j] / s;
  }
  return { dims: [n, m], data };
}

function evaluate(graph, feeds) {
  const values = new Map(Object.entries(feeds));
  for (const t of graph.initializer) values.set(t.name, initializer(t));
  for (const node of graph.node) {
    const [a, b, c] = node.input.map((n) => values.get(n));
    let r;
    switch (node.opType) {
      case "Gemm": {
        if (attr(node, "transA", 0)) throw new Error("Gemm with transA is not supported");
        r = matmul(a, b, attr(node, "transB", 0) === 1);
        const alpha = attr(node, "alpha", 1);
        const beta = attr(node, "beta", 1);
        r = map(r, (v) => v * alpha);
        if (c)
          r = add(
            r,
            map(c, (v) => v * beta),
          );
        break;
      }
      case "MatMul":
        r = matmul(a, b);
        break;
      case "Add":
        r = add(a, b);
        break;
      case "Sub":
        r = broadcast(a, b, (x, y) => x - y);
        break;
      case "Mul":
        r = broadcast(a, b, (x, y) => x * y);
        break;
      case "Div":
        r = broadcast(a, b, (x, y) => x / y);
        break;
      case "Relu":
        r = map(a, (v) => Math.max(0, v));
        break;
      case "Sigmoid":
        r = map(a, (v) => 1 / (1 + Math.exp(-v)));
        break;
      case "Tanh":
        r = map(a, Math.tanh);
        break;
      case "Softmax":
        r = softmaxRows(a);
        break;
      default:
        throw new Error(`${node.opType} is not supported by this reference evaluator`);
    }
    values.set(node.output[0], r);
  }
  return Object.fromEntries(graph.output.map((o) => [o.name, values.get(o.name)]));
}

function tensorPb(name, t) {
  const msg = onnx.TensorProto.create({
    name,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims: t.dims,
    rawData: new Uint8Array(Float32Array.from(t.data).buffer),
  });
  return onnx.TensorProto.encode(msg).finish();
}

const proto = onnx.ModelProto.decode(readFileSync(model));
const graph = proto.graph;
const inits = new Set(graph.initializer.map((t) => t.name));
const inputs = graph.input.filter((v) => !inits.has(v.name));
if (inputs.length !== 1) throw new Error(`expected one input, found ${inputs.length}`);
const input = inputs[0];
const features = num(input.type.tensorType.shape.dim[1].dimValue);
const rand = seeded(20240611);
const columns = proto.metadataProps.find((p) => p.key === "features")?.value.split(",");
let rows = [];
if (csv && columns) {
  const [header, ...lines] = readFileSync(csv, "utf8").trim().split("\n");
  const names = header.split(",");
  const idx = columns.map((c) => names.indexOf(c));
  if (idx.some((i) => i < 0)) throw new Error(`${csv} lacks one of the columns ${columns.join(", ")}`);
  rows = lines.slice(0, 9).map((l) => idx.map((i) => Number(l.split(",")[i])));
}
[1, 8].forEach((n, set) => {
  const source = rows.length ? rows.slice(set, set + n) : undefined;
  const values = source ? source.flat() : Array.from({ length: n * features }, () => rand() * 4 - 2);
  const x = { dims: [n, features], data: Float64Array.from(values) };
  // The model computes in float32: evaluate on the float32-rounded inputs it will actually see.
  x.data = Float64Array.from(Float32Array.from(x.data));
  const outputs = evaluate(graph, { [input.name]: x });
  const dir = path.join(out, `test_data_set_${set}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "input_0.pb"), tensorPb(input.name, x));
  graph.output.forEach((o, k) => writeFileSync(path.join(dir, `output_${k}.pb`), tensorPb(o.name, outputs[o.name])));
});
console.log(
  `wrote ${out}/test_data_set_{0,1} for ${model} (${features} features, inputs from ${rows.length ? csv : "a seeded generator"})`,
);
