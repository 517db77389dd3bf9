/**
 * Writes the model gate's demo: examples/eval/churn-eval.csv and examples/models/{baseline,candidate}.onnx.
 * Deterministic: `npx tsx scripts/examples/model.ts` rebuilds the same bytes.
 *
 * Both models are small MLPs (7 -> 8 -> 1, standardisation inside the graph) trained here by full-batch
 * gradient descent on 20,000 rows drawn from the same churn process as the evaluation set. The baseline
 * never saw support_calls or monthly_charges (their inputs carry zero weight); the candidate uses all
 * seven features, so it is better overall — and the slices show where.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildModel, seededRandom } from "../../src/core/onnx/build.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FEATURES = ["age", "income", "tenure_months", "monthly_charges", "support_calls", "num_products", "annual_contract"];
const REGIONS = ["north", "south", "east", "west"];
const HIDDEN = 8;

interface Row {
  x: number[];
  region: string;
  gender: string;
  churned: number;
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** The churn process: short tenure, high charges and many support calls churn; west churns a bit more. */
function draw(n: number, seed: number): Row[] {
  const r = seededRandom(seed);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const region = REGIONS[Math.floor(r() * 4)] ?? "north";
    const age = Math.round(Math.min(85, Math.max(18, 45 + 14 * normal(r))));
    const income = Math.round(Math.max(8, 55 + 20 * normal(r)));
    const tenure = Math.floor(r() * 72);
    const charges = Math.round((30 + 90 * r()) * 100) / 100;
    const calls = Math.min(10, Math.floor(-Math.log(1 - r()) * 1.8));
    const products = 1 + Math.floor(r() * 4);
    const annual = r() < 0.4 ? 1 : 0;
    const logit =
      -1.1 -
      0.04 * (tenure - 30) +
      0.025 * (charges - 70) +
      0.45 * (calls - 1.5) -
      0.9 * annual -
      0.25 * (products - 2.5) -
      0.01 * (age - 45) +
      (region === "west" ? 0.35 : 0);
    rows.push({
      x: [age, income, tenure, charges, calls, products, annual],
      region,
      gender: r() < 0.5 ? "f" : "m",
      churned: r() < 1 / (1 + Math.exp(-logit)) ? 1 : 0,
    });
  }
  return rows;
}

interface Mlp {
  mean: number[];
  sd: number[];
  w1: number[]; // F x H, row-major
  b1: number[];
  w2: number[]; // H
  b2: number;
}

/** Full-batch gradient descent on log loss; `use` masks the features the model may learn from. */
function train(rows: Row[], use: boolean[], seed: number, epochs: number): Mlp {
  const F = FEATURES.length;
  const n = rows.length;
  const mean = FEATURES.map((_, j) => rows.reduce((s, row) => s + (row.x[j] ?? 0), 0) / n);
  const sd = FEATURES.map((_, j) => Math.sqrt(rows.reduce((s, row) => s + ((row.x[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n) || 1);
  const X = rows.map((row) => row.x.map((v, j) => (use[j] ? (v - (mean[j] ?? 0)) / (sd[j] ?? 1) : 0)));
  const r = seededRandom(seed);
  const w1 = Array.from({ length: F * HIDDEN }, () => normal(r) * 0.4);
  const b1 = new Array<number>(HIDDEN).fill(0);
  const w2 = Array.from({ length: HIDDEN }, () => normal(r) * 0.4);
  let b2 = 0;
  const lr = 0.3;
  const h = new Float64Array(HIDDEN);
  for (let e = 0; e < epochs; e++) {
    const g1 = new Float64Array(F * HIDDEN);
    const gb1 = new Float64Array(HIDDEN);
    const g2 = new Float64Array(HIDDEN);
    let gb2 = 0;
    for (let i = 0; i < n; i++) {
      const x = X[i] ?? [];
      let z = b2;
      for (let k = 0; k < HIDDEN; k++) {
        let a = b1[k] ?? 0;
        for (let j = 0; j < F; j++) a += (x[j] ?? 0) * (w1[j * HIDDEN + k] ?? 0);
        h[k] = Math.max(0, a);
        z += (h[k] ?? 0) * (w2[k] ?? 0);
      }
      const d = 1 / (1 + Math.exp(-z)) - (rows[i]?.churned ?? 0);
      gb2 += d;
      for (let k = 0; k < HIDDEN; k++) {
        g2[k] = (g2[k] ?? 0) + d * (h[k] ?? 0);
        if ((h[k] ?? 0) <= 0) continue;
        const dk = d * (w2[k] ?? 0);
        gb1[k] = (gb1[k] ?? 0) + dk;
        for (let j = 0; j < F; j++) g1[j * HIDDEN + k] = (g1[j * HIDDEN + k] ?? 0) + dk * (x[j] ?? 0);
      }
    }
    for (let k = 0; k < F * HIDDEN; k++) w1[k] = (w1[k] ?? 0) - (lr * (g1[k] ?? 0)) / n;
    for (let k = 0; k < HIDDEN; k++) {
      b1[k] = (b1[k] ?? 0) - (lr * (gb1[k] ?? 0)) / n;
      w2[k] = (w2[k] ?? 0) - (lr * (g2[k] ?? 0)) / n;
    }
    b2 -= (lr * gb2) / n;
  }
  // Features the model never used get exactly zero weight, so the export says so.
  for (let j = 0; j < F; j++) if (!use[j]) for (let k = 0; k < HIDDEN; k++) w1[j * HIDDEN + k] = 0;
  return { mean, sd, w1, b1, w2, b2 };
}

function round(v: number[]): number[] {
  return v.map((x) => Number(x.toFixed(6)));
}

function toOnnx(m: Mlp, name: string): Uint8Array {
  const F = FEATURES.length;
  return buildModel({
    graphName: name,
    producer: "mlgate-examples",
    metadata: { features: FEATURES.join(","), description: `${name} churn model for the mlgate demo` },
    inputs: [{ name: "features", type: "FLOAT", shape: ["batch", F] }],
    outputs: [{ name: "probability", type: "FLOAT", shape: ["batch", 1] }],
    nodes: [
      { op: "Sub", inputs: ["features", "mean"], outputs: ["centred"] },
      { op: "Div", inputs: ["centred", "sd"], outputs: ["scaled"] },
      { op: "Gemm", inputs: ["scaled", "W1", "B1"], outputs: ["h"] },
      { op: "Relu", inputs: ["h"], outputs: ["hr"] },
      { op: "Gemm", inputs: ["hr", "W2", "B2"], outputs: ["logit"] },
      { op: "Sigmoid", inputs: ["logit"], outputs: ["probability"] },
    ],
    initializers: [
      { name: "mean", type: "FLOAT", dims: [F], values: round(m.mean) },
      { name: "sd", type: "FLOAT", dims: [F], values: round(m.sd) },
      { name: "W1", type: "FLOAT", dims: [F, HIDDEN], values: round(m.w1) },
      { name: "B1", type: "FLOAT", dims: [HIDDEN], values: round(m.b1) },
      { name: "W2", type: "FLOAT", dims: [HIDDEN, 1], values: round(m.w2) },
      { name: "B2", type: "FLOAT", dims: [1], values: round([m.b2]) },
    ],
  });
}

const trainRows = draw(20000, 101);
const evalRows = draw(4000, 202);
const baseline = train(trainRows, [true, true, true, false, false, true, true], 1, 400);
const candidate = train(
  trainRows,
  FEATURES.map(() => true),
  2,
  400,
);
mkdirSync(path.join(ROOT, "examples/models"), { recursive: true });
mkdirSync(path.join(ROOT, "examples/eval"), { recursive: true });
writeFileSync(path.join(ROOT, "examples/models/baseline.onnx"), toOnnx(baseline, "baseline"));
writeFileSync(path.join(ROOT, "examples/models/candidate.onnx"), toOnnx(candidate, "candidate"));
const header = ["customer_id", ...FEATURES, "region", "gender", "churned"].join(",");
const lines = evalRows.map((row, i) => [`C${200001 + i}`, ...row.x, row.region, row.gender, row.churned].join(","));
writeFileSync(path.join(ROOT, "examples/eval/churn-eval.csv"), [header, ...lines].join("\n") + "\n");
console.log(`wrote examples/eval/churn-eval.csv (${evalRows.length} rows) and examples/models/{baseline,candidate}.onnx`);
