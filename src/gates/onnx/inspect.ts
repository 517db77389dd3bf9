import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type onnxProto from "onnx-proto";
import { resolveInFolder } from "../../core/paths.js";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { limitMessage, LIMITS } from "../../core/limits.js";
import { decodeModel, onnx, type ModelProto } from "../../core/onnx/proto.js";
import { inputRoles, type InputRole } from "./input-roles.js";
import { dtypeName, elementBytes, elementCount, toNumber } from "./tensor.js";

type Graph = onnxProto.onnx.IGraphProto;
type Tensor = onnxProto.onnx.ITensorProto;

/** A dimension as declared: a size, a symbolic name, or null when the model leaves it unnamed. */
export type DeclaredDim = number | string | null;

export interface ValueInfo {
  name: string;
  /** ONNX element type number; 0 for non-tensor values (sequences, maps, optionals). */
  elemType: number;
  dtype: string;
  dims: DeclaredDim[];
  /** False when the graph declares no shape at all (any rank). */
  hasShape: boolean;
  /** For a graph input that reaches a shape, axis, index, repeat or scale: what made-up values must look like. */
  role?: InputRole;
}

export interface ExternalFile {
  /** As written in the model (location key). */
  location: string;
  /** Absolute path on disk, inside the model's folder. */
  path: string;
  bytes: number;
}

/** One model read from disk: what the gate needs to inspect, load and hash it. */
export interface ModelFile {
  /** Path as the user sees it (relative to the working folder). */
  display: string;
  /** Absolute path: onnxruntime needs it to find external data. */
  path: string;
  bytes: Uint8Array;
  proto: ModelProto;
  external: ExternalFile[];
}

export interface OpCount {
  domain: string;
  op: string;
  count: number;
}

export interface ModelInfo {
  irVersion: number;
  producer: string;
  producerVersion: string;
  /** Opset per domain, with the default domain spelled `ai.onnx`. */
  opsets: Record<string, number>;
  /** Domains that model-local functions define (their ops resolve without a runtime kernel). */
  functionDomains: string[];
  ops: OpCount[];
  nodeCount: number;
  paramCount: number;
  paramBytes: number;
  /** Model file plus external data. */
  totalBytes: number;
  inputs: ValueInfo[];
  /** Inputs backed by an initializer (IR >= 4): callers may feed them, and need not. */
  optionalInputs: ValueInfo[];
  outputs: ValueInfo[];
  metadata: Record<string, string>;
  external: { location: string; bytes: number }[];
}

export const DEFAULT_DOMAIN = "ai.onnx";

export function domainName(d: string | null | undefined): string {
  return !d || d === "ai.onnx" ? DEFAULT_DOMAIN : d;
}

/** Every graph in the model: the main graph and the bodies of If/Loop/Scan (recursively). */
function* graphs(g: Graph | null | undefined): Generator<Graph> {
  if (!g) return;
  yield g;
  for (const n of g.node ?? []) {
    for (const a of n.attribute ?? []) {
      if (a.g) yield* graphs(a.g);
      for (const sub of a.graphs ?? []) yield* graphs(sub);
    }
  }
}

function valueInfo(v: onnxProto.onnx.IValueInfoProto): ValueInfo {
  const tt = v.type?.tensorType;
  const elemType = tt?.elemType ?? 0;
  const dims: DeclaredDim[] = (tt?.shape?.dim ?? []).map((d) =>
    d.dimParam ? d.dimParam : (d as { value?: string }).value === "dimValue" ? toNumber(d.dimValue) : null,
  );
  return {
    name: v.name ?? "",
    elemType,
    dtype: tt ? dtypeName(elemType) : v.type?.sequenceType ? "sequence" : v.type?.mapType ? "map" : "unknown",
    dims,
    hasShape: Boolean(tt?.shape),
  };
}

function tensorBytes(t: Tensor): number {
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    const len = t.externalData?.find((e) => e.key === "length")?.value;
    if (len) return Number(len);
    return elementCount((t.dims ?? []).map((d) => toNumber(d))) * elementBytes(t.dataType ?? 0);
  }
  if (t.rawData && t.rawData.byteLength > 0) return t.rawData.byteLength;
  if (t.stringData?.length) return t.stringData.reduce((a, s) => a + s.byteLength, 0);
  return elementCount((t.dims ?? []).map((d) => toNumber(d))) * elementBytes(t.dataType ?? 0);
}

/** Initializers and Constant node values: the model's parameters. */
function* parameters(model: ModelProto): Generator<Tensor> {
  for (const g of graphs(model.graph)) {
    yield* g.initializer ?? [];
    for (const n of g.node ?? []) {
      if (n.opType !== "Constant") continue;
      for (const a of n.attribute ?? []) if (a.t) yield a.t;
    }
  }
}

/** What a reviewer wants to know about a model before running it. */
export function inspectModel(file: ModelFile): ModelInfo {
  const m = file.proto;
  const g = m.graph!;
  const ir = toNumber(m.irVersion);
  const opsets: Record<string, number> = {};
  for (const o of m.opsetImport) opsets[domainName(o.domain)] = toNumber(o.version);
  const counts = new Map<string, OpCount>();
  let nodeCount = 0;
  for (const sub of graphs(g)) {
    for (const n of sub.node ?? []) {
      nodeCount++;
      const domain = domainName(n.domain);
      const key = `${domain}\u0000${n.opType ?? ""}`;
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
  const metadata: Record<string, string> = {};
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
    external: file.external.map((e) => ({ location: e.location, bytes: e.bytes })),
  };
}

const startsWith = (b: Uint8Array, magic: number[]): boolean => magic.every((m, i) => b[i] === m);

/** What a file that is not ONNX most likely is, from its first bytes: people pass the wrong file. */
export function sniffFormat(b: Uint8Array): string | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return "a PNG image";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "a JPEG image";
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return "a ZIP archive (a PyTorch checkpoint or a zipped model?)";
  if (startsWith(b, [0x1f, 0x8b])) return "a gzip file (decompress it first)";
  if (startsWith(b, [0x89, 0x48, 0x44, 0x46])) return "an HDF5 file (a Keras model?)";
  if (b[0] === 0x80 && (b[1] ?? 0) >= 2 && (b[1] ?? 0) <= 5) return "a Python pickle";
  const head = b.subarray(0, 512);
  if (head.length > 0 && head.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127))) return "a text file";
  return undefined;
}

/** Parses model bytes; every way the bytes can fail to be an ONNX model is one sentence naming the file. */
export function decodeModelBytes(bytes: Uint8Array, display: string): ModelProto {
  if (bytes.byteLength === 0) throw new ConfigurationError(`${display}: is empty (0 bytes), not an ONNX model`);
  const looksLike = sniffFormat(bytes);
  if (looksLike) throw new ConfigurationError(`${display}: is not an ONNX model (it looks like ${looksLike})`);
  let proto: ModelProto;
  try {
    proto = decodeModel(bytes);
  } catch (e) {
    const why = errorMessage(e);
    const cut = /index out of range: (\d+) \+ (\d+) > (\d+)/.exec(why);
    throw new ConfigurationError(
      cut
        ? `${display}: is not a valid ONNX model (the protobuf is truncated: a field at byte ${cut[1]} needs ${cut[2]} more bytes but the file ends at byte ${cut[3]})`
        : `${display}: is not a valid ONNX model (protobuf decoding failed: ${why})`,
    );
  }
  if (!proto.graph || toNumber(proto.irVersion) <= 0 || proto.opsetImport.length === 0) {
    throw new ConfigurationError(`${display}: is not an ONNX model (it decodes without a graph, IR version or opset import)`);
  }
  return proto;
}

/** External-data files the model's tensors point at, resolved next to the model and checked. */
export function externalFiles(proto: ModelProto, modelPath: string, display: string): ExternalFile[] {
  const dir = path.dirname(modelPath);
  const seen = new Map<string, ExternalFile>();
  for (const g of graphs(proto.graph)) {
    for (const t of g.initializer ?? []) {
      if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) continue;
      const location = t.externalData?.find((e) => e.key === "location")?.value ?? "";
      if (seen.has(location)) continue;
      const abs = path.resolve(dir, location);
      const rel = path.relative(dir, abs);
      if (location === "" || path.isAbsolute(location) || rel.startsWith("..") || path.isAbsolute(rel)) {
        throw new ConfigurationError(
          `${display}: tensor "${t.name ?? ""}" points at external data "${location}" outside the model's folder; refusing to read it`,
        );
      }
      if (!existsSync(abs)) {
        throw new ConfigurationError(`${display}: external data file "${location}" for tensor "${t.name ?? ""}" is missing`);
      }
      // By real path: a symbolic link out of the model's folder is refused like a "../" location.
      const real = resolveInFolder(dir, abs, `${display}: external data file "${location}"`, "the model's folder");
      seen.set(location, { location, path: real, bytes: statSync(real).size });
    }
  }
  return [...seen.values()];
}

/**
 * A declared dimension of 2^31 or 2^40 is no model anyone serves: onnxruntime and typed arrays stop
 * at 2^31 - 1, and making up inputs that size would take the runner's memory; a negative one would
 * reach onnxruntime's tensor constructor as an internal error. One sentence instead.
 */
function checkDeclaredDims(proto: ModelProto, display: string): void {
  const graph = proto.graph;
  const values = [
    ...(graph?.input ?? []).map((v) => ["input", v] as const),
    ...(graph?.output ?? []).map((v) => ["output", v] as const),
  ];
  for (const [role, v] of values) {
    for (const d of v.type?.tensorType?.shape?.dim ?? []) {
      if ((d as { value?: string }).value !== "dimValue") continue;
      const n = toNumber(d.dimValue);
      if (n > LIMITS.tensorDim)
        throw new ConfigurationError(limitMessage.dimTooLarge(`${display}: ${role} "${v.name ?? ""}"`, String(d.dimValue)));
      // ONNX writes an unknown size as a name or nothing; a negative size is no shape at all.
      if (n < 0)
        throw new ConfigurationError(
          `${display}: ${role} "${v.name ?? ""}": declares a dimension of ${String(d.dimValue)}; a dimension is a size of 0 or more, or a name such as "batch" when it varies`,
        );
    }
  }
}

/** Reads, decodes and checks one model file (and its external data) from disk. */
export function readModelFile(absPath: string, display: string): ModelFile {
  const bytes = new Uint8Array(readFileSync(absPath));
  const proto = decodeModelBytes(bytes, display);
  checkDeclaredDims(proto, display);
  return { display, path: absPath, bytes, proto, external: externalFiles(proto, absPath, display) };
}

/** `batch×4`, `?×3`: a shape as people write it. */
export function formatDims(v: Pick<ValueInfo, "dims" | "hasShape">): string {
  if (!v.hasShape) return "any";
  if (v.dims.length === 0) return "scalar";
  return v.dims.map((d) => (d === null ? "?" : String(d))).join("×");
}
