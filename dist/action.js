#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  currentHost,
  loadProblem,
  runtimeProblem
} from "./chunks/chunk-KZZZQTEP.js";
import "./chunks/chunk-EFS5GV5K.js";

// src/bin/action.ts
var problem = runtimeProblem(currentHost(), { packagesFrom: import.meta.url });
if (problem) {
  process.stderr.write(`::error::mlgate: ${problem}
`);
  process.exitCode = 2;
} else {
  let abandoned = false;
  try {
    const { runAction } = await import("./chunks/action-FIY4A3YB.js");
    process.exitCode = await runAction(process.argv[2], process.env, () => abandoned = true);
    if (abandoned) process.exit();
  } catch (e) {
    process.stderr.write(`::error::mlgate: ${loadProblem(e)}
`);
    process.exitCode = 2;
  }
}
