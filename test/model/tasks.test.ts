import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMlp, buildModel, seededRandom } from "../../src/core/onnx/build.js";
import { decodeModel, encodeModel, onnx } from "../../src/core/onnx/proto.js";
import { normal, writeModel } from "./fixtures.js";
import { check, runModel, write } from "./harness.js";

let dir: string;
const W3 = [1, 0, -1, 0.5, 1, -0.5, 0, -1, 1, 0.3, 0.2, 0.1, -0.4, 0.6, 0.2]; // 5 features x 3 classes, row-major

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-model-tasks-"));
  const rand = seededRandom(11);
  const multi = ["a,b,c,d,e,cls"];
  const reg = ["a,b,c,d,e,target"];
  for (let i = 0; i < 3000; i++) {
    const x = Array.from({ length: 5 }, () => Number(normal(rand).toFixed(4)));
    const logits = [0, 1, 2].map((k) => x.reduce((s, v, j) => s + v * (W3[j * 3 + k] ?? 0), 0) + normal(rand));
    multi.push([...x, logits.indexOf(Math.max(...logits))].join(","));
    reg.push([...x, (2 * (x[0] ?? 0) - (x[1] ?? 0) + 0.5 * normal(rand)).toFixed(4)].join(","));
  }
  write(dir, "multi.csv", multi.join("\n") + "\n");
  write(dir, "reg.csv", reg.join("\n") + "\n");
  const layer = [{ w: W3, b: [0, 0, 0] }];
  writeModel(
    path.join(dir, "probs.onnx"),
    buildMlp({ inputs: 5, hidden: [], outputs: 3, seed: 1, head: "softmax", weights: layer }),
  );
  writeModel(
    path.join(dir, "logits.onnx"),
    buildMlp({ inputs: 5, hidden: [], outputs: 3, seed: 1, head: "none", weights: layer }),
  );
  const regW = (a: number, b: number): { w: number[]; b: number[] }[] => [{ w: [a, b, 0, 0, 0], b: [0] }];
  writeModel(
    path.join(dir, "reg-good.onnx"),
    buildMlp({ inputs: 5, hidden: [], outputs: 1, seed: 1, head: "none", weights: regW(2, -1) }),
  );
  writeModel(
    path.join(dir, "reg-bad.onnx"),
    buildMlp({ inputs: 5, hidden: [], outputs: 1, seed: 1, head: "none", weights: regW(1.5, -0.5) }),
  );
  // One input per column, and two float outputs: raw logits and a sigmoid probability.
  writeModel(
    path.join(dir, "columns.onnx"),
    buildModel({
      inputs: ["a", "b"].map((name) => ({ name, type: "FLOAT" as const, shape: ["batch", 1] })),
      outputs: [
        { name: "logit", type: "FLOAT", shape: ["batch", 1] },
        { name: "prob", type: "FLOAT", shape: ["batch", 1] },
      ],
      nodes: [
        { op: "Concat", inputs: ["a", "b"], outputs: ["ab"], attrs: { axis: 1 } },
        { op: "Gemm", inputs: ["ab", "W", "B"], outputs: ["logit"] },
        { op: "Sigmoid", inputs: ["logit"], outputs: ["prob"] },
      ],
      initializers: [
        { name: "W", type: "FLOAT", dims: [2, 1], values: [1, -1] },
        { name: "B", type: "FLOAT", dims: [1], values: [0] },
      ],
    }),
  );
  const bin = ["a,b,y"];
  for (let i = 0; i < 2000; i++) {
    const a = normal(rand);
    const b = normal(rand);
    bin.push(`${a.toFixed(4)},${b.toFixed(4)},${rand() < 1 / (1 + Math.exp(-(a - b))) ? 1 : 0}`);
  }
  write(dir, "bin.csv", bin.join("\n") + "\n");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("output interpretation and tasks", () => {
  it("multiclass: logits get softmax and score exactly like the probability export", async () => {
    const r = await runModel(
      [
        "model",
        "--candidate",
        "probs.onnx",
        "--baseline",
        "logits.onnx",
        "--data",
        "multi.csv",
        "--label",
        "cls",
        "--task",
        "multiclass",
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const m = r.report?.metrics as {
      interpretation: unknown;
      candidate: Record<string, number>;
      baseline: Record<string, number>;
    };
    expect(m.interpretation).toEqual({ candidate: "output: probabilities", baseline: "output: logits (softmax applied)" });
    expect(m.candidate.accuracy).toBeGreaterThan(0.6);
    expect(m.candidate.accuracy).toBe(m.baseline.accuracy);
    expect(m.candidate.log_loss).toBeCloseTo(m.baseline.log_loss ?? NaN, 5);
    const c = check(r.report, "metric.accuracy");
    expect(c.details?.test).toBe("mcnemar");
    expect(c.details?.delta).toBe(0);
  });

  it("regression: rmse may not grow by more than 1% of the baseline's", async () => {
    const good = await runModel(
      [
        "model",
        "--candidate",
        "reg-good.onnx",
        "--baseline",
        "reg-bad.onnx",
        "--data",
        "reg.csv",
        "--label",
        "target",
        "--task",
        "regression",
      ],
      dir,
    );
    expect(good.code).toBe(0);
    const bad = await runModel(
      [
        "model",
        "--candidate",
        "reg-bad.onnx",
        "--baseline",
        "reg-good.onnx",
        "--data",
        "reg.csv",
        "--label",
        "target",
        "--task",
        "regression",
      ],
      dir,
    );
    expect(bad.code).toBe(1);
    const c = check(bad.report, "metric.rmse");
    expect(c.expected).toMatch(/^no worse than baseline by more than 1% \(0\.00\d+\)$/);
    expect(c.details?.test).toBe("paired-t");
    expect(Number(c.details?.delta)).toBeGreaterThan(0);
  });

  it("feeds one input per column and picks outputs by name", async () => {
    const args = [
      "model",
      "--baseline",
      "none",
      "--data",
      "bin.csv",
      "--label",
      "y",
      "--task",
      "binary",
      "--candidate",
      "columns.onnx",
    ];
    const prob = await runModel(args, dir);
    expect(prob.report?.metrics?.interpretation).toEqual({ candidate: "prob: probabilities" });
    const logit = await runModel([...args, "--output", "logit"], dir);
    expect(logit.report?.metrics?.interpretation).toEqual({ candidate: "logit: logits (sigmoid applied)" });
    const auc = (x: typeof prob): number => (x.report?.metrics?.candidate as Record<string, number>).roc_auc ?? NaN;
    expect(auc(prob)).toBeGreaterThan(0.7);
    // float32 sigmoid outputs tie where the double-precision sigmoid of the logits does not.
    expect(auc(logit)).toBeCloseTo(auc(prob), 5);
    const missing = await runModel([...args, "--output", "scores"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('mlgate model: --output scores: columns.onnx has no such output; it has "logit", "prob"\n');
  });
});

/** The builder has no string-list attributes: add one to the first node after building. */
function withStringsAttr(spec: Parameters<typeof buildModel>[0], name: string, values: string[]): Uint8Array {
  const m = decodeModel(buildModel(spec));
  const node = m.graph?.node?.[0];
  if (!node) throw new Error("no node");
  node.attribute = [
    ...(node.attribute ?? []),
    onnx.AttributeProto.create({
      name,
      type: onnx.AttributeProto.AttributeType.STRINGS,
      strings: values.map((v) => new TextEncoder().encode(v)),
    }),
  ];
  return encodeModel(m);
}

describe("input dtypes", () => {
  it("feeds int64 and string columns to inputs named after them, and float64 matrices", async () => {
    const rand = seededRandom(5);
    const rows = ["n,cat,a,b,y"];
    const cats = ["north", "south", "east"];
    for (let i = 0; i < 600; i++) {
      const n = Math.floor(rand() * 5);
      const cat = cats[i % 3] ?? "north";
      const score = n + cats.indexOf(cat) - 3;
      rows.push(
        `${n},${cat},${(rand() * 2 - 1).toFixed(3)},${(rand() * 2 - 1).toFixed(3)},${rand() < 1 / (1 + Math.exp(-score)) ? 1 : 0}`,
      );
    }
    write(dir, "mixed.csv", rows.join("\n") + "\n");
    writeModel(
      path.join(dir, "mixed.onnx"),
      withStringsAttr(
        {
          inputs: [
            { name: "n", type: "INT64", shape: ["batch", 1] },
            { name: "cat", type: "STRING", shape: ["batch", 1] },
          ],
          outputs: [{ name: "prob", type: "FLOAT", shape: ["batch", 1] }],
          nodes: [
            {
              op: "CategoryMapper",
              domain: "ai.onnx.ml",
              inputs: ["cat"],
              outputs: ["code"],
              attrs: { cats_int64s: { ints: [0, 1, 2] }, default_int64: -1 },
            },
            { op: "Add", inputs: ["n", "code"], outputs: ["sum"] },
            { op: "Cast", inputs: ["sum"], outputs: ["f"], attrs: { to: 1 } },
            { op: "Sub", inputs: ["f", "three"], outputs: ["logit"] },
            { op: "Sigmoid", inputs: ["logit"], outputs: ["prob"] },
          ],
          initializers: [{ name: "three", type: "FLOAT", dims: [1], values: [3] }],
          opsets: { "": 17, "ai.onnx.ml": 3 },
        },
        "cats_strings",
        cats,
      ),
    );
    writeModel(
      path.join(dir, "double.onnx"),
      buildModel({
        inputs: [{ name: "x", type: "DOUBLE", shape: ["batch", 2] }],
        outputs: [{ name: "p", type: "DOUBLE", shape: ["batch", 1] }],
        nodes: [
          { op: "Gemm", inputs: ["x", "W", "B"], outputs: ["z"] },
          { op: "Sigmoid", inputs: ["z"], outputs: ["p"] },
        ],
        initializers: [
          { name: "W", type: "DOUBLE", dims: [2, 1], values: [1, -1] },
          { name: "B", type: "DOUBLE", dims: [1], values: [0] },
        ],
      }),
    );
    // Each model with the CSV read by this thread, then by the helper thread (MLGATE_METRICS_WORKER=1):
    // it scans the float64 matrix into its ring; the int64/string inputs stream on this thread.
    const evaluate = (model: string, features: string, env: NodeJS.ProcessEnv = {}) => {
      const args = ["model", "--candidate", model, "--baseline", "none", "--data", "mixed.csv", "--label", "y"];
      return runModel([...args, "--task", "binary", "--features", features], dir, env);
    };
    const mixed = await evaluate("mixed.onnx", "n,cat");
    expect(mixed.code).toBe(0);
    expect((mixed.report?.metrics?.candidate as Record<string, number>).roc_auc).toBeGreaterThan(0.75);
    const dbl = await evaluate("double.onnx", "a,b");
    expect(dbl.code).toBe(0);
    expect(dbl.report?.metrics?.interpretation).toEqual({ candidate: "p: probabilities" });
    const helper = { MLGATE_METRICS_WORKER: "1" };
    expect((await evaluate("double.onnx", "a,b", helper)).report?.metrics?.candidate).toEqual(dbl.report?.metrics?.candidate);
    expect((await evaluate("mixed.onnx", "n,cat", helper)).report?.metrics?.candidate).toEqual(mixed.report?.metrics?.candidate);
  });
});
