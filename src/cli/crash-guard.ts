import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GUARD_ENV, sameModel, type Crash, type Marker } from "../core/crash-record.js";

/**
 * The parent's side of the crash guard. A model file from a pull request can crash onnxruntime
 * (a segfault in native code: no exception, no report, and a check run left `in_progress`). Neither
 * try/catch nor a worker thread survives that, so the gate runs in a child process running this same
 * entry with the same arguments. When the child dies by a crash signal, the model it was working on
 * (crash-record.ts) is recorded and the gate reruns without touching it: the model is reported as a
 * failed check, the others are checked as usual, and only the last child writes and publishes.
 */

/** How to start this process again: `node [execArgv] entry.js args…`. */
export interface Respawn {
  execPath: string;
  args: string[];
}

/**
 * The process entries ask this before they load anything else: the parent only waits for its child,
 * so it should cost one bare Node start and no more. `mlgate onnx|model …` and the onnx-compat and
 * model-validation actions are guarded; `MLGATE_CRASH_GUARD=off` runs them in this process.
 */
export function guardedGate(
  entry: "cli" | "action",
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): "onnx" | "model" | undefined {
  if (env[GUARD_ENV.marker] !== undefined) return undefined;
  const first = argv[0] ?? "";
  if (first === (entry === "cli" ? "onnx" : "onnx-compat")) return "onnx";
  if (first === (entry === "cli" ? "model" : "model-validation")) return "model";
  return undefined;
}

/** Starts this same process again: `node [execArgv] entry.js args…`. */
export function respawnOf(p: NodeJS.Process): Respawn {
  return { execPath: p.execPath, args: [...p.execArgv, ...p.argv.slice(1)] };
}

/** Signals by which native code dies on its own; SIGINT/SIGTERM/SIGHUP are someone stopping us. */
const CRASH_SIGNALS = new Set(["SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGTRAP", "SIGSYS"]);

/** More crashed models than this in one run: the rest is reported as one crash of the gate. */
const MAX_CRASHES = 100;

/** Signals forwarded to the child: it runs in its own process group, so a terminal's Ctrl-C reaches only us. */
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function readMarker(file: string): Marker {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Marker;
  } catch {
    // No marker: the child crashed before it touched any model or opened a check run.
    return {};
  }
}

function runChild(
  r: Respawn,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(r.execPath, r.args, { cwd, env, stdio: "inherit", detached: true });
    const forward = (s: NodeJS.Signals) => {
      child.kill(s);
    };
    for (const s of FORWARDED) process.on(s, forward);
    const done = () => {
      for (const s of FORWARDED) process.off(s, forward);
    };
    child.on("error", (e) => {
      done();
      reject(e);
    });
    child.on("exit", (code, signal) => {
      done();
      resolve({ code, signal });
    });
  });
}

function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 0);
}

/**
 * Runs the gate in a child until one ends without crashing; returns its exit code. Each rerun
 * records one more crashed model, so there are at most (models + 2) children (and at most MAX_CRASHES + 2); a crash with no
 * model in hand makes the next child end with an error report naming the signal.
 */
export async function runGuarded(
  respawn: Respawn,
  io: { env: NodeJS.ProcessEnv; cwd: string; stderr: { write(s: string): unknown } },
  label: string,
  quiet: boolean,
): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-guard-"));
  const marker = path.join(dir, "marker.json");
  const crashes: Crash[] = [];
  let checkRun: number | undefined;
  let unattributed: string | undefined;
  try {
    for (;;) {
      rmSync(marker, { force: true });
      const env: NodeJS.ProcessEnv = { ...io.env, [GUARD_ENV.marker]: marker };
      if (crashes.length) env[GUARD_ENV.crashed] = JSON.stringify(crashes);
      if (checkRun !== undefined) env[GUARD_ENV.checkRun] = String(checkRun);
      if (unattributed) env[GUARD_ENV.unattributed] = unattributed;
      const { code, signal } = await runChild(respawn, env, io.cwd);
      if (!signal) return code ?? 2;
      if (unattributed || !(CRASH_SIGNALS.has(signal) || signal === "SIGKILL")) return exitCodeOf(signal);
      const m = readMarker(marker);
      checkRun = m.checkRunId ?? checkRun;
      // Killed outright (the kernel's out-of-memory killer): no model to blame; the rerun reports it and completes the check run.
      if (signal === "SIGKILL") {
        unattributed = signal;
        continue;
      }
      const current = m.current;
      // Bounded: a model that crashed once is never run again, so the same one cannot crash twice.
      if (current && !crashes.some((c) => sameModel(c, current)) && crashes.length < MAX_CRASHES) {
        crashes.push({ ...current, signal });
        if (!quiet)
          io.stderr.write(`${label}: onnxruntime crashed (${signal}) on ${current.display}; checking again without running it\n`);
      } else {
        unattributed = signal;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
