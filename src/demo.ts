import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Command, CommandContext } from "./cli/command.js";
import { ConfigurationError } from "./core/errors.js";
import type { Report } from "./core/report.js";
import { alignTable } from "./render/terminal.js";

/** The gates the demo runs on the bundled example project, in the order a pipeline would. */
const PLAN: { gate: string; args: string[] }[] = [
  { gate: "data", args: ["data"] },
  { gate: "model", args: ["model"] },
  { gate: "onnx", args: ["onnx"] },
];

const VERDICT: Record<number, string> = { 0: "passed", 1: "failed (as a gate should, on this input)", 2: "could not run" };

/**
 * `mlgate demo`: every gate on examples/ with examples/mlgate.yml, reports in mlgate-report/.
 * Gates that fail on the example's planted problems are the point of the demo, so the demo itself
 * succeeds when every gate ran (exit 0 or 1) and fails only when one could not run.
 */
export const demoCommand: Command = {
  name: "demo",
  summary: "Run every gate on the bundled examples/ project; reports go to mlgate-report/.",
  usage: ["demo [--out DIR]"],
  options: { out: { type: "string", valueName: "DIR", description: "Folder for the reports (default mlgate-report)." } },
  run: async (ctx: CommandContext) => {
    // Imported here, not at the top: cli.ts lists this command, so a static import would be a cycle.
    const { main } = await import("./cli.js");
    const runMain = (argv: string[]) => main(argv, { stdout: ctx.stdout, stderr: ctx.stderr, env: ctx.env, cwd: ctx.cwd });
    const config = path.join("examples", "mlgate.yml");
    if (!existsSync(path.resolve(ctx.cwd, config))) {
      throw new ConfigurationError(`${config}: not found; run mlgate demo from the root of the mlgate repository`);
    }
    const out = ctx.str("out") ?? "mlgate-report";
    mkdirSync(path.resolve(ctx.cwd, out), { recursive: true });
    const results: string[][] = [];
    let worst = 0;
    for (const step of PLAN) {
      ctx.stdout.write(`\n━━ mlgate ${step.gate} ━━\n`);
      const json = path.join(out, `${step.gate}.json`);
      const md = path.join(out, `${step.gate}.md`);
      const code = await runMain([
        ...step.args,
        "--config",
        config,
        "--json",
        json,
        "--markdown",
        md,
        "--no-publish",
        ...quietFlag(ctx),
      ]);
      worst = Math.max(worst, code);
      results.push([step.gate, String(code), VERDICT[code] ?? "unknown", json]);
    }
    ctx.stdout.write(`\n${alignTable(["gate", "exit", "verdict", "report"], results).join("\n")}\n`);
    // One page for the three gates, from the JSON reports they wrote (a gate that could not run has none).
    const reports = PLAN.map((step) => path.resolve(ctx.cwd, out, `${step.gate}.json`))
      .filter((f) => existsSync(f))
      .map((f) => JSON.parse(readFileSync(f, "utf8")) as Report);
    const index = path.join(out, "index.html");
    const { writeHtmlReport } = await import("./render/html.js");
    await writeHtmlReport(reports, path.resolve(ctx.cwd, index));
    ctx.stdout.write(
      `\nMarkdown (as posted to a pull request) and JSON reports are in ${out}/; open ${index} in a browser for the charts.\n`,
    );
    ctx.stdout.write(`\n━━ mlgate deploy ━━\n`);
    const { demoDeploy } = await import("./demo-deploy.js");
    const deployed = await demoDeploy(ctx, out, config, runMain);
    ctx.stdout.write(`\n${deployed.line}\n`);
    return worst === 2 || deployed.code !== 0 ? 2 : 0;
  },
};

function quietFlag(ctx: CommandContext): string[] {
  return ctx.bool("quiet") ? ["--quiet"] : [];
}
