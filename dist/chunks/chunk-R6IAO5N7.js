#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  sha256File
} from "./chunk-FK2QC4SI.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";

// src/core/registry.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import {
  appendFileSync,
  closeSync as closeSync2,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync as openSync2,
  readdirSync,
  readFileSync,
  renameSync as renameSync2,
  rmSync as rmSync2,
  statSync,
  writeSync as writeSync2
} from "node:fs";
import { hostname } from "node:os";
import path2 from "node:path";

// src/core/atomic-file.ts
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
function writeFileAtomic(file, data) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const fd = openSync(tmp, "wx", 420);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

// src/core/registry.ts
var REGISTRY_SCHEMA_VERSION = 1;
var NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
function checkRegistryName(kind, value, flag) {
  if (!NAME.test(value) || value.includes(".."))
    throw new ConfigurationError(
      `${flag} "${value}" is not a valid ${kind}: use 1-128 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit`
    );
  return value;
}
function isDeploymentId(x) {
  return typeof x === "string" && /^[A-Za-z0-9._-]{1,100}$/.test(x);
}
function registryPaths(dir, name) {
  const model = path2.join(dir, name);
  const versions = path2.join(model, "versions");
  return {
    model,
    versions,
    aliases: path2.join(model, "aliases.json"),
    history: path2.join(model, "history.jsonl"),
    lock: path2.join(model, "lock.json"),
    version: (v) => {
      const d = path2.join(versions, v);
      return { dir: d, model: path2.join(d, "model.onnx"), manifest: path2.join(d, "manifest.json") };
    }
  };
}
function statusDir(dir) {
  return path2.join(dir, "status");
}
var isText = (v) => typeof v === "string";
var isVersionOrNull = (v) => v === null || typeof v === "string" && NAME.test(v);
function badField(v, rules) {
  const bad = Object.entries(rules).find(([k, ok]) => !ok(v[k]));
  return bad && `field ${bad[0]} is ${JSON.stringify(v[bad[0]]) ?? "missing"}`.slice(0, 120);
}
var viewFields = {
  champion: isVersionOrNull,
  challenger: isVersionOrNull,
  previous: isVersionOrNull,
  weight: (x) => typeof x === "number" && x >= 0 && x <= 100,
  mode: (x) => x === "split" || x === "shadow"
};
var aliasesFields = {
  name: isText,
  generation: (x) => Number.isSafeInteger(x) && x >= 0,
  ...viewFields
};
var lockFields = {
  id: isText,
  version: isText,
  environment: isText,
  strategy: isText,
  phase: isText,
  host: isText,
  pid: (x) => Number.isSafeInteger(x) && x > 0,
  startedAt: (x) => typeof x === "string" && !Number.isNaN(Date.parse(x)),
  heartbeatAt: (x) => typeof x === "string" && !Number.isNaN(Date.parse(x)),
  before: (x) => typeof x === "object" && x !== null && badField(x, viewFields) === void 0,
  // Absent in locks written before it existed.
  deploymentId: (x) => x === void 0 || isDeploymentId(x)
};
var manifestFields = {
  name: isText,
  version: (x) => typeof x === "string" && NAME.test(x),
  sha256: (x) => typeof x === "string" && /^[0-9a-f]{64}$/.test(x),
  bytes: (x) => Number.isSafeInteger(x) && x >= 0,
  gates: Array.isArray,
  createdAt: isText
};
function readJson(file, what, fields) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return void 0;
    throw new ConfigurationError(`${file}: cannot read the registry's ${what} (${errorMessage(e)})`);
  }
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    v = void 0;
  }
  const bad = typeof v !== "object" || v === null || v.schemaVersion !== REGISTRY_SCHEMA_VERSION ? "" : fields && badField(v, fields);
  if (bad !== void 0)
    throw new ConfigurationError(
      `${file}: is not a registry ${what} of schema version ${REGISTRY_SCHEMA_VERSION}${bad ? ` (${bad})` : ""}; was the registry written by another tool?`
    );
  return v;
}
function listModels(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "status" && NAME.test(d.name)).filter((d) => existsSync(path2.join(dir, d.name, "aliases.json")) || existsSync(path2.join(dir, d.name, "versions"))).map((d) => d.name).sort();
}
function emptyAliases(name) {
  return {
    schemaVersion: 1,
    name,
    generation: 0,
    champion: null,
    challenger: null,
    weight: 0,
    mode: "split",
    previous: null,
    updatedAt: (/* @__PURE__ */ new Date(0)).toISOString()
  };
}
function readAliases(dir, name) {
  return readJson(registryPaths(dir, name).aliases, "aliases file", aliasesFields) ?? emptyAliases(name);
}
function aliasesView(a) {
  return { champion: a.champion, challenger: a.challenger, weight: a.weight, mode: a.mode, previous: a.previous };
}
function writeAliases(dir, name, next, expect) {
  const p = registryPaths(dir, name);
  const current = readAliases(dir, name);
  if (expect !== void 0 && current.generation !== expect)
    throw new Error(`${p.aliases} changed under the rollout (generation ${current.generation}, expected ${expect})`);
  if (!Number.isFinite(next.weight) || next.weight < 0 || next.weight > 100)
    throw new Error(`traffic weight ${next.weight} is outside 0..100`);
  for (const v of [next.champion, next.challenger]) {
    if (v !== null && !existsSync(p.version(v).manifest)) throw new Error(`version ${v} of ${name} is not staged in ${dir}`);
  }
  const written = {
    schemaVersion: 1,
    name,
    generation: current.generation + 1,
    ...aliasesView(next),
    updatedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  mkdirSync(p.model, { recursive: true });
  writeFileAtomic(p.aliases, `${JSON.stringify(written, null, 2)}
`);
  return written;
}
function readManifest(dir, name, version) {
  return readJson(registryPaths(dir, name).version(version).manifest, "version manifest", manifestFields);
}
function listVersions(dir, name) {
  const { versions } = registryPaths(dir, name);
  if (!existsSync(versions)) return [];
  const out = [];
  for (const d of readdirSync(versions, { withFileTypes: true })) {
    if (!d.isDirectory() || !NAME.test(d.name)) continue;
    const m = readManifest(dir, name, d.name);
    if (m) out.push(m);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.version.localeCompare(b.version));
}
async function stageVersion(dir, modelFile, manifest) {
  const p = registryPaths(dir, manifest.name);
  const sha256 = await sha256File(modelFile);
  const existing = readManifest(dir, manifest.name, manifest.version);
  if (existing) {
    if (existing.sha256 !== sha256)
      throw new ConfigurationError(
        `version ${manifest.version} of ${manifest.name} is already in the registry with SHA-256 ${existing.sha256.slice(0, 12)}\u2026, not ${sha256.slice(0, 12)}\u2026; a version is immutable, deploy under a new version`
      );
    return { created: false, manifest: existing };
  }
  mkdirSync(p.versions, { recursive: true });
  const tmp = path2.join(p.versions, `.staging-${process.pid}-${randomBytes2(4).toString("hex")}`);
  mkdirSync(tmp);
  try {
    const model = path2.join(tmp, "model.onnx");
    copyFileSync(modelFile, model);
    const copied = await sha256File(model);
    if (copied !== sha256) throw new Error(`the copy of ${modelFile} in ${tmp} has another SHA-256 than the source`);
    const full = {
      schemaVersion: 1,
      ...manifest,
      sha256,
      bytes: statSync(model).size,
      createdAt: (/* @__PURE__ */ new Date()).toISOString()
    };
    writeFileAtomic(path2.join(tmp, "manifest.json"), `${JSON.stringify(full, null, 2)}
`);
    rmSync2(p.version(manifest.version).dir, { recursive: true, force: true });
    renameSync2(tmp, p.version(manifest.version).dir);
    return { created: true, manifest: full };
  } catch (e) {
    rmSync2(tmp, { recursive: true, force: true });
    throw e;
  }
}
function appendHistory(dir, name, event) {
  const p = registryPaths(dir, name);
  mkdirSync(p.model, { recursive: true });
  appendFileSync(p.history, `${JSON.stringify({ at: (/* @__PURE__ */ new Date()).toISOString(), ...event })}
`);
}
function readHistory(dir, name) {
  const { history } = registryPaths(dir, name);
  if (!existsSync(history)) return [];
  const out = [];
  for (const line of readFileSync(history, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    let v;
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    const e = v;
    if (typeof e === "object" && e !== null && !Array.isArray(e) && typeof e.at === "string" && typeof e.event === "string")
      out.push(e);
  }
  return out;
}
var LOCK_STALE_MS = 6e4;
function readLock(dir, name) {
  return readJson(registryPaths(dir, name).lock, "rollout lock", lockFields);
}
function isLockStale(lock, now = Date.now()) {
  if (now - Date.parse(lock.heartbeatAt) > (lock.staleAfterMs ?? LOCK_STALE_MS)) return true;
  if (lock.host !== hostname()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (e) {
    return e.code === "ESRCH";
  }
}
function newLock(lock) {
  const now = (/* @__PURE__ */ new Date()).toISOString();
  return { id: randomBytes2(8).toString("hex"), pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now, ...lock };
}
function acquireLock(dir, name, lock) {
  const p = registryPaths(dir, name);
  mkdirSync(p.model, { recursive: true });
  const full = newLock(lock);
  let fd;
  try {
    fd = openSync2(p.lock, "wx", 420);
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
    const holder = readLock(dir, name);
    if (!holder) return acquireLock(dir, name, lock);
    return { acquired: false, holder, stale: isLockStale(holder) };
  }
  try {
    writeSync2(fd, `${JSON.stringify({ schemaVersion: 1, ...full }, null, 2)}
`);
  } finally {
    closeSync2(fd);
  }
  return { acquired: true, lock: full };
}
function updateLock(dir, name, id, patch = {}) {
  const current = readLock(dir, name);
  if (current?.id !== id) throw new Error(`the rollout lock of ${name} in ${dir} is no longer held by rollout ${id}`);
  const next = { ...current, ...patch, heartbeatAt: (/* @__PURE__ */ new Date()).toISOString() };
  writeFileAtomic(registryPaths(dir, name).lock, `${JSON.stringify({ schemaVersion: 1, ...next }, null, 2)}
`);
  return next;
}
function releaseLock(dir, name, id, force = false) {
  const current = readLock(dir, name);
  if (!current) return;
  if (!force && current.id !== id)
    throw new Error(`the rollout lock of ${name} in ${dir} is held by rollout ${current.id}, not ${id}`);
  rmSync2(registryPaths(dir, name).lock, { force: true });
}
function serverStatusFile(dir, url) {
  const id = url.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.-]+/g, "_");
  return path2.join(statusDir(dir), `${id}.json`);
}
function writeServerStatus(dir, status) {
  mkdirSync(statusDir(dir), { recursive: true });
  writeFileAtomic(serverStatusFile(dir, status.url), `${JSON.stringify(status)}
`);
}
function readServerStatuses(dir, freshMs = 1e4, now = Date.now()) {
  const d = statusDir(dir);
  if (!existsSync(d)) return [];
  const out = [];
  for (const f of readdirSync(d)) {
    if (!f.endsWith(".json") || f.startsWith(".")) continue;
    let s;
    try {
      s = readJson(path2.join(d, f), "server status");
    } catch {
      continue;
    }
    if (s && now - Date.parse(s.updatedAt) <= freshMs) out.push(s);
  }
  return out.sort((a, b) => a.url.localeCompare(b.url));
}
function removeServerStatus(dir, url) {
  rmSync2(serverStatusFile(dir, url), { force: true });
}

export {
  REGISTRY_SCHEMA_VERSION,
  checkRegistryName,
  isDeploymentId,
  registryPaths,
  listModels,
  emptyAliases,
  readAliases,
  aliasesView,
  writeAliases,
  readManifest,
  listVersions,
  stageVersion,
  appendHistory,
  readHistory,
  LOCK_STALE_MS,
  readLock,
  isLockStale,
  newLock,
  acquireLock,
  updateLock,
  releaseLock,
  writeServerStatus,
  readServerStatuses,
  removeServerStatus
};
