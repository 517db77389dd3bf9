/**
 * The inference path both protocols share: pick the version (routing, or the one the URL names),
 * build its inputs, run, answer, record. A request marks its version in flight in the same tick it
 * reads the routing table, so a swap that retires the version waits for it. Every answer after the
 * pick names the version (`x-model-version`), errors included.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type * as Ort from "onnxruntime-node";
import { errorMessage } from "../core/errors.js";
import { HttpError, sendError, sendJson } from "./http-io.js";
import { acquire, release, runVersion, type ModelSet, type ModelTable, type ServingVersion } from "./models.js";
import { route } from "./routing.js";

export interface InferContext {
  models: ModelSet;
  /** Lower-case header name whose value keeps a user on one version. */
  affinityHeader: string;
  random: () => number;
  log: (message: string) => void;
}

export interface Picked {
  table: ModelTable;
  target: ServingVersion;
  shadow?: ServingVersion;
}

/** What a protocol builds for one version: the feeds and the outputs to fetch (throws HttpError 400). */
export type Prepare = (v: ServingVersion) => { feeds: Record<string, Ort.Tensor>; outputs: string[] };
/** The 200 body (JSON text) from the outputs. */
export type Render = (v: ServingVersion, outputs: Record<string, Ort.Tensor>) => string;

export function servedTable(models: ModelSet, name: string): ModelTable {
  const t = models.get(name);
  if (!t) {
    const names = models.names();
    throw new HttpError(
      404,
      `model "${name}" is not served here (${names.length ? `models: ${names.join(", ")}` : "no models yet"})`,
    );
  }
  return t;
}

/**
 * The 503 for a model with no version to answer: when its registry files could not be applied, it
 * says so (the file and the reason are in /v1/status and the server's log, not in an answer to anyone).
 */
export function notDeployed(t: ModelTable): HttpError {
  return new HttpError(
    503,
    t.error === undefined
      ? `model "${t.name}" has no version deployed yet`
      : `model "${t.name}" has no version to serve: its registry files could not be applied (see /v1/status)`,
  );
}

/** A version the URL names, loaded in this server. */
export function loadedVersion(t: ModelTable, version: string): ServingVersion {
  const v = t.versions.get(version);
  if (!v) {
    const loaded = [...t.versions.keys()];
    throw new HttpError(
      404,
      `version "${version}" of model "${t.name}" is not loaded (${loaded.length ? `loaded: ${loaded.join(", ")}` : "none is loaded"})`,
    );
  }
  return v;
}

/** The version that answers by the routing table (or the one named), marked in flight. */
export function pick(ctx: InferContext, name: string, version: string | undefined, headers: IncomingHttpHeaders): Picked {
  const table = servedTable(ctx.models, name);
  let picked: Picked;
  if (version !== undefined) picked = { table, target: loadedVersion(table, version) };
  else {
    const h = headers[ctx.affinityHeader];
    const r = route(name, table.aliases, Array.isArray(h) ? h[0] : h, ctx.random);
    const target = r && table.versions.get(r.target);
    if (!r || !target) throw notDeployed(table);
    picked = { table, target };
    const shadow = r.shadow !== undefined ? table.versions.get(r.shadow) : undefined;
    if (shadow && shadow !== target) picked.shadow = shadow;
  }
  acquire(picked.target);
  if (picked.shadow) acquire(picked.shadow);
  return picked;
}

/** Runs the picked version and answers; then scores the shadow copy, if any, after the answer left. */
export async function answer(
  ctx: InferContext,
  res: ServerResponse,
  started: number,
  picked: Picked,
  prepare: Prepare,
  render: Render,
): Promise<void> {
  const { target, table } = picked;
  const headers = { "x-model-version": target.version };
  let ok = false;
  try {
    const { feeds, outputs } = prepare(target);
    const r = await runVersion(target, feeds, outputs);
    if (!r.ok) throw new HttpError(500, `model "${table.name}" version ${target.version} failed on this input: ${r.error}`);
    const body = render(target, r.outputs);
    // Already answered 504 by the request timeout: the late result counts as an error.
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

/** The challenger scores a copy: measured like an answer, its result discarded. */
async function shadowRun(v: ServingVersion, prepare: Prepare): Promise<void> {
  const t0 = performance.now();
  let ok = false;
  try {
    const { feeds, outputs } = prepare(v);
    ok = (await runVersion(v, feeds, outputs)).ok;
  } catch {
    // Inputs the challenger refuses are its error, counted below; the caller already has its answer.
  } finally {
    v.stats.record(performance.now() - t0, ok);
    release(v);
  }
}
