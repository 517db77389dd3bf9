#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GUARD_ENV,
  sameModel
} from "./chunk-PVVQWW7F.js";

// src/core/private-tmp.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
function usePrivateTmp(env = process.env) {
  let dir;
  try {
    dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-run-"));
  } catch {
    return void 0;
  }
  for (const name of ["TMPDIR", "TMP", "TEMP"]) env[name] = dir;
  process.on("exit", () => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

// src/cli/crash-guard.ts
import { spawn } from "node:child_process";
import { mkdtempSync as mkdtempSync2, readFileSync, rmSync as rmSync2 } from "node:fs";
import os2 from "node:os";
import path2 from "node:path";
function guardedGate(entry, argv, env) {
  if (env[GUARD_ENV.marker] !== void 0) return void 0;
  const first = argv[0] ?? "";
  if (first === (entry === "cli" ? "onnx" : "onnx-compat")) return "onnx";
  if (first === (entry === "cli" ? "model" : "model-validation")) return "model";
  return void 0;
}
function respawnOf(p) {
  return { execPath: p.execPath, args: [...p.execArgv, ...p.argv.slice(1)] };
}
var CRASH_SIGNALS = /* @__PURE__ */ new Set(["SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT", "SIGTRAP", "SIGSYS"]);
var MAX_CRASHES = 100;
var FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];
function readMarker(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}
function runChild(r, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(r.execPath, r.args, { cwd, env, stdio: "inherit", detached: true });
    const forward = (s) => {
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
function exitCodeOf(signal) {
  return 128 + (os2.constants.signals[signal] ?? 0);
}
async function runGuarded(respawn, io, label, quiet) {
  const dir = mkdtempSync2(path2.join(os2.tmpdir(), "mlgate-guard-"));
  const marker = path2.join(dir, "marker.json");
  const crashes = [];
  let checkRun;
  let unattributed;
  try {
    for (; ; ) {
      rmSync2(marker, { force: true });
      const env = { ...io.env, [GUARD_ENV.marker]: marker };
      if (crashes.length) env[GUARD_ENV.crashed] = JSON.stringify(crashes);
      if (checkRun !== void 0) env[GUARD_ENV.checkRun] = String(checkRun);
      if (unattributed) env[GUARD_ENV.unattributed] = unattributed;
      const { code, signal } = await runChild(respawn, env, io.cwd);
      if (!signal) return code ?? 2;
      if (unattributed || !(CRASH_SIGNALS.has(signal) || signal === "SIGKILL")) return exitCodeOf(signal);
      const m = readMarker(marker);
      checkRun = m.checkRunId ?? checkRun;
      if (signal === "SIGKILL") {
        unattributed = signal;
        continue;
      }
      const current = m.current;
      if (current && !crashes.some((c) => sameModel(c, current)) && crashes.length < MAX_CRASHES) {
        crashes.push({ ...current, signal });
        if (!quiet)
          io.stderr.write(`${label}: onnxruntime crashed (${signal}) on ${current.display}; checking again without running it
`);
      } else {
        unattributed = signal;
      }
    }
  } finally {
    rmSync2(dir, { recursive: true, force: true });
  }
}

export {
  usePrivateTmp,
  guardedGate,
  respawnOf,
  runGuarded
};
