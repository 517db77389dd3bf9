import { rmSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/serve/server.js";
import { floatToHalf, halfToFloat } from "../../src/gates/onnx/tensor.js";
import { getJson, identityModel, mixedModel, plain, postJson, runDirect, tmpDir, writeModel } from "./support.js";

/** In-process servers on the test models: every datatype, several inputs, v2 and v1 against onnxruntime run directly. */
let dir: string;
let identity: RunningServer;
let mixed: RunningServer;
let identityFile: string;
let mixedFile: string;

beforeAll(async () => {
  dir = tmpDir();
  identityFile = writeModel(dir, "identity.onnx", identityModel());
  mixedFile = writeModel(dir, "mixed.onnx", mixedModel());
  identity = await startServer({ model: { file: identityFile, name: "identity" }, port: 0 });
  mixed = await startServer({ model: { file: mixedFile, name: "mixed" }, port: 0 });
});

afterAll(async () => {
  await identity.close();
  await mixed.close();
  rmSync(dir, { recursive: true, force: true });
});

const BIG = "9007199254740993"; // 2^53 + 1: not a double, exact only as digits

const inputs = [
  { name: "i8", shape: [2, 2], datatype: "INT8", data: [-128, 127, 0, -1] },
  {
    name: "u8",
    shape: [2, 2],
    datatype: "UINT8",
    data: [
      [0, 255],
      [7, 8],
    ],
  },
  { name: "i16", shape: [2, 2], datatype: "INT16", data: [-32768, 32767, 1, 2] },
  { name: "i32", shape: [2, 2], datatype: "INT32", data: [-2147483648, 2147483647, 3, 4] },
  { name: "i64", shape: [2, 2], datatype: "INT64", data: [BIG, -5, 0, 9007199254740991] },
  { name: "f16", shape: [2, 2], datatype: "FP16", data: [0.5, -2, 65504, 0.1] },
  { name: "f64", shape: [2, 2], datatype: "FP64", data: [0.1, -1e300, "NaN", "-Infinity"] },
  { name: "b", shape: [2, 2], datatype: "BOOL", data: [true, false, false, true] },
  { name: "s", shape: [2, 2], datatype: "BYTES", data: ["a", "é ü", "", '"quoted"'] },
];

describe("Open Inference Protocol v2 datatypes", () => {
  it("answers every datatype exactly as onnxruntime computes it on the same inputs", async () => {
    const r = await postJson(`${identity.url}/v2/models/identity/infer`, { id: "req-7", inputs });
    expect(r.status).toBe(200);
    expect(r.version).toBe("1");
    const body = r.body as {
      model_name: string;
      model_version: string;
      id: string;
      outputs: { name: string; datatype: string; shape: number[]; data: unknown[] }[];
    };
    expect([body.model_name, body.model_version, body.id]).toEqual(["identity", "1", "req-7"]);
    const direct = await runDirect(identityFile, {
      i8: new ort.Tensor("int8", Int8Array.from([-128, 127, 0, -1]), [2, 2]),
      u8: new ort.Tensor("uint8", Uint8Array.from([0, 255, 7, 8]), [2, 2]),
      i16: new ort.Tensor("int16", Int16Array.from([-32768, 32767, 1, 2]), [2, 2]),
      i32: new ort.Tensor("int32", Int32Array.from([-2147483648, 2147483647, 3, 4]), [2, 2]),
      i64: new ort.Tensor("int64", BigInt64Array.from([BigInt(BIG), -5n, 0n, 9007199254740991n]), [2, 2]),
      f16: new ort.Tensor("float16", Uint16Array.from([0.5, -2, 65504, 0.1].map(floatToHalf)), [2, 2]),
      f64: new ort.Tensor("float64", Float64Array.from([0.1, -1e300, NaN, -Infinity]), [2, 2]),
      b: new ort.Tensor("bool", Uint8Array.from([1, 0, 0, 1]), [2, 2]),
      s: new ort.Tensor("string", ["a", "é ü", "", '"quoted"'], [2, 2]),
    });
    expect(body.outputs.map((o) => [o.name, o.datatype, o.shape])).toEqual(
      inputs.map((i) => [`${i.name}_out`, i.datatype, [2, 2]]),
    );
    const out = Object.fromEntries(body.outputs.map((o) => [o.name, o.data]));
    // JSON numbers are doubles: the 64-bit value beyond 2^53 is compared as text below.
    expect(out.i8_out).toEqual(plain(direct.i8_out!));
    expect(out.u8_out).toEqual(plain(direct.u8_out!));
    expect(out.i16_out).toEqual(plain(direct.i16_out!));
    expect(out.i32_out).toEqual(plain(direct.i32_out!));
    expect(out.f16_out).toEqual(Array.from(direct.f16_out!.data as Uint16Array, halfToFloat));
    expect(out.f64_out).toEqual([0.1, -1e300, "NaN", "-Infinity"]);
    expect(out.b_out).toEqual([true, false, false, true]);
    expect(out.s_out).toEqual(direct.s_out!.data);
    const text = await (
      await fetch(`${identity.url}/v2/models/identity/infer`, {
        method: "POST",
        body: JSON.stringify({ inputs, outputs: [{ name: "i64_out" }] }),
      })
    ).text();
    expect(text).toBe(
      `{"model_name":"identity","model_version":"1","outputs":[{"name":"i64_out","datatype":"INT64","shape":[2,2],"data":[${(direct.i64_out!.data as BigInt64Array).join(",")}]}]}`,
    );
    expect(text).toContain(`[${BIG},-5,0,9007199254740991]`);
  });

  it("describes inputs and outputs with their datatypes and shapes (-1 for dynamic)", async () => {
    const r = await getJson(`${mixed.url}/v2/models/mixed`);
    expect(r).toEqual({
      status: 200,
      body: {
        name: "mixed",
        versions: ["1"],
        platform: "onnxruntime_onnx",
        inputs: [
          { name: "a", datatype: "FP32", shape: [-1, 3] },
          { name: "b", datatype: "INT64", shape: [-1, 3] },
          { name: "flag", datatype: "BOOL", shape: [-1] },
        ],
        outputs: [
          { name: "sum", datatype: "FP32", shape: [-1, 3] },
          { name: "neg", datatype: "BOOL", shape: [-1] },
        ],
      },
    });
    expect(await getJson(`${mixed.url}/v2/models/mixed/versions/1`)).toMatchObject({ status: 200, body: { name: "mixed" } });
    expect(await getJson(`${mixed.url}/v2/models/mixed/ready`)).toEqual({
      status: 200,
      body: { name: "mixed", version: "1", ready: true },
    });
    expect(await getJson(`${mixed.url}/v2/health/live`)).toEqual({ status: 200, body: { live: true } });
    expect(await getJson(`${mixed.url}/v2/health/ready`)).toEqual({ status: 200, body: { ready: true } });
  });

  it("feeds a multi-input model through v2 and through v1 instances keyed by input, as onnxruntime computes", async () => {
    const a = [0.25, -1.5, 3, 1e-3, 2, 7.75];
    const b = [1, 2, -3, 40, 5, 6];
    const flag = [true, false];
    const direct = await runDirect(mixedFile, {
      a: new ort.Tensor("float32", Float32Array.from(a), [2, 3]),
      b: new ort.Tensor("int64", BigInt64Array.from(b.map(BigInt)), [2, 3]),
      flag: new ort.Tensor("bool", Uint8Array.from([1, 0]), [2]),
    });
    const v2 = await postJson(`${mixed.url}/v2/models/mixed/infer`, {
      inputs: [
        { name: "flag", shape: [2], datatype: "BOOL", data: flag },
        { name: "a", shape: [2, 3], datatype: "FP32", data: a },
        { name: "b", shape: [2, 3], datatype: "INT64", data: [b.slice(0, 3), b.slice(3)] },
      ],
    });
    expect(v2.body).toEqual({
      model_name: "mixed",
      model_version: "1",
      outputs: [
        { name: "sum", datatype: "FP32", shape: [2, 3], data: plain(direct.sum!) },
        { name: "neg", datatype: "BOOL", shape: [2], data: [false, true] },
      ],
    });
    const v1 = await postJson(`${mixed.url}/v1/models/mixed:predict`, {
      instances: [
        { a: a.slice(0, 3), b: b.slice(0, 3), flag: true },
        { a: a.slice(3), b: b.slice(3), flag: false },
      ],
    });
    const sum = plain(direct.sum!);
    expect(v1).toEqual({
      status: 200,
      version: "1",
      body: {
        predictions: [
          { sum: sum.slice(0, 3), neg: false },
          { sum: sum.slice(3), neg: true },
        ],
      },
    });
  });

  it("refuses wrong names, datatypes, shapes, element counts and values with one precise 400 each", async () => {
    const ok = {
      a: { name: "a", shape: [1, 3], datatype: "FP32", data: [1, 2, 3] },
      b: { name: "b", shape: [1, 3], datatype: "INT64", data: [1, 2, 3] },
      flag: { name: "flag", shape: [1], datatype: "BOOL", data: [true] },
    };
    const cases: [unknown, string][] = [
      [{ inputs: [ok.a, ok.b] }, `input "flag" is missing (model "mixed" version 1 takes inputs "a", "b", "flag")`],
      [
        { inputs: [ok.a, ok.b, ok.flag, { ...ok.a, name: "z" }] },
        `input "z" is not an input of model "mixed" version 1 (its inputs: "a", "b", "flag")`,
      ],
      [{ inputs: [{ ...ok.a, datatype: "FP64" }, ok.b, ok.flag] }, `input "a": expected datatype FP32, got "FP64"`],
      [
        { inputs: [{ ...ok.a, shape: [1, 4], data: [1, 2, 3, 4] }, ok.b, ok.flag] },
        `input "a": expected shape [-1,3] (FP32), got [1,4]`,
      ],
      [{ inputs: [{ ...ok.a, shape: [3] }, ok.b, ok.flag] }, `input "a": expected shape [-1,3] (FP32), got [3]`],
      [{ inputs: [{ ...ok.a, shape: [2, 3] }, ok.b, ok.flag] }, `input "a": shape [2,3] needs 6 elements, got 3`],
      [
        { inputs: [{ ...ok.a, data: [1, "x", 3] }, ok.b, ok.flag] },
        `input "a": element 1 is "x", not a number (FP32; NaN and infinities as the strings "NaN", "Infinity", "-Infinity")`,
      ],
      [
        { inputs: [ok.a, { ...ok.b, data: [1, 2.5, 3] }, ok.flag] },
        `input "b": element 1 is 2.5, not an INT64 (integers from -9223372036854775808 to 9223372036854775807; beyond 2^53 as a string of digits)`,
      ],
      [{ inputs: [ok.a, ok.b, { ...ok.flag, data: [1] }] }, `input "flag": element 0 is 1, not true or false (BOOL)`],
      [{ inputs: [ok.a, ok.a, ok.b, ok.flag] }, `input "a" is given twice`],
      [
        { inputs: [ok.a, ok.b, ok.flag], outputs: [{ name: "nope" }] },
        `output "nope" is not an output of model "mixed" version 1 (its outputs: "sum", "neg")`,
      ],
      [{ inputs: "x" }, `the request needs "inputs": an array of tensors {"name","shape","datatype","data"}`],
    ];
    for (const [body, error] of cases) {
      const r = await postJson(`${mixed.url}/v2/models/mixed/infer`, body);
      expect({ status: r.status, body: r.body }).toEqual({ status: 400, body: { error } });
    }
    const i8 = await postJson(`${identity.url}/v2/models/identity/infer`, {
      inputs: inputs.map((i) => (i.name === "i8" ? { ...i, data: [128, 0, 0, 0] } : i)),
    });
    expect(i8.body).toEqual({ error: `input "i8": element 0 is 128, not an INT8 (integers from -128 to 127)` });
    const bad = await fetch(`${mixed.url}/v2/models/mixed/infer`, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^the request body is not valid JSON \(/);
    const v1 = await postJson(`${mixed.url}/v1/models/mixed:predict`, { instances: [[1, 2, 3]] });
    expect(v1.body).toEqual({
      error: `instance 0 must be an object keyed by input name: model "mixed" version 1 takes "a", "b", "flag"`,
    });
  });
});
