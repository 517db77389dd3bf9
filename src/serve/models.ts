/**
 * The loaded model versions and the routing table per model. A table is immutable: a change builds
 * a new one (its versions loaded and warmed first) and replaces the old in one assignment, so a
 * request sees either the old table or the new one. A version that leaves the table is retired: its
 * session is released once the requests that already picked it have finished.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import os from "node:os";
import type * as Ort from "onnxruntime-node";
import { errorMessage } from "../core/errors.js";
import type { AliasesView } from "../core/registry.js";
import { onnxruntime } from "../gates/model/ort.js";
import { cleanOrtMessage } from "../gates/onnx/load.js";
import { VersionStats } from "./metrics.js";
import { specOf, warmInput, type TensorSpec } from "./tensors.js";

/** Per-run logging off: a bad request's failure is the response's message, not a line on stderr. */
export const RUN_OPTIONS: Ort.InferenceSession.RunOptions = { logSeverityLevel: 4, logVerbosityLevel: 0 };

/**
 * onnxruntime-node runs a session on the main thread, so one run at a time: intra-op threads are
 * the only parallelism a request gets. Set explicitly (as the gates do); idle threads do not spin,
 * so they do not take the cores the HTTP work needs between runs.
 */
export function servingSessionOptions(): Ort.InferenceSession.SessionOptions {
  return {
    graphOptimizationLevel: "all",
    intraOpNumThreads: Math.max(1, os.availableParallelism()),
    interOpNumThreads: 1,
    executionMode: "sequential",
    logSeverityLevel: 4,
    logVerbosityLevel: 0,
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
  };
}

/** A version that could not be loaded: `reason` is one clause the caller puts after the file's name. */
export class LoadError extends Error {}

export interface ServingVersion {
  version: string;
  sha256: string;
  session: Ort.InferenceSession;
  inputs: TensorSpec[];
  /** Tensor outputs only (a classifier's ZipMap sequence cannot travel as a JSON tensor). */
  outputs: TensorSpec[];
  stats: VersionStats;
  loadedAt: string;
  /** Requests that picked this version and have not finished. */
  inflight: number;
  retired: boolean;
  released: boolean;
}

/** Loads a model file as a version, checks its digest, and warms it with one run on zeros. */
export async function loadVersion(
  file: string,
  version: string,
  opts: { sha256?: string; windowSeconds: number; warn?: (m: string) => void },
): Promise<ServingVersion> {
  const bytes = await readFile(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (opts.sha256 && sha256 !== opts.sha256)
    throw new LoadError(`has SHA-256 ${sha256.slice(0, 12)}…, but its manifest says ${opts.sha256.slice(0, 12)}…`);
  let session: Ort.InferenceSession;
  try {
    session = await onnxruntime().InferenceSession.create(bytes, servingSessionOptions());
  } catch (e) {
    throw new LoadError(`is not a loadable ONNX model (onnxruntime: ${cleanOrtMessage(errorMessage(e)).replace(/\.$/, "")})`);
  }
  const inputs: TensorSpec[] = [];
  for (const m of session.inputMetadata) {
    const s = specOf(m);
    if (typeof s === "string") {
      await session.release();
      throw new LoadError(`has input ${s}; mlgate serve feeds tensors of BOOL, integer, FP16/32/64 or BYTES types`);
    }
    inputs.push(s);
  }
  const outputs = session.outputMetadata.map(specOf).filter((s): s is TensorSpec => typeof s !== "string");
  if (outputs.length === 0) {
    await session.release();
    throw new LoadError("has no tensor outputs to answer with");
  }
  const v: ServingVersion = {
    version,
    sha256,
    session,
    inputs,
    outputs,
    stats: new VersionStats(opts.windowSeconds),
    loadedAt: new Date().toISOString(),
    inflight: 0,
    retired: false,
    released: false,
  };
  const warm = await runVersion(v, Object.fromEntries(inputs.map((s) => [s.name, warmInput(s)])));
  // A model may refuse zeros at batch 1 (a fixed reshape, a lookup); it still serves real inputs.
  if (!warm.ok) opts.warn?.(`version ${version}: the warm-up run on zeros failed (${warm.error}); serving it anyway`);
  return v;
}

export type RunOutcome = { ok: true; outputs: Record<string, Ort.Tensor> } | { ok: false; error: string };

/** One run; onnxruntime's failure comes back as a cleaned message. */
export async function runVersion(v: ServingVersion, feeds: Record<string, Ort.Tensor>, outputs?: string[]): Promise<RunOutcome> {
  try {
    const names = outputs ?? v.outputs.map((o) => o.name);
    return { ok: true, outputs: await v.session.run(feeds, names, RUN_OPTIONS) };
  } catch (e) {
    return { ok: false, error: cleanOrtMessage(errorMessage(e)) };
  }
}

/** Marks a request on a version; must happen in the same tick as picking it from the table. */
export function acquire(v: ServingVersion): void {
  v.inflight++;
}

export function release(v: ServingVersion): void {
  v.inflight--;
  if (v.retired && v.inflight === 0) dispose(v);
}

function dispose(v: ServingVersion): void {
  if (v.released) return;
  v.released = true;
  v.session.release().catch(() => {
    // Releasing a session only frees memory; a failure leaves nothing for a request to trip on.
  });
}

/** A version no table references any more: released now, or when its last request finishes. */
export function retire(v: ServingVersion): void {
  v.retired = true;
  if (v.inflight === 0) dispose(v);
}

/** One model's routing table, replaced as a whole. */
export interface ModelTable {
  name: string;
  /** The aliases generation this table applies. */
  generation: number;
  aliases: AliasesView;
  /** Champion, challenger, previous (while still loaded) and versions staged through the admin API. */
  versions: ReadonlyMap<string, ServingVersion>;
  /** Why the latest generation could not be applied (the table keeps serving the one before). */
  error?: string;
}

export class ModelSet {
  private readonly tables = new Map<string, ModelTable>();

  get(name: string): ModelTable | undefined {
    return this.tables.get(name);
  }

  names(): string[] {
    return [...this.tables.keys()].sort();
  }

  all(): ModelTable[] {
    return this.names().map((n) => this.tables.get(n)!);
  }

  /** Installs `next` (or removes the model) and retires the versions only the old table held. */
  swap(name: string, next: ModelTable | undefined): void {
    const old = this.tables.get(name);
    if (next) this.tables.set(name, next);
    else this.tables.delete(name);
    for (const v of old?.versions.values() ?? [])
      if (!next?.versions.has(v.version) || next.versions.get(v.version) !== v) retire(v);
  }

  /** Whether some model can answer requests. */
  ready(): boolean {
    return this.all().some((t) => t.aliases.champion !== null && t.versions.has(t.aliases.champion));
  }

  /** Retires everything; resolves once every session is released or `ms` passed. */
  async close(ms: number): Promise<void> {
    const all = this.all().flatMap((t) => [...t.versions.values()]);
    for (const n of this.names()) this.swap(n, undefined);
    const end = Date.now() + ms;
    while (all.some((v) => !v.released) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  }
}
