#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  resolveInFolder
} from "./chunk-E4IFUBZY.js";
import {
  LIMITS,
  limitMessage
} from "./chunk-ULEDS62O.js";
import {
  DataType,
  decodeModel,
  dtypeName,
  elementBytes,
  elementCount,
  isFloatType,
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

// src/gates/onnx/input-roles.ts
var ELEMENTWISE = /* @__PURE__ */ new Set(["fill", "index", "nonzero", "length", "numeric_strings", "range"]);
var intAttr = (n, name, dflt) => {
  const a = n.attribute?.find((x) => x.name === name);
  return a?.i !== void 0 && a.i !== null ? toNumber(a.i) : dflt;
};
function ruleAt(n, k, opset, data) {
  if (n.domain && n.domain !== "ai.onnx") return void 0;
  const x = data(n.input?.[0]);
  const fill = (value) => ({ kind: "fill", value });
  switch (n.opType) {
    case "Reshape":
      return k === 1 ? { kind: "reshape" } : void 0;
    case "Expand":
    case "Tile":
      return k === 1 ? fill(1) : void 0;
    case "Slice":
      return [void 0, fill(0), fill(2147483647), { kind: "iota" }, fill(1)][k];
    case "Gather":
    case "GatherElements":
    case "ScatterElements":
    case "Scatter":
      return k === 1 ? { kind: "index", data: x, axis: intAttr(n, "axis", 0) } : void 0;
    case "GatherND":
    case "ScatterND":
      return k === 1 ? { kind: "index_nd", data: x, batchDims: intAttr(n, "batch_dims", 0) } : void 0;
    case "RoiAlign":
      return k === 2 ? { kind: "index", data: x, axis: 0 } : void 0;
    case "Resize":
      if (opset < 11) return k === 1 ? fill(1) : void 0;
      return [void 0, { kind: "roi" }, fill(1), { kind: "dims", data: x }][k];
    case "Upsample":
      return k === 1 ? fill(1) : void 0;
    case "TopK":
      return k === 1 ? fill(1) : void 0;
    case "OneHot":
      return k === 1 ? fill(4) : void 0;
    case "Range":
      return [fill(0), fill(4), fill(1)][k];
    case "ConstantOfShape":
      return k === 0 ? fill(1) : void 0;
    case "Pad":
      return k === 1 ? fill(0) : k === 3 ? { kind: "iota" } : void 0;
    case "Squeeze":
      return k === 1 ? { kind: "squeeze", data: x } : void 0;
    case "Unsqueeze":
      return k === 1 ? { kind: "iota" } : void 0;
    case "CumSum":
      return k === 1 ? fill(0) : void 0;
    case "Split":
    case "SplitToSequence":
      return k === 1 ? { kind: "split", data: x, axis: intAttr(n, "axis", 0) } : void 0;
    case "Div":
    case "Mod":
      return k === 1 ? { kind: "nonzero" } : void 0;
    case "Dropout":
      return k === 1 ? fill(0.5) : void 0;
    case "NonMaxSuppression":
      return [void 0, void 0, fill(1), fill(0.5), fill(0)][k];
    case "LSTM":
    case "GRU":
    case "RNN":
      return k === 4 ? { kind: "length", data: x, axis: intAttr(n, "layout", 0) === 1 ? 1 : 0 } : void 0;
    case "ReverseSequence":
      return k === 1 ? { kind: "length", data: x, axis: intAttr(n, "time_axis", 0) } : void 0;
    case "STFT": {
      if (k === 1) return fill(1);
      if (k !== 3) return void 0;
      const w = n.input?.[2] ? data(n.input[2]) : void 0;
      return w && (w.input || w.dims) ? { kind: "length", data: w, axis: 0 } : { kind: "length", data: x, axis: 1 };
    }
    case "MelWeightMatrix":
      return [fill(8), fill(16), fill(8e3), fill(0), fill(4e3)][k];
    case "ReduceLogSum":
      return k === 0 ? { kind: "range", lo: 0.1, hi: 2 } : k === 1 ? { kind: "iota" } : void 0;
    case "Sqrt":
    case "Log":
    case "Pow":
      return k === 0 ? { kind: "range", lo: 0.1, hi: 2 } : void 0;
    case "Acosh":
      return k === 0 ? { kind: "range", lo: 1, hi: 3 } : void 0;
    case "BatchNormalization":
      return k === 4 ? { kind: "range", lo: 0.1, hi: 2 } : void 0;
    case "Trilu":
      return k === 1 ? fill(0) : void 0;
    case "Cast":
    case "CastLike":
      return k === 0 ? { kind: "numeric_strings" } : void 0;
    case "MaxUnpool":
      return k === 2 ? "unknown" : void 0;
    case "CenterCropPad":
    case "DFT":
      return k === 1 ? "unknown" : void 0;
    case "Col2Im":
      return k >= 1 ? "unknown" : void 0;
    default:
      if (/^Reduce[A-Z]/.test(n.opType ?? "")) return k === 1 ? { kind: "iota" } : void 0;
      return void 0;
  }
}
function positionName(n, k) {
  return `${n.opType ?? "?"}${n.name ? ` "${n.name}"` : ""} input ${k}`;
}
var PASS = /* @__PURE__ */ new Set(["Identity", "Cast", "CastLike", "Squeeze", "Unsqueeze", "Reshape", "Flatten", "Concat"]);
function inputRoles(g, opset, inputs) {
  const nodes = g.node ?? [];
  const producer = /* @__PURE__ */ new Map();
  for (const n of nodes) for (const o of n.output ?? []) if (o) producer.set(o, n);
  const inputNames = new Set(inputs.map((v) => v.name));
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? "", (t.dims ?? []).map((d) => toNumber(d))]));
  const data = (name) => {
    for (let hops = 0; name && hops < 16; hops++) {
      if (inputNames.has(name)) return { input: name };
      const dims = inits.get(name);
      if (dims) return { dims };
      const p = producer.get(name);
      if (!p || p.opType !== "Identity" && p.opType !== "Cast") return {};
      name = p.input?.[0];
    }
    return {};
  };
  const roles = /* @__PURE__ */ new Map();
  for (const v of inputs) {
    const found = [];
    const seen = /* @__PURE__ */ new Set();
    const walk = (name, partial) => {
      if (seen.has(name) || seen.size > 256) return;
      seen.add(name);
      for (const n of nodes) {
        (n.input ?? []).forEach((inp, k) => {
          if (inp !== name) return;
          const cast = n.opType === "Cast" || n.opType === "CastLike";
          if (cast && k === 1) return;
          let rule = cast && v.elemType !== DataType.STRING ? void 0 : ruleAt(n, k, opset, data);
          if (rule && rule !== "unknown" && rule.kind === "range" && !isFloatType(v.elemType)) rule = void 0;
          const position = positionName(n, k);
          if (rule === "unknown")
            found.push({ unresolved: `it reaches ${position}, whose valid values depend on the data`, position });
          else if (rule && partial && !ELEMENTWISE.has(rule.kind))
            found.push({ unresolved: `it is part of a Concat that reaches ${position}`, position });
          else if (rule) found.push({ rule, position });
          else if (PASS.has(n.opType ?? "") && (k === 0 || n.opType === "Concat")) {
            for (const o of n.output ?? []) if (o) walk(o, partial || n.opType === "Concat");
          }
        });
      }
    };
    walk(v.name, false);
    const first = found[0];
    if (!first) continue;
    const clash = found.find(
      (f) => JSON.stringify("rule" in f ? f.rule : f) !== JSON.stringify("rule" in first ? first.rule : first)
    );
    roles.set(
      v.name,
      clash && "rule" in first && "rule" in clash ? {
        unresolved: `it reaches both ${first.position} and ${clash.position}, which want different values`,
        position: first.position
      } : found.find((f) => "unresolved" in f) ?? first
    );
  }
  return roles;
}
function ruleValues(rule, dims, dataDims, rand) {
  const n = dims.reduce((a, b) => a * b, 1);
  const at = (ref, axis) => {
    const d = dataDims(ref);
    if (!d) return void 0;
    return d[axis < 0 ? axis + d.length : axis];
  };
  const each = (f) => Array.from({ length: n }, (_, i) => f(i));
  switch (rule.kind) {
    case "fill":
      return each(() => rule.value);
    case "iota":
      return each((i) => i);
    case "reshape":
      return each((i) => i === 0 ? -1 : 1);
    case "index": {
      const dim = at(rule.data, rule.axis);
      return each(() => dim && dim > 0 ? Math.floor(rand() * dim) : 0);
    }
    case "index_nd": {
      const last = dims[dims.length - 1] ?? 1;
      return each((i) => {
        const dim = at(rule.data, rule.batchDims + i % Math.max(last, 1));
        return dim && dim > 0 ? Math.floor(rand() * dim) : 0;
      });
    }
    case "dims": {
      const d = dataDims(rule.data);
      return each((i) => d && d.length === n && d[i] > 0 ? d[i] : 1);
    }
    case "roi":
      return each((i) => i < n / 2 ? 0 : 1);
    case "split": {
      const dim = at(rule.data, rule.axis);
      if (dims.length === 0) return [1];
      if (dim === void 0) return each(() => 1);
      const part = Math.floor(dim / Math.max(n, 1));
      return each((i) => i === n - 1 ? dim - part * (n - 1) : part);
    }
    case "squeeze": {
      const d = dataDims(rule.data);
      const ones = d ? d.flatMap((x, i) => x === 1 ? [i] : []) : [];
      return each((i) => ones[i] ?? 0);
    }
    case "length":
      return each(() => Math.max(at(rule.data, rule.axis) ?? 1, 1));
    case "nonzero":
      return each(() => 1 + Math.floor(rand() * 4));
    case "range":
      return each(() => rule.lo + rand() * (rule.hi - rule.lo));
    case "numeric_strings":
      return Array.from({ length: n }, () => (Math.round((rand() * 2 - 1) * 1e3) / 1e3).toString());
  }
}

// src/gates/onnx/inspect.ts
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
  const inputs = declared.filter((v) => !initNames.has(v.name));
  const roles = inputRoles(g, opsets[DEFAULT_DOMAIN] ?? 1, inputs);
  for (const v of inputs) {
    const role = roles.get(v.name);
    if (role) v.role = role;
  }
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
    inputs,
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
      const n = toNumber(d.dimValue);
      if (n > LIMITS.tensorDim)
        throw new ConfigurationError(limitMessage.dimTooLarge(`${display}: ${role} "${v.name ?? ""}"`, String(d.dimValue)));
      if (n < 0)
        throw new ConfigurationError(
          `${display}: ${role} "${v.name ?? ""}": declares a dimension of ${String(d.dimValue)}; a dimension is a size of 0 or more, or a name such as "batch" when it varies`
        );
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
  ruleValues,
  DEFAULT_DOMAIN,
  domainName,
  inspectModel,
  sniffFormat,
  decodeModelBytes,
  externalFiles,
  readModelFile,
  formatDims
};
