import type onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/core/onnx/build.js";
import { encodeModel, onnx } from "../../src/core/onnx/proto.js";
import { cleanOrtMessage, offendingOp } from "../../src/gates/onnx/load.js";
import { check, runOnnx } from "./harness.js";
import { tmpDir, write } from "./models.js";

const T = onnx.TensorProto.DataType;

function branch(name: string, op: string): onnxProto.onnx.IGraphProto {
  return {
    name,
    node: [{ opType: op, input: ["x"], output: [`${name}_out`], name: `${name}_node` }],
    output: [
      {
        name: `${name}_out`,
        type: { tensorType: { elemType: T.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimValue: 3 }] } } },
      },
    ],
  };
}

/** y = cond ? relu(x) : neg(x), with the branches as subgraphs of an If node. */
function ifModel(): Uint8Array {
  const G = onnx.AttributeProto.AttributeType.GRAPH;
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    graph: {
      name: "if",
      input: [
        { name: "cond", type: { tensorType: { elemType: T.BOOL, shape: { dim: [] } } } },
        { name: "x", type: { tensorType: { elemType: T.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimValue: 3 }] } } } },
      ],
      output: [
        { name: "y", type: { tensorType: { elemType: T.FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimValue: 3 }] } } } },
      ],
      node: [
        {
          opType: "If",
          input: ["cond"],
          output: ["y"],
          name: "if",
          attribute: [
            { name: "then_branch", type: G, g: branch("then", "Relu") },
            { name: "else_branch", type: G, g: branch("else", "Neg") },
          ],
        },
      ],
    },
  });
}

describe("inspection", () => {
  it("counts operators inside If branches, reads a bool scalar input, and runs the model", async () => {
    const dir = tmpDir();
    write(dir, "if.onnx", ifModel());
    const r = await runOnnx(dir, ["--model", "if.onnx"]);
    const m = (r.report.metrics as { models: { ops: unknown; nodes: number; inputs: unknown }[] }).models[0]!;
    expect(m.nodes).toBe(3);
    expect(m.ops).toEqual([
      { domain: "ai.onnx", op: "If", count: 1 },
      { domain: "ai.onnx", op: "Neg", count: 1 },
      { domain: "ai.onnx", op: "Relu", count: 1 },
    ]);
    expect(m.inputs).toEqual([
      { name: "cond", dtype: "bool", shape: [] },
      { name: "x", dtype: "float32", shape: ["batch", 3] },
    ]);
    expect(check(r.report, "load.all").status).toBe("pass");
    // cond is a scalar, so the inputs share no leading batch dim: no batch check, but a sweep over batch.
    expect(r.report.checks.some((c) => c.id.startsWith("batch."))).toBe(false);
    expect(check(r.report, "shape.batch-1").status).toBe("pass");
    expect(r.code).toBe(0);
  });

  it("float16 and int64 inputs are synthesised and compared", async () => {
    const dir = tmpDir();
    write(
      dir,
      "half.onnx",
      buildModel({
        inputs: [
          { name: "h", type: "FLOAT16", shape: ["batch", 2] },
          { name: "i", type: "INT64", shape: ["batch", 2] },
        ],
        outputs: [
          { name: "h2", type: "FLOAT16", shape: ["batch", 2] },
          { name: "i2", type: "INT64", shape: ["batch", 2] },
        ],
        nodes: [
          { op: "Relu", inputs: ["h"], outputs: ["h2"] },
          { op: "Add", inputs: ["i", "i"], outputs: ["i2"] },
        ],
      }),
    );
    const r = await runOnnx(dir, ["--model", "half.onnx"]);
    expect(r.code).toBe(0);
    expect(check(r.report, "numeric.h2").status).toBe("pass");
    expect(check(r.report, "determinism.i2")).toMatchObject({ status: "pass", expected: "exact match" });
    expect(r.report.checks.some((c) => c.id === "numeric.i2")).toBe(false);
  });

  it("a model with static shapes has no sweep or batch check and is timed at its own batch", async () => {
    const dir = tmpDir();
    write(
      dir,
      "static.onnx",
      buildModel({
        inputs: [{ name: "x", type: "FLOAT", shape: [2, 3] }],
        outputs: [{ name: "y", type: "FLOAT", shape: [2, 3] }],
        nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }],
      }),
    );
    const r = await runOnnx(dir, ["--model", "static.onnx"]);
    expect(r.report.checks.map((c) => c.id).filter((id) => /^(shape|batch|latency)\./.test(id))).toEqual(["latency.batch_2"]);
  });

  it("onnxruntime's messages lose their C++ location and signature; the operator is found in each wording", () => {
    const raw =
      "/onnxruntime_src/onnxruntime/core/graph/model.cc:202 onnxruntime::Model::Model(onnx::ModelProto&&, const onnxruntime::PathString&, const onnxruntime::logging::Logger&, const onnxruntime::ModelOptions&) Unsupported model IR version: 14, max supported IR version: 13\n";
    expect(cleanOrtMessage(raw)).toBe("Unsupported model IR version: 14, max supported IR version: 13");
    expect(offendingOp("Error No Op registered for Frobnicate with domain_version of 17")).toBe("Frobnicate");
    expect(offendingOp("Fatal error: com.acme:Scale(-1) is not a registered function/op")).toBe("com.acme:Scale");
    expect(offendingOp("Could not find an implementation for Gelu(20) node with name 'g'")).toBe("Gelu");
    expect(offendingOp("Unsupported model IR version: 14, max supported IR version: 13")).toBeUndefined();
  });
});
