// `node dist/preflight.js`: the actions' first step (scripts/action/deps.sh) asks whether this runner's
// Node and platform can run mlgate before anything is restored or installed. Exit 2 with one
// sentence (as a workflow error annotation) when they cannot.
import { currentHost, runtimeProblem } from "../core/runtime-support.js";

const problem = runtimeProblem(currentHost());
if (problem) {
  process.stderr.write(`::error::mlgate: ${problem}\n`);
  process.exitCode = 2;
}
