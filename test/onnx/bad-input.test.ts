import { describe, expect, it } from "vitest";
import { encodeModel } from "../../src/core/onnx/proto.js";
import { check, runBundled, runOnnx } from "./harness.js";
import { fixedMlp, fixedReshape, relu, tensorPb, tmpDir, withExternalData, write } from "./models.js";

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00,
  0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

/** Runs the bundled CLI on one file in a fresh folder: exit code and the one stderr line. */
async function runOn(
  name: string,
  bytes: Uint8Array,
  extra: string[] = [],
): Promise<{ code: number; stderr: string; stdout: string }> {
  const dir = tmpDir();
  write(dir, name, bytes);
  const r = await runBundled(["onnx", "--model", name, "--quiet", ...extra], dir);
  return r;
}

describe("bad input is exit 2 with one sentence", () => {
  it("a zero-byte file", async () => {
    const r = await runOn("empty.onnx", new Uint8Array(0));
    expect(r).toMatchObject({ code: 2, stdout: "", stderr: "mlgate onnx: empty.onnx: is empty (0 bytes), not an ONNX model\n" });
  });

  it("a truncated protobuf", async () => {
    const whole = fixedMlp();
    const r = await runOn("cut.onnx", whole.slice(0, 150));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `mlgate onnx: cut.onnx: is not a valid ONNX model (the protobuf is truncated: a field at byte 148 needs 7 more bytes but the file ends at byte 150)\n`,
    );
  });

  it("a PNG and a text file", async () => {
    expect(await runOn("picture.onnx", PNG)).toMatchObject({
      code: 2,
      stderr: "mlgate onnx: picture.onnx: is not an ONNX model (it looks like a PNG image)\n",
    });
    expect(await runOn("notes.onnx", new TextEncoder().encode("model: resnet50\naccuracy: 0.76\n"))).toMatchObject({
      code: 2,
      stderr: "mlgate onnx: notes.onnx: is not an ONNX model (it looks like a text file)\n",
    });
  });

  it("a ModelProto without a graph", async () => {
    const r = await runOn("hollow.onnx", encodeModel({ irVersion: 8, producerName: "nothing" }));
    expect(r).toMatchObject({
      code: 2,
      stderr: "mlgate onnx: hollow.onnx: is not an ONNX model (it decodes without a graph, IR version or opset import)\n",
    });
  });

  it("a missing external-data file, and one outside the model's folder", async () => {
    const ext = withExternalData(fixedMlp(), "W0", "weights.bin");
    const missing = await runOn("ext.onnx", ext.model);
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'mlgate onnx: ext.onnx: external data file "weights.bin" for tensor "W0" is missing\n',
    });
    const escape = withExternalData(fixedMlp(), "W0", "../secret.bin");
    const out = await runOn("escape.onnx", escape.model);
    expect(out).toMatchObject({
      code: 2,
      stderr:
        'mlgate onnx: escape.onnx: tensor "W0" points at external data "../secret.bin" outside the model\'s folder; refusing to read it\n',
    });
  });

  it("external data next to the model loads, and its size and hash are reported", async () => {
    const dir = tmpDir();
    const ext = withExternalData(fixedMlp(), "W0", "weights.bin");
    write(dir, "ext.onnx", ext.model);
    write(dir, "weights.bin", ext.data);
    const r = await runOnnx(dir, ["--model", "ext.onnx"]);
    expect(r.code).toBe(0);
    expect(check(r.report, "load.all").status).toBe("pass");
    expect((r.report.metrics as { models: { external_data: unknown }[] }).models[0]!.external_data).toEqual([
      { location: "weights.bin", bytes: 48 },
    ]);
    expect(Object.keys(r.report.provenance.inputs).sort()).toEqual(["ext.onnx", "weights.bin"]);
  });

  it("test data with the wrong number of tensors", async () => {
    const dir = tmpDir();
    write(dir, "mlp.onnx", fixedMlp());
    write(dir, "data/test_data_set_0/input_0.pb", tensorPb("a", [1, 4], [1, 2, 3, 4]));
    write(dir, "data/test_data_set_0/input_1.pb", tensorPb("b", [1, 4], [1, 2, 3, 4]));
    write(dir, "data/test_data_set_0/output_0.pb", tensorPb("output", [1, 1], [0.5]));
    const r = await runBundled(["onnx", "--model", "mlp.onnx", "--test-data", "data", "--quiet"], dir);
    expect(r).toMatchObject({
      code: 2,
      stderr: "mlgate onnx: data/test_data_set_0: has 2 input_*.pb file(s) but mlp.onnx takes 1 input(s) (input)\n",
    });
    write(dir, "data2/test_data_set_0/input_0.pb", tensorPb("input", [1, 4], [1, 2, 3, 4]));
    write(dir, "data2/test_data_set_0/output_0.pb", tensorPb("", [1, 1], [0.5]));
    write(dir, "data2/test_data_set_0/output_1.pb", tensorPb("", [1, 1], [0.5]));
    const outs = await runBundled(["onnx", "--model", "mlp.onnx", "--test-data", "data2", "--quiet"], dir);
    expect(outs.stderr).toBe(
      "mlgate onnx: data2/test_data_set_0: has 2 output_*.pb file(s) but mlp.onnx has 1 output(s) (output) and the tensors are not named after them\n",
    );
  });

  it("test data holding an ONNX sequence or optional (ONNX's own backend tests have some): the file and what it holds", async () => {
    const dir = tmpDir();
    write(dir, "mlp.onnx", fixedMlp());
    const tensor = tensorPb("", [1, 4], [0.1, 0.2, 0.3, 0.4]);
    // SequenceProto: name (1), elem_type (2) = TENSOR, tensor_values (3) twice.
    const field3 = [0x1a, tensor.length, ...tensor];
    const sequence = Uint8Array.from([0x0a, 1, 0x78, 0x10, 0x01, ...field3, ...field3]);
    write(dir, "seq/test_data_set_0/input_0.pb", sequence);
    write(dir, "seq/test_data_set_0/output_0.pb", tensorPb("", [1, 1], [0.5]));
    const seq = await runBundled(["onnx", "--model", "mlp.onnx", "--test-data", "seq", "--quiet"], dir);
    expect(seq).toMatchObject({
      code: 2,
      stdout: "",
      stderr:
        "mlgate onnx: seq/test_data_set_0/input_0.pb: holds a sequence of tensors (an ONNX SequenceProto or OptionalProto), not a tensor; onnxruntime-node passes only tensors in and out of a model, so the gate cannot use this test set\n",
    });
    // An OptionalProto with elem_type TENSOR and no value: an empty optional, as an expected output.
    write(dir, "opt/test_data_set_0/input_0.pb", tensorPb("", [1, 4], [0.1, 0.2, 0.3, 0.4]));
    write(dir, "opt/test_data_set_0/output_0.pb", Uint8Array.from([0x0a, 1, 0x79, 0x10, 0x01]));
    const opt = await runBundled(["onnx", "--model", "mlp.onnx", "--test-data", "opt", "--quiet"], dir);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toBe(
      "mlgate onnx: opt/test_data_set_0/output_0.pb: holds an empty sequence or optional (an ONNX SequenceProto or OptionalProto), not a tensor; onnxruntime-node passes only tensors in and out of a model, so the gate cannot use this test set\n",
    );
  });

  it("flags and config: a missing model, a glob matching nothing, an unknown target runtime", async () => {
    const dir = tmpDir();
    write(dir, "relu.onnx", relu());
    expect((await runBundled(["onnx", "--model", "nope.onnx"], dir)).stderr).toBe(
      "mlgate onnx: --model nope.onnx: file not found\n",
    );
    expect((await runBundled(["onnx", "--model", "models/*.onnx"], dir)).stderr).toBe(
      "mlgate onnx: --model models/*.onnx: matches no files\n",
    );
    write(dir, "mlgate.yml", new TextEncoder().encode("gates:\n  onnx:\n    target_ort: '1.5'\n"));
    const r = await runBundled(["onnx", "--model", "relu.onnx"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "mlgate onnx: mlgate.yml:3: gates.onnx.target_ort 1.5: no IR/opset table for this onnxruntime release (known: 1.10, 1.11, 1.12, 1.13, 1.14, 1.15, 1.16, 1.17, 1.18, 1.19, 1.20, 1.21, 1.22, 1.23, 1.30); set gates.onnx.opset.max instead\n",
    );
  });
});

describe("onnxruntime's own logging stays out of the output", () => {
  it("a model whose runs fail at some shapes writes nothing to stderr with --quiet, and only our progress without", async () => {
    const dir = tmpDir();
    write(dir, "reshape.onnx", fixedReshape());
    const quiet = await runBundled(["onnx", "--model", "reshape.onnx", "--quiet"], dir);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe("");
    const loud = await runBundled(["onnx", "--model", "reshape.onnx"], dir);
    expect(loud.stderr).toBe("mlgate onnx: checking 1 model(s)\nmlgate onnx: reshape.onnx (1/1)\n");
    expect(loud.stdout).not.toMatch(/onnxruntime_src|\[E:onnxruntime/);
  });
});
