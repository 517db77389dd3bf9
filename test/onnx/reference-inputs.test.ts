import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/core/onnx/build.js";
import { DataType } from "../../src/core/onnx/proto.js";
import { encodeTensor, type HostTensor } from "../../src/gates/onnx/tensor.js";
import { check, runOnnx } from "./harness.js";
import { batchMean, logOp, negLogOp, relu, tmpDir, unknownOp, write } from "./models.js";

const f32 = (dims: number[], values: number[]): HostTensor => ({
  elemType: DataType.FLOAT,
  dims,
  data: Float32Array.from(values),
});

/** A model file and, when given, one reference set in the ONNX test layout under data/. */
function setup(model: Uint8Array, set?: { inputs: HostTensor[]; outputs: HostTensor[] }, config?: string): string {
  const dir = tmpDir();
  write(dir, "m.onnx", model);
  set?.inputs.forEach((t, i) => write(dir, `data/test_data_set_0/input_${i}.pb`, encodeTensor(t)));
  set?.outputs.forEach((t, i) => write(dir, `data/test_data_set_0/output_${i}.pb`, encodeTensor(t)));
  if (config) write(dir, "mlgate.yml", new TextEncoder().encode(config));
  return dir;
}

const withData = ["--model", "m.onnx", "--test-data", "data"];

describe("runtime checks on the reference inputs (--test-data)", () => {
  const xs = [1, 2, 3, 4, 5, 6];
  const logSet = { inputs: [f32([2, 3], xs)], outputs: [f32([2, 3], xs.map(Math.log))] };

  it("judge numeric, determinism, optimisation, batch invariance and latency on the reference inputs", async () => {
    const r = await runOnnx(setup(logOp(), logSet), withData);
    expect(r.code).toBe(0);
    expect(r.report.status).toBe("pass");
    expect(check(r.report, "numeric.y")).toMatchObject({
      status: "pass",
      title: "y has no NaN or infinity on the reference inputs",
      observed: "all 6 finite",
      details: { inputs: "reference", nan: 0, inf: 0, elements: 6 },
    });
    expect(check(r.report, "batch.y").message).toMatch(/\(2 rows of the reference inputs run one by one vs batch 2\)/);
    // Timed at the reference batch, not at the default batch 1.
    expect(r.report.checks.filter((c) => c.id.startsWith("latency.")).map((c) => c.id)).toEqual(["latency.batch_2"]);
  });

  it("the same model without reference data: NaN on synthesised inputs is a warning, named as such", async () => {
    const r = await runOnnx(setup(negLogOp()), ["--model", "m.onnx"]);
    expect(r.code).toBe(0);
    expect(r.report.status).toBe("warn");
    const c = check(r.report, "numeric.y");
    expect(c.status).toBe("warn");
    expect(c.title).toBe("y has no NaN or infinity on synthesised inputs");
    expect(c.observed).toMatch(/^\d+ NaN, 0 infinite of 12$/);
    expect(c.message).toContain(
      "Synthesised values may lie outside the inputs' domain, so this is a warning; --test-data decides it.",
    );
    expect(c.details).toMatchObject({ inputs: "synthesised" });
  });

  it("a NaN the reference output holds too is what the model computes; a NaN it does not hold fails", async () => {
    const meant = await runOnnx(
      setup(logOp(), { inputs: [f32([1, 3], [-1, 1, 2])], outputs: [f32([1, 3], [NaN, 0, Math.log(2)])] }),
      withData,
    );
    expect(meant.code).toBe(0);
    expect(check(meant.report, "numeric.y")).toMatchObject({ status: "pass", observed: "2 finite, 1 as the reference" });
    const wrong = await runOnnx(
      setup(logOp(), { inputs: [f32([1, 3], [-1, 1, 2])], outputs: [f32([1, 3], [0, 0, Math.log(2)])] }),
      withData,
    );
    expect(wrong.code).toBe(1);
    expect(check(wrong.report, "numeric.y")).toMatchObject({ status: "fail", observed: "1 NaN, 0 infinite of 3" });
    expect(check(wrong.report, "numeric.y").message).toBe(
      "y[0, 0] = NaN on the reference inputs (1 NaN, 0 infinite of 3 elements).",
    );
  });

  it("a row that depends on its batch mates fails on the reference rows", async () => {
    const rows = [
      [1, 2, 3],
      [3, 2, 1],
      [2, 5, 8],
    ];
    const mean = [0, 1, 2].map((j) => (rows[0]![j]! + rows[1]![j]! + rows[2]![j]!) / 3);
    const set = {
      inputs: [f32([3, 3], rows.flat())],
      outputs: [
        f32(
          [3, 3],
          rows.flatMap((r) => r.map((v, j) => v - mean[j]!)),
        ),
      ],
    };
    const r = await runOnnx(setup(batchMean(), set), withData);
    expect(r.code).toBe(1);
    expect(check(r.report, "parity.test_data_set_0.y").status).toBe("pass");
    expect(r.report.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual(["batch.y"]);
    expect(check(r.report, "batch.y").message).toMatch(/\(3 rows of the reference inputs run one by one vs batch 3\)/);
  });

  it("an integer input read as indices runs on the reference indices", async () => {
    // y = table[idx]: the table has 2 rows, so only 0 and 1 are valid indices.
    const gather = buildModel({
      inputs: [{ name: "idx", type: "INT64", shape: ["n"] }],
      outputs: [{ name: "y", type: "FLOAT", shape: ["n", 2] }],
      initializers: [{ name: "table", type: "FLOAT", dims: [2, 2], values: [10, 11, 20, 21] }],
      nodes: [{ op: "Gather", inputs: ["table", "idx"], outputs: ["y"], attrs: { axis: 0 } }],
    });
    const set = {
      inputs: [{ elemType: DataType.INT64, dims: [3], data: BigInt64Array.from([1n, 0n, 1n]) }],
      outputs: [f32([3, 2], [20, 21, 10, 11, 20, 21])],
    };
    const r = await runOnnx(setup(gather, set), withData);
    expect(r.report.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(r.code).toBe(0);
    expect(check(r.report, "parity.test_data_set_0.y").status).toBe("pass");
    expect(check(r.report, "determinism.y").status).toBe("pass");
    expect(check(r.report, "latency.batch_3")).toMatchObject({
      status: "skip",
      observed: expect.stringMatching(/^p50 /) as string,
    });
  });

  it("a model that takes no inputs is checked against a set holding only outputs", async () => {
    const constant = buildModel({
      inputs: [],
      outputs: [{ name: "y", type: "FLOAT", shape: [2] }],
      nodes: [
        {
          op: "Constant",
          inputs: [],
          outputs: ["y"],
          attrs: { value: { tensor: { name: "v", type: "FLOAT", dims: [2], values: [1.5, -2] } } },
        },
      ],
    });
    const r = await runOnnx(setup(constant, { inputs: [], outputs: [f32([2], [1.5, -2])] }), withData);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(check(r.report, "parity.test_data_set_0.y").status).toBe("pass");
  });
});

describe("opset below onnxruntime's floor", () => {
  it("is a warning when the model loads and runs, naming why", async () => {
    const r = await runOnnx(setup(relu({ opsets: { "": 6 } })), ["--model", "m.onnx"]);
    expect(r.code).toBe(0);
    expect(check(r.report, "policy.opset.ai_onnx")).toMatchObject({
      status: "warn",
      observed: 6,
      expected: "7..26",
      message:
        "Opset 6 is older than 7, the oldest onnxruntime documents support for; this model loads and runs all the same, so it is a warning. Re-export it with a newer opset before a runtime upgrade drops it.",
    });
  });

  it("fails when the model does not load, and the config's own minimum still fails", async () => {
    const broken = await runOnnx(setup(unknownOp()), ["--model", "m.onnx"]);
    expect(check(broken.report, "policy.opset.ai_onnx").status).toBe("pass");
    const old = buildModel({
      inputs: [{ name: "x", type: "FLOAT", shape: [3] }],
      outputs: [{ name: "y", type: "FLOAT", shape: [3] }],
      nodes: [{ op: "Frobnicate", inputs: ["x"], outputs: ["y"] }],
      opsets: { "": 6 },
    });
    const r = await runOnnx(setup(old), ["--model", "m.onnx"]);
    expect(r.code).toBe(1);
    expect(check(r.report, "policy.opset.ai_onnx")).toMatchObject({
      status: "fail",
      message:
        "Opset 6 is older than 7, the oldest onnxruntime documents support for, and onnxruntime does not load the model (see load.*).",
    });
    const strict = await runOnnx(setup(relu({ opsets: { "": 8 } }), undefined, "gates:\n  onnx:\n    opset:\n      min: 10\n"), [
      "--model",
      "m.onnx",
    ]);
    expect(strict.code).toBe(1);
    expect(check(strict.report, "policy.opset.ai_onnx")).toMatchObject({
      status: "fail",
      message: "Opset 8 is older than the minimum 10 (gates.onnx.opset.min).",
    });
  });
});

describe("random operators", () => {
  const x = { name: "x", type: "FLOAT" as const, shape: [2, 3] };

  it("skip parity and determinism of the outputs they reach; the model's other outputs are still judged", async () => {
    // y = relu(x) is deterministic; r = relu(x) + noise depends on RandomNormalLike.
    const model = buildModel({
      inputs: [x],
      outputs: [
        { name: "y", type: "FLOAT", shape: [2, 3] },
        { name: "r", type: "FLOAT", shape: [2, 3] },
      ],
      nodes: [
        { op: "Relu", inputs: ["x"], outputs: ["y"] },
        { op: "RandomNormalLike", inputs: ["x"], outputs: ["noise"] },
        { op: "Add", inputs: ["y", "noise"], outputs: ["r"] },
      ],
    });
    const xs = [-1, 2, -3, 4, -5, 6];
    const relu6 = xs.map((v) => Math.max(0, v));
    const good = await runOnnx(
      setup(model, { inputs: [f32([2, 3], xs)], outputs: [f32([2, 3], relu6), f32([2, 3], [9, 9, 9, 9, 9, 9])] }),
      withData,
    );
    expect(good.code).toBe(0);
    const why =
      "Not judged: r depends on RandomNormalLike, whose values are random draws that no reference or second run is meant to match.";
    for (const id of ["parity.test_data_set_0.r", "determinism.r", "parity.optimization.r"])
      expect(check(good.report, id)).toMatchObject({ status: "skip", message: why });
    expect(check(good.report, "parity.test_data_set_0.r").examples).toBeUndefined();
    for (const id of ["parity.test_data_set_0.y", "determinism.y", "parity.optimization.y", "numeric.r"])
      expect(check(good.report, id).status).toBe("pass");
    // The deterministic output's reference moved: still caught.
    const moved = [...relu6];
    moved[1] = relu6[1]! + 1;
    const bad = await runOnnx(
      setup(model, { inputs: [f32([2, 3], xs)], outputs: [f32([2, 3], moved), f32([2, 3], relu6)] }),
      withData,
    );
    expect(bad.code).toBe(1);
    expect(bad.report.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual(["parity.test_data_set_0.y"]);
  });

  it("Dropout is random in training mode only", async () => {
    const dropout = (training: boolean): Uint8Array =>
      buildModel({
        inputs: [x],
        outputs: [{ name: "y", type: "FLOAT", shape: [2, 3] }],
        initializers: [
          { name: "ratio", type: "FLOAT", dims: [], values: [0.5] },
          { name: "training", type: "BOOL", dims: [], values: [training] },
        ],
        nodes: [{ op: "Dropout", inputs: ["x", "ratio", "training"], outputs: ["y"] }],
      });
    const train = await runOnnx(setup(dropout(true)), ["--model", "m.onnx"]);
    expect(check(train.report, "determinism.y")).toMatchObject({
      status: "skip",
      details: { random_ops: "Dropout (training mode)" },
    });
    const infer = await runOnnx(setup(dropout(false)), ["--model", "m.onnx"]);
    expect(check(infer.report, "determinism.y").status).toBe("pass");
    expect(check(infer.report, "determinism.y").details?.random_ops).toBeUndefined();
  });

  it("Dropout fed ratio 0 by every reference set is judged (and a moved reference output is caught)", async () => {
    const model = buildModel({
      inputs: [x, { name: "r", type: "FLOAT", shape: [] }],
      outputs: [{ name: "y", type: "FLOAT", shape: [2, 3] }],
      initializers: [{ name: "training", type: "BOOL", dims: [], values: [true] }],
      nodes: [{ op: "Dropout", inputs: ["x", "r", "training"], outputs: ["y"] }],
    });
    const xs = [1, 2, 3, 4, 5, 6];
    const ratio0 = await runOnnx(
      setup(model, { inputs: [f32([2, 3], xs), f32([], [0])], outputs: [f32([2, 3], [1, 2, 3, 4, 5, 7])] }),
      withData,
    );
    expect(ratio0.code).toBe(1);
    expect(check(ratio0.report, "parity.test_data_set_0.y").status).toBe("fail");
    const half = await runOnnx(setup(model, { inputs: [f32([2, 3], xs), f32([], [0.5])], outputs: [f32([2, 3], xs)] }), withData);
    expect(half.code).toBe(0);
    expect(check(half.report, "parity.test_data_set_0.y")).toMatchObject({
      status: "skip",
      details: { random_ops: "Dropout (training mode)" },
    });
  });
});
