#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  resolveInFolder
} from "./chunk-LXHLSUIQ.js";
import {
  LIMITS,
  limitMessage
} from "./chunk-ULEDS62O.js";
import {
  decodeModel,
  dtypeName,
  elementBytes,
  elementCount,
  onnx,
  toNumber
} from "./chunk-JHJN2HAN.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";

// src/gates/onnx/inspect.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
var DEFAULT_DOMAIN = "ai.onnx";
function domainName(d) {
  return !d || d === "ai.onnx" ? DEFAULT_DOMAIN : d;
}
function* graphs(g) {
  if (!g) return;
  yield g;
  for (const n of g.node ?? []) {
    for (const a of n.attribute ?? []) {
      if (a.g) yield* graphs(a.g);
      for (const sub of a.graphs ?? []) yield* graphs(sub);
    }
  }
}
function valueInfo(v) {
  const tt = v.type?.tensorType;
  const elemType = tt?.elemType ?? 0;
  const dims = (tt?.shape?.dim ?? []).map(
    (d) => d.dimParam ? d.dimParam : d.value === "dimValue" ? toNumber(d.dimValue) : null
  );
  return {
    name: v.name ?? "",
    elemType,
    dtype: tt ? dtypeName(elemType) : v.type?.sequenceType ? "sequence" : v.type?.mapType ? "map" : "unknown",
    dims,
    hasShape: Boolean(tt?.shape)
  };
}
function tensorBytes(t) {
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    const len = t.externalData?.find((e) => e.key === "length")?.value;
    if (len) return Number(len);
    return elementCount((t.dims ?? []).map((d) => toNumber(d))) * elementBytes(t.dataType ?? 0);
  }
  if (t.rawData && t.rawData.byteLength > 0) return t.rawData.byteLength;
  if (t.stringData?.length) return t.stringData.reduce((a, s) => a + s.byteLength, 0);
  return elementCount((t.dims ?? []).map((d) => toNumber(d))) * elementBytes(t.dataType ?? 0);
}
function* parameters(model) {
  for (const g of graphs(model.graph)) {
    yield* g.initializer ?? [];
    for (const n of g.node ?? []) {
      if (n.opType !== "Constant") continue;
      for (const a of n.attribute ?? []) if (a.t) yield a.t;
    }
  }
}
function inspectModel(file) {
  const m = file.proto;
  const g = m.graph;
  const ir = toNumber(m.irVersion);
  const opsets = {};
  for (const o of m.opsetImport) opsets[domainName(o.domain)] = toNumber(o.version);
  const counts = /* @__PURE__ */ new Map();
  let nodeCount = 0;
  for (const sub of graphs(g)) {
    for (const n of sub.node ?? []) {
      nodeCount++;
      const domain = domainName(n.domain);
      const key = `${domain}\0${n.opType ?? ""}`;
      const c = counts.get(key) ?? { domain, op: n.opType ?? "", count: 0 };
      c.count++;
      counts.set(key, c);
    }
  }
  let paramCount = 0;
  let paramBytes = 0;
  for (const t of parameters(m)) {
    paramCount += elementCount((t.dims ?? []).map((d) => toNumber(d)));
    paramBytes += tensorBytes(t);
  }
  const initNames = new Set((g.initializer ?? []).map((t) => t.name ?? ""));
  const declared = (g.input ?? []).map(valueInfo);
  const metadata = {};
  for (const p of m.metadataProps) metadata[p.key ?? ""] = p.value ?? "";
  const extBytes = file.external.reduce((a, e) => a + e.bytes, 0);
  return {
    irVersion: ir,
    producer: m.producerName,
    producerVersion: m.producerVersion,
    opsets,
    functionDomains: [...new Set(m.functions.map((f) => domainName(f.domain)))],
    ops: [...counts.values()].sort((a, b) => b.count - a.count || a.op.localeCompare(b.op)),
    nodeCount,
    paramCount,
    paramBytes,
    totalBytes: file.bytes.byteLength + extBytes,
    inputs: declared.filter((v) => !initNames.has(v.name)),
    optionalInputs: ir >= 4 ? declared.filter((v) => initNames.has(v.name)) : [],
    outputs: (g.output ?? []).map(valueInfo),
    metadata,
    external: file.external.map((e) => ({ location: e.location, bytes: e.bytes }))
  };
}
var startsWith = (b, magic) => magic.every((m, i) => b[i] === m);
function sniffFormat(b) {
  if (startsWith(b, [137, 80, 78, 71])) return "a PNG image";
  if (startsWith(b, [255, 216, 255])) return "a JPEG image";
  if (startsWith(b, [80, 75, 3, 4])) return "a ZIP archive (a PyTorch checkpoint or a zipped model?)";
  if (startsWith(b, [31, 139])) return "a gzip file (decompress it first)";
  if (startsWith(b, [137, 72, 68, 70])) return "an HDF5 file (a Keras model?)";
  if (b[0] === 128 && (b[1] ?? 0) >= 2 && (b[1] ?? 0) <= 5) return "a Python pickle";
  const head = b.subarray(0, 512);
  if (head.length > 0 && head.every((c) => c === 9 || c === 10 || c === 13 || c >= 32 && c < 127)) return "a text file";
  return void 0;
}
function decodeModelBytes(bytes, display) {
  if (bytes.byteLength === 0) throw new ConfigurationError(`${display}: is empty (0 bytes), not an ONNX model`);
  const looksLike = sniffFormat(bytes);
  if (looksLike) throw new ConfigurationError(`${display}: is not an ONNX model (it looks like ${looksLike})`);
  let proto;
  try {
    proto = decodeModel(bytes);
  } catch (e) {
    const why = errorMessage(e);
    const cut = /index out of range: (\d+) \+ (\d+) > (\d+)/.exec(why);
    throw new ConfigurationError(
      cut ? `${display}: is not a valid ONNX model (the protobuf is truncated: a field at byte ${cut[1]} needs ${cut[2]} more bytes but the file ends at byte ${cut[3]})` : `${display}: is not a valid ONNX model (protobuf decoding failed: ${why})`
    );
  }
  if (!proto.graph || toNumber(proto.irVersion) <= 0 || proto.opsetImport.length === 0) {
    throw new ConfigurationError(`${display}: is not an ONNX model (it decodes without a graph, IR version or opset import)`);
  }
  return proto;
}
function externalFiles(proto, modelPath, display) {
  const dir = path.dirname(modelPath);
  const seen = /* @__PURE__ */ new Map();
  for (const g of graphs(proto.graph)) {
    for (const t of g.initializer ?? []) {
      if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) continue;
      const location = t.externalData?.find((e) => e.key === "location")?.value ?? "";
      if (seen.has(location)) continue;
      const abs = path.resolve(dir, location);
      const rel = path.relative(dir, abs);
      if (location === "" || path.isAbsolute(location) || rel.startsWith("..") || path.isAbsolute(rel)) {
        throw new ConfigurationError(
          `${display}: tensor "${t.name ?? ""}" points at external data "${location}" outside the model's folder; refusing to read it`
        );
      }
      if (!existsSync(abs)) {
        throw new ConfigurationError(`${display}: external data file "${location}" for tensor "${t.name ?? ""}" is missing`);
      }
      const real = resolveInFolder(dir, abs, `${display}: external data file "${location}"`, "the model's folder");
      seen.set(location, { location, path: real, bytes: statSync(real).size });
    }
  }
  return [...seen.values()];
}
function checkDeclaredDims(proto, display) {
  const graph = proto.graph;
  const values = [
    ...(graph?.input ?? []).map((v) => ["input", v]),
    ...(graph?.output ?? []).map((v) => ["output", v])
  ];
  for (const [role, v] of values) {
    for (const d of v.type?.tensorType?.shape?.dim ?? []) {
      if (d.value !== "dimValue") continue;
      if (toNumber(d.dimValue) > LIMITS.tensorDim)
        throw new ConfigurationError(limitMessage.dimTooLarge(`${display}: ${role} "${v.name ?? ""}"`, String(d.dimValue)));
    }
  }
}
function readModelFile(absPath, display) {
  const bytes = new Uint8Array(readFileSync(absPath));
  const proto = decodeModelBytes(bytes, display);
  checkDeclaredDims(proto, display);
  return { display, path: absPath, bytes, proto, external: externalFiles(proto, absPath, display) };
}
function formatDims(v) {
  if (!v.hasShape) return "any";
  if (v.dims.length === 0) return "scalar";
  return v.dims.map((d) => d === null ? "?" : String(d)).join("\xD7");
}

export {
  DEFAULT_DOMAIN,
  domainName,
  inspectModel,
  sniffFormat,
  decodeModelBytes,
  externalFiles,
  readModelFile,
  formatDims
};
