// `node dist/action.js <action>`: the composite actions' entry. Checks the runtime first, as the CLI does.
import { usePrivateTmp } from "../core/private-tmp.js";
import { loadProblem, runtimeProblem, currentHost } from "../core/runtime-support.js";
import { guardedGate, respawnOf, runGuarded } from "../cli/crash-guard.js";

const guarded = guardedGate("action", process.argv.slice(2), process.env);
const problem = runtimeProblem(currentHost(), { packagesFrom: import.meta.url });
if (problem) {
  process.stderr.write(`::error::mlgate: ${problem}\n`);
  process.exitCode = 2;
} else if (guarded) {
  // A model can crash onnxruntime (a segfault): the gate runs in a child that this process outlives.
  const io = { env: process.env, cwd: process.cwd(), stderr: process.stderr };
  process.exitCode = await runGuarded(respawnOf(process), io, `mlgate ${guarded}`, false);
} else {
  let abandoned = false;
  usePrivateTmp();
  try {
    const { runAction } = await import("../action.js");
    process.exitCode = await runAction(process.argv[2], process.env, () => (abandoned = true));
    // A timed-out gate's work cannot be cancelled: once its error report is out, end (as the CLI does).
    if (abandoned) process.exit();
  } catch (e) {
    process.stderr.write(`::error::mlgate: ${loadProblem(e)}\n`);
    process.exitCode = 2;
  }
}
