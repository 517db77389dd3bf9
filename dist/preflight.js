#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  currentHost,
  runtimeProblem
} from "./chunks/chunk-KZZZQTEP.js";
import "./chunks/chunk-EFS5GV5K.js";

// src/bin/preflight.ts
var problem = runtimeProblem(currentHost());
if (problem) {
  process.stderr.write(`::error::mlgate: ${problem}
`);
  process.exitCode = 2;
}
