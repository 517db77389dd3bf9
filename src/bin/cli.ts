// The `mlgate` executable: everything lives in main(); this file only connects it to the process.
// The runtime check comes first and the rest loads after it: the gates' chunks import the native
// packages, and on a platform without their binaries that import alone would end in a stack trace.
import { usePrivateTmp } from "../core/private-tmp.js";
import { loadProblem, runtimeProblem, currentHost } from "../core/runtime-support.js";
import { guardedGate, respawnOf, runGuarded } from "../cli/crash-guard.js";

const guarded = guardedGate("cli", process.argv.slice(2), process.env);
const problem = runtimeProblem(currentHost(), { packagesFrom: import.meta.url });
if (problem) {
  process.stderr.write(`mlgate: ${problem}\n`);
  process.exitCode = 2;
} else if (guarded) {
  // A model can crash onnxruntime (a segfault): the gate runs in a child that this process outlives.
  const io = { env: process.env, cwd: process.cwd(), stderr: process.stderr };
  process.exitCode = await runGuarded(respawnOf(process), io, `mlgate ${guarded}`, process.argv.includes("--quiet"));
} else {
  let abandoned = false;
  usePrivateTmp();
  try {
    const { main } = await import("../cli.js");
    process.exitCode = await main(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
      abandoned: () => (abandoned = true),
    });
    // A timed-out gate's query or model run cannot be cancelled: once its error report is out, end.
    if (abandoned) process.exit();
  } catch (e) {
    process.stderr.write(`mlgate: ${loadProblem(e)}\n`);
    process.exitCode = 2;
  }
}
