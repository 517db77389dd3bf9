#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/core/crash-record.ts
import { openSync, writeSync } from "node:fs";
var GUARD_ENV = {
  /** The file the child writes its marker to; set only in a guarded child. */
  marker: "MLGATE_CRASH_GUARD",
  /** JSON Crash[]: the models that crashed earlier children. */
  crashed: "MLGATE_CRASHED",
  /** The check run an earlier child opened: the rerun completes it instead of opening another. */
  checkRun: "MLGATE_CRASH_CHECK_RUN",
  /** An earlier child crashed outside any model's runtime work: its signal. */
  unattributed: "MLGATE_CRASH_UNATTRIBUTED"
};
function sameModel(a, b) {
  return a.role === b.role && a.display === b.display;
}
function crashSentence(c) {
  return `onnxruntime crashed (${c.signal}) loading/running ${c.display}: it would crash the server too`;
}
function baselineCrashSentence(c) {
  return `--baseline ${c.display}: onnxruntime crashed (${c.signal}) loading/running it, so the candidate cannot be compared with it`;
}
async function watchedRun(watch, f, start) {
  if (!watch) return start();
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
function parseCrashes(text) {
  if (!text) return [];
  const v = JSON.parse(text);
  if (!Array.isArray(v)) throw new Error(`${GUARD_ENV.crashed} is not a JSON array`);
  return v;
}
var records = /* @__PURE__ */ new WeakMap();
var CrashRecord = class _CrashRecord {
  constructor(file, env) {
    this.file = file;
    this.crashes = parseCrashes(env[GUARD_ENV.crashed]);
    const id = Number(env[GUARD_ENV.checkRun]);
    this.checkRunToReuse = Number.isSafeInteger(id) && id > 0 ? id : void 0;
    this.unattributed = env[GUARD_ENV.unattributed] || void 0;
  }
  file;
  crashes;
  checkRunToReuse;
  unattributed;
  marker = {};
  last = "";
  fd;
  width = 0;
  /** One record per environment: the CLI and the gate must write the same marker, not overwrite each other's. */
  static of(env) {
    const file = env[GUARD_ENV.marker];
    if (!file || file === "off") return void 0;
    let r = records.get(env);
    if (!r) records.set(env, r = new _CrashRecord(file, env));
    return r;
  }
  enter(f) {
    if (f) this.marker.current = { file: f.file, display: f.display, role: f.role };
    else delete this.marker.current;
    this.write();
  }
  current() {
    return this.marker.current;
  }
  crashOf(role, display) {
    return this.crashes.find((c) => sameModel(c, { role, display }));
  }
  checkRunOpened(id) {
    if (id === void 0) return;
    this.marker.checkRunId = id;
    this.write();
  }
  /**
   * Synchronous on purpose: the next call may be the one that crashes the process. One pwrite at
   * offset 0, padded to the longest marker so far (JSON.parse ignores the trailing spaces): measured
   * 3 µs a write on ext4, where writeFileSync (open, truncate, write, close) took 1.1 ms.
   */
  write() {
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
};

export {
  GUARD_ENV,
  sameModel,
  crashSentence,
  baselineCrashSentence,
  watchedRun,
  CrashRecord
};
