import { openSync, writeSync } from "node:fs";

/**
 * The child's side of the crash guard (src/cli/crash-guard.ts). A model can crash onnxruntime itself (a
 * segfault cannot be caught in-process), so the onnx and model gates run in a child process. Before
 * the child hands a model to onnxruntime it writes which one, synchronously, to a file the parent
 * reads when the child dies by a signal; the parent reruns the child with the crashed models listed
 * in MLGATE_CRASHED, and the gate reports each of them as failed instead of touching it again.
 */

/** The environment variables between the guard and its child; `MLGATE_CRASH_GUARD=off` disables the guard. */
export const GUARD_ENV = {
  /** The file the child writes its marker to; set only in a guarded child. */
  marker: "MLGATE_CRASH_GUARD",
  /** JSON Crash[]: the models that crashed earlier children. */
  crashed: "MLGATE_CRASHED",
  /** The check run an earlier child opened: the rerun completes it instead of opening another. */
  checkRun: "MLGATE_CRASH_CHECK_RUN",
  /** An earlier child crashed outside any model's runtime work: its signal. */
  unattributed: "MLGATE_CRASH_UNATTRIBUTED",
} as const;

export type RuntimeRole = "candidate" | "baseline";

/**
 * A model file as handed to onnxruntime. Records match on role and display, not on the path: a
 * baseline from git or a release is a fresh temporary file in every run.
 */
export interface RuntimeFile {
  file: string;
  /** As the user sees it: the key, and the name in messages. */
  display: string;
  role: RuntimeRole;
}

export function sameModel(a: Pick<RuntimeFile, "role" | "display">, b: Pick<RuntimeFile, "role" | "display">): boolean {
  return a.role === b.role && a.display === b.display;
}

export interface Crash extends RuntimeFile {
  /** SIGSEGV, SIGABRT, … */
  signal: string;
}

/** What the child leaves for the parent in the marker file. */
export interface Marker {
  current?: RuntimeFile;
  checkRunId?: number;
}

/** The sentence a crashed model's check carries. */
export function crashSentence(c: Crash): string {
  return `onnxruntime crashed (${c.signal}) loading/running ${c.display}: it would crash the server too`;
}

/** A baseline that crashed onnxruntime: the gate cannot run (exit 2); the one sentence naming it. */
export function baselineCrashSentence(c: Crash): string {
  return `--baseline ${c.display}: onnxruntime crashed (${c.signal}) loading/running it, so the candidate cannot be compared with it`;
}

/** What a gate needs: say which model onnxruntime is about to get, and which ones crashed earlier. */
export interface RuntimeWatch {
  /** The model onnxruntime works on from now on; undefined when it works on none. */
  enter(f: RuntimeFile | undefined): void;
  current(): RuntimeFile | undefined;
  crashOf(role: RuntimeRole, display: string): Crash | undefined;
}

/**
 * One onnxruntime run of `f`, marked for exactly its native part. onnxruntime-node runs a session
 * synchronously inside a setImmediate that session.run() queues at once, and two runs started
 * together (the model gate's candidate and baseline) run one after the other: an immediate queued
 * just before a run's is the one that runs just before it, so the marker names the model whose
 * native run is under way, not the one started last.
 */
export async function watchedRun<T>(watch: RuntimeWatch | undefined, f: RuntimeFile, start: () => Promise<T>): Promise<T> {
  if (!watch) return start();
  // The ONNX gate marks a candidate for all its work and a baseline's runs inside it: back to the candidate after.
  const before = watch.current();
  let done = false;
  setImmediate(() => {
    if (!done) watch.enter(f);
  });
  try {
    return await start();
  } finally {
    done = true;
    watch.enter(before);
  }
}

function parseCrashes(text: string | undefined): Crash[] {
  if (!text) return [];
  const v: unknown = JSON.parse(text);
  if (!Array.isArray(v)) throw new Error(`${GUARD_ENV.crashed} is not a JSON array`);
  return v as Crash[];
}

const records = new WeakMap<NodeJS.ProcessEnv, CrashRecord>();

/** The record of a guarded child, or undefined when this process is not one (tests, `MLGATE_CRASH_GUARD=off`). */
export class CrashRecord implements RuntimeWatch {
  readonly crashes: Crash[];
  readonly checkRunToReuse: number | undefined;
  readonly unattributed: string | undefined;
  private marker: Marker = {};
  private last = "";
  private fd: number | undefined;
  private width = 0;

  private constructor(
    private readonly file: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.crashes = parseCrashes(env[GUARD_ENV.crashed]);
    const id = Number(env[GUARD_ENV.checkRun]);
    this.checkRunToReuse = Number.isSafeInteger(id) && id > 0 ? id : undefined;
    this.unattributed = env[GUARD_ENV.unattributed] || undefined;
  }

  /** One record per environment: the CLI and the gate must write the same marker, not overwrite each other's. */
  static of(env: NodeJS.ProcessEnv): CrashRecord | undefined {
    const file = env[GUARD_ENV.marker];
    if (!file || file === "off") return undefined;
    let r = records.get(env);
    if (!r) records.set(env, (r = new CrashRecord(file, env)));
    return r;
  }

  enter(f: RuntimeFile | undefined): void {
    if (f) this.marker.current = { file: f.file, display: f.display, role: f.role };
    else delete this.marker.current;
    this.write();
  }

  current(): RuntimeFile | undefined {
    return this.marker.current;
  }

  crashOf(role: RuntimeRole, display: string): Crash | undefined {
    return this.crashes.find((c) => sameModel(c, { role, display }));
  }

  checkRunOpened(id: number | undefined): void {
    if (id === undefined) return;
    this.marker.checkRunId = id;
    this.write();
  }

  /**
   * Synchronous on purpose: the next call may be the one that crashes the process. One pwrite at
   * offset 0, padded to the longest marker so far (JSON.parse ignores the trailing spaces): measured
   * 3 µs a write on ext4, where writeFileSync (open, truncate, write, close) took 1.1 ms.
   */
  private write(): void {
    const text = JSON.stringify(this.marker);
    if (text === this.last) return;
    this.fd ??= openSync(this.file, "w");
    const bytes = Buffer.from(text);
    this.width = Math.max(this.width, bytes.length);
    const padded = Buffer.alloc(this.width, " ");
    bytes.copy(padded);
    writeSync(this.fd, padded, 0, padded.length, 0);
    this.last = text;
  }
}
