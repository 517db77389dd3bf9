/**
 * Follows a registry folder (src/core/registry.ts): every model's aliases.json is the traffic state.
 * On a new generation the versions it needs are loaded and warmed first, then the routing table is
 * swapped, then the old versions drain; the applied generation is what /v1/status reports. Changes are
 * seen through fs.watch, with a poll as the fallback for file systems that do not report them.
 * Every change to one model (a new generation, an admin call) runs in that model's queue, one at a time.
 */
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { errorMessage } from "../core/errors.js";
import { aliasesView, listModels, readAliases, readManifest, registryPaths, type AliasesView } from "../core/registry.js";
import { LoadError, loadVersion, retire, type ModelSet, type ModelTable, type ServingVersion } from "./models.js";

export interface FollowOptions {
  dir: string;
  models: ModelSet;
  windowSeconds: number;
  /** How often the registry is read when no file event came (default 1 s). */
  pollMs?: number;
  log: (message: string) => void;
  /** How a version's model file is named in messages (the private registry of `--model` names the user's file). */
  fileLabel?: (name: string, version: string) => string | undefined;
  /** Called after a table changed (the server rewrites its status file at once). */
  onChange?: () => void;
}

export class RegistryFollower {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** The generation each model failed to apply, so a broken version is not reloaded every poll. */
  private readonly failed = new Map<string, number>();
  private readonly watchers = new Map<string, FSWatcher | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<string[]> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly o: FollowOptions) {}

  get dir(): string {
    return this.o.dir;
  }

  /** Runs `fn` after every earlier change to the same model has finished. */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(name) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.queues.set(
      name,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Brings every model to its aliases' generation; returns the errors of models that could not be applied. */
  async sync(): Promise<string[]> {
    let names: string[];
    try {
      names = listModels(this.o.dir);
    } catch (e) {
      return [`${this.o.dir}: cannot list the registry (${errorMessage(e)})`];
    }
    const errors: string[] = [];
    for (const name of names) {
      this.watchModel(name);
      const err = await this.exclusive(name, () => this.applyIfChanged(name));
      if (err) errors.push(err);
    }
    for (const name of this.o.models.names()) {
      if (names.includes(name)) continue;
      await this.exclusive(name, () => {
        this.o.models.swap(name, undefined);
        this.o.onChange?.();
        return Promise.resolve();
      });
      this.watchers.get(name)?.close();
      this.watchers.delete(name);
    }
    return errors;
  }

  private async applyIfChanged(name: string): Promise<string | undefined> {
    let aliases;
    try {
      aliases = readAliases(this.o.dir, name);
    } catch (e) {
      return this.fail(name, -1, errorMessage(e));
    }
    const cur = this.o.models.get(name);
    if (cur && cur.generation === aliases.generation && !cur.error) return undefined;
    if (this.failed.get(name) === aliases.generation) return cur?.error;
    try {
      const versions = await this.prepare(name, aliases);
      this.install(name, aliases.generation, aliases, versions);
      this.o.log(`${name}: applied generation ${aliases.generation} (${describe(aliases)})`);
      return undefined;
    } catch (e) {
      return this.fail(name, aliases.generation, errorMessage(e));
    }
  }

  private fail(name: string, generation: number, error: string): string {
    this.failed.set(name, generation);
    const cur = this.o.models.get(name);
    this.o.models.swap(name, {
      name,
      generation: cur?.generation ?? 0,
      aliases: cur?.aliases ?? { champion: null, challenger: null, weight: 0, mode: "split", previous: null },
      versions: cur?.versions ?? new Map(),
      error,
    });
    if (cur?.error !== error) this.o.log(`${name}: ${error}`);
    this.o.onChange?.();
    return error;
  }

  /**
   * Loads (or reuses) the versions `a` routes to, plus `previous` when it is still loaded. A failure
   * releases what this call loaded and throws a LoadError naming the file. Call inside exclusive().
   */
  async prepare(name: string, a: AliasesView): Promise<Map<string, ServingVersion>> {
    const cur = this.o.models.get(name)?.versions ?? new Map<string, ServingVersion>();
    const out = new Map<string, ServingVersion>();
    const fresh: ServingVersion[] = [];
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
    const prev = a.previous !== null ? cur.get(a.previous) : undefined;
    if (prev && !out.has(prev.version)) out.set(prev.version, prev);
    return out;
  }

  private async loadStaged(name: string, version: string): Promise<ServingVersion> {
    const label = this.o.fileLabel?.(name, version) ?? registryPaths(this.o.dir, name).version(version).model;
    const manifest = readManifest(this.o.dir, name, version);
    if (!manifest) throw new LoadError(`version ${version} of ${name} is not staged in ${this.o.dir}`);
    try {
      return await loadVersion(registryPaths(this.o.dir, name).version(version).model, version, {
        sha256: manifest.sha256,
        windowSeconds: this.o.windowSeconds,
        warn: (m) => {
          this.o.log(`${name}: ${m}`);
        },
      });
    } catch (e) {
      throw new LoadError(`${label}: ${errorMessage(e)}`);
    }
  }

  /** Swaps in the table for `generation`. Call inside exclusive(), after prepare(). */
  install(name: string, generation: number, a: AliasesView, versions: Map<string, ServingVersion>): void {
    const table: ModelTable = { name, generation, aliases: aliasesView(a), versions };
    this.o.models.swap(name, table);
    this.failed.delete(name);
    this.o.onChange?.();
  }

  /** Adds a version loaded through the admin API to the table without changing traffic. Call inside exclusive(). */
  pin(name: string, v: ServingVersion): void {
    const cur = this.o.models.get(name);
    if (cur?.versions.has(v.version)) {
      retire(v);
      return;
    }
    const versions = new Map(cur?.versions ?? []);
    versions.set(v.version, v);
    const a = cur?.aliases ?? aliasesView(readAliases(this.o.dir, name));
    const table: ModelTable = {
      name,
      generation: cur?.generation ?? readAliases(this.o.dir, name).generation,
      aliases: a,
      versions,
    };
    if (cur?.error) table.error = cur.error;
    this.o.models.swap(name, table);
    this.o.onChange?.();
  }

  /** Starts following: a file event or the poll runs sync() (one at a time, coalesced). */
  start(): void {
    this.timer = setInterval(() => {
      this.kick();
    }, this.o.pollMs ?? 1000);
    this.watchers.set("", this.watchDir(this.o.dir));
    for (const name of listModels(this.o.dir)) this.watchModel(name);
  }

  private watchModel(name: string): void {
    if (this.stopped || this.watchers.has(name) || !this.timer) return;
    this.watchers.set(name, this.watchDir(path.join(this.o.dir, name)));
  }

  /** A watcher, or nothing where the platform refuses one: the poll still sees every change. */
  private watchDir(dir: string): FSWatcher | undefined {
    try {
      const w = watch(dir, () => {
        this.kick();
      });
      w.on("error", () => {
        w.close();
      });
      return w;
    } catch {
      return undefined;
    }
  }

  /** Requests a sync; while one runs, one more follows it. */
  kick(): void {
    if (this.stopped) return;
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = this.sync().finally(() => {
      this.syncing = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops following and waits for a sync in progress and every model's queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const w of this.watchers.values()) w?.close();
    this.watchers.clear();
    await this.syncing;
    await Promise.all(this.queues.values());
  }
}

function describe(a: AliasesView): string {
  const parts = [`champion ${a.champion ?? "none"}`];
  if (a.challenger !== null) parts.push(`challenger ${a.challenger} at ${a.weight}%${a.mode === "shadow" ? " (shadow)" : ""}`);
  return parts.join(", ");
}
