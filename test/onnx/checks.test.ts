import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check, runOnnx, statuses } from "./harness.js";
import { addSeq, batchMean, customDomain, fixedReshape, negLogOp, randomOp, relu, tmpDir, unknownOp, write } from "./models.js";

function setup(name: string, bytes: Uint8Array, config?: string): string {
  const dir = tmpDir();
  write(dir, name, bytes);
  if (config) write(dir, "mlgate.yml", new TextEncoder().encode(config));
  return dir;
}

describe("mlgate onnx on small models built in TypeScript", () => {
  it("passes a healthy model and reports what it inspected", async () => {
    const dir = setup("relu.onnx", relu({ metadata: { owner: "ml-team" } }));
    const r = await runOnnx(dir, ["--model", "relu.onnx"]);
    expect(r.code).toBe(0);
    expect(r.report.status).toBe("pass");
    expect(statuses(r.report)).toEqual({
      "policy.ir_version": "pass",
      "policy.opset.ai_onnx": "pass",
      "policy.domain.ai_onnx": "pass",
      "load.disabled": "pass",
      "load.all": "pass",
      "numeric.y": "pass",
      "determinism.y": "pass",
      "parity.optimization.y": "pass",
      "batch.y": "pass",
      "shape.batch-1": "pass",
      "shape.batch-4": "pass",
      "latency.batch_1": "skip",
    });
    const sha = createHash("sha256")
      .update(readFileSync(path.join(dir, "relu.onnx")))
      .digest("hex");
    expect(r.report.subject).toMatchObject({ path: "relu.onnx", sha256: sha, role: "candidate" });
    expect(r.report.provenance.inputs).toEqual({ "relu.onnx": sha });
    const m = (r.report.metrics as { models: Record<string, unknown>[] }).models[0]!;
    expect(m).toMatchObject({
      ir_version: 8,
      opsets: { "ai.onnx": 17 },
      nodes: 1,
      ops: [{ domain: "ai.onnx", op: "Relu", count: 1 }],
      inputs: [{ name: "x", dtype: "float32", shape: ["batch", 3] }],
      metadata: { owner: "ml-team" },
      load: { disabled: true, all: true },
    });
    const table = r.report.sections?.find((s) => s.title === "Models");
    expect(table?.kind === "table" && table.rows[0]?.slice(0, 8)).toEqual([
      "relu.onnx",
      8,
      "ai.onnx 17",
      1,
      1,
      0,
      "130 B",
      "yes",
    ]);
  });

  it("an operator onnxruntime does not know fails load.* and names the operator", async () => {
    const r = await runOnnx(setup("bad.onnx", unknownOp()), ["--model", "bad.onnx"]);
    expect(r.code).toBe(1);
    for (const id of ["load.disabled", "load.all"]) {
      const c = check(r.report, id);
      expect(c.status).toBe("fail");
      expect(c.details?.op).toBe("Frobnicate");
      expect(c.message).toContain("No Op registered for Frobnicate with domain_version of 17");
      expect(c.message).not.toContain("onnxruntime_src");
    }
    expect(r.report.summary).toBe("bad.onnx: 2 check(s) failed (load.disabled, load.all) against onnxruntime 1.30");
  });

  it("an opset above the target runtime's fails policy.opset.ai_onnx; the same model passes a newer target", async () => {
    const dir = setup("new.onnx", relu({ opsets: { "": 22 }, irVersion: 10 }), "gates:\n  onnx:\n    target_ort: '1.20'\n");
    const r = await runOnnx(dir, ["--model", "new.onnx"]);
    expect(r.code).toBe(1);
    expect(check(r.report, "policy.opset.ai_onnx")).toMatchObject({ status: "fail", observed: 22, expected: "7..21" });
    expect(check(r.report, "policy.opset.ai_onnx").message).toBe(
      "Opset 22 is newer than 21 (onnxruntime 1.20 implements ai.onnx up to opset 21); export with opset 21 or upgrade the runtime.",
    );
    expect(check(r.report, "policy.ir_version").status).toBe("pass");
    expect(check(r.report, "load.all").status).toBe("pass");
    const newer = setup("new.onnx", relu({ opsets: { "": 22 }, irVersion: 10 }), "gates:\n  onnx:\n    target_ort: '1.23'\n");
    expect((await runOnnx(newer, ["--model", "new.onnx"])).code).toBe(0);
  });

  it("an IR version above the target fails policy.ir_version", async () => {
    const dir = setup("ir.onnx", relu({ irVersion: 11 }), "gates:\n  onnx:\n    target_ort: '1.22'\n");
    const r = await runOnnx(dir, ["--model", "ir.onnx"]);
    expect(check(r.report, "policy.ir_version")).toMatchObject({ status: "fail", observed: 11, expected: "<= 10" });
  });

  it("a custom domain fails policy.domain.<domain> unless allowed; the load failure names domain:op", async () => {
    const r = await runOnnx(setup("custom.onnx", customDomain()), ["--model", "custom.onnx"]);
    expect(check(r.report, "policy.domain.com_acme")).toMatchObject({ status: "fail", observed: "1 node(s): Scale" });
    expect(check(r.report, "load.disabled").details?.op).toBe("com.acme:Scale");
    const allowed = setup("custom.onnx", customDomain(), "gates:\n  onnx:\n    allowed_domains: [com.acme]\n");
    const a = await runOnnx(allowed, ["--model", "custom.onnx"]);
    expect(check(a.report, "policy.domain.com_acme").status).toBe("pass");
    expect(check(a.report, "load.disabled").status).toBe("fail");
  });

  it("a dynamic batch that only works at 1 fails the shape sweep at the larger size", async () => {
    const r = await runOnnx(setup("reshape.onnx", fixedReshape()), ["--model", "reshape.onnx"]);
    expect(r.code).toBe(1);
    expect(check(r.report, "shape.batch-1").status).toBe("pass");
    const big = check(r.report, "shape.batch-4");
    expect(big.status).toBe("fail");
    expect(big.message).toMatch(/^onnxruntime: .*Reshape/);
    expect(big.details).toEqual({ batch: 4, inputs: "synthesised" });
    // The numbers are still judged, at the smallest shapes; the batch check needs the batch to run.
    expect(check(r.report, "numeric.y").status).toBe("pass");
    expect(check(r.report, "determinism.y").status).toBe("pass");
    // Its batched run fails only on synthesised inputs: a warning (the sweep's failure decides).
    expect(check(r.report, "batch.invariance")).toMatchObject({ status: "warn", details: { inputs: "synthesised" } });
    expect(check(r.report, "batch.invariance").message).toMatch(
      /^The batched run \(batch 4\) failed on synthesised inputs: .* Only synthesised inputs provoke this, so it is a warning\.$/,
    );
  });

  it("the sweep covers every combination of the configured dims", async () => {
    const dir = setup("seq.onnx", addSeq(), "gates:\n  onnx:\n    dims:\n      batch: [1, 2]\n      seq: [3, 5]\n");
    const r = await runOnnx(dir, ["--model", "seq.onnx"]);
    expect(r.code).toBe(0);
    const shapes = r.report.checks.filter((c) => c.id.startsWith("shape."));
    expect(shapes.map((c) => [c.id, c.status, c.observed])).toEqual([
      ["shape.batch-1_seq-3", "pass", "sum [1, 3]"],
      ["shape.batch-1_seq-5", "pass", "sum [1, 5]"],
      ["shape.batch-2_seq-3", "pass", "sum [2, 3]"],
      ["shape.batch-2_seq-5", "pass", "sum [2, 5]"],
    ]);
    expect(check(r.report, "batch.sum").status).toBe("pass");
  });

  it("a random op: parity and determinism of its output are not judged, with the reason", async () => {
    const r = await runOnnx(setup("rand.onnx", randomOp()), ["--model", "rand.onnx"]);
    expect(r.code).toBe(0);
    const why =
      "Not judged: y depends on RandomUniformLike, whose values are random draws that no reference or second run is meant to match.";
    for (const id of ["determinism.y", "batch.y", "parity.optimization.y"])
      expect(check(r.report, id)).toMatchObject({ status: "skip", message: why, details: { random_ops: "RandomUniformLike" } });
    expect(check(r.report, "numeric.y").status).toBe("pass");
    expect(r.report.checks.filter((x) => x.status === "fail")).toEqual([]);
  });

  it("a reduction over the batch axis fails batch.* (row by row differs from batched) and nothing else", async () => {
    const r = await runOnnx(setup("mean.onnx", batchMean()), ["--model", "mean.onnx"]);
    const failed = r.report.checks.filter((c) => c.status === "fail").map((c) => c.id);
    expect(failed).toEqual(["batch.y"]);
    expect(check(r.report, "batch.y").message).toMatch(
      /^12 of 12 elements of y differ \(4 rows of synthesised inputs run one by one vs batch 4\); worst y\[\d, \d\]/,
    );
  });

  it("NaN on synthesised inputs warns numeric.* (the values were made up; exit 0)", async () => {
    const r = await runOnnx(setup("log.onnx", negLogOp()), ["--model", "log.onnx"]);
    expect(r.code).toBe(0);
    const c = check(r.report, "numeric.y");
    expect(c.status).toBe("warn");
    expect(c.observed).toMatch(/^\d+ NaN, 0 infinite of 12$/);
    expect(check(r.report, "determinism.y").status).toBe("pass");
    expect(check(r.report, "parity.optimization.y").status).toBe("pass");
  });

  it("operator lists, size and metadata rules come from the config; waivers turn failures into warnings", async () => {
    const cfg = [
      "gates:",
      "  onnx:",
      "    denied_ops: [Relu]",
      "    allowed_ops: [Gemm]",
      "    max_size_mb: 0.0001",
      "    required_metadata: [owner, license]",
    ].join("\n");
    const dir = setup("m.onnx", relu({ metadata: { owner: "ml-team" } }), cfg);
    const r = await runOnnx(dir, ["--model", "m.onnx"]);
    expect(check(r.report, "policy.ops.denied")).toMatchObject({ status: "fail", observed: "Relu", failedRows: 1 });
    expect(check(r.report, "policy.ops.allowed")).toMatchObject({ status: "fail", observed: "Relu" });
    expect(check(r.report, "policy.size")).toMatchObject({ status: "fail", observed: 0.00013, expected: "<= 0.0001" });
    expect(check(r.report, "policy.metadata.owner").status).toBe("pass");
    expect(check(r.report, "policy.metadata.license").status).toBe("fail");
    const waivedDir = setup("mean.onnx", batchMean(), "gates:\n  onnx:\n    waive: ['batch.*']\n");
    const waived = await runOnnx(waivedDir, ["--model", "mean.onnx"]);
    expect(waived.code).toBe(0);
    expect(check(waived.report, "batch.y").status).toBe("warn");
    expect(check(waived.report, "batch.y").message).toMatch(/^Waived by gates\.onnx\.waive\. /);
  });
});
