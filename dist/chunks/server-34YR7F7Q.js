#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  onnxruntime
} from "./chunk-GMUZRKW3.js";
import {
  acquireLock,
  aliasesView,
  appendHistory,
  checkRegistryName,
  isDeploymentId,
  listModels,
  listVersions,
  readAliases,
  readHistory,
  readLock,
  readManifest,
  registryPaths,
  releaseLock,
  removeServerStatus,
  stageVersion,
  updateLock,
  writeAliases,
  writeServerStatus
} from "./chunk-R6IAO5N7.js";
import "./chunk-FK2QC4SI.js";
import {
  cleanOrtMessage
} from "./chunk-JK64J7JW.js";
import {
  LIMITS
} from "./chunk-ULEDS62O.js";
import {
  floatToHalf,
  halfToFloat
} from "./chunk-JHJN2HAN.js";
import {
  ConfigurationError,
  errorMessage,
  isConfigurationError
} from "./chunk-3PEGX5SE.js";
import {
  TOOL_VERSION
} from "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/serve/server.ts
import { createServer } from "node:http";
import { mkdtempSync, rmSync as rmSync2 } from "node:fs";
import os2 from "node:os";
import path3 from "node:path";

// src/serve/admin.ts
import { createHash as createHash3, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

// src/serve/http-io.ts
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
var HttpError = class extends Error {
  constructor(status, message, extra) {
    super(message);
    this.status = status;
    this.extra = extra;
  }
  status;
  extra;
};
function tooLarge(limit) {
  return new HttpError(413, `the request body is larger than the limit of ${limit} bytes`);
}
function consume(req, limit, onChunk, onEnd, fail) {
  let size = 0;
  let done = false;
  const stop = (e) => {
    if (done) return;
    done = true;
    req.off("data", onData);
    req.resume();
    fail(e);
  };
  const onData = (chunk) => {
    size += chunk.length;
    if (size > limit) {
      stop(tooLarge(limit));
      return;
    }
    try {
      onChunk(chunk);
    } catch (e) {
      stop(e);
    }
  };
  if (Number(req.headers["content-length"] ?? "0") > limit) {
    stop(tooLarge(limit));
    return;
  }
  req.on("data", onData);
  req.on("end", () => {
    if (done) return;
    done = true;
    onEnd();
  });
  req.on("error", (e) => {
    stop(new HttpError(400, `the request body did not arrive whole (${e.message})`));
  });
}
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    consume(
      req,
      limit,
      (c) => {
        chunks.push(c);
        size += c.length;
      },
      () => {
        resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      },
      reject
    );
  });
}
function readBodyToFile(req, file, limit) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    const out = createWriteStream(file);
    let bytes = 0;
    let failed = false;
    const fail = (e) => {
      if (failed) return;
      failed = true;
      out.destroy();
      reject(e);
    };
    out.on("error", fail);
    consume(
      req,
      limit,
      (c) => {
        bytes += c.length;
        hash.update(c);
        if (!out.write(c)) {
          req.pause();
          out.once("drain", () => req.resume());
        }
      },
      () => out.end(() => {
        if (!failed) resolve({ sha256: hash.digest("hex"), bytes });
      }),
      fail
    );
  });
}
function parseJsonObject(body) {
  let v;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw new HttpError(400, `the request body is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new HttpError(400, "the request body must be a JSON object");
  if (nestingOver(v, MAX_DEPTH))
    throw new HttpError(400, `the request body nests arrays or objects deeper than ${MAX_DEPTH} levels`);
  return v;
}
var MAX_DEPTH = LIMITS.nestingDepth;
function nestingOver(root, max) {
  const stack2 = [[root, 1]];
  while (stack2.length) {
    const [v, d] = stack2.pop();
    if (typeof v !== "object" || v === null) continue;
    if (d > max) return true;
    for (const c of Array.isArray(v) ? v : Object.values(v)) if (typeof c === "object" && c !== null) stack2.push([c, d + 1]);
  }
  return false;
}
function sendJson(res, status, body, headers = {}) {
  if (res.headersSent || res.writableEnded) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
function sendText(res, status, text, contentType) {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  res.end(text);
}
function sendError(res, e, headers = {}) {
  if (e.status === 413) res.shouldKeepAlive = false;
  sendJson(res, e.status, { error: e.message, ...e.extra }, headers);
}

// src/serve/models.ts
import { createHash as createHash2 } from "node:crypto";
import { readFile } from "node:fs/promises";
import os from "node:os";

// src/serve/metrics.ts
var LATENCY_BUCKETS = [5e-4, 1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
var SAMPLE_CAP = 1 << 17;
var VersionStats = class {
  constructor(windowSeconds) {
    this.windowSeconds = windowSeconds;
    const n = Math.ceil(windowSeconds) + 1;
    this.slotSecond = new Float64Array(n).fill(-1);
    this.slotRequests = new Uint32Array(n);
    this.slotErrors = new Uint32Array(n);
  }
  windowSeconds;
  requests = 0;
  errors = 0;
  sumSeconds = 0;
  /** Per bucket (not cumulative); the last one is +Inf. */
  buckets = new Array(LATENCY_BUCKETS.length + 1).fill(0);
  // One slot per second of the window (+1 for the second in progress).
  slotSecond;
  slotRequests;
  slotErrors;
  sampleAt = new Float64Array(SAMPLE_CAP);
  sampleMs = new Float64Array(SAMPLE_CAP);
  sampleNext = 0;
  sampleCount = 0;
  record(ms, ok, now = Date.now()) {
    this.requests++;
    if (!ok) this.errors++;
    const s = ms / 1e3;
    this.sumSeconds += s;
    let b = 0;
    while (b < LATENCY_BUCKETS.length && s > LATENCY_BUCKETS[b]) b++;
    this.buckets[b]++;
    const sec = Math.floor(now / 1e3);
    const slot = sec % this.slotSecond.length;
    if (this.slotSecond[slot] !== sec) {
      this.slotSecond[slot] = sec;
      this.slotRequests[slot] = 0;
      this.slotErrors[slot] = 0;
    }
    this.slotRequests[slot]++;
    if (!ok) this.slotErrors[slot]++;
    this.sampleAt[this.sampleNext] = now;
    this.sampleMs[this.sampleNext] = ms;
    this.sampleNext = (this.sampleNext + 1) % SAMPLE_CAP;
    if (this.sampleCount < SAMPLE_CAP) this.sampleCount++;
  }
  /** The last `windowSeconds` (whole seconds, the current one included). */
  window(now = Date.now()) {
    const sec = Math.floor(now / 1e3);
    const first = sec - Math.ceil(this.windowSeconds) + 1;
    let requests = 0;
    let errors = 0;
    for (let i = 0; i < this.slotSecond.length; i++) {
      const s = this.slotSecond[i];
      if (s >= first && s <= sec) {
        requests += this.slotRequests[i];
        errors += this.slotErrors[i];
      }
    }
    const cutoff = first * 1e3;
    const ms = [];
    for (let k = 1; k <= this.sampleCount; k++) {
      const i = (this.sampleNext - k + SAMPLE_CAP) % SAMPLE_CAP;
      if (this.sampleAt[i] < cutoff) break;
      ms.push(this.sampleMs[i]);
    }
    const sorted = Float64Array.from(ms).sort();
    return { seconds: this.windowSeconds, requests, errors, p50Ms: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95) };
  }
};
function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return Math.round(v * 1e3) / 1e3;
}
function label(v) {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
function prometheusText(src) {
  const out = [];
  const family = (name, type, help, rows) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...rows);
  };
  const per = (f) => src.models.flatMap((m) => m.versions.flatMap((v) => f(`model="${label(m.name)}",version="${label(v.version)}"`, v)));
  family(
    "mlgate_serve_requests_total",
    "counter",
    "Inference requests a model version answered (shadow copies included), since it was loaded.",
    per((l, v) => [`mlgate_serve_requests_total{${l}} ${v.stats.requests}`])
  );
  family(
    "mlgate_serve_errors_total",
    "counter",
    "Inference requests a model version answered with an error (400 wrong inputs, 500 runtime failure, 504 timeout).",
    per((l, v) => [`mlgate_serve_errors_total{${l}} ${v.stats.errors}`])
  );
  family(
    "mlgate_serve_request_duration_seconds",
    "histogram",
    "Time from a request's arrival to its answer, per model version.",
    per((l, v) => {
      const rows = [];
      let cum = 0;
      LATENCY_BUCKETS.forEach((le, i) => {
        cum += v.stats.buckets[i];
        rows.push(`mlgate_serve_request_duration_seconds_bucket{${l},le="${le}"} ${cum}`);
      });
      rows.push(`mlgate_serve_request_duration_seconds_bucket{${l},le="+Inf"} ${v.stats.requests}`);
      rows.push(`mlgate_serve_request_duration_seconds_sum{${l}} ${v.stats.sumSeconds}`);
      rows.push(`mlgate_serve_request_duration_seconds_count{${l}} ${v.stats.requests}`);
      return rows;
    })
  );
  family(
    "mlgate_serve_traffic_weight",
    "gauge",
    "Percent of a model's traffic routed to a version.",
    per((l, v) => [`mlgate_serve_traffic_weight{${l}} ${v.weight}`])
  );
  family(
    "mlgate_serve_generation",
    "gauge",
    "The registry aliases generation applied per model.",
    src.models.map((m) => `mlgate_serve_generation{model="${label(m.name)}"} ${m.generation}`)
  );
  family(
    "mlgate_serve_rejected_total",
    "counter",
    "Requests refused before a model version was chosen, by HTTP status.",
    [...src.rejected.entries()].sort((a, b) => a[0] - b[0]).map(([code, n]) => `mlgate_serve_rejected_total{code="${code}"} ${n}`)
  );
  return `${out.join("\n")}
`;
}

// src/serve/tensors.ts
var ORT_TYPE = {
  BOOL: "bool",
  UINT8: "uint8",
  UINT16: "uint16",
  UINT32: "uint32",
  UINT64: "uint64",
  INT8: "int8",
  INT16: "int16",
  INT32: "int32",
  INT64: "int64",
  FP16: "float16",
  FP32: "float32",
  FP64: "float64",
  BYTES: "string"
};
var DATATYPE_OF = Object.fromEntries(Object.entries(ORT_TYPE).map(([k, v]) => [v, k]));
var INT_RANGE = {
  UINT8: [0, 255],
  UINT16: [0, 65535],
  UINT32: [0, 4294967295],
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647]
};
var BIG_RANGE = {
  INT64: [-(2n ** 63n), 2n ** 63n - 1n],
  UINT64: [0n, 2n ** 64n - 1n]
};
function specOf(meta) {
  if (!meta.isTensor) return `"${meta.name}" is not a tensor`;
  const datatype = DATATYPE_OF[meta.type];
  if (!datatype) return `"${meta.name}" has type ${meta.type}, which the JSON protocol cannot carry`;
  return { name: meta.name, datatype, shape: meta.shape.map((d) => typeof d === "number" && d >= 0 ? d : -1) };
}
function shapeText(shape) {
  return `[${shape.join(",")}]`;
}
function show(v) {
  const s = v === void 0 ? "undefined" : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
function flatten(data) {
  if (!data.some(Array.isArray)) return data;
  const out = [];
  const walk = (a) => {
    for (const v of a) {
      if (Array.isArray(v)) walk(v);
      else out.push(v);
    }
  };
  walk(data);
  return out;
}
var FLOAT_WORDS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };
function convert(spec, values) {
  const n = values.length;
  const bad = (i, what) => new HttpError(400, `input "${spec.name}": element ${i} is ${show(values[i])}, not ${what}`);
  const dt = spec.datatype;
  switch (dt) {
    case "FP32":
    case "FP64":
    case "FP16": {
      const out = dt === "FP32" ? new Float32Array(n) : dt === "FP64" ? new Float64Array(n) : new Uint16Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const x = typeof v === "number" ? v : typeof v === "string" ? FLOAT_WORDS[v] : void 0;
        if (x === void 0) throw bad(i, `a number (${dt}; NaN and infinities as the strings "NaN", "Infinity", "-Infinity")`);
        out[i] = dt === "FP16" ? floatToHalf(x) : x;
      }
      return out;
    }
    case "BOOL": {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "boolean") throw bad(i, "true or false (BOOL)");
        out[i] = v ? 1 : 0;
      }
      return out;
    }
    case "BYTES": {
      for (let i = 0; i < n; i++) if (typeof values[i] !== "string") throw bad(i, "a string (BYTES)");
      return values;
    }
    case "INT64":
    case "UINT64": {
      const [lo, hi] = BIG_RANGE[dt];
      const out = dt === "INT64" ? new BigInt64Array(n) : new BigUint64Array(n);
      const what = `an ${dt} (integers from ${lo} to ${hi}; beyond 2^53 as a string of digits)`;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        let b;
        if (typeof v === "number" && Number.isSafeInteger(v)) b = BigInt(v);
        else if (typeof v === "string" && /^-?\d{1,20}$/.test(v)) b = BigInt(v);
        if (b === void 0 || b < lo || b > hi) throw bad(i, what);
        out[i] = b;
      }
      return out;
    }
    default: {
      const [lo, hi] = INT_RANGE[dt];
      const Ctor = { UINT8: Uint8Array, UINT16: Uint16Array, UINT32: Uint32Array, INT8: Int8Array, INT16: Int16Array }[dt];
      const out = dt === "INT32" ? new Int32Array(n) : new Ctor(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi)
          throw bad(i, `an ${dt} (integers from ${lo} to ${hi})`);
        out[i] = v;
      }
      return out;
    }
  }
}
function decodeInput(spec, input) {
  const { name } = spec;
  const expected = () => `expected shape ${shapeText(spec.shape)} (${spec.datatype})`;
  if (input.datatype !== spec.datatype)
    throw new HttpError(400, `input "${name}": expected datatype ${spec.datatype}, got ${show(input.datatype)}`);
  const shape = input.shape;
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number" || !Number.isSafeInteger(d) || d < 0))
    throw new HttpError(400, `input "${name}": ${expected()}, got shape ${show(shape)}; give every dimension as a whole number`);
  const dims = shape;
  if (dims.length !== spec.shape.length || spec.shape.some((d, i) => d !== -1 && d !== dims[i]))
    throw new HttpError(400, `input "${name}": ${expected()}, got ${shapeText(dims)}`);
  if (!Array.isArray(input.data)) throw new HttpError(400, `input "${name}": "data" must be an array of the tensor's elements`);
  const values = flatten(input.data);
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count)
    throw new HttpError(400, `input "${name}": shape ${shapeText(dims)} needs ${count} elements, got ${values.length}`);
  return new (onnxruntime()).Tensor(ORT_TYPE[spec.datatype], convert(spec, values), dims);
}
function warmInput(spec) {
  const dims = spec.shape.map((d) => d === -1 ? 1 : d);
  const n = dims.reduce((a, b) => a * b, 1);
  const values = new Array(n).fill(spec.datatype === "BOOL" ? false : spec.datatype === "BYTES" ? "" : 0);
  return new (onnxruntime()).Tensor(ORT_TYPE[spec.datatype], convert(spec, values), dims);
}
function elementText(t, i) {
  const v = t.data[i];
  switch (typeof v) {
    case "number": {
      const x = t.type === "float16" && t.data instanceof Uint16Array ? halfToFloat(v) : v;
      return Number.isFinite(x) ? String(x) : `"${String(x)}"`;
    }
    case "bigint":
      return v.toString();
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return JSON.stringify(v);
    default:
      return "null";
  }
}
function boolText(t, i) {
  return t.data[i] ? "true" : "false";
}
function textOf(t) {
  return t.type === "bool" ? (i) => boolText(t, i) : (i) => elementText(t, i);
}
function datatypeOf(t) {
  return DATATYPE_OF[t.type] ?? t.type.toUpperCase();
}
function outputText(name, t) {
  const el = textOf(t);
  const n = t.size;
  const parts = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = el(i);
  return `{"name":${JSON.stringify(name)},"datatype":"${datatypeOf(t)}","shape":[${t.dims.join(",")}],"data":[${parts.join(",")}]}`;
}
function rowText(t, row) {
  const el = textOf(t);
  const inner = t.dims.slice(1);
  const per = inner.reduce((a, b) => a * b, 1);
  const nest = (depth, offset) => {
    if (depth === inner.length) return el(offset);
    const d = inner[depth];
    const stride = inner.slice(depth + 1).reduce((a, b) => a * b, 1);
    const parts = new Array(d);
    for (let k = 0; k < d; k++) parts[k] = nest(depth + 1, offset + k * stride);
    return `[${parts.join(",")}]`;
  };
  return nest(0, row * per);
}

// src/serve/models.ts
var RUN_OPTIONS = { logSeverityLevel: 4, logVerbosityLevel: 0 };
function servingSessionOptions() {
  return {
    graphOptimizationLevel: "all",
    intraOpNumThreads: Math.max(1, os.availableParallelism()),
    interOpNumThreads: 1,
    executionMode: "sequential",
    logSeverityLevel: 4,
    logVerbosityLevel: 0,
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } }
  };
}
var LoadError = class extends Error {
};
async function loadVersion(file, version, opts) {
  const bytes = await readFile(file);
  const sha256 = createHash2("sha256").update(bytes).digest("hex");
  if (opts.sha256 && sha256 !== opts.sha256)
    throw new LoadError(`has SHA-256 ${sha256.slice(0, 12)}\u2026, but its manifest says ${opts.sha256.slice(0, 12)}\u2026`);
  let session;
  try {
    session = await onnxruntime().InferenceSession.create(bytes, servingSessionOptions());
  } catch (e) {
    throw new LoadError(`is not a loadable ONNX model (onnxruntime: ${cleanOrtMessage(errorMessage(e)).replace(/\.$/, "")})`);
  }
  const inputs = [];
  for (const m of session.inputMetadata) {
    const s = specOf(m);
    if (typeof s === "string") {
      await session.release();
      throw new LoadError(`has input ${s}; mlgate serve feeds tensors of BOOL, integer, FP16/32/64 or BYTES types`);
    }
    inputs.push(s);
  }
  const outputs = session.outputMetadata.map(specOf).filter((s) => typeof s !== "string");
  if (outputs.length === 0) {
    await session.release();
    throw new LoadError("has no tensor outputs to answer with");
  }
  const v = {
    version,
    sha256,
    session,
    inputs,
    outputs,
    stats: new VersionStats(opts.windowSeconds),
    loadedAt: (/* @__PURE__ */ new Date()).toISOString(),
    inflight: 0,
    retired: false,
    released: false
  };
  const warm = await runVersion(v, Object.fromEntries(inputs.map((s) => [s.name, warmInput(s)])));
  if (!warm.ok) opts.warn?.(`version ${version}: the warm-up run on zeros failed (${warm.error}); serving it anyway`);
  return v;
}
async function runVersion(v, feeds, outputs) {
  try {
    const names = outputs ?? v.outputs.map((o) => o.name);
    return { ok: true, outputs: await v.session.run(feeds, names, RUN_OPTIONS) };
  } catch (e) {
    return { ok: false, error: cleanOrtMessage(errorMessage(e)) };
  }
}
function acquire(v) {
  v.inflight++;
}
function release(v) {
  v.inflight--;
  if (v.retired && v.inflight === 0) dispose(v);
}
function dispose(v) {
  if (v.released) return;
  v.released = true;
  v.session.release().catch(() => {
  });
}
function retire(v) {
  v.retired = true;
  if (v.inflight === 0) dispose(v);
}
var ModelSet = class {
  tables = /* @__PURE__ */ new Map();
  get(name) {
    return this.tables.get(name);
  }
  names() {
    return [...this.tables.keys()].sort();
  }
  all() {
    return this.names().map((n) => this.tables.get(n));
  }
  /** Installs `next` (or removes the model) and retires the versions only the old table held. */
  swap(name, next) {
    const old = this.tables.get(name);
    if (next) this.tables.set(name, next);
    else this.tables.delete(name);
    for (const v of old?.versions.values() ?? [])
      if (!next?.versions.has(v.version) || next.versions.get(v.version) !== v) retire(v);
  }
  /** Whether some model can answer requests. */
  ready() {
    return this.all().some((t) => t.aliases.champion !== null && t.versions.has(t.aliases.champion));
  }
  /** Retires everything; resolves once every session is released or `ms` passed. */
  async close(ms) {
    const all = this.all().flatMap((t) => [...t.versions.values()]);
    for (const n of this.names()) this.swap(n, void 0);
    const end = Date.now() + ms;
    while (all.some((v) => !v.released) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  }
};

// src/serve/admin.ts
var UPLOAD_LIMIT = 2 * 1024 ** 3;
var JSON_LIMIT = 1024 ** 2;
var digest = (s) => createHash3("sha256").update(s).digest();
function authorize(ctx, req) {
  if (ctx.token === void 0)
    throw new HttpError(404, "the admin API is off: start mlgate serve with --admin-token-file FILE or MLGATE_ADMIN_TOKEN");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!m) throw new HttpError(401, "the admin API needs an Authorization: Bearer token");
  if (!timingSafeEqual(digest(m[1]), digest(ctx.token))) throw new HttpError(401, "the bearer token is not the admin token");
}
function checkName(kind, value) {
  try {
    return checkRegistryName(kind, value, kind === "version" ? "version" : "model");
  } catch (e) {
    throw new HttpError(400, errorMessage(e));
  }
}
var nullableString = (v) => v === null || typeof v === "string";
function aliasesBody(body, current) {
  const { champion, challenger, weight, mode, previous, expectGeneration } = body;
  if (!nullableString(champion) || !nullableString(challenger))
    throw new HttpError(400, `"champion" and "challenger" must each be a version or null`);
  if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0 || weight > 100)
    throw new HttpError(400, `"weight" must be a number from 0 to 100 (the challenger's percent of traffic)`);
  if (mode !== void 0 && mode !== "split" && mode !== "shadow") throw new HttpError(400, `"mode" must be "split" or "shadow"`);
  if (previous !== void 0 && !nullableString(previous)) throw new HttpError(400, `"previous" must be a version or null`);
  if (expectGeneration !== void 0 && !Number.isSafeInteger(expectGeneration))
    throw new HttpError(400, `"expectGeneration" must be an integer`);
  const view = {
    champion,
    challenger,
    weight,
    mode: mode ?? "split",
    previous: previous === void 0 ? current.previous : previous
  };
  return expectGeneration === void 0 ? { view } : { view, expect: expectGeneration };
}
async function putAliases(ctx, req, name) {
  const dir = ctx.follower.dir;
  const body = parseJsonObject(await readBody(req, JSON_LIMIT));
  return ctx.follower.exclusive(name, async () => {
    const current = readAliases(dir, name);
    const { view, expect } = aliasesBody(body, current);
    if (expect !== void 0 && expect !== current.generation)
      throw new HttpError(409, `the aliases of "${name}" are at generation ${current.generation}, not ${expect}`);
    for (const v of [view.champion, view.challenger, view.previous])
      if (v !== null && !readManifest(dir, name, v)) throw new HttpError(422, `version "${v}" of model "${name}" is not staged`);
    let versions;
    try {
      versions = await ctx.follower.prepare(name, view);
    } catch (e) {
      throw new HttpError(422, errorMessage(e));
    }
    let written;
    try {
      written = writeAliases(dir, name, view, current.generation);
    } catch (e) {
      const held = ctx.models.get(name)?.versions;
      for (const v of versions.values()) if (held?.get(v.version) !== v) retire(v);
      throw new HttpError(409, errorMessage(e));
    }
    ctx.follower.install(name, written.generation, written, versions);
    ctx.log(`${name}: applied generation ${written.generation} from the admin API`);
    return written;
  });
}
function manifestHeader(req) {
  const h = req.headers["x-mlgate-manifest"];
  if (typeof h !== "string" || h === "")
    throw new HttpError(400, "header x-mlgate-manifest is missing: give the version's manifest JSON in base64");
  try {
    const v = JSON.parse(Buffer.from(h, "base64").toString("utf8"));
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v;
  } catch {
  }
  throw new HttpError(400, "header x-mlgate-manifest is not base64 of a JSON object");
}
var OPTIONAL_FIELDS = ["source", "tag", "commit", "repository", "runUrl", "actor"];
async function putVersion(ctx, req, res, name, version) {
  const dir = ctx.follower.dir;
  const m = manifestHeader(req);
  const tmp = path.join(dir, `.upload-${process.pid}-${randomBytes(6).toString("hex")}.onnx`);
  try {
    const { sha256 } = await readBodyToFile(req, tmp, UPLOAD_LIMIT);
    if (m.sha256 !== sha256)
      throw new HttpError(422, `the manifest's sha256 ${JSON.stringify(m.sha256)} is not the body's SHA-256 ${sha256}`);
    for (const [k, want] of [
      ["name", name],
      ["version", version]
    ])
      if (m[k] !== void 0 && m[k] !== want)
        throw new HttpError(422, `the manifest's ${k} ${JSON.stringify(m[k])} is not "${want}" of the URL`);
    const fields = {
      name,
      version,
      gates: Array.isArray(m.gates) ? m.gates : []
    };
    for (const k of OPTIONAL_FIELDS) if (typeof m[k] === "string") fields[k] = m[k];
    const { status, manifest } = await ctx.follower.exclusive(name, async () => {
      const existing = readManifest(dir, name, version);
      if (existing && existing.sha256 !== sha256)
        throw new HttpError(
          409,
          `version "${version}" of model "${name}" is already staged with SHA-256 ${existing.sha256}; a version is immutable, stage a new version`
        );
      if (existing && ctx.models.get(name)?.versions.has(version)) return { status: 200, manifest: existing };
      let loaded;
      try {
        loaded = await loadVersion(tmp, version, {
          sha256,
          windowSeconds: ctx.windowSeconds,
          warn: (w) => {
            ctx.log(`${name}: ${w}`);
          }
        });
      } catch (e) {
        throw new HttpError(422, `version "${version}" of model "${name}" ${errorMessage(e)}`);
      }
      try {
        const staged = existing ? { created: false, manifest: existing } : await stageVersion(dir, tmp, fields);
        ctx.follower.pin(name, loaded);
        ctx.log(`${name}: staged and loaded version ${version}`);
        return { status: staged.created ? 201 : 200, manifest: staged.manifest };
      } catch (e) {
        retire(loaded);
        throw isConfigurationError(e) ? new HttpError(409, e.message) : e;
      }
    });
    sendJson(res, status, manifest);
  } finally {
    rmSync(tmp, { force: true });
  }
}
function requireStrings(body, keys) {
  for (const k of keys) if (typeof body[k] !== "string") throw new HttpError(400, `"${k}" must be a string`);
}
async function lock(ctx, req, res, name, url) {
  const dir = ctx.follower.dir;
  if (req.method === "POST") {
    const b = parseJsonObject(await readBody(req, JSON_LIMIT));
    requireStrings(b, ["version", "environment", "strategy", "phase"]);
    if (typeof b.before !== "object" || b.before === null)
      throw new HttpError(400, `"before" must be the traffic before the rollout`);
    const who = {};
    if (b.pid !== void 0) {
      if (!Number.isSafeInteger(b.pid) || b.pid <= 0) throw new HttpError(400, `"pid" must be a positive integer`);
      who.pid = b.pid;
    }
    if (b.host !== void 0) {
      if (typeof b.host !== "string" || b.host === "" || b.host.length > 255)
        throw new HttpError(400, `"host" must be a host name of at most 255 characters`);
      who.host = b.host;
    }
    const r = acquireLock(dir, name, {
      ...who,
      version: b.version,
      environment: b.environment,
      strategy: b.strategy,
      phase: b.phase,
      before: b.before,
      ...typeof b.runUrl === "string" ? { runUrl: b.runUrl } : {}
    });
    if (r.acquired) sendJson(res, 201, r.lock);
    else
      throw new HttpError(409, `a rollout of "${name}" holds the lock (version ${r.holder.version}, ${r.holder.phase})`, {
        holder: r.holder,
        stale: r.stale
      });
    return;
  }
  if (req.method === "PUT") {
    const b = parseJsonObject(await readBody(req, JSON_LIMIT));
    requireStrings(b, ["id"]);
    if (b.phase !== void 0 && typeof b.phase !== "string") throw new HttpError(400, `"phase" must be a string`);
    if (b.deploymentId !== void 0 && !isDeploymentId(b.deploymentId))
      throw new HttpError(400, `"deploymentId" must be 1 to 100 letters, digits, dots, dashes or underscores`);
    try {
      const patch = {
        ...typeof b.phase === "string" ? { phase: b.phase } : {},
        ...b.deploymentId !== void 0 ? { deploymentId: b.deploymentId } : {}
      };
      sendJson(res, 200, updateLock(dir, name, b.id, patch));
    } catch (e) {
      throw new HttpError(409, errorMessage(e));
    }
    return;
  }
  const force = url.searchParams.get("force") === "true";
  const id = url.searchParams.get("id");
  if (!force && !id) throw new HttpError(400, "give ?id=ID of the rollout holding the lock, or ?force=true");
  try {
    releaseLock(dir, name, id ?? "", force);
  } catch (e) {
    throw new HttpError(409, errorMessage(e));
  }
  res.writeHead(204).end();
}
var EVENTS = [
  "staged",
  "traffic",
  "promoted",
  "rolled-back",
  "resolved",
  "refused",
  "deployed",
  "no-op",
  "failed"
];
async function history(ctx, req, res, name) {
  const dir = ctx.follower.dir;
  if (req.method === "GET") {
    sendJson(res, 200, readHistory(dir, name));
    return;
  }
  const b = parseJsonObject(await readBody(req, JSON_LIMIT));
  if (!EVENTS.includes(b.event))
    throw new HttpError(400, `"event" must be one of ${EVENTS.map((e) => `"${e}"`).join(", ")}`);
  const event = { ...b, at: typeof b.at === "string" ? b.at : (/* @__PURE__ */ new Date()).toISOString() };
  appendHistory(dir, name, event);
  sendJson(res, 201, event);
}
async function admin(ctx, req, res, segments, url) {
  authorize(ctx, req);
  const [models, rawName, what, rawVersion, ...extra] = segments;
  const method = req.method ?? "GET";
  const allow = (methods) => {
    if (!methods.includes(method))
      throw new HttpError(405, `${method} is not allowed on ${url.pathname} (allowed: ${methods.join(", ")})`);
  };
  if (models !== "models" || rawName === void 0 || extra.length > 0)
    throw new HttpError(404, `no such admin endpoint: ${url.pathname}`);
  const name = checkName("model name", rawName);
  if (what === void 0) {
    allow(["GET"]);
    if (!existsSync(registryPaths(ctx.follower.dir, name).model))
      throw new HttpError(404, `model "${name}" is not in the registry`);
    const l = readLock(ctx.follower.dir, name);
    sendJson(res, 200, {
      aliases: readAliases(ctx.follower.dir, name),
      versions: listVersions(ctx.follower.dir, name),
      lock: l ?? null
    });
  } else if (what === "versions" && rawVersion !== void 0) {
    allow(["PUT"]);
    await putVersion(ctx, req, res, name, checkName("version", rawVersion));
  } else if (rawVersion !== void 0) {
    throw new HttpError(404, `no such admin endpoint: ${url.pathname}`);
  } else if (what === "aliases") {
    allow(["PUT"]);
    sendJson(res, 200, await putAliases(ctx, req, name));
  } else if (what === "lock") {
    allow(["POST", "PUT", "DELETE"]);
    await lock(ctx, req, res, name, url);
  } else if (what === "history") {
    allow(["GET", "POST"]);
    await history(ctx, req, res, name);
  } else throw new HttpError(404, `no such admin endpoint: ${url.pathname}`);
}

// src/serve/routing.ts
var BUCKETS = 1e4;
function bucketOf(model, user) {
  let h = 2166136261;
  const bytes = Buffer.from(`${model}\0${user}`, "utf8");
  for (const b of bytes) h = Math.imul(h ^ b, 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return (h >>> 0) % BUCKETS;
}
function route(model, a, user, random) {
  if (a.champion === null) return void 0;
  if (a.challenger === null || a.weight <= 0) return { target: a.champion };
  const point = user !== void 0 && user !== "" ? bucketOf(model, user) : Math.floor(random() * BUCKETS);
  const hit = point < a.weight / 100 * BUCKETS;
  if (a.mode === "shadow") return hit ? { target: a.champion, shadow: a.challenger } : { target: a.champion };
  return { target: hit ? a.challenger : a.champion };
}
function weightOf(a, version) {
  if (a.champion === version) return a.challenger === null || a.mode === "shadow" ? 100 : 100 - a.weight;
  if (a.challenger === version) return a.mode === "shadow" ? 0 : a.weight;
  return 0;
}

// src/serve/infer.ts
function servedTable(models, name) {
  const t = models.get(name);
  if (!t) {
    const names = models.names();
    throw new HttpError(
      404,
      `model "${name}" is not served here (${names.length ? `models: ${names.join(", ")}` : "no models yet"})`
    );
  }
  return t;
}
function notDeployed(t) {
  return new HttpError(
    503,
    t.error === void 0 ? `model "${t.name}" has no version deployed yet` : `model "${t.name}" has no version to serve: its registry files could not be applied (see /v1/status)`
  );
}
function loadedVersion(t, version) {
  const v = t.versions.get(version);
  if (!v) {
    const loaded = [...t.versions.keys()];
    throw new HttpError(
      404,
      `version "${version}" of model "${t.name}" is not loaded (${loaded.length ? `loaded: ${loaded.join(", ")}` : "none is loaded"})`
    );
  }
  return v;
}
function pick(ctx, name, version, headers) {
  const table = servedTable(ctx.models, name);
  let picked;
  if (version !== void 0) picked = { table, target: loadedVersion(table, version) };
  else {
    const h = headers[ctx.affinityHeader];
    const r = route(name, table.aliases, Array.isArray(h) ? h[0] : h, ctx.random);
    const target = r && table.versions.get(r.target);
    if (!r || !target) throw notDeployed(table);
    picked = { table, target };
    const shadow = r.shadow !== void 0 ? table.versions.get(r.shadow) : void 0;
    if (shadow && shadow !== target) picked.shadow = shadow;
  }
  acquire(picked.target);
  if (picked.shadow) acquire(picked.shadow);
  return picked;
}
async function answer(ctx, res, started, picked, prepare, render) {
  const { target, table } = picked;
  const headers = { "x-model-version": target.version };
  let ok = false;
  try {
    const { feeds, outputs } = prepare(target);
    const r = await runVersion(target, feeds, outputs);
    if (!r.ok) throw new HttpError(500, `model "${table.name}" version ${target.version} failed on this input: ${r.error}`);
    const body = render(target, r.outputs);
    ok = !res.headersSent;
    sendJson(res, 200, body, headers);
  } catch (e) {
    if (e instanceof HttpError) sendError(res, e, headers);
    else {
      ctx.log(`internal error answering ${table.name} version ${target.version}: ${errorMessage(e)}`);
      sendError(res, new HttpError(500, `internal error: ${errorMessage(e)}`), headers);
    }
  } finally {
    target.stats.record(performance.now() - started, ok);
    release(target);
  }
  const shadow = picked.shadow;
  if (shadow) setImmediate(() => void shadowRun(shadow, prepare));
}
async function shadowRun(v, prepare) {
  const t0 = performance.now();
  let ok = false;
  try {
    const { feeds, outputs } = prepare(v);
    ok = (await runVersion(v, feeds, outputs)).ok;
  } catch {
  } finally {
    v.stats.record(performance.now() - t0, ok);
    release(v);
  }
}

// src/serve/protocol-v1.ts
function v1ModelStatus(res, models, name) {
  const t = servedTable(models, name);
  const v = t.aliases.champion !== null ? t.versions.get(t.aliases.champion) : void 0;
  sendJson(res, 200, { name, ready: v !== void 0 }, v ? { "x-model-version": v.version } : {});
}
function dimsOf(value, where) {
  const dims = [];
  let level = value;
  while (Array.isArray(level)) {
    dims.push(level.length);
    level = level[0];
  }
  const check = (v, depth) => {
    if (depth === dims.length) {
      if (Array.isArray(v)) throw new HttpError(400, `${where}: nested arrays of unequal depth`);
      return;
    }
    if (!Array.isArray(v) || v.length !== dims[depth])
      throw new HttpError(400, `${where}: nested arrays of unequal lengths (expected shape ${shapeText(dims)})`);
    for (const x of v) check(x, depth + 1);
  };
  check(value, 0);
  return dims;
}
function stack(spec, rows) {
  let row;
  rows.forEach((r, i) => {
    const d = dimsOf(r, `instance ${i} of input "${spec.name}"`);
    if (row && shapeText(row) !== shapeText(d))
      throw new HttpError(400, `input "${spec.name}": instance ${i} has shape ${shapeText(d)}, instance 0 has ${shapeText(row)}`);
    row = d;
  });
  return decodeInput(spec, {
    name: spec.name,
    shape: [rows.length, ...row ?? []],
    datatype: spec.datatype,
    data: rows.flat(Infinity)
  });
}
function feedsFor(model, v, instances) {
  const feeds = {};
  const only = v.inputs.length === 1 ? v.inputs[0] : void 0;
  const keyed = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
  if (only && !instances.every((x) => keyed(x) && only.name in x)) {
    feeds[only.name] = stack(only, instances);
  } else {
    const names = v.inputs.map((s) => `"${s.name}"`).join(", ");
    instances.forEach((x, i) => {
      if (!keyed(x))
        throw new HttpError(
          400,
          `instance ${i} must be an object keyed by input name: model "${model}" version ${v.version} takes ${names}`
        );
      for (const k of Object.keys(x))
        if (!v.inputs.some((s) => s.name === k))
          throw new HttpError(
            400,
            `instance ${i}: "${k}" is not an input of model "${model}" version ${v.version} (its inputs: ${names})`
          );
    });
    for (const spec of v.inputs) {
      const rows = instances.map((x, i) => {
        const r = x[spec.name];
        if (r === void 0) throw new HttpError(400, `instance ${i}: input "${spec.name}" is missing`);
        return r;
      });
      feeds[spec.name] = stack(spec, rows);
    }
  }
  return { feeds, outputs: v.outputs.map((o) => o.name) };
}
function predictionsText(model, v, outputs, n) {
  const names = v.outputs.map((o) => o.name);
  for (const name of names) {
    const t = outputs[name];
    if (t.dims[0] !== n)
      throw new HttpError(
        500,
        `model "${model}" version ${v.version}: output "${name}" has shape ${shapeText([...t.dims])}, not one row per instance (${n}); use the v2 protocol`
      );
  }
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = names.length === 1 ? rowText(outputs[names[0]], i) : `{${names.map((name) => `${JSON.stringify(name)}:${rowText(outputs[name], i)}`).join(",")}}`;
  }
  return `{"predictions":[${rows.join(",")}]}`;
}
async function predict(ctx, req, res, started, name) {
  servedTable(ctx.models, name);
  const { instances } = parseJsonObject(await readBody(req, ctx.maxBody));
  if (!Array.isArray(instances) || instances.length === 0)
    throw new HttpError(400, `the request needs "instances": a non-empty array with one entry per row`);
  const picked = pick(ctx, name, void 0, req.headers);
  await answer(
    ctx,
    res,
    started,
    picked,
    (v) => feedsFor(name, v, instances),
    (v, outputs) => predictionsText(name, v, outputs, instances.length)
  );
}

// src/serve/protocol-v2.ts
function serverMetadata() {
  return { name: "mlgate", version: TOOL_VERSION, extensions: [] };
}
function live(res) {
  sendJson(res, 200, { live: true });
}
function ready(res, models) {
  const r = models.ready();
  sendJson(res, r ? 200 : 503, { ready: r });
}
function modelReady(res, models, name, version) {
  const t = servedTable(models, name);
  const v = version !== void 0 ? loadedVersion(t, version) : t.aliases.champion !== null ? t.versions.get(t.aliases.champion) : void 0;
  const r = v !== void 0;
  sendJson(
    res,
    r ? 200 : 503,
    { name, ...v ? { version: v.version } : {}, ready: r },
    v ? { "x-model-version": v.version } : {}
  );
}
function modelMetadata(res, models, name, version) {
  const t = servedTable(models, name);
  let v;
  if (version !== void 0) v = loadedVersion(t, version);
  else if (t.aliases.champion !== null) v = t.versions.get(t.aliases.champion);
  if (!v) throw notDeployed(t);
  sendJson(
    res,
    200,
    {
      name,
      versions: [...t.versions.keys()],
      platform: "onnxruntime_onnx",
      inputs: v.inputs,
      outputs: v.outputs
    },
    { "x-model-version": v.version }
  );
}
function parseRequest(body) {
  const { inputs, outputs, id } = body;
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new HttpError(400, `the request needs "inputs": an array of tensors {"name","shape","datatype","data"}`);
  const seen = /* @__PURE__ */ new Set();
  const tensors = inputs.map((t, i) => {
    if (typeof t !== "object" || t === null || Array.isArray(t)) throw new HttpError(400, `inputs[${i}] must be an object`);
    const o = t;
    if (typeof o.name !== "string") throw new HttpError(400, `inputs[${i}] needs a "name" string`);
    if (seen.has(o.name)) throw new HttpError(400, `input "${o.name}" is given twice`);
    seen.add(o.name);
    const params = o.parameters;
    if (params && typeof params === "object" && "binary_data_size" in params)
      throw new HttpError(
        400,
        `input "${o.name}": the binary tensor data extension is not supported; send "data" as a JSON array`
      );
    return { name: o.name, shape: o.shape, datatype: o.datatype, data: o.data };
  });
  const req = { inputs: tensors };
  if (id !== void 0) {
    if (typeof id !== "string") throw new HttpError(400, `"id" must be a string`);
    req.id = id;
  }
  if (outputs !== void 0) {
    if (!Array.isArray(outputs)) throw new HttpError(400, `"outputs" must be an array of {"name"} objects`);
    req.outputs = outputs.map((o, i) => {
      const n = o?.name;
      if (typeof n !== "string") throw new HttpError(400, `outputs[${i}] needs a "name" string`);
      return n;
    });
  }
  return req;
}
function quoted(names) {
  return names.map((n) => `"${n.name}"`).join(", ");
}
function feedsFor2(model, v, r) {
  const which = `model "${model}" version ${v.version}`;
  const byName = new Map(r.inputs.map((t) => [t.name, t]));
  for (const t of r.inputs)
    if (!v.inputs.some((s) => s.name === t.name))
      throw new HttpError(400, `input "${t.name}" is not an input of ${which} (its inputs: ${quoted(v.inputs)})`);
  const feeds = {};
  for (const spec of v.inputs) {
    const t = byName.get(spec.name);
    if (!t) throw new HttpError(400, `input "${spec.name}" is missing (${which} takes inputs ${quoted(v.inputs)})`);
    feeds[spec.name] = decodeInput(spec, t);
  }
  const outputs = r.outputs ?? v.outputs.map((o) => o.name);
  for (const o of outputs)
    if (!v.outputs.some((s) => s.name === o))
      throw new HttpError(400, `output "${o}" is not an output of ${which} (its outputs: ${quoted(v.outputs)})`);
  return { feeds, outputs };
}
async function infer(ctx, req, res, started, name, version) {
  servedTable(ctx.models, name);
  if (req.headers["inference-header-content-length"] !== void 0)
    throw new HttpError(400, "the binary tensor data extension is not supported; send a JSON body");
  const r = parseRequest(parseJsonObject(await readBody(req, ctx.maxBody)));
  const picked = pick(ctx, name, version, req.headers);
  await answer(
    ctx,
    res,
    started,
    picked,
    (v) => feedsFor2(name, v, r),
    (v, outputs) => {
      const parts = (r.outputs ?? v.outputs.map((o) => o.name)).map((n) => outputText(n, outputs[n]));
      const id = r.id !== void 0 ? `,"id":${JSON.stringify(r.id)}` : "";
      return `{"model_name":${JSON.stringify(name)},"model_version":${JSON.stringify(v.version)}${id},"outputs":[${parts.join(",")}]}`;
    }
  );
}

// src/serve/registry-follow.ts
import { watch } from "node:fs";
import path2 from "node:path";
var RegistryFollower = class {
  constructor(o) {
    this.o = o;
  }
  o;
  queues = /* @__PURE__ */ new Map();
  /** The generation each model failed to apply, so a broken version is not reloaded every poll. */
  failed = /* @__PURE__ */ new Map();
  watchers = /* @__PURE__ */ new Map();
  timer;
  syncing;
  again = false;
  stopped = false;
  get dir() {
    return this.o.dir;
  }
  /** Runs `fn` after every earlier change to the same model has finished. */
  exclusive(name, fn) {
    const prev = this.queues.get(name) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.queues.set(
      name,
      next.catch(() => void 0)
    );
    return next;
  }
  /** Brings every model to its aliases' generation; returns the errors of models that could not be applied. */
  async sync() {
    let names;
    try {
      names = listModels(this.o.dir);
    } catch (e) {
      return [`${this.o.dir}: cannot list the registry (${errorMessage(e)})`];
    }
    const errors = [];
    for (const name of names) {
      this.watchModel(name);
      const err = await this.exclusive(name, () => this.applyIfChanged(name));
      if (err) errors.push(err);
    }
    for (const name of this.o.models.names()) {
      if (names.includes(name)) continue;
      await this.exclusive(name, () => {
        this.o.models.swap(name, void 0);
        this.o.onChange?.();
        return Promise.resolve();
      });
      this.watchers.get(name)?.close();
      this.watchers.delete(name);
    }
    return errors;
  }
  async applyIfChanged(name) {
    let aliases;
    try {
      aliases = readAliases(this.o.dir, name);
    } catch (e) {
      return this.fail(name, -1, errorMessage(e));
    }
    const cur = this.o.models.get(name);
    if (cur && cur.generation === aliases.generation && !cur.error) return void 0;
    if (this.failed.get(name) === aliases.generation) return cur?.error;
    try {
      const versions = await this.prepare(name, aliases);
      this.install(name, aliases.generation, aliases, versions);
      this.o.log(`${name}: applied generation ${aliases.generation} (${describe(aliases)})`);
      return void 0;
    } catch (e) {
      return this.fail(name, aliases.generation, errorMessage(e));
    }
  }
  fail(name, generation, error) {
    this.failed.set(name, generation);
    const cur = this.o.models.get(name);
    this.o.models.swap(name, {
      name,
      generation: cur?.generation ?? 0,
      aliases: cur?.aliases ?? { champion: null, challenger: null, weight: 0, mode: "split", previous: null },
      versions: cur?.versions ?? /* @__PURE__ */ new Map(),
      error
    });
    if (cur?.error !== error) this.o.log(`${name}: ${error}`);
    this.o.onChange?.();
    return error;
  }
  /**
   * Loads (or reuses) the versions `a` routes to, plus `previous` when it is still loaded. A failure
   * releases what this call loaded and throws a LoadError naming the file. Call inside exclusive().
   */
  async prepare(name, a) {
    const cur = this.o.models.get(name)?.versions ?? /* @__PURE__ */ new Map();
    const out = /* @__PURE__ */ new Map();
    const fresh = [];
    try {
      for (const version of [a.champion, a.challenger]) {
        if (version === null || out.has(version)) continue;
        const loaded = cur.get(version);
        if (loaded) {
          out.set(version, loaded);
          continue;
        }
        const v = await this.loadStaged(name, version);
        fresh.push(v);
        out.set(version, v);
      }
    } catch (e) {
      for (const v of fresh) retire(v);
      throw e;
    }
    const prev = a.previous !== null ? cur.get(a.previous) : void 0;
    if (prev && !out.has(prev.version)) out.set(prev.version, prev);
    return out;
  }
  async loadStaged(name, version) {
    const label2 = this.o.fileLabel?.(name, version) ?? registryPaths(this.o.dir, name).version(version).model;
    const manifest = readManifest(this.o.dir, name, version);
    if (!manifest) throw new LoadError(`version ${version} of ${name} is not staged in ${this.o.dir}`);
    try {
      return await loadVersion(registryPaths(this.o.dir, name).version(version).model, version, {
        sha256: manifest.sha256,
        windowSeconds: this.o.windowSeconds,
        warn: (m) => {
          this.o.log(`${name}: ${m}`);
        }
      });
    } catch (e) {
      throw new LoadError(`${label2}: ${errorMessage(e)}`);
    }
  }
  /** Swaps in the table for `generation`. Call inside exclusive(), after prepare(). */
  install(name, generation, a, versions) {
    const table = { name, generation, aliases: aliasesView(a), versions };
    this.o.models.swap(name, table);
    this.failed.delete(name);
    this.o.onChange?.();
  }
  /** Adds a version loaded through the admin API to the table without changing traffic. Call inside exclusive(). */
  pin(name, v) {
    const cur = this.o.models.get(name);
    if (cur?.versions.has(v.version)) {
      retire(v);
      return;
    }
    const versions = new Map(cur?.versions ?? []);
    versions.set(v.version, v);
    const a = cur?.aliases ?? aliasesView(readAliases(this.o.dir, name));
    const table = {
      name,
      generation: cur?.generation ?? readAliases(this.o.dir, name).generation,
      aliases: a,
      versions
    };
    if (cur?.error) table.error = cur.error;
    this.o.models.swap(name, table);
    this.o.onChange?.();
  }
  /** Starts following: a file event or the poll runs sync() (one at a time, coalesced). */
  start() {
    this.timer = setInterval(() => {
      this.kick();
    }, this.o.pollMs ?? 1e3);
    this.watchers.set("", this.watchDir(this.o.dir));
    for (const name of listModels(this.o.dir)) this.watchModel(name);
  }
  watchModel(name) {
    if (this.stopped || this.watchers.has(name) || !this.timer) return;
    this.watchers.set(name, this.watchDir(path2.join(this.o.dir, name)));
  }
  /** A watcher, or nothing where the platform refuses one: the poll still sees every change. */
  watchDir(dir) {
    try {
      const w = watch(dir, () => {
        this.kick();
      });
      w.on("error", () => {
        w.close();
      });
      return w;
    } catch {
      return void 0;
    }
  }
  /** Requests a sync; while one runs, one more follows it. */
  kick() {
    if (this.stopped) return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = this.sync().finally(() => {
      this.syncing = void 0;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }
  /** Stops following and waits for a sync in progress and every model's queue. */
  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    for (const w of this.watchers.values()) w?.close();
    this.watchers.clear();
    await this.syncing;
    await Promise.all(this.queues.values());
  }
};
function describe(a) {
  const parts = [`champion ${a.champion ?? "none"}`];
  if (a.challenger !== null) parts.push(`challenger ${a.challenger} at ${a.weight}%${a.mode === "shadow" ? " (shadow)" : ""}`);
  return parts.join(", ");
}

// src/serve/status.ts
import { hostname } from "node:os";
function roleOf(t, version) {
  if (t.aliases.champion === version) return "champion";
  if (t.aliases.challenger === version) return "challenger";
  if (t.aliases.previous === version) return "previous";
  return "loaded";
}
function modelStatus(t, now = Date.now()) {
  const versions = {};
  for (const v of t.versions.values()) {
    versions[v.version] = {
      version: v.version,
      role: roleOf(t, v.version),
      weight: weightOf(t.aliases, v.version),
      ready: !v.retired,
      sha256: v.sha256,
      requests: v.stats.requests,
      errors: v.stats.errors,
      window: v.stats.window(now)
    };
  }
  const a = t.aliases;
  const out = {
    name: t.name,
    generation: t.generation,
    champion: a.champion,
    challenger: a.challenger,
    weight: a.weight,
    mode: a.mode,
    versions
  };
  if (t.error) out.error = t.error;
  return out;
}
function serverStatus(models, url, startedAt, now = Date.now()) {
  return {
    schemaVersion: 1,
    url,
    pid: process.pid,
    host: hostname(),
    startedAt,
    updatedAt: new Date(now).toISOString(),
    ready: models.ready(),
    models: Object.fromEntries(models.all().map((t) => [t.name, modelStatus(t, now)]))
  };
}
function metricsSource(models, rejected) {
  return {
    models: models.all().map((t) => ({
      name: t.name,
      generation: t.generation,
      versions: [...t.versions.values()].map((v) => ({
        version: v.version,
        weight: weightOf(t.aliases, v.version),
        stats: v.stats
      }))
    })),
    rejected
  };
}

// src/serve/server.ts
function urlOf(host, port) {
  const h = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}
async function privateRegistry(model) {
  const dir = mkdtempSync(path3.join(os2.tmpdir(), "mlgate-serve-"));
  try {
    await stageVersion(dir, model.file, { name: model.name, version: "1", source: model.label ?? model.file, gates: [] });
    writeAliases(dir, model.name, { champion: "1", challenger: null, weight: 0, mode: "split", previous: null });
    return dir;
  } catch (e) {
    rmSync2(dir, { recursive: true, force: true });
    throw e;
  }
}
function listen(server, host, port) {
  return new Promise((resolve, reject) => {
    server.once("error", (e) => {
      reject(new ConfigurationError(`--port ${port}: cannot listen on ${host}:${port} (${e.code ?? errorMessage(e)})`));
    });
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    });
  });
}
async function startServer(o) {
  if (!o.registry === !o.model) throw new Error("startServer needs exactly one of registry and model");
  const log = o.log ?? (() => void 0);
  let followLog = o.model ? () => void 0 : log;
  const host = o.host ?? "127.0.0.1";
  const windowSeconds = o.windowSeconds ?? 30;
  const timeoutMs = o.timeoutMs ?? 3e4;
  const maxBody = o.maxBodyBytes ?? 10 * 1024 ** 2;
  const owned = o.model ? await privateRegistry(o.model) : void 0;
  const dir = owned ?? o.registry;
  const models = new ModelSet();
  let writeStatus = () => void 0;
  const follower = new RegistryFollower({
    dir,
    models,
    windowSeconds,
    log: (m) => {
      followLog(m);
    },
    ...o.pollMs !== void 0 ? { pollMs: o.pollMs } : {},
    ...o.model ? {
      fileLabel: (n, v) => n === o.model?.name && v === "1" ? `--model ${o.model.label ?? o.model.file}` : void 0
    } : {},
    onChange: () => {
      writeStatus();
    }
  });
  const errors = await follower.sync();
  if (owned && errors.length) {
    await models.close(1e3);
    rmSync2(owned, { recursive: true, force: true });
    throw new ConfigurationError(errors[0]);
  }
  followLog = log;
  const ctx = {
    models,
    affinityHeader: (o.affinityHeader ?? "x-user-id").toLowerCase(),
    random: o.random ?? Math.random,
    log,
    maxBody
  };
  const adminCtx = { token: o.adminToken, follower, models, windowSeconds, log };
  const rejected = /* @__PURE__ */ new Map();
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  let url = "";
  let inflight = 0;
  let closing;
  let drained;
  const handle = async (req, res, started) => {
    let u;
    try {
      u = new URL(req.url ?? "/", "http://localhost");
    } catch {
      throw new HttpError(400, `the request target ${JSON.stringify((req.url ?? "").slice(0, 100))} is not a valid URL path`);
    }
    let seg;
    try {
      seg = u.pathname.split("/").slice(1).map(decodeURIComponent);
    } catch {
      throw new HttpError(400, `the path ${u.pathname} is not valid percent-encoding`);
    }
    const method = req.method ?? "GET";
    const only = (m) => {
      if (method !== m) throw new HttpError(405, `${method} is not allowed on ${u.pathname} (allowed: ${m})`);
    };
    const p = u.pathname;
    const simple = {
      "/v2/health/live": () => {
        live(res);
      },
      "/v2/health/ready": () => {
        ready(res, models);
      },
      "/v2": () => {
        sendJson(res, 200, serverMetadata());
      },
      "/v1/status": () => {
        sendJson(res, 200, serverStatus(models, url, startedAt));
      },
      "/metrics": () => {
        sendText(res, 200, prometheusText(metricsSource(models, rejected)), "text/plain; version=0.0.4");
      }
    };
    const plain = simple[p];
    if (plain) {
      only("GET");
      plain();
      return;
    }
    if (seg[0] === "v1" && seg[1] === "admin") {
      await admin(adminCtx, req, res, seg.slice(2), u);
      return;
    }
    if (seg[0] === "v2" && seg[1] === "models" && seg[2] !== void 0 && seg.length <= 6) {
      const [name, a, b, c] = seg.slice(2);
      const version = a === "versions" ? b : void 0;
      const action = a === "versions" ? c : a;
      if (a === "versions" && b === void 0) throw new HttpError(404, `no such endpoint: ${method} ${p}`);
      if ((a === "versions" ? seg.length <= 6 : seg.length <= 4) && (action === void 0 || action === "ready" || action === "infer")) {
        if (action === "infer") {
          only("POST");
          await infer(ctx, req, res, started, name, version);
        } else if (action === "ready") {
          only("GET");
          modelReady(res, models, name, version);
        } else {
          only("GET");
          modelMetadata(res, models, name, version);
        }
        return;
      }
    }
    if (seg[0] === "v1" && seg[1] === "models" && seg.length === 3) {
      const m = /^(.+):predict$/.exec(seg[2]);
      if (m) {
        only("POST");
        await predict(ctx, req, res, started, m[1]);
      } else {
        only("GET");
        v1ModelStatus(res, models, seg[2]);
      }
      return;
    }
    throw new HttpError(404, `no such endpoint: ${method} ${p}`);
  };
  const server = createServer({ connectionsCheckingInterval: 1e3 }, (req, res) => {
    const started = performance.now();
    inflight++;
    if (closing) res.shouldKeepAlive = false;
    const timer = setTimeout(() => {
      sendError(res, new HttpError(504, `no answer within ${timeoutMs} ms (--timeout)`));
    }, timeoutMs);
    res.on("close", () => {
      clearTimeout(timer);
      inflight--;
      if (inflight === 0) drained?.();
    });
    handle(req, res, started).catch((e) => {
      const err = e instanceof HttpError ? e : new HttpError(500, `internal error: ${errorMessage(e)}`);
      if (!(e instanceof HttpError)) log(`internal error on ${req.method ?? "?"} ${req.url ?? "?"}: ${errorMessage(e)}`);
      rejected.set(err.status, (rejected.get(err.status) ?? 0) + 1);
      if (err.status === 401) res.setHeader("www-authenticate", 'Bearer realm="mlgate"');
      sendError(res, err);
    });
  });
  server.headersTimeout = Math.min(timeoutMs, 6e4);
  server.requestTimeout = timeoutMs;
  let port;
  try {
    port = await listen(server, host, o.port ?? 8080);
  } catch (e) {
    await models.close(1e3);
    if (owned) rmSync2(owned, { recursive: true, force: true });
    throw e;
  }
  url = urlOf(host, port);
  follower.start();
  let statusTimer;
  if (!owned) {
    writeStatus = () => {
      try {
        writeServerStatus(dir, serverStatus(models, url, startedAt));
      } catch (e) {
        log(`cannot write the status file in ${dir}: ${errorMessage(e)}`);
      }
    };
    writeStatus();
    statusTimer = setInterval(writeStatus, o.statusIntervalMs ?? 1e3);
  }
  const close = () => {
    closing ??= (async () => {
      clearInterval(statusTimer);
      writeStatus = () => void 0;
      await follower.stop();
      server.close();
      server.closeIdleConnections();
      if (inflight > 0) {
        await new Promise((resolve) => {
          drained = resolve;
          setTimeout(resolve, o.drainMs ?? timeoutMs).unref();
        });
      }
      server.closeAllConnections();
      await models.close(1e3);
      if (owned) rmSync2(owned, { recursive: true, force: true });
      else removeServerStatus(dir, url);
    })();
    return closing;
  };
  return { url, port, registry: dir, status: () => serverStatus(models, url, startedAt), close };
}
export {
  startServer
};
