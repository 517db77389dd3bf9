import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { guardedGate, runGuarded } from "../../src/cli/crash-guard.js";

/**
 * The guard's loop with real child processes: small scripts that crash themselves the way a native
 * library would (a signal), leave a marker, and log the environment each child was given.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-guard-test-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  crashed: unknown;
  unattributed: string | null;
  checkRun: string | null;
}

/** Runs `body` as each child (with `fs`, `env` and `log()` in scope); returns the exit code and what each child saw. */
async function guard(name: string, body: string): Promise<{ code: number; seen: Seen[]; stderr: string }> {
  const log = path.join(dir, `${name}.log`);
  const script = `
    const fs = require("node:fs"); const env = process.env;
    fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({
      crashed: env.MLGATE_CRASHED ? JSON.parse(env.MLGATE_CRASHED) : null,
      unattributed: env.MLGATE_CRASH_UNATTRIBUTED ?? null,
      checkRun: env.MLGATE_CRASH_CHECK_RUN ?? null,
    }) + "\\n");
    const mark = (m) => fs.writeFileSync(env.MLGATE_CRASH_GUARD, JSON.stringify(m));
    ${body}`;
  let stderr = "";
  const code = await runGuarded(
    { execPath: process.execPath, args: ["-e", script] },
    { env: { PATH: process.env.PATH }, cwd: dir, stderr: { write: (s: string) => (stderr += s) } },
    "mlgate onnx",
    false,
  );
  const seen = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Seen);
  return { code, seen, stderr };
}

const model = { file: "/w/models/a.onnx", display: "models/a.onnx", role: "candidate" };

describe("runGuarded", () => {
  it("a child that ends normally: its exit code, one child", async () => {
    const r = await guard("ok", "process.exit(1);");
    expect(r.code).toBe(1);
    expect(r.seen).toEqual([{ crashed: null, unattributed: null, checkRun: null }]);
    expect(r.stderr).toBe("");
  });

  it("records the crashed model and the check run, then reruns once", async () => {
    const r = await guard(
      "model",
      `if (env.MLGATE_CRASHED) process.exit(1);
       mark({ checkRunId: 41, current: ${JSON.stringify(model)} }); process.kill(process.pid, "SIGSEGV");`,
    );
    expect(r.code).toBe(1);
    expect(r.seen).toEqual([
      { crashed: null, unattributed: null, checkRun: null },
      { crashed: [{ ...model, signal: "SIGSEGV" }], unattributed: null, checkRun: "41" },
    ]);
    expect(r.stderr).toBe("mlgate onnx: onnxruntime crashed (SIGSEGV) on models/a.onnx; checking again without running it\n");
  });

  it("a crash with no model in hand: the next child is told, and its exit code stands", async () => {
    const r = await guard("none", `if (env.MLGATE_CRASH_UNATTRIBUTED) process.exit(2); process.kill(process.pid, "SIGABRT");`);
    expect(r.code).toBe(2);
    expect(r.seen.map((s) => s.unattributed)).toEqual([null, "SIGABRT"]);
  });

  it("the same model crashing twice is not recorded twice: the loop ends", async () => {
    const r = await guard(
      "twice",
      `if (env.MLGATE_CRASH_UNATTRIBUTED) process.exit(2);
       mark({ current: ${JSON.stringify(model)} }); process.kill(process.pid, "SIGBUS");`,
    );
    expect(r.code).toBe(2);
    expect(r.seen.map((s) => [Array.isArray(s.crashed) ? s.crashed.length : 0, s.unattributed])).toEqual([
      [0, null],
      [1, null],
      [1, "SIGBUS"],
    ]);
  });

  it("a child killed by SIGKILL (out of memory) is not pinned on a model, but the next child is told", async () => {
    const r = await guard(
      "kill",
      `if (env.MLGATE_CRASH_UNATTRIBUTED) process.exit(2);
       mark({ checkRunId: 7, current: ${JSON.stringify(model)} }); process.kill(process.pid, "SIGKILL");`,
    );
    expect(r.code).toBe(2);
    expect(r.seen).toEqual([
      { crashed: null, unattributed: null, checkRun: null },
      { crashed: null, unattributed: "SIGKILL", checkRun: "7" },
    ]);
  });

  it("a child stopped by SIGTERM is not a crash: no rerun, exit 143", async () => {
    const r = await guard("term", `process.kill(process.pid, "SIGTERM");`);
    expect(r.code).toBe(143);
    expect(r.seen).toHaveLength(1);
  });
});

describe("guardedGate", () => {
  it("guards the onnx and model gates of both entries, once, unless turned off", () => {
    expect(guardedGate("cli", ["onnx", "--model", "m.onnx"], {})).toBe("onnx");
    expect(guardedGate("cli", ["model", "merge"], {})).toBe("model");
    expect(guardedGate("cli", ["data", "--data", "x.csv"], {})).toBeUndefined();
    expect(guardedGate("action", ["onnx-compat"], {})).toBe("onnx");
    expect(guardedGate("action", ["model-validation"], {})).toBe("model");
    expect(guardedGate("action", ["data-validation"], {})).toBeUndefined();
    // A guarded child, and the switch for running in one process.
    expect(guardedGate("cli", ["onnx"], { MLGATE_CRASH_GUARD: "/tmp/marker.json" })).toBeUndefined();
    expect(guardedGate("cli", ["onnx"], { MLGATE_CRASH_GUARD: "off" })).toBeUndefined();
  });
});
