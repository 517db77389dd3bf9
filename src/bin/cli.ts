// The `mlgate` executable: everything lives in main(); this file only connects it to the process.
import { main } from "../cli.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
