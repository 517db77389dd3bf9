/**
 * The model registry on disk: what the deploy gate's `registry:DIR` target writes and what
 * `mlgate serve --registry DIR` serves. It is the contract between the two (docs/deploy.md):
 *
 *   DIR/<name>/versions/<version>/model.onnx      immutable once staged
 *   DIR/<name>/versions/<version>/manifest.json   digest, tag, commit, gate evidence (written last)
 *   DIR/<name>/aliases.json                       champion, challenger, weight, previous, generation
 *   DIR/<name>/history.jsonl                      append-only audit trail
 *   DIR/<name>/lock.json                          present while a rollout runs (the in-flight marker)
 *   DIR/status/<server-id>.json                   each serving process's live status
 *
 * Every file is replaced atomically (temp file + rename) and every JSON file carries schemaVersion.
 */
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { writeFileAtomic } from "./atomic-file.js";
import { ConfigurationError, errorMessage } from "./errors.js";
import { sha256File } from "./hash.js";

export const REGISTRY_SCHEMA_VERSION = 1;

/** Model names and versions become folder names and URL segments: no separators, no dot-only names. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

export function checkRegistryName(kind: "model name" | "version", value: string, flag: string): string {
  if (!NAME.test(value) || value.includes(".."))
    throw new ConfigurationError(
      `${flag} "${value}" is not a valid ${kind}: use 1-128 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit`,
    );
  return value;
}

/** One gate's verdict that a deployment relied on: from a check run or from a JSON report. */
export interface GateEvidence {
  /** Check run name (`mlgate/model`) or report file. */
  check: string;
  gate: string;
  /** `success`, `failure`, … for check runs; the report status (`pass`, `warn`) for reports. */
  conclusion: string;
  /** Every file the gate validated, with its role (`candidate`, `baseline`) where the gate gave one. */
  subjects: { path: string; sha256: string; role?: string }[];
  url?: string;
  commit?: string;
  source: "check-run" | "report";
}

export interface VersionManifest {
  schemaVersion: 1;
  name: string;
  version: string;
  sha256: string;
  bytes: number;
  /** Path of the model in the repository it came from. */
  source?: string;
  tag?: string;
  commit?: string;
  repository?: string;
  runUrl?: string;
  actor?: string;
  gates: GateEvidence[];
  createdAt: string;
}

export type TrafficMode = "split" | "shadow";

export interface Aliases {
  schemaVersion: 1;
  name: string;
  /** +1 on every write; a server reports the generation it has applied. */
  generation: number;
  champion: string | null;
  /** Staged (weight 0), in canary (0 < weight < 100) or shadowed. */
  challenger: string | null;
  /** The challenger's share of traffic in percent, 0..100 (in shadow mode: share of requests copied). */
  weight: number;
  mode: TrafficMode;
  /** The champion before the last promotion: what a rollback returns to. */
  previous: string | null;
  updatedAt: string;
}

/** The traffic-relevant part of Aliases, as a rollout saves it to restore on rollback. */
export type AliasesView = Pick<Aliases, "champion" | "challenger" | "weight" | "mode" | "previous">;

export interface RolloutLock {
  /** Random id of the rollout holding the lock; only its holder updates or releases it. */
  id: string;
  version: string;
  environment: string;
  strategy: string;
  /** Where the rollout is: `verify`, `stage`, `parity`, `step 2/3 (50%)`, `promote`, … */
  phase: string;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
  runUrl?: string;
  /** The traffic before the rollout began: what resolving a half-finished rollout restores. */
  before: AliasesView;
  /**
   * A heartbeat older than this (default LOCK_STALE_MS) makes the lock stale. A command: target's lock
   * travels in the platform's state and is only rewritten at each phase, so it waits out a whole step.
   */
  staleAfterMs?: number;
  /**
   * The deployment recorded for this rollout elsewhere (a GitHub deployment's id), once it has one:
   * whoever resolves the lock of a killed deploy can give that record its final status.
   */
  deploymentId?: string;
}

/** A deployment id as a lock may carry one: short and plain, since it ends up in an API path. */
export function isDeploymentId(x: unknown): x is string {
  return typeof x === "string" && /^[A-Za-z0-9._-]{1,100}$/.test(x);
}

export interface HistoryEvent {
  at: string;
  event: "staged" | "traffic" | "promoted" | "rolled-back" | "resolved" | "refused" | "deployed" | "no-op" | "failed";
  version?: string;
  from?: AliasesView;
  to?: AliasesView;
  message?: string;
  /** The deployment's audit record (docs/deploy.md), on its final event. */
  audit?: unknown;
}

/** Per version, what a server measured: what the deploy gate compares with its budgets. */
export interface VersionStatus {
  version: string;
  role: "champion" | "challenger" | "previous" | "loaded";
  weight: number;
  ready: boolean;
  sha256: string;
  /** Since this server loaded the version. */
  requests: number;
  errors: number;
  window: { seconds: number; requests: number; errors: number; p50Ms: number | null; p95Ms: number | null };
}

export interface ModelStatus {
  name: string;
  /** The aliases generation this server has applied (loaded, warmed, switched). */
  generation: number;
  champion: string | null;
  challenger: string | null;
  weight: number;
  mode: TrafficMode;
  versions: Record<string, VersionStatus>;
  /**
   * Why this server could not apply the registry's latest generation (a version that does not load,
   * a digest that does not match); `generation` stays the one still served. Absent when all is well.
   */
  error?: string;
}

/** `GET /v1/status` of `mlgate serve`, and each file in DIR/status/. */
export interface ServerStatus {
  schemaVersion: 1;
  /** Base URL clients reach the server on (`http://127.0.0.1:8080`). */
  url: string;
  pid: number;
  host: string;
  startedAt: string;
  updatedAt: string;
  ready: boolean;
  models: Record<string, ModelStatus>;
}

export interface RegistryPaths {
  model: string;
  versions: string;
  aliases: string;
  history: string;
  lock: string;
  version: (v: string) => { dir: string; model: string; manifest: string };
}

export function registryPaths(dir: string, name: string): RegistryPaths {
  const model = path.join(dir, name);
  const versions = path.join(model, "versions");
  return {
    model,
    versions,
    aliases: path.join(model, "aliases.json"),
    history: path.join(model, "history.jsonl"),
    lock: path.join(model, "lock.json"),
    version: (v) => {
      const d = path.join(versions, v);
      return { dir: d, model: path.join(d, "model.onnx"), manifest: path.join(d, "manifest.json") };
    },
  };
}

export function statusDir(dir: string): string {
  return path.join(dir, "status");
}

type Fields = Record<string, unknown>;
const isText = (v: unknown): boolean => typeof v === "string";
const isVersionOrNull = (v: unknown): boolean => v === null || (typeof v === "string" && NAME.test(v));
/** The first field of `v` that `rules` refuses, as `field <name>`; undefined when all are fine. */
function badField(v: Fields, rules: Record<string, (x: unknown) => boolean>): string | undefined {
  const bad = Object.entries(rules).find(([k, ok]) => !ok(v[k]));
  return bad && `field ${bad[0]} is ${JSON.stringify(v[bad[0]]) ?? "missing"}`.slice(0, 120);
}

// What the rollout code relies on in each file: a hand-edited or hostile registry is a sentence
// naming the field, not a path built from `../..` or a weight of 999.
const viewFields = {
  champion: isVersionOrNull,
  challenger: isVersionOrNull,
  previous: isVersionOrNull,
  weight: (x: unknown) => typeof x === "number" && x >= 0 && x <= 100,
  mode: (x: unknown) => x === "split" || x === "shadow",
};
const aliasesFields = {
  name: isText,
  generation: (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0,
  ...viewFields,
};
const lockFields = {
  id: isText,
  version: isText,
  environment: isText,
  strategy: isText,
  phase: isText,
  host: isText,
  pid: (x: unknown) => Number.isSafeInteger(x) && (x as number) > 0,
  startedAt: (x: unknown) => typeof x === "string" && !Number.isNaN(Date.parse(x)),
  heartbeatAt: (x: unknown) => typeof x === "string" && !Number.isNaN(Date.parse(x)),
  before: (x: unknown) => typeof x === "object" && x !== null && badField(x as Fields, viewFields) === undefined,
  // Absent in locks written before it existed.
  deploymentId: (x: unknown) => x === undefined || isDeploymentId(x),
};
const manifestFields = {
  name: isText,
  version: (x: unknown) => typeof x === "string" && NAME.test(x),
  sha256: (x: unknown) => typeof x === "string" && /^[0-9a-f]{64}$/.test(x),
  bytes: (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0,
  gates: Array.isArray,
  createdAt: isText,
};

function readJson<T>(file: string, what: string, fields?: Record<string, (x: unknown) => boolean>): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigurationError(`${file}: cannot read the registry's ${what} (${errorMessage(e)})`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const bad =
    typeof v !== "object" || v === null || (v as Fields).schemaVersion !== REGISTRY_SCHEMA_VERSION
      ? ""
      : fields && badField(v as Fields, fields);
  if (bad !== undefined)
    throw new ConfigurationError(
      `${file}: is not a registry ${what} of schema version ${REGISTRY_SCHEMA_VERSION}${bad ? ` (${bad})` : ""}; was the registry written by another tool?`,
    );
  return v as T;
}

/** Names of the models in a registry (folders holding aliases.json or versions/). */
export function listModels(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "status" && NAME.test(d.name))
    .filter((d) => existsSync(path.join(dir, d.name, "aliases.json")) || existsSync(path.join(dir, d.name, "versions")))
    .map((d) => d.name)
    .sort();
}

export function emptyAliases(name: string): Aliases {
  return {
    schemaVersion: 1,
    name,
    generation: 0,
    champion: null,
    challenger: null,
    weight: 0,
    mode: "split",
    previous: null,
    updatedAt: new Date(0).toISOString(),
  };
}

export function readAliases(dir: string, name: string): Aliases {
  return readJson<Aliases>(registryPaths(dir, name).aliases, "aliases file", aliasesFields) ?? emptyAliases(name);
}

export function aliasesView(a: AliasesView): AliasesView {
  return { champion: a.champion, challenger: a.challenger, weight: a.weight, mode: a.mode, previous: a.previous };
}

/**
 * Replaces the traffic settings, bumping the generation. Callers hold the rollout lock; `expect`
 * (the generation they read) guards against a second writer anyway.
 */
export function writeAliases(dir: string, name: string, next: AliasesView, expect?: number): Aliases {
  const p = registryPaths(dir, name);
  const current = readAliases(dir, name);
  if (expect !== undefined && current.generation !== expect)
    throw new Error(`${p.aliases} changed under the rollout (generation ${current.generation}, expected ${expect})`);
  if (!Number.isFinite(next.weight) || next.weight < 0 || next.weight > 100)
    throw new Error(`traffic weight ${next.weight} is outside 0..100`);
  for (const v of [next.champion, next.challenger]) {
    if (v !== null && !existsSync(p.version(v).manifest)) throw new Error(`version ${v} of ${name} is not staged in ${dir}`);
  }
  const written: Aliases = {
    schemaVersion: 1,
    name,
    generation: current.generation + 1,
    ...aliasesView(next),
    updatedAt: new Date().toISOString(),
  };
  mkdirSync(p.model, { recursive: true });
  writeFileAtomic(p.aliases, `${JSON.stringify(written, null, 2)}\n`);
  return written;
}

export function readManifest(dir: string, name: string, version: string): VersionManifest | undefined {
  return readJson<VersionManifest>(registryPaths(dir, name).version(version).manifest, "version manifest", manifestFields);
}

/** Every staged version (a version folder without its manifest is a staging that never finished). */
export function listVersions(dir: string, name: string): VersionManifest[] {
  const { versions } = registryPaths(dir, name);
  if (!existsSync(versions)) return [];
  const out: VersionManifest[] = [];
  for (const d of readdirSync(versions, { withFileTypes: true })) {
    if (!d.isDirectory() || !NAME.test(d.name)) continue;
    const m = readManifest(dir, name, d.name);
    if (m) out.push(m);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.version.localeCompare(b.version));
}

/**
 * Copies a model into `versions/<version>/` (a temp folder renamed into place, manifest inside), so a
 * half-copied model is never visible. A version is immutable: the same version with the same digest
 * is reused (`created: false`), with another digest it is refused.
 */
export async function stageVersion(
  dir: string,
  modelFile: string,
  manifest: Omit<VersionManifest, "schemaVersion" | "sha256" | "bytes" | "createdAt">,
): Promise<{ created: boolean; manifest: VersionManifest }> {
  const p = registryPaths(dir, manifest.name);
  const sha256 = await sha256File(modelFile);
  const existing = readManifest(dir, manifest.name, manifest.version);
  if (existing) {
    if (existing.sha256 !== sha256)
      throw new ConfigurationError(
        `version ${manifest.version} of ${manifest.name} is already in the registry with SHA-256 ${existing.sha256.slice(0, 12)}…, not ${sha256.slice(0, 12)}…; a version is immutable, deploy under a new version`,
      );
    return { created: false, manifest: existing };
  }
  mkdirSync(p.versions, { recursive: true });
  const tmp = path.join(p.versions, `.staging-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(tmp);
  try {
    const model = path.join(tmp, "model.onnx");
    copyFileSync(modelFile, model);
    // The copy is what will be served: its digest, not the source's, goes into the manifest.
    const copied = await sha256File(model);
    if (copied !== sha256) throw new Error(`the copy of ${modelFile} in ${tmp} has another SHA-256 than the source`);
    const full: VersionManifest = {
      schemaVersion: 1,
      ...manifest,
      sha256,
      bytes: statSync(model).size,
      createdAt: new Date().toISOString(),
    };
    writeFileAtomic(path.join(tmp, "manifest.json"), `${JSON.stringify(full, null, 2)}\n`);
    rmSync(p.version(manifest.version).dir, { recursive: true, force: true });
    renameSync(tmp, p.version(manifest.version).dir);
    return { created: true, manifest: full };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

export function appendHistory(dir: string, name: string, event: Omit<HistoryEvent, "at"> & { at?: string }): void {
  const p = registryPaths(dir, name);
  mkdirSync(p.model, { recursive: true });
  // One write of one line with O_APPEND: concurrent appenders never interleave within a line.
  appendFileSync(p.history, `${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`);
}

export function readHistory(dir: string, name: string): HistoryEvent[] {
  const { history } = registryPaths(dir, name);
  if (!existsSync(history)) return [];
  const out: HistoryEvent[] = [];
  for (const line of readFileSync(history, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    // A line cut by a crash mid-append, or one that is no event, is skipped: the history is an
    // audit trail, not state.
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    const e = v as Partial<HistoryEvent> | null;
    if (typeof e === "object" && e !== null && !Array.isArray(e) && typeof e.at === "string" && typeof e.event === "string")
      out.push(e as HistoryEvent);
  }
  return out;
}

/** A lock whose heartbeat is older than this, or whose process is gone from this host, is stale. */
export const LOCK_STALE_MS = 60_000;

export type LockResult = { acquired: true; lock: RolloutLock } | { acquired: false; holder: RolloutLock; stale: boolean };

export function readLock(dir: string, name: string): RolloutLock | undefined {
  return readJson<RolloutLock & { schemaVersion: 1 }>(registryPaths(dir, name).lock, "rollout lock", lockFields);
}

export function isLockStale(lock: RolloutLock, now = Date.now()): boolean {
  if (now - Date.parse(lock.heartbeatAt) > (lock.staleAfterMs ?? LOCK_STALE_MS)) return true;
  if (lock.host !== hostname()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * What a deploy says about itself in a lock; the rest is this process's identity and the time. A deploy
 * that takes the lock through a server (the admin API) names its own `pid` and `host`: the lock is the
 * deploy's, so a killed deploy is stale at once on its host, not only when its heartbeat expires.
 */
export type LockRequest = Omit<RolloutLock, "id" | "pid" | "host" | "startedAt" | "heartbeatAt"> &
  Partial<Pick<RolloutLock, "pid" | "host">>;

/** A lock held from now (by this process unless the request names another), with a fresh id. */
export function newLock(lock: LockRequest): RolloutLock {
  const now = new Date().toISOString();
  return { id: randomBytes(8).toString("hex"), pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now, ...lock };
}

/** Creates lock.json exclusively: of two deploys started at once, exactly one gets it. */
export function acquireLock(dir: string, name: string, lock: LockRequest): LockResult {
  const p = registryPaths(dir, name);
  mkdirSync(p.model, { recursive: true });
  const full = newLock(lock);
  let fd: number;
  try {
    fd = openSync(p.lock, "wx", 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const holder = readLock(dir, name);
    if (!holder) return acquireLock(dir, name, lock);
    return { acquired: false, holder, stale: isLockStale(holder) };
  }
  try {
    writeSync(fd, `${JSON.stringify({ schemaVersion: 1, ...full }, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  return { acquired: true, lock: full };
}

/** Records the phase (and the deployment id, once known) and a fresh heartbeat; throws if the lock is no longer this rollout's. */
export function updateLock(
  dir: string,
  name: string,
  id: string,
  patch: Partial<Pick<RolloutLock, "phase" | "deploymentId">> = {},
): RolloutLock {
  const current = readLock(dir, name);
  if (current?.id !== id) throw new Error(`the rollout lock of ${name} in ${dir} is no longer held by rollout ${id}`);
  const next: RolloutLock = { ...current, ...patch, heartbeatAt: new Date().toISOString() };
  writeFileAtomic(registryPaths(dir, name).lock, `${JSON.stringify({ schemaVersion: 1, ...next }, null, 2)}\n`);
  return next;
}

/** Removes the lock if `id` holds it (or unconditionally with `force`, after resolving a stale one). */
export function releaseLock(dir: string, name: string, id: string, force = false): void {
  const current = readLock(dir, name);
  if (!current) return;
  if (!force && current.id !== id)
    throw new Error(`the rollout lock of ${name} in ${dir} is held by rollout ${current.id}, not ${id}`);
  rmSync(registryPaths(dir, name).lock, { force: true });
}

/** A file name for a server's status: one file per serving process, so replicas never overwrite each other. */
export function serverStatusFile(dir: string, url: string): string {
  const id = url.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.-]+/g, "_");
  return path.join(statusDir(dir), `${id}.json`);
}

export function writeServerStatus(dir: string, status: ServerStatus): void {
  mkdirSync(statusDir(dir), { recursive: true });
  writeFileAtomic(serverStatusFile(dir, status.url), `${JSON.stringify(status)}\n`);
}

/** Statuses of servers that wrote within `freshMs`: a stopped server's last file is not evidence. */
export function readServerStatuses(dir: string, freshMs = 10_000, now = Date.now()): ServerStatus[] {
  const d = statusDir(dir);
  if (!existsSync(d)) return [];
  const out: ServerStatus[] = [];
  for (const f of readdirSync(d)) {
    if (!f.endsWith(".json") || f.startsWith(".")) continue;
    let s: ServerStatus | undefined;
    try {
      s = readJson<ServerStatus>(path.join(d, f), "server status");
    } catch {
      continue;
    }
    if (s && now - Date.parse(s.updatedAt) <= freshMs) out.push(s);
  }
  return out.sort((a, b) => a.url.localeCompare(b.url));
}

/** Removes a stopping server's status file so deploys do not wait on it. */
export function removeServerStatus(dir: string, url: string): void {
  rmSync(serverStatusFile(dir, url), { force: true });
}
