#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  isLfsPointer,
  lfsPointerError
} from "./chunk-RYB26OIQ.js";
import {
  resolveInFolder
} from "./chunk-E4IFUBZY.js";
import {
  decodeTensorFile
} from "./chunk-JHJN2HAN.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";

// src/gates/onnx/testdata.ts
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
var SET = /^test_data_set_(\d+)$/;
function numbered(dir, prefix) {
  const re = new RegExp(`^${prefix}_(\\d+)\\.pb$`);
  return readdirSync(dir).map((f) => ({ m: re.exec(f), file: f })).filter((x) => x.m !== null).map((x) => ({ k: Number(x.m[1]), file: x.file })).sort((a, b) => a.k - b.k);
}
function readTensors(top, dir, displayDir, prefix) {
  const files = numbered(dir, prefix);
  files.forEach((f, i) => {
    if (f.k !== i)
      throw new ConfigurationError(
        `${displayDir}: ${prefix}_${i}.pb is missing (found ${f.file}); number the files from 0 without gaps`
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
          `${display}: holds ${held} (an ONNX SequenceProto or OptionalProto), not a tensor; onnxruntime-node passes only tensors in and out of a model, so the gate cannot use this test set`
        );
      throw new ConfigurationError(`${display}: is not a readable TensorProto (${errorMessage(e)})`);
    }
  });
}
function readTestData(dir, displayDir) {
  const sets = readdirSync(dir).map((f) => ({ m: SET.exec(f), f })).filter((x) => x.m !== null && statSync(path.join(dir, x.f)).isDirectory()).sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  if (sets.length === 0) {
    throw new ConfigurationError(
      `--test-data ${displayDir}: has no test_data_set_N folders (the ONNX test layout is DIR/test_data_set_0/input_0.pb, output_0.pb)`
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
var CONTAINER_VALUE = ["", "", "", "tensor", "sparse tensor", "sequence", "map", "optional"];
function containerKind(bytes) {
  let pos = 0;
  const varint = () => {
    let v = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (pos >= bytes.length) return void 0;
      const b = bytes[pos++];
      v += (b & 127) * 2 ** shift;
      if (b < 128) return v;
    }
    return void 0;
  };
  let elemType;
  const values = /* @__PURE__ */ new Map();
  while (pos < bytes.length) {
    const tag = varint();
    if (tag === void 0) return void 0;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 2 && wire === 0) {
      elemType = varint();
      if (elemType === void 0 || elemType > 5) return void 0;
    } else if (field >= 1 && field <= 7 && field !== 2 && wire === 2) {
      const len = varint();
      if (len === void 0 || pos + len > bytes.length) return void 0;
      pos += len;
      if (field >= 3) values.set(field, (values.get(field) ?? 0) + 1);
    } else return void 0;
  }
  if (elemType === void 0) return void 0;
  if (values.size === 0) return "an empty sequence or optional";
  const kinds = [...values.keys()].map((f) => CONTAINER_VALUE[f]);
  const many = [...values.values()].some((n) => n > 1);
  return many ? `a sequence of ${kinds.map((k) => `${k}s`).join(" and ")}` : `a sequence or optional of ${kinds.map((k) => `${k}s`).join(" and ")}`;
}

export {
  readTestData,
  containerKind
};
