#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  guardedGate,
  respawnOf,
  runGuarded,
  usePrivateTmp
} from "./chunks/chunk-TJLPMP5D.js";
import "./chunks/chunk-PVVQWW7F.js";
import {
  currentHost,
  loadProblem,
  runtimeProblem
} from "./chunks/chunk-KZZZQTEP.js";
import "./chunks/chunk-EFS5GV5K.js";

// src/bin/action.ts
var guarded = guardedGate("action", process.argv.slice(2), process.env);
var problem = runtimeProblem(currentHost(), { packagesFrom: import.meta.url });
if (problem) {
  process.stderr.write(`::error::mlgate: ${problem}
`);
  process.exitCode = 2;
} else if (guarded) {
  const io = { env: process.env, cwd: process.cwd(), stderr: process.stderr };
  process.exitCode = await runGuarded(respawnOf(process), io, `mlgate ${guarded}`, false);
} else {
  let abandoned = false;
  usePrivateTmp();
  try {
    const { runAction } = await import("./chunks/action-VLDB5EG5.js");
    process.exitCode = await runAction(process.argv[2], process.env, () => abandoned = true);
    if (abandoned) process.exit();
  } catch (e) {
    process.stderr.write(`::error::mlgate: ${loadProblem(e)}
`);
    process.exitCode = 2;
  }
}
