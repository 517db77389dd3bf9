/**
 * http(s)://HOST:PORT — a running `mlgate serve`'s admin API (docs/deploy.md, src/serve/admin.ts).
 * The server acts on the registry it follows, so this target and registry: share one state machine;
 * health is the server's own /v1/status and parity calls its prediction API at the same address.
 */
import { createReadStream, statSync } from "node:fs";
import { hostname } from "node:os";
import { Readable } from "node:stream";
import { sha256File } from "../../../core/hash.js";
import {
  emptyAliases,
  type Aliases,
  type AliasesView,
  type HistoryEvent,
  type LockRequest,
  type LockResult,
  type RolloutLock,
  type VersionManifest,
} from "../../../core/registry.js";
import { call, errorText, type CallOptions, type HttpAnswer } from "./http-client.js";
import { readStatusUrl } from "./status-url.js";
import {
  TargetRefusal,
  type DeployTarget,
  type ServingStatus,
  type StageFields,
  type TargetState,
  type TrafficPhase,
} from "./target.js";

/** Where the token comes from, for the message of a refused one. */
const TOKEN_HINT = "MLGATE_ADMIN_TOKEN (the action's admin-token input)";

export class HttpTarget implements DeployTarget {
  readonly description: string;
  readonly measures = true;
  private readonly model: string;

  constructor(
    /** The base URL without a trailing slash. */
    private readonly base: string,
    private readonly name: string,
    private readonly token: string,
    /** How long the server may take to load and switch (PUT …/aliases answers once applied). */
    private readonly applyTimeoutMs: number,
  ) {
    this.description = base;
    this.model = `/v1/admin/models/${encodeURIComponent(name)}`;
  }

  private admin(method: string, rest: string, o: CallOptions = {}): Promise<HttpAnswer> {
    return call(this.base, method, `${this.model}${rest}`, {
      ...o,
      headers: { authorization: `Bearer ${this.token}`, ...o.headers },
      tokenHint: TOKEN_HINT,
    });
  }

  private json(method: string, rest: string, body: unknown, o: CallOptions = {}): Promise<HttpAnswer> {
    return this.admin(method, rest, {
      ...o,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  async state(): Promise<TargetState> {
    const a = await this.admin("GET", "", { expect: [404] });
    // 404 here is a model the server has never had (the admin API being off was worded by call()).
    if (a.status === 404) return { aliases: emptyAliases(this.name), versions: [], lock: undefined };
    const s = a.json as { aliases: Aliases; versions: VersionManifest[]; lock: RolloutLock | null };
    return { aliases: s.aliases, versions: s.versions, lock: s.lock ?? undefined };
  }

  async acquireLock(lock: LockRequest): Promise<LockResult> {
    // The lock names this deploy (not the server): killed, it is stale at once on its own host.
    const a = await this.json("POST", "/lock", { pid: process.pid, host: hostname(), ...lock }, { expect: [409] });
    if (a.status === 409) {
      const b = a.json as { holder: RolloutLock; stale: boolean };
      return { acquired: false, holder: b.holder, stale: b.stale };
    }
    return { acquired: true, lock: a.json as RolloutLock };
  }

  async heartbeat(id: string, phase: string, deploymentId?: string): Promise<void> {
    // A server older than the field ignores it: the lock then resolves as before, without the record's status.
    await this.json("PUT", "/lock", { id, phase, ...(deploymentId !== undefined ? { deploymentId } : {}) });
  }

  async releaseLock(id: string, force = false): Promise<void> {
    await this.admin("DELETE", `/lock?${force ? "force=true" : `id=${encodeURIComponent(id)}`}`);
  }

  async stage(modelFile: string, fields: StageFields): Promise<{ created: boolean; manifest: VersionManifest }> {
    const sha256 = await sha256File(modelFile);
    const manifest = Buffer.from(JSON.stringify({ ...fields, sha256 })).toString("base64");
    const a = await this.admin("PUT", `/versions/${encodeURIComponent(fields.version)}`, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(statSync(modelFile).size),
        "x-mlgate-manifest": manifest,
      },
      body: Readable.toWeb(createReadStream(modelFile)) as ReadableStream<Uint8Array>,
      // The upload, then the server's load and warm-up.
      timeoutMs: 10 * 60_000 + this.applyTimeoutMs,
      expect: [409, 422],
    });
    if (a.status === 409 || a.status === 422)
      throw new TargetRefusal(`${this.base} refused version ${fields.version} (${a.status}): ${errorText(a)}`);
    return { created: a.status === 201, manifest: a.json as VersionManifest };
  }

  async setTraffic(view: AliasesView, _phase: TrafficPhase, expectGeneration?: number): Promise<Aliases> {
    const a = await this.json("PUT", "/aliases", expectGeneration === undefined ? view : { ...view, expectGeneration }, {
      timeoutMs: this.applyTimeoutMs + 30_000,
      expect: [409, 422],
    });
    if (a.status === 409 || a.status === 422)
      throw new TargetRefusal(`${this.base} did not apply the traffic change (${a.status}): ${errorText(a)}`);
    return a.json as Aliases;
  }

  async serving(): Promise<ServingStatus[]> {
    return [await readStatusUrl(this.base, this.name, "--target")];
  }

  async record(event: Omit<HistoryEvent, "at">): Promise<void> {
    await this.json("POST", "/history", event);
  }

  async history(): Promise<HistoryEvent[]> {
    const a = await this.admin("GET", "/history", { expect: [404] });
    return a.status === 404 ? [] : (a.json as HistoryEvent[]);
  }
}
