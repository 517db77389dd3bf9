/**
 * command:SCRIPT — the user's script for their platform (KServe, helm, a cloud CLI), run once per
 * phase with what to do in MLGATE_* environment variables (docs/deploy.md, "The command: target").
 * Its exit code decides; its output goes to the report. The platform is also where the traffic state
 * lives: every phase hands the script MLGATE_STATE, and the `status` phase prints the last one back,
 * so the next deploy knows the champion (no state printed: a first deploy).
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { sha256File } from "../../../core/hash.js";
import { ConfigurationError } from "../../../core/errors.js";
import {
  aliasesView,
  emptyAliases,
  isDeploymentId,
  isLockStale,
  newLock,
  REGISTRY_SCHEMA_VERSION,
  type Aliases,
  type AliasesView,
  type HistoryEvent,
  type LockRequest,
  type LockResult,
  type RolloutLock,
  type VersionManifest,
} from "../../../core/registry.js";
import {
  TargetRefusal,
  type DeployTarget,
  type ServingStatus,
  type StageFields,
  type TargetState,
  type TrafficPhase,
} from "./target.js";

/** What the script is asked to do: `status` prints the state; the others change traffic. */
export type CommandPhase = "status" | TrafficPhase;

/** Per phase at most this much of the script's output is kept for the report. */
const OUTPUT_PER_PHASE = 4000;
/** Versions remembered in MLGATE_STATE (an annotation or a secret has little room). */
const STATE_VERSIONS = 20;

export interface CommandTargetOptions {
  /** Absolute path of the script. */
  script: string;
  /** As the user wrote it (`deploy/kserve.sh`). */
  display: string;
  name: string;
  environment: string;
  strategy: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Longest one phase may run; then the script's process group is killed. */
  timeoutMs: number;
  /** How old the lock in the platform's state may get before a later run takes it for a killed deploy's. */
  staleAfterMs: number;
  progress: (message: string) => void;
}

/** The part of the state the script keeps for mlgate (MLGATE_STATE, printed back at `status`). */
export interface CommandState extends Omit<Aliases, "updatedAt"> {
  versions: Pick<VersionManifest, "version" | "sha256" | "bytes" | "createdAt" | "tag" | "commit">[];
  /**
   * The rollout lock while a rollout is under way (phases stage and canary): a deploy killed then, or
   * whose rollback failed, leaves it in the platform, and the next deploy or status resolves it.
   */
  lock?: RolloutLock;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** Control characters (but tab and newline) and ANSI escapes out; what stays is only text. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
}

function bounded(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n… (${text.length - limit} more characters)`;
}

function withoutUpdatedAt(a: Aliases): Omit<Aliases, "updatedAt"> {
  return { schemaVersion: a.schemaVersion, name: a.name, generation: a.generation, ...aliasesView(a) };
}

function aliasesOf(s: CommandState): Aliases {
  return { schemaVersion: 1, name: s.name, generation: s.generation, ...aliasesView(s), updatedAt: new Date().toISOString() };
}

export class CommandTarget implements DeployTarget {
  readonly description: string;
  readonly measures = false;
  private readonly lines: string[] = [];
  private current: CommandState | undefined;
  private readonly events: HistoryEvent[] = [];
  private pending: { file: string; manifest: VersionManifest } | undefined;
  private lock: RolloutLock | undefined;

  constructor(private readonly o: CommandTargetOptions) {
    this.description = `command:${o.display}`;
  }

  output(): string[] {
    return this.lines;
  }

  /** Runs the script once; resolves with what it did (never rejects for the script's own failure). */
  private run(phase: CommandPhase, vars: Record<string, string>): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...this.o.env };
    // The script gets its own credentials from the job, not mlgate's tokens.
    delete env.GITHUB_TOKEN;
    delete env.MLGATE_ADMIN_TOKEN;
    Object.assign(env, {
      MLGATE_PHASE: phase,
      MLGATE_MODEL_NAME: this.o.name,
      MLGATE_ENVIRONMENT: this.o.environment,
      MLGATE_STRATEGY: this.o.strategy,
      ...vars,
    });
    return new Promise((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      let timedOut = false;
      // Its own process group: a timeout ends the script and everything it started.
      const child = spawn(this.o.script, [], { cwd: this.o.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      const kill = (signal: NodeJS.Signals): void => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, signal);
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill("SIGTERM");
        setTimeout(() => {
          kill("SIGKILL");
        }, 5000).unref();
      }, this.o.timeoutMs);
      child.stdout.on("data", (d: Buffer) => {
        if (stdout.length < 1024 ** 2) stdout += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        if (stderr.length < 1024 ** 2) stderr += d.toString();
      });
      child.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const why =
          e.code === "EACCES"
            ? "is not executable (chmod +x it, with a #! line)"
            : e.code === "ENOENT"
              ? "does not exist or names an interpreter (#!) that does not"
              : `cannot run (${e.code ?? e.message})`;
        reject(new ConfigurationError(`--target command:${this.o.display} ${why}`));
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        // The group may still hold a process that closed its output: end it too.
        kill("SIGKILL");
        const out = clean(stdout).trimEnd();
        this.lines.push(
          `$ MLGATE_PHASE=${phase} ${this.o.display} -> ${timedOut ? "timed out" : code === null ? `killed by ${signal}` : `exit ${code}`}`,
        );
        if (out) this.lines.push(bounded(out, OUTPUT_PER_PHASE));
        resolve({ code, signal, timedOut, stdout, stderr: clean(stderr) });
      });
    });
  }

  private why(phase: CommandPhase, r: Run): string {
    const tail = (r.stderr.trim() || clean(r.stdout).trim()).split("\n").at(-1)?.slice(0, 300) ?? "";
    const how = r.timedOut
      ? `did not finish within ${Math.round(this.o.timeoutMs / 1000)} s and was stopped`
      : r.code === null
        ? `was killed by ${r.signal ?? "a signal"}`
        : `exited with ${r.code}`;
    return `command:${this.o.display} ${how} in phase ${phase}${tail ? `: ${tail}` : ""}`;
  }

  private parseState(stdout: string): CommandState | undefined {
    const line = clean(stdout)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("{"))
      .at(-1);
    if (line === undefined) return undefined;
    let s: Partial<CommandState>;
    try {
      s = JSON.parse(line) as Partial<CommandState>;
    } catch {
      throw new ConfigurationError(
        `command:${this.o.display} printed a line starting with { in phase status that is not JSON; print back exactly the last MLGATE_STATE (or nothing)`,
      );
    }
    const str = (v: unknown): v is string | null => v === null || typeof v === "string";
    if (
      !str(s.champion) ||
      !str(s.challenger) ||
      !str(s.previous) ||
      typeof s.weight !== "number" ||
      typeof s.generation !== "number" ||
      !Array.isArray(s.versions)
    )
      throw new ConfigurationError(
        `command:${this.o.display} printed a state in phase status without champion, challenger, previous, weight, generation and versions; print back exactly the last MLGATE_STATE`,
      );
    if (s.lock !== undefined && !isLock(s.lock))
      throw new ConfigurationError(
        `command:${this.o.display} printed a state in phase status whose lock is not the one mlgate handed it; print back exactly the last MLGATE_STATE`,
      );
    return { ...emptyAliases(this.o.name), ...s } as CommandState;
  }

  async state(): Promise<TargetState> {
    if (!this.current) {
      const r = await this.run("status", {});
      if (r.code !== 0) throw new ConfigurationError(this.why("status", r));
      const s = this.parseState(r.stdout);
      this.current = s ?? { ...withoutUpdatedAt(emptyAliases(this.o.name)), versions: [] };
    }
    const versions = this.current.versions;
    return {
      aliases: aliasesOf(this.current),
      versions: versions.map((v) => ({ schemaVersion: 1, name: this.o.name, gates: [], ...v })),
      lock: this.lock ?? this.current.lock,
    };
  }

  /**
   * The lock lives in the platform's state only while a rollout moves traffic (the workflow's concurrency
   * group serialises deploys to one environment); one found there is a rollout that never finished.
   */
  async acquireLock(lock: LockRequest): Promise<LockResult> {
    const holder = (await this.state()).lock;
    if (holder) return { acquired: false, holder, stale: isLockStale(holder) };
    this.lock = { ...newLock(lock), staleAfterMs: this.o.staleAfterMs };
    return { acquired: true, lock: this.lock };
  }

  heartbeat(_id: string, phase: string, deploymentId?: string): Promise<void> {
    // The platform's state gets it with the next stage or canary phase, which copies this lock.
    if (this.lock)
      this.lock = {
        ...this.lock,
        phase,
        heartbeatAt: new Date().toISOString(),
        ...(deploymentId !== undefined ? { deploymentId } : {}),
      };
    return Promise.resolve();
  }

  releaseLock(_id: string, force = false): Promise<void> {
    this.lock = undefined;
    // A stale lock from the platform's state, resolved: the rollback just written carries none.
    if (force && this.current) delete this.current.lock;
    return Promise.resolve();
  }

  /** Hashes the file; the script sees it in the `stage` phase, which the rollout runs next. */
  async stage(modelFile: string, fields: StageFields): Promise<{ created: boolean; manifest: VersionManifest }> {
    const known = (await this.state()).versions.find((v) => v.version === fields.version);
    const manifest: VersionManifest = {
      schemaVersion: REGISTRY_SCHEMA_VERSION,
      ...fields,
      sha256: await sha256File(modelFile),
      bytes: statSync(modelFile).size,
      createdAt: new Date().toISOString(),
    };
    this.pending = { file: modelFile, manifest };
    return { created: !known, manifest: known ?? manifest };
  }

  async setTraffic(view: AliasesView, phase: TrafficPhase): Promise<Aliases> {
    const before = this.current ?? (await this.state(), this.current!);
    const p = this.pending;
    const versions = [...before.versions.filter((v) => v.version !== p?.manifest.version)];
    if (p) {
      const m = p.manifest;
      versions.push({
        version: m.version,
        sha256: m.sha256,
        bytes: m.bytes,
        createdAt: m.createdAt,
        ...(m.tag ? { tag: m.tag } : {}),
        ...(m.commit ? { commit: m.commit } : {}),
      });
    }
    // Keep the versions traffic may return to; drop the oldest others.
    const keep = new Set([view.champion, view.challenger, view.previous]);
    while (versions.length > STATE_VERSIONS) {
      const i = versions.findIndex((v) => !keep.has(v.version));
      versions.splice(i < 0 ? 0 : i, 1);
    }
    const next: CommandState = { ...before, ...view, generation: before.generation + 1, versions };
    delete next.lock;
    // Only mid-rollout states carry the lock: promote, switch and rollback are where a rollout ends.
    if (this.lock && (phase === "stage" || phase === "canary"))
      next.lock = { ...this.lock, heartbeatAt: new Date().toISOString() };
    const newVersion = p?.manifest.version ?? view.challenger ?? view.champion;
    const share = newVersion === null ? 0 : view.challenger === newVersion ? view.weight : view.champion === newVersion ? 100 : 0;
    const r = await this.run(phase, {
      MLGATE_MODEL: p?.file ?? "",
      MLGATE_VERSION: p?.manifest.version ?? "",
      MLGATE_DIGEST: p?.manifest.sha256 ?? "",
      MLGATE_TRAFFIC: String(p ? share : 0),
      MLGATE_CHAMPION: view.champion ?? "",
      MLGATE_CHAMPION_DIGEST: versions.find((v) => v.version === view.champion)?.sha256 ?? "",
      MLGATE_CHALLENGER: view.challenger ?? "",
      MLGATE_CHALLENGER_WEIGHT: String(view.challenger === null ? 0 : view.weight),
      MLGATE_PREVIOUS: view.previous ?? "",
      MLGATE_STATE: JSON.stringify(next),
    });
    if (r.code !== 0) throw new TargetRefusal(this.why(phase, r));
    this.current = next;
    return aliasesOf(next);
  }

  /** A script reports no figures: --health-url names a server that does. */
  serving(): Promise<ServingStatus[]> {
    return Promise.resolve([]);
  }

  record(event: Omit<HistoryEvent, "at">): Promise<void> {
    this.events.push({ at: new Date().toISOString(), ...event });
    return Promise.resolve();
  }

  history(): Promise<HistoryEvent[]> {
    return Promise.resolve([...this.events]);
  }
}

function isLock(v: unknown): v is RolloutLock {
  if (typeof v !== "object" || v === null) return false;
  const l = v as Record<string, unknown>;
  return (
    ["id", "version", "phase", "host", "heartbeatAt", "startedAt"].every((k) => typeof l[k] === "string") &&
    typeof l.pid === "number" &&
    typeof l.before === "object" &&
    l.before !== null &&
    (l.staleAfterMs === undefined || typeof l.staleAfterMs === "number") &&
    (l.deploymentId === undefined || isDeploymentId(l.deploymentId))
  );
}
