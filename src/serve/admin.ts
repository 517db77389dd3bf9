/**
 * The admin API under /v1/admin/ (docs/deploy.md): what the deploy gate's http:// target calls to
 * stage versions, move traffic, hold the rollout lock and keep the history. It acts on the registry
 * folder the server follows (the private one with --model), so http:// and registry: targets share
 * one state machine. Bearer token only; without a configured token the whole prefix is 404.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { errorMessage, isConfigurationError } from "../core/errors.js";
import {
  acquireLock,
  appendHistory,
  checkRegistryName,
  isDeploymentId,
  listVersions,
  readAliases,
  readHistory,
  readLock,
  readManifest,
  registryPaths,
  releaseLock,
  stageVersion,
  updateLock,
  writeAliases,
  type AliasesView,
  type HistoryEvent,
  type VersionManifest,
} from "../core/registry.js";
import { HttpError, parseJsonObject, readBody, readBodyToFile, sendJson } from "./http-io.js";
import { loadVersion, retire, type ModelSet } from "./models.js";
import type { RegistryFollower } from "./registry-follow.js";

/** ONNX files are protobuf messages, which cannot pass 2 GiB. */
const UPLOAD_LIMIT = 2 * 1024 ** 3;
const JSON_LIMIT = 1024 ** 2;

export interface AdminContext {
  token: string | undefined;
  follower: RegistryFollower;
  models: ModelSet;
  windowSeconds: number;
  log: (message: string) => void;
}

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

/** 404 when the admin API is off, 401 without the right bearer token. */
function authorize(ctx: AdminContext, req: IncomingMessage): void {
  if (ctx.token === undefined)
    throw new HttpError(404, "the admin API is off: start mlgate serve with --admin-token-file FILE or MLGATE_ADMIN_TOKEN");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!m) throw new HttpError(401, "the admin API needs an Authorization: Bearer token");
  // Compared as digests: equal lengths for timingSafeEqual, and no timing hint about the token.
  if (!timingSafeEqual(digest(m[1]!), digest(ctx.token))) throw new HttpError(401, "the bearer token is not the admin token");
}

function checkName(kind: "model name" | "version", value: string): string {
  try {
    return checkRegistryName(kind, value, kind === "version" ? "version" : "model");
  } catch (e) {
    throw new HttpError(400, errorMessage(e));
  }
}

const nullableString = (v: unknown): v is string | null => v === null || typeof v === "string";

/** The body of PUT …/aliases; `mode` defaults to split and `previous` to the current one. */
function aliasesBody(body: Record<string, unknown>, current: AliasesView): { view: AliasesView; expect?: number } {
  const { champion, challenger, weight, mode, previous, expectGeneration } = body;
  if (!nullableString(champion) || !nullableString(challenger))
    throw new HttpError(400, `"champion" and "challenger" must each be a version or null`);
  if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0 || weight > 100)
    throw new HttpError(400, `"weight" must be a number from 0 to 100 (the challenger's percent of traffic)`);
  if (mode !== undefined && mode !== "split" && mode !== "shadow") throw new HttpError(400, `"mode" must be "split" or "shadow"`);
  if (previous !== undefined && !nullableString(previous)) throw new HttpError(400, `"previous" must be a version or null`);
  if (expectGeneration !== undefined && !Number.isSafeInteger(expectGeneration))
    throw new HttpError(400, `"expectGeneration" must be an integer`);
  const view: AliasesView = {
    champion,
    challenger,
    weight,
    mode: mode ?? "split",
    previous: previous === undefined ? current.previous : previous,
  };
  return expectGeneration === undefined ? { view } : { view, expect: expectGeneration as number };
}

async function putAliases(ctx: AdminContext, req: IncomingMessage, name: string): Promise<unknown> {
  const dir = ctx.follower.dir;
  const body = parseJsonObject(await readBody(req, JSON_LIMIT));
  return ctx.follower.exclusive(name, async () => {
    const current = readAliases(dir, name);
    const { view, expect } = aliasesBody(body, current);
    if (expect !== undefined && expect !== current.generation)
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

function manifestHeader(req: IncomingMessage): Record<string, unknown> {
  const h = req.headers["x-mlgate-manifest"];
  if (typeof h !== "string" || h === "")
    throw new HttpError(400, "header x-mlgate-manifest is missing: give the version's manifest JSON in base64");
  try {
    const v = JSON.parse(Buffer.from(h, "base64").toString("utf8")) as unknown;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Worded below.
  }
  throw new HttpError(400, "header x-mlgate-manifest is not base64 of a JSON object");
}

const OPTIONAL_FIELDS = ["source", "tag", "commit", "repository", "runUrl", "actor"] as const;

async function putVersion(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  version: string,
): Promise<void> {
  const dir = ctx.follower.dir;
  const m = manifestHeader(req);
  const tmp = path.join(dir, `.upload-${process.pid}-${randomBytes(6).toString("hex")}.onnx`);
  try {
    const { sha256 } = await readBodyToFile(req, tmp, UPLOAD_LIMIT);
    if (m.sha256 !== sha256)
      throw new HttpError(422, `the manifest's sha256 ${JSON.stringify(m.sha256)} is not the body's SHA-256 ${sha256}`);
    for (const [k, want] of [
      ["name", name],
      ["version", version],
    ] as const)
      if (m[k] !== undefined && m[k] !== want)
        throw new HttpError(422, `the manifest's ${k} ${JSON.stringify(m[k])} is not "${want}" of the URL`);
    const fields: Omit<VersionManifest, "schemaVersion" | "sha256" | "bytes" | "createdAt"> = {
      name,
      version,
      gates: Array.isArray(m.gates) ? (m.gates as VersionManifest["gates"]) : [],
    };
    for (const k of OPTIONAL_FIELDS) if (typeof m[k] === "string") fields[k] = m[k];
    const { status, manifest } = await ctx.follower.exclusive(name, async () => {
      const existing = readManifest(dir, name, version);
      if (existing && existing.sha256 !== sha256)
        throw new HttpError(
          409,
          `version "${version}" of model "${name}" is already staged with SHA-256 ${existing.sha256}; a version is immutable, stage a new version`,
        );
      if (existing && ctx.models.get(name)?.versions.has(version)) return { status: 200, manifest: existing };
      let loaded;
      try {
        loaded = await loadVersion(tmp, version, {
          sha256,
          windowSeconds: ctx.windowSeconds,
          warn: (w) => {
            ctx.log(`${name}: ${w}`);
          },
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

function requireStrings(body: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) if (typeof body[k] !== "string") throw new HttpError(400, `"${k}" must be a string`);
}

async function lock(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, name: string, url: URL): Promise<void> {
  const dir = ctx.follower.dir;
  if (req.method === "POST") {
    const b = parseJsonObject(await readBody(req, JSON_LIMIT));
    requireStrings(b, ["version", "environment", "strategy", "phase"]);
    if (typeof b.before !== "object" || b.before === null)
      throw new HttpError(400, `"before" must be the traffic before the rollout`);
    // The deploy's own pid and host, when it names them (older clients do not): its lock, not the server's.
    const who: { pid?: number; host?: string } = {};
    if (b.pid !== undefined) {
      if (!Number.isSafeInteger(b.pid) || (b.pid as number) <= 0) throw new HttpError(400, `"pid" must be a positive integer`);
      who.pid = b.pid as number;
    }
    if (b.host !== undefined) {
      if (typeof b.host !== "string" || b.host === "" || b.host.length > 255)
        throw new HttpError(400, `"host" must be a host name of at most 255 characters`);
      who.host = b.host;
    }
    const r = acquireLock(dir, name, {
      ...who,
      version: b.version as string,
      environment: b.environment as string,
      strategy: b.strategy as string,
      phase: b.phase as string,
      before: b.before as AliasesView,
      ...(typeof b.runUrl === "string" ? { runUrl: b.runUrl } : {}),
    });
    if (r.acquired) sendJson(res, 201, r.lock);
    else
      throw new HttpError(409, `a rollout of "${name}" holds the lock (version ${r.holder.version}, ${r.holder.phase})`, {
        holder: r.holder,
        stale: r.stale,
      });
    return;
  }
  if (req.method === "PUT") {
    const b = parseJsonObject(await readBody(req, JSON_LIMIT));
    requireStrings(b, ["id"]);
    if (b.phase !== undefined && typeof b.phase !== "string") throw new HttpError(400, `"phase" must be a string`);
    // It ends up in lock.json, which the next deploy reads back into an API path: plain and short only.
    if (b.deploymentId !== undefined && !isDeploymentId(b.deploymentId))
      throw new HttpError(400, `"deploymentId" must be 1 to 100 letters, digits, dots, dashes or underscores`);
    try {
      const patch = {
        ...(typeof b.phase === "string" ? { phase: b.phase } : {}),
        ...(b.deploymentId !== undefined ? { deploymentId: b.deploymentId } : {}),
      };
      sendJson(res, 200, updateLock(dir, name, b.id as string, patch));
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

const EVENTS: readonly HistoryEvent["event"][] = [
  "staged",
  "traffic",
  "promoted",
  "rolled-back",
  "resolved",
  "refused",
  "deployed",
  "no-op",
  "failed",
];

async function history(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const dir = ctx.follower.dir;
  if (req.method === "GET") {
    sendJson(res, 200, readHistory(dir, name));
    return;
  }
  const b = parseJsonObject(await readBody(req, JSON_LIMIT));
  if (!EVENTS.includes(b.event as HistoryEvent["event"]))
    throw new HttpError(400, `"event" must be one of ${EVENTS.map((e) => `"${e}"`).join(", ")}`);
  const event = { ...b, at: typeof b.at === "string" ? b.at : new Date().toISOString() } as HistoryEvent;
  appendHistory(dir, name, event);
  sendJson(res, 201, event);
}

/** Dispatches /v1/admin/models/{name}[/…]; `rest` is the path after the model name. */
export async function admin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  url: URL,
): Promise<void> {
  authorize(ctx, req);
  const [models, rawName, what, rawVersion, ...extra] = segments;
  const method = req.method ?? "GET";
  const allow = (methods: string[]): void => {
    if (!methods.includes(method))
      throw new HttpError(405, `${method} is not allowed on ${url.pathname} (allowed: ${methods.join(", ")})`);
  };
  if (models !== "models" || rawName === undefined || extra.length > 0)
    throw new HttpError(404, `no such admin endpoint: ${url.pathname}`);
  const name = checkName("model name", rawName);
  if (what === undefined) {
    allow(["GET"]);
    if (!existsSync(registryPaths(ctx.follower.dir, name).model))
      throw new HttpError(404, `model "${name}" is not in the registry`);
    const l = readLock(ctx.follower.dir, name);
    sendJson(res, 200, {
      aliases: readAliases(ctx.follower.dir, name),
      versions: listVersions(ctx.follower.dir, name),
      lock: l ?? null,
    });
  } else if (what === "versions" && rawVersion !== undefined) {
    allow(["PUT"]);
    await putVersion(ctx, req, res, name, checkName("version", rawVersion));
  } else if (rawVersion !== undefined) {
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
