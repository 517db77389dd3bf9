import { describe, expect, it } from "vitest";
import { buildModel, type ModelSpec } from "../../src/core/onnx/build.js";
import { percentile } from "../../src/gates/onnx/latency.js";
import { check, runOnnx, statuses } from "./harness.js";
import { relu, tmpDir, unknownOp, write } from "./models.js";

function scaled(factor: number, extra: Partial<ModelSpec> = {}): Uint8Array {
  return buildModel({
    inputs: [{ name: "x", type: "FLOAT", shape: ["batch", 3] }],
    outputs: [{ name: "y", type: "FLOAT", shape: ["batch", 3] }],
    nodes: [
      { op: "Relu", inputs: ["x"], outputs: ["r"] },
      { op: "Mul", inputs: ["r", "k"], outputs: ["y"] },
    ],
    initializers: [{ name: "k", type: "FLOAT", dims: [], values: [factor] }],
    ...extra,
  });
}

async function versus(candidate: Uint8Array, config = ""): Promise<Awaited<ReturnType<typeof runOnnx>>> {
  const dir = tmpDir();
  write(dir, "prod.onnx", relu());
  write(dir, "cand.onnx", candidate);
  if (config) write(dir, "mlgate.yml", new TextEncoder().encode(config));
  return runOnnx(dir, ["--model", "cand.onnx", "--baseline", "prod.onnx"]);
}

const onlySignature = (r: Awaited<ReturnType<typeof runOnnx>>): Record<string, string> =>
  Object.fromEntries(Object.entries(statuses(r.report)).filter(([id]) => id.startsWith("signature.")));

describe("serving contract against --baseline", () => {
  it("the same contract passes; both files are subjects with their roles", async () => {
    const r = await versus(scaled(1));
    expect(onlySignature(r)).toEqual({ "signature.input.x": "pass", "signature.output.y": "pass" });
    expect(r.report.subjects?.map((s) => [s.path, s.role])).toEqual([
      ["cand.onnx", "candidate"],
      ["prod.onnx", "baseline"],
    ]);
    expect(r.report.subject?.path).toBe("cand.onnx");
  });

  it("a renamed input is a removed input and an added required one: both break callers", async () => {
    const r = await versus(
      buildModel({
        inputs: [{ name: "features", type: "FLOAT", shape: ["batch", 3] }],
        outputs: [{ name: "y", type: "FLOAT", shape: ["batch", 3] }],
        nodes: [{ op: "Relu", inputs: ["features"], outputs: ["y"] }],
      }),
    );
    expect(r.code).toBe(1);
    expect(onlySignature(r)).toEqual({
      "signature.input.x": "fail",
      "signature.input.features": "fail",
      "signature.output.y": "pass",
    });
    expect(check(r.report, "signature.input.x").message).toBe(
      'The candidate removed input "x" (float32 [batch×3]): callers of the baseline break.',
    );
    expect(check(r.report, "signature.input.features").message).toBe(
      'The candidate adds required input "features" (float32 [batch×3]): callers of the baseline do not send it.',
    );
  });

  it("a changed dtype or static dim breaks; a dynamic dim made static breaks", async () => {
    const dtype = await versus(
      buildModel({
        inputs: [{ name: "x", type: "DOUBLE", shape: ["batch", 3] }],
        outputs: [{ name: "y", type: "DOUBLE", shape: ["batch", 3] }],
        nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }],
      }),
    );
    expect(check(dtype.report, "signature.input.x")).toMatchObject({
      status: "fail",
      observed: "float64 [batch×3]",
      expected: "float32 [batch×3]",
      message: 'input "x": dtype changed from float32 to float64; callers of the baseline break.',
    });
    const dims = await versus(
      buildModel({
        inputs: [{ name: "x", type: "FLOAT", shape: [8, 4] }],
        outputs: [{ name: "y", type: "FLOAT", shape: [8, 4] }],
        nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }],
      }),
    );
    expect(check(dims.report, "signature.input.x").message).toBe(
      'input "x": axis 0 was dynamic (batch) and is now fixed at 8; callers of the baseline break.',
    );
  });

  it("an added optional input (an initializer-backed input) and an added output only warn", async () => {
    const r = await versus(
      scaled(1, {
        inputs: [
          { name: "x", type: "FLOAT", shape: ["batch", 3] },
          { name: "k", type: "FLOAT", shape: [] },
        ],
        outputs: [
          { name: "y", type: "FLOAT", shape: ["batch", 3] },
          { name: "r", type: "FLOAT", shape: ["batch", 3] },
        ],
      }),
    );
    expect(onlySignature(r)).toEqual({
      "signature.input.x": "pass",
      "signature.input.k": "warn",
      "signature.output.y": "pass",
      "signature.output.r": "warn",
    });
    expect(r.code).toBe(0);
    expect(r.report.status).toBe("warn");
  });

  it("baseline parity runs only with baseline_tolerance, and uses it", async () => {
    const none = await versus(scaled(1.5));
    expect(none.report.checks.some((c) => c.id.startsWith("parity.baseline"))).toBe(false);
    const off = await versus(scaled(1.5), "gates:\n  onnx:\n    baseline_tolerance: { rtol: 0.01 }\n");
    expect(check(off.report, "parity.baseline.y")).toMatchObject({ status: "fail", details: { rtol: 0.01, atol: 0.0001 } });
    const close = await versus(scaled(1.005), "gates:\n  onnx:\n    baseline_tolerance: { rtol: 0.01 }\n");
    expect(check(close.report, "parity.baseline.y").status).toBe("pass");
  });
});

describe("a baseline that does not load", () => {
  it("warns once and the candidate is still judged on its own", async () => {
    const dir = tmpDir();
    write(dir, "prod.onnx", unknownOp());
    write(dir, "cand.onnx", relu());
    const r = await runOnnx(dir, ["--model", "cand.onnx", "--baseline", "prod.onnx"]);
    expect(r.code).toBe(0);
    expect(check(r.report, "load.baseline")).toMatchObject({
      status: "warn",
      observed: "fails at operator Frobnicate",
      file: "prod.onnx",
    });
    expect(check(r.report, "load.all").status).toBe("pass");
  });
});

describe("latency", () => {
  it("nearest-rank percentiles", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 95), percentile(v, 99), percentile([7], 99)]).toEqual([50, 95, 99, 7]);
  });

  it("a millisecond budget fails when p95 exceeds it; each configured batch size is measured", async () => {
    const dir = tmpDir();
    write(dir, "m.onnx", relu());
    const cfg = "gates:\n  onnx:\n    latency: { batch_sizes: [1, 16], runs: 20, warmup: 2, max_ms: 0.000001 }\n";
    write(dir, "mlgate.yml", new TextEncoder().encode(cfg));
    const r = await runOnnx(dir, ["--model", "m.onnx"]);
    for (const id of ["latency.batch_1", "latency.batch_16"]) {
      const c = check(r.report, id);
      expect(c.status).toBe("fail");
      expect(c.details?.runs).toBe(20);
      expect(c.message).toMatch(/^p95 \d+(\.\d+)? ms > 0\.000001 ms \(20 runs, one thread\)\.$/);
    }
  });

  it("a ratio budget is measured against the baseline in the same process", async () => {
    const dir = tmpDir();
    write(dir, "prod.onnx", relu());
    write(dir, "cand.onnx", relu());
    write(dir, "mlgate.yml", new TextEncoder().encode("gates:\n  onnx:\n    latency: { runs: 30, max_ratio: 1000 }\n"));
    const r = await runOnnx(dir, ["--model", "cand.onnx", "--baseline", "prod.onnx"]);
    const c = check(r.report, "latency.batch_1");
    expect(c.status).toBe("pass");
    expect(Number(c.details?.baseline_p95_ms)).toBeGreaterThan(0);
    expect(Number(c.details?.ratio)).toBeCloseTo(Number(c.details?.p95_ms) / Number(c.details?.baseline_p95_ms), 3);
  });
});
