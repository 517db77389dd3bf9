// `node dist/action.js <action>`: the composite actions' entry. Checks the runtime first, as the CLI does.
import { loadProblem, runtimeProblem, currentHost } from "../core/runtime-support.js";

const problem = runtimeProblem(currentHost(), { packagesFrom: import.meta.url });
if (problem) {
  process.stderr.write(`::error::mlgate: ${problem}\n`);
  process.exitCode = 2;
} else {
  try {
    const { runAction } = await import("../action.js");
    process.exitCode = await runAction(process.argv[2]);
  } catch (e) {
    process.stderr.write(`::error::mlgate: ${loadProblem(e)}\n`);
    process.exitCode = 2;
  }
}
