import { describe, expect, it } from "vitest";
import { DataType, onnx } from "../../src/core/onnx/proto.js";
import { compareTensors } from "../../src/gates/onnx/compare.js";
import { decodeTensorFile, floatToHalf, halfToFloat, tensorFromProto, type HostTensor } from "../../src/gates/onnx/tensor.js";
import { check, runBundled, runOnnx } from "./harness.js";
import { fixedMlp, mlpForward, tensorPb, tmpDir, write } from "./models.js";

const ROWS = [
  [0.1, 0.2, 0.3, 0.4],
  [-1, 0.5, 2, 0],
  [3, -2, 0.25, 1],
];

/** A model folder with reference data computed by hand from the MLP's weights. */
function referenceDir(perturb?: { row: number; delta: number }): string {
  const dir = tmpDir();
  write(dir, "mlp.onnx", fixedMlp());
  const expected = ROWS.map((r) => mlpForward(r));
  if (perturb) expected[perturb.row]! += perturb.delta;
  write(dir, "data/test_data_set_0/input_0.pb", tensorPb("input", [3, 4], ROWS.flat()));
  write(dir, "data/test_data_set_0/output_0.pb", tensorPb("output", [3, 1], expected));
  write(dir, "data/test_data_set_1/input_0.pb", tensorPb("", [1, 4], ROWS[0]!));
  write(dir, "data/test_data_set_1/output_0.pb", tensorPb("", [1, 1], [mlpForward(ROWS[0]!)]));
  return dir;
}

describe("reference parity in the ONNX test layout", () => {
  it("passes when the stored outputs are right (matched by name in set 0, by position in set 1)", async () => {
    const r = await runBundled(["onnx", "--model", "mlp.onnx", "--test-data", "data", "--quiet"], referenceDir());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const g = await runOnnx(referenceDir(), ["--model", "mlp.onnx", "--test-data", "data"]);
    const c = check(g.report, "parity.test_data_set_0.output");
    expect(c.status).toBe("pass");
    expect(c.file).toBe("data/test_data_set_0/output_0.pb");
    expect(c.details).toMatchObject({ elements: 3, mismatches: 0, rtol: 0.001, atol: 0.00001 });
    expect(Number(c.details?.max_abs_error)).toBeLessThan(1e-6);
    expect(check(g.report, "parity.test_data_set_1.output").status).toBe("pass");
    expect(Object.keys(g.report.provenance.inputs).sort()).toEqual([
      "data/test_data_set_0/input_0.pb",
      "data/test_data_set_0/output_0.pb",
      "data/test_data_set_1/input_0.pb",
      "data/test_data_set_1/output_0.pb",
      "mlp.onnx",
    ]);
  });

  it("fails (exit 1) on perturbed outputs and names the output and the element", async () => {
    const dir = referenceDir({ row: 2, delta: 0.01 });
    const r = await runBundled(["onnx", "--model", "mlp.onnx", "--test-data", "data"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("parity.test_data_set_0.output");
    const g = await runOnnx(dir, ["--model", "mlp.onnx", "--test-data", "data"]);
    const c = check(g.report, "parity.test_data_set_0.output");
    expect(c.status).toBe("fail");
    expect(c.details).toMatchObject({ mismatches: 1, worst_index: "[2, 0]" });
    expect(Number(c.details?.max_abs_error)).toBeCloseTo(0.01, 6);
    expect(c.examples).toEqual([{ where: "output[2, 0]", value: expect.any(String) as string }]);
    expect(c.message).toMatch(
      /^1 of 3 elements of output differ \(vs data\/test_data_set_0\/output_0\.pb\); worst output\[2, 0\] = 0\.\d+ \(expected 0\.\d+\)/,
    );
    expect(check(g.report, "parity.test_data_set_1.output").status).toBe("pass");
  });

  it("a per-output tolerance override lets the same perturbation pass", async () => {
    const dir = referenceDir({ row: 2, delta: 0.01 });
    write(
      dir,
      "mlgate.yml",
      new TextEncoder().encode("gates:\n  onnx:\n    tolerance:\n      outputs:\n        output: { atol: 0.02 }\n"),
    );
    const g = await runOnnx(dir, ["--model", "mlp.onnx", "--test-data", "data"]);
    expect(check(g.report, "parity.test_data_set_0.output")).toMatchObject({
      status: "pass",
      details: { atol: 0.02, rtol: 0.001 },
    });
  });
});

function proto(fields: Parameters<typeof onnx.TensorProto.create>[0]): HostTensor {
  return tensorFromProto(onnx.TensorProto.decode(onnx.TensorProto.encode(onnx.TensorProto.create(fields)).finish()));
}

describe("TensorProto decoding", () => {
  it("reads the typed fields of every supported type", () => {
    expect(Array.from(proto({ dataType: DataType.FLOAT, dims: [2], floatData: [1.5, -2] }).data as Float32Array)).toEqual([
      1.5, -2,
    ]);
    expect(Array.from(proto({ dataType: DataType.DOUBLE, dims: [1], doubleData: [0.1] }).data as Float64Array)).toEqual([0.1]);
    expect(proto({ dataType: DataType.INT64, dims: [2], int64Data: [7, -9007199254740991] }).data).toEqual(
      BigInt64Array.from([7n, -9007199254740991n]),
    );
    expect(proto({ dataType: DataType.INT32, dims: [2], int32Data: [-3, 4] }).data).toEqual(Int32Array.from([-3, 4]));
    expect(proto({ dataType: DataType.UINT8, dims: [2], int32Data: [0, 255] }).data).toEqual(Uint8Array.from([0, 255]));
    expect(proto({ dataType: DataType.INT8, dims: [2], int32Data: [-128, 5] }).data).toEqual(Int8Array.from([-128, 5]));
    expect(proto({ dataType: DataType.BOOL, dims: [3], int32Data: [1, 0, 1] }).data).toEqual(Uint8Array.from([1, 0, 1]));
    const strings = proto({
      dataType: DataType.STRING,
      dims: [2],
      stringData: [new TextEncoder().encode("ja"), new TextEncoder().encode("nein")],
    });
    expect(strings.data).toEqual(["ja", "nein"]);
    const half = proto({ dataType: DataType.FLOAT16, dims: [2], int32Data: [floatToHalf(1.5), floatToHalf(-0.25)] });
    expect(Array.from(half.data as Uint16Array, halfToFloat)).toEqual([1.5, -0.25]);
  });

  it("reads raw_data little-endian, and rejects a raw_data of the wrong length", () => {
    const raw = new Uint8Array(new Float64Array([1.25, -3]).buffer);
    expect(Array.from(proto({ dataType: DataType.DOUBLE, dims: [2], rawData: raw }).data as Float64Array)).toEqual([1.25, -3]);
    expect(() => proto({ dataType: DataType.FLOAT, dims: [3], rawData: new Uint8Array(8) })).toThrow(
      "raw_data has 8 bytes, expected 12",
    );
    expect(() => decodeTensorFile(new Uint8Array(0))).toThrow("the file is empty");
  });
});

describe("tensor comparison", () => {
  const f = (v: number[], dims = [v.length]): HostTensor => ({ elemType: DataType.FLOAT, dims, data: Float32Array.from(v) });
  it("NaN equals NaN, infinities only themselves, tolerance |a-e| <= atol + rtol*|e|", () => {
    expect(compareTensors(f([NaN, Infinity, 1]), f([NaN, Infinity, 1]), { rtol: 0, atol: 0 }).mismatches).toBe(0);
    expect(compareTensors(f([-Infinity]), f([Infinity]), { rtol: 1, atol: 1 }).mismatches).toBe(1);
    expect(compareTensors(f([NaN]), f([0]), { rtol: 1, atol: 1 }).mismatches).toBe(1);
    expect(compareTensors(f([1.0011]), f([1]), { rtol: 1e-3, atol: 1e-5 }).mismatches).toBe(1);
    expect(compareTensors(f([1.0009]), f([1]), { rtol: 1e-3, atol: 1e-5 }).mismatches).toBe(0);
  });

  it("integers and strings are exact whatever the tolerance; the worst index is multi-dimensional", () => {
    const i = (v: number[]): HostTensor => ({ elemType: DataType.INT32, dims: [2, 2], data: Int32Array.from(v) });
    const c = compareTensors(i([1, 2, 3, 5]), i([1, 2, 3, 4]), { rtol: 1, atol: 10 });
    expect(c).toMatchObject({
      mismatches: 1,
      maxAbs: 1,
      exact: true,
      worst: { flat: 3, index: [1, 1], actual: "5", expected: "4" },
    });
    const s = (v: string[]): HostTensor => ({ elemType: DataType.STRING, dims: [2], data: v });
    expect(compareTensors(s(["a", "b"]), s(["a", "c"]), { rtol: 1, atol: 1 }).worst?.index).toEqual([1]);
    expect(compareTensors(f([1, 2]), f([1, 2, 3]), { rtol: 1, atol: 1 }).incompatible).toBe("shape [2], expected [3]");
  });
});
