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

// src/bin/cli.ts
var guarded = guardedGate("cli", process.argv.slice(2), process.env);
var problem = runtimeProblem(currentHost(), { packagesFrom: import.meta.url });
if (problem) {
  process.stderr.write(`mlgate: ${problem}
`);
  process.exitCode = 2;
} else if (guarded) {
  const io = { env: process.env, cwd: process.cwd(), stderr: process.stderr };
  process.exitCode = await runGuarded(respawnOf(process), io, `mlgate ${guarded}`, process.argv.includes("--quiet"));
} else {
  let abandoned = false;
  usePrivateTmp();
  try {
    const { main } = await import("./chunks/cli-Q4AIIHT6.js");
    process.exitCode = await main(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
      abandoned: () => abandoned = true
    });
    if (abandoned) process.exit();
  } catch (e) {
    process.stderr.write(`mlgate: ${loadProblem(e)}
`);
    process.exitCode = 2;
  }
}
