import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { isLfsPointer, lfsPointerError } from "../../core/lfs.js";
import { resolveInFolder } from "../../core/paths.js";
import { decodeTensorFile, type HostTensor } from "./tensor.js";

export interface TensorFile {
  /** Path as shown to the user. */
  display: string;
  sha256: string;
  tensor: HostTensor;
}

/** One `test_data_set_N` folder of the standard ONNX test layout. */
export interface TestSet {
  name: string;
  display: string;
  inputs: TensorFile[];
  outputs: TensorFile[];
}

const SET = /^test_data_set_(\d+)$/;

function numbered(dir: string, prefix: "input" | "output"): { k: number; file: string }[] {
  const re = new RegExp(`^${prefix}_(\\d+)\\.pb$`);
  return readdirSync(dir)
    .map((f) => ({ m: re.exec(f), file: f }))
    .filter((x): x is { m: RegExpExecArray; file: string } => x.m !== null)
    .map((x) => ({ k: Number(x.m[1]), file: x.file }))
    .sort((a, b) => a.k - b.k);
}

/** `top`: the --test-data folder (a real path); every file read must resolve inside it. */
function readTensors(
  top: { dir: string; display: string },
  dir: string,
  displayDir: string,
  prefix: "input" | "output",
): TensorFile[] {
  const files = numbered(dir, prefix);
  files.forEach((f, i) => {
    if (f.k !== i)
      throw new ConfigurationError(
        `${displayDir}: ${prefix}_${i}.pb is missing (found ${f.file}); number the files from 0 without gaps`,
      );
  });
  return files.map((f) => {
    const display = path.join(displayDir, f.file);
    const file = resolveInFolder(top.dir, path.join(dir, f.file), display, top.display);
    const bytes = new Uint8Array(readFileSync(file));
    if (isLfsPointer(bytes)) throw lfsPointerError(`--test-data ${display}`);
    try {
      return { display, sha256: createHash("sha256").update(bytes).digest("hex"), tensor: decodeTensorFile(bytes) };
    } catch (e) {
      const held = containerKind(bytes);
      if (held)
        throw new ConfigurationError(
          `${display}: holds ${held} (an ONNX SequenceProto or OptionalProto), not a tensor; onnxruntime-node passes only tensors in and out of a model, so the gate cannot use this test set`,
        );
      throw new ConfigurationError(`${display}: is not a readable TensorProto (${errorMessage(e)})`);
    }
  });
}

/**
 * Reads `DIR/test_data_set_N/{input,output}_K.pb`; a folder without sets or a set without outputs is a
 * user error. A set without inputs is for a model that takes none (matching against the model says
 * so when it does take some).
 */
export function readTestData(dir: string, displayDir: string): TestSet[] {
  const sets = readdirSync(dir)
    .map((f) => ({ m: SET.exec(f), f }))
    .filter((x): x is { m: RegExpExecArray; f: string } => x.m !== null && statSync(path.join(dir, x.f)).isDirectory())
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  if (sets.length === 0) {
    throw new ConfigurationError(
      `--test-data ${displayDir}: has no test_data_set_N folders (the ONNX test layout is DIR/test_data_set_0/input_0.pb, output_0.pb)`,
    );
  }
  return sets.map(({ f }) => {
    const display = path.join(displayDir, f);
    const top = { dir, display: displayDir };
    const inputs = readTensors(top, path.join(dir, f), display, "input");
    const outputs = readTensors(top, path.join(dir, f), display, "output");
    if (outputs.length === 0) throw new ConfigurationError(`${display}: has no output_0.pb`);
    return { name: f, display, inputs, outputs };
  });
}

/** SequenceProto and OptionalProto share their layout: name 1, elem_type 2, then one field per kind of value. */
const CONTAINER_VALUE = ["", "", "", "tensor", "sparse tensor", "sequence", "map", "optional"];

/**
 * What a test-data file holds when it is an ONNX SequenceProto or OptionalProto rather than a
 * TensorProto ("a sequence or optional of tensors", "an empty optional"), or undefined when its
 * fields do not have that layout.
 */
export function containerKind(bytes: Uint8Array): string | undefined {
  let pos = 0;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (pos >= bytes.length) return undefined;
      const b = bytes[pos++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    return undefined;
  };
  let elemType: number | undefined;
  const values = new Map<number, number>();
  while (pos < bytes.length) {
    const tag = varint();
    if (tag === undefined) return undefined;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 2 && wire === 0) {
      elemType = varint();
      if (elemType === undefined || elemType > 5) return undefined;
    } else if (field >= 1 && field <= 7 && field !== 2 && wire === 2) {
      const len = varint();
      if (len === undefined || pos + len > bytes.length) return undefined;
      pos += len;
      if (field >= 3) values.set(field, (values.get(field) ?? 0) + 1);
    } else return undefined;
  }
  if (elemType === undefined) return undefined;
  if (values.size === 0) return "an empty sequence or optional";
  const kinds = [...values.keys()].map((f) => CONTAINER_VALUE[f]!);
  const many = [...values.values()].some((n) => n > 1);
  return many
    ? `a sequence of ${kinds.map((k) => `${k}s`).join(" and ")}`
    : `a sequence or optional of ${kinds.map((k) => `${k}s`).join(" and ")}`;
}
