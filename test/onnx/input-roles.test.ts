import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { buildModel, type ModelSpec, type NodeSpec, type ValueSpec } from "../../src/core/onnx/build.js";
import { decodeModel } from "../../src/core/onnx/proto.js";
import { inspectModel, type ModelInfo } from "../../src/gates/onnx/inspect.js";
import { sessionOptions } from "../../src/gates/onnx/load.js";
import { runSession } from "../../src/gates/onnx/run.js";
import { planDims, synthFeed, type Feed } from "../../src/gates/onnx/synth.js";
import { check, runOnnx } from "./harness.js";
import { tmpDir, write } from "./models.js";

function model(inputs: ValueSpec[], nodes: NodeSpec[], outputs: ValueSpec[], extra: Partial<ModelSpec> = {}): Uint8Array {
  return buildModel({ inputs, outputs, nodes, ...extra });
}

function info(bytes: Uint8Array): ModelInfo {
  return inspectModel({ display: "m.onnx", path: "/nonexistent/m.onnx", bytes, proto: decodeModel(bytes), external: [] });
}

/** The gate's made-up feed at the batch it tries first, and whether onnxruntime runs the model on it. */
async function madeUp(bytes: Uint8Array, batch = 4): Promise<{ feed: Feed; values: (name: string) => number[]; error?: string }> {
  const i = info(bytes);
  const plan = planDims(i.inputs);
  const choice = new Map([...plan.values].map(([k]) => [k, batch]));
  const feed = synthFeed(i.inputs, choice);
  const session = await ort.InferenceSession.create(bytes, sessionOptions("all"));
  try {
    const res = await runSession(session, feed);
    return {
      feed,
      values: (n) => Array.from(feed[n]!.data as ArrayLike<number | bigint>, Number),
      ...(res.ok ? {} : { error: res.error }),
    };
  } finally {
    await session.release();
  }
}

const x = (shape: (number | string)[]): ValueSpec => ({ name: "x", type: "FLOAT", shape });
const y = (shape: (number | string | null)[]): ValueSpec => ({ name: "y", type: "FLOAT", shape });

describe("made-up inputs that feed a shape, axis, index, repeat or scale take values the operator accepts", () => {
  it("Reshape's shape: -1 then 1s, whatever the element count", async () => {
    const m = model(
      [x(["batch", 6]), { name: "shape", type: "INT64", shape: [3] }],
      [{ op: "Reshape", inputs: ["x", "shape"], outputs: ["y"] }],
      [y([null, null, null])],
    );
    expect(info(m).inputs[1]!.role).toEqual({ rule: { kind: "reshape" }, position: 'Reshape "Reshape_0" input 1' });
    const r = await madeUp(m);
    expect(r.values("shape")).toEqual([-1, 1, 1]);
    expect(r.error).toBeUndefined();
  });

  it("Gather's indices through a Cast: uniform in [0, dim) of the data's gathered axis", async () => {
    const m = model(
      [
        { name: "data", type: "FLOAT", shape: [3, 50] },
        { name: "idx", type: "INT32", shape: ["batch", 8] },
      ],
      [
        { op: "Cast", inputs: ["idx"], outputs: ["idx64"], attrs: { to: 7 } },
        { op: "Gather", inputs: ["data", "idx64"], outputs: ["y"], attrs: { axis: 1 } },
      ],
      [y([3, null, 8])],
    );
    expect(info(m).inputs[1]!.role).toMatchObject({ rule: { kind: "index", data: { input: "data" }, axis: 1 } });
    const r = await madeUp(m);
    const v = r.values("idx");
    expect(v).toHaveLength(32);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(50);
    // Spread over the axis, not stuck in [0, 4).
    expect(Math.max(...v)).toBeGreaterThan(4);
    expect(r.error).toBeUndefined();
  });

  it("Slice: starts 0, ends past the end, axes 0, 1, …, steps 1", async () => {
    const ints = (name: string): ValueSpec => ({ name, type: "INT64", shape: [2] });
    const m = model(
      [x(["batch", 4, 3]), ints("starts"), ints("ends"), ints("axes"), ints("steps")],
      [{ op: "Slice", inputs: ["x", "starts", "ends", "axes", "steps"], outputs: ["y"] }],
      [y([null, null, null])],
    );
    const r = await madeUp(m);
    expect([r.values("starts"), r.values("ends"), r.values("axes"), r.values("steps")]).toEqual([
      [0, 0],
      [2147483647, 2147483647],
      [0, 1],
      [1, 1],
    ]);
    expect(r.error).toBeUndefined();
  });

  it("GatherElements and GatherND indices stay inside the data's dims", async () => {
    const ge = model(
      [
        { name: "data", type: "FLOAT", shape: [2, 7] },
        { name: "idx", type: "INT64", shape: [2, 9] },
      ],
      [{ op: "GatherElements", inputs: ["data", "idx"], outputs: ["y"], attrs: { axis: 1 } }],
      [y([2, 9])],
    );
    const a = await madeUp(ge);
    expect(Math.max(...a.values("idx"))).toBeLessThan(7);
    expect(a.error).toBeUndefined();
    const nd = model(
      [
        { name: "data", type: "FLOAT", shape: [2, 6, 3] },
        { name: "idx", type: "INT64", shape: [5, 2] },
      ],
      [{ op: "GatherND", inputs: ["data", "idx"], outputs: ["y"] }],
      [y([5, 3])],
    );
    const b = await madeUp(nd);
    const v = b.values("idx");
    expect(v.filter((_, i) => i % 2 === 0).every((k) => k >= 0 && k < 2)).toBe(true);
    expect(v.filter((_, i) => i % 2 === 1).every((k) => k >= 0 && k < 6)).toBe(true);
    expect(b.error).toBeUndefined();
  });

  it("Expand, Tile, TopK, OneHot, Range, ConstantOfShape, Pad, Squeeze, Unsqueeze, Resize, integer Div: each runs", async () => {
    const i64 = (name: string, shape: number[]): ValueSpec => ({ name, type: "INT64", shape });
    const cases: { m: Uint8Array; want: Record<string, number[]> }[] = [
      {
        m: model([x([3, 1]), i64("s", [3])], [{ op: "Expand", inputs: ["x", "s"], outputs: ["y"] }], [y([null, null, null])]),
        want: { s: [1, 1, 1] },
      },
      {
        m: model([x([3, 2]), i64("r", [2])], [{ op: "Tile", inputs: ["x", "r"], outputs: ["y"] }], [y([null, null])]),
        want: { r: [1, 1] },
      },
      {
        m: model(
          [x([3, 2]), i64("k", [1])],
          [{ op: "TopK", inputs: ["x", "k"], outputs: ["y", "i"] }],
          [y([3, null]), { name: "i", type: "INT64", shape: [3, null] }],
        ),
        want: { k: [1] },
      },
      {
        m: model(
          [i64("ix", [5]), i64("depth", []), { name: "vals", type: "FLOAT", shape: [2] }],
          [{ op: "OneHot", inputs: ["ix", "depth", "vals"], outputs: ["y"] }],
          [y([5, null])],
        ),
        want: { depth: [4] },
      },
      {
        m: model(
          [i64("a", []), i64("b", []), i64("d", [])],
          [{ op: "Range", inputs: ["a", "b", "d"], outputs: ["r"] }],
          [{ name: "r", type: "INT64", shape: [null] }],
        ),
        want: { a: [0], b: [4], d: [1] },
      },
      {
        m: model([i64("s", [3])], [{ op: "ConstantOfShape", inputs: ["s"], outputs: ["y"] }], [y([null, null, null])]),
        want: { s: [1, 1, 1] },
      },
      {
        m: model([x([3, 2]), i64("p", [4])], [{ op: "Pad", inputs: ["x", "p"], outputs: ["y"] }], [y([null, null])]),
        want: { p: [0, 0, 0, 0] },
      },
      {
        m: model([x([3, 1, 2, 1]), i64("ax", [2])], [{ op: "Squeeze", inputs: ["x", "ax"], outputs: ["y"] }], [y([3, 2])]),
        want: { ax: [1, 3] },
      },
      {
        m: model(
          [x([3, 2]), i64("ax", [2])],
          [{ op: "Unsqueeze", inputs: ["x", "ax"], outputs: ["y"] }],
          [y([null, null, null, null])],
        ),
        want: { ax: [0, 1] },
      },
      {
        m: model(
          [x([1, 1, 4, 4]), { name: "roi", type: "FLOAT", shape: [8] }, i64("sizes", [4])],
          [
            {
              op: "Resize",
              inputs: ["x", "roi", "", "sizes"],
              outputs: ["y"],
              attrs: { coordinate_transformation_mode: "tf_crop_and_resize" },
            },
          ],
          [y([null, null, null, null])],
        ),
        want: { roi: [0, 0, 0, 0, 1, 1, 1, 1], sizes: [1, 1, 4, 4] },
      },
      {
        m: model(
          [x([1, 1, 4, 4]), { name: "roi", type: "FLOAT", shape: [0] }, { name: "scales", type: "FLOAT", shape: [4] }],
          [{ op: "Resize", inputs: ["x", "roi", "scales"], outputs: ["y"] }],
          [y([null, null, null, null])],
        ),
        want: { scales: [1, 1, 1, 1] },
      },
    ];
    for (const c of cases) {
      const r = await madeUp(c.m);
      for (const [name, want] of Object.entries(c.want)) expect(r.values(name), name).toEqual(want);
      expect(r.error).toBeUndefined();
    }
    const div = model(
      [
        { name: "a", type: "INT32", shape: [50] },
        { name: "b", type: "INT32", shape: [50] },
      ],
      [{ op: "Div", inputs: ["a", "b"], outputs: ["q"] }],
      [{ name: "q", type: "INT32", shape: [50] }],
    );
    const d = await madeUp(div);
    expect(Math.min(...d.values("b"))).toBeGreaterThanOrEqual(1);
    expect(d.error).toBeUndefined();
  });

  it("a float input into Sqrt, Log, Pow's base or Acosh lies in the operator's domain: no NaN, no numeric warning", async () => {
    const m = model(
      [x(["batch", 50]), { name: "a", type: "FLOAT", shape: [50] }, { name: "i", type: "INT64", shape: [3] }],
      [
        { op: "Sqrt", inputs: ["x"], outputs: ["y"] },
        { op: "Acosh", inputs: ["a"], outputs: ["z"] },
        { op: "Pow", inputs: ["i", "i"], outputs: ["p"] },
      ],
      [y(["batch", 50]), { name: "z", type: "FLOAT", shape: [50] }, { name: "p", type: "INT64", shape: [3] }],
    );
    const roles = info(m).inputs.map((v) => v.role);
    expect(roles).toEqual([
      { rule: { kind: "range", lo: 0.1, hi: 2 }, position: 'Sqrt "Sqrt_0" input 0' },
      { rule: { kind: "range", lo: 1, hi: 3 }, position: 'Acosh "Acosh_1" input 0' },
      // An integer Pow has no float domain to respect.
      undefined,
    ]);
    const r = await madeUp(m);
    expect(Math.min(...r.values("x"))).toBeGreaterThanOrEqual(0.1);
    expect(Math.min(...r.values("a"))).toBeGreaterThanOrEqual(1);
    const dir = tmpDir();
    write(dir, "m.onnx", m);
    const gate = await runOnnx(dir, ["--model", "m.onnx"]);
    expect(check(gate.report, "numeric.y")).toMatchObject({ status: "pass", observed: "all 50 finite" });
    expect(check(gate.report, "numeric.z")).toMatchObject({ status: "pass", observed: "all 50 finite" });
  });

  it("the gate on a Reshape model without reference data: runs at every size of the sweep, no warning", async () => {
    const dir = tmpDir();
    write(
      dir,
      "m.onnx",
      model(
        [x(["batch", 6]), { name: "shape", type: "INT64", shape: [2] }],
        [{ op: "Reshape", inputs: ["x", "shape"], outputs: ["y"] }],
        [y([null, null])],
      ),
    );
    write(dir, "mlgate.yml", new TextEncoder().encode("gates:\n  onnx:\n    dims:\n      batch: [1, 3]\n"));
    const r = await runOnnx(dir, ["--model", "m.onnx"]);
    expect(r.code).toBe(0);
    expect(r.report.status).toBe("pass");
    expect(check(r.report, "latency.batch_1").observed).toMatch(/^p50 /);
    expect(check(r.report, "shape.batch-3")).toMatchObject({ status: "pass", observed: "y [18, 1]" });
    expect(r.report.checks.filter((c) => c.status === "warn" || c.status === "fail")).toEqual([]);
  });

  it("a part of a Concat that reaches Reshape's shape, and MaxUnpool's output_shape: no valid values, so a failed run is skipped with the reason", async () => {
    const cat = model(
      [x(["batch", 6]), { name: "tail", type: "INT64", shape: [1] }],
      [
        { op: "Concat", inputs: ["head", "tail"], outputs: ["shape"], attrs: { axis: 0 } },
        { op: "Reshape", inputs: ["x", "shape"], outputs: ["y"] },
      ],
      [y([null, null])],
      { initializers: [{ name: "head", type: "INT64", dims: [1], values: [5n] }] },
    );
    expect(info(cat).inputs[1]!.role).toEqual({
      unresolved: 'it is part of a Concat that reaches Reshape "Reshape_1" input 1',
      position: 'Reshape "Reshape_1" input 1',
    });
    const dir = tmpDir();
    write(
      dir,
      "m.onnx",
      model(
        [
          { name: "xT", type: "FLOAT", shape: [1, 1, 2, 2] },
          { name: "xI", type: "INT64", shape: [1, 1, 2, 2] },
          { name: "output_shape", type: "INT64", shape: [4] },
        ],
        [
          {
            op: "MaxUnpool",
            inputs: ["xT", "xI", "output_shape"],
            outputs: ["y"],
            attrs: { kernel_shape: [2, 2], strides: [2, 2] },
          },
        ],
        [y([null, null, null, null])],
        { opsets: { "": 11 } },
      ),
    );
    const r = await runOnnx(dir, ["--model", "m.onnx"]);
    expect(r.code).toBe(0);
    const lat = check(r.report, "latency.batch_1");
    expect(lat.status).toBe("skip");
    expect(lat.message).toMatch(
      /^Not judged on synthesised inputs: output_shape: it reaches MaxUnpool "MaxUnpool_0" input 2, whose valid values depend on the data, and the gate cannot choose valid values for that \(--test-data decides it\)\. The model does not run at batch 1 on synthesised inputs: /,
    );
  });
});
