import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import type { Command, CommandContext, OptionSpec, OptionValues } from "./cli/command.js";
import { GATE_OPTIONS, GLOBAL_OPTIONS } from "./cli/options.js";
import { emitReport, failOnOf, jsonPathOf, recordConfig } from "./cli/run-gate.js";
import { gateTimeout, withTimeout } from "./cli/timeout.js";
import { Interrupted, whenInterrupted } from "./cli/interrupt.js";
import { CrashRecord } from "./core/crash-record.js";
import { COMMANDS } from "./commands.js";
import { configFailOn, loadConfig, locateConfigMessage, type FailOn } from "./core/config.js";
import { ConfigurationError, errorMessage, isConfigurationError } from "./core/errors.js";
import { resolveInputPath } from "./core/paths.js";
import { errorReport, TOOL, TOOL_VERSION, type Report } from "./core/report.js";
import { writeJsonReport } from "./render/json.js";
import { didYouMean } from "./core/suggest.js";
import type { GitHubPublisher } from "./github/publisher.js";

// Octokit and @actions/* load only inside GitHub Actions, where reports are published and stamped.
type PublisherModule = typeof import("./github/publisher.js");
let publisherModule: PublisherModule | undefined;

async function startPublishing(...args: Parameters<PublisherModule["startPublishing"]>): Promise<GitHubPublisher | undefined> {
  return publisherModule?.startPublishing(...args);
}

/** Outside Actions (module not loaded) there is nothing to stamp, as in the publisher's own enrichReport. */
function enrichReport(...args: Parameters<PublisherModule["enrichReport"]>): void {
  publisherModule?.enrichReport(...args);
}

export interface Io {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Called when a gate timed out and its work was left running: the process entry ends the process. */
  abandoned?: () => void;
}

function optionsOf(cmd: Command): Record<string, OptionSpec> {
  return { ...cmd.options, ...(cmd.gate ? GATE_OPTIONS : {}), ...GLOBAL_OPTIONS };
}

function flagList(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    return [flag, o.description + (o.multiple ? " Repeatable." : "")] as const;
  });
  const w = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(w)}  ${d}`).join("\n");
}

export function commandHelp(cmd: Command): string {
  const usage = cmd.usage.map((u, i) => `${i === 0 ? "Usage: " : "       "}mlgate ${u}`).join("\n");
  const exit = cmd.gate ? "\n\nExit codes: 0 passed (warnings allowed), 1 failed, 2 could not run (bad input)." : "";
  return `${usage}\n\n${cmd.summary}${cmd.description ? `\n\n${cmd.description}` : ""}\n\nOptions:\n${flagList(optionsOf(cmd))}${exit}\n`;
}

export function mainHelp(commands: readonly Command[]): string {
  const w = Math.max(8, ...commands.map((c) => c.name.length));
  const list = commands.length
    ? commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join("\n")
    : "  (no gates are installed in this build)";
  return `Usage: mlgate <command> [options]

Gates for machine-learning changes, the way unit tests gate code.

Commands:
${list}

Options:
  -h, --help     Show help (also: mlgate <command> --help).
  -V, --version  Print the version.

Exit codes: 0 passed (warnings allowed), 1 failed, 2 could not run (bad input).
`;
}

/** The longest command name that prefixes the arguments: `data infer` before `data`. */
function findCommand(args: string[], commands: readonly Command[]): { cmd: Command; rest: string[] } | undefined {
  let best: { cmd: Command; rest: string[] } | undefined;
  for (const cmd of commands) {
    const words = cmd.name.split(" ");
    if (words.every((w, i) => args[i] === w) && (!best || words.length > best.cmd.name.split(" ").length)) {
      best = { cmd, rest: args.slice(words.length) };
    }
  }
  return best;
}

function parse(cmd: Command, rest: string[]): { values: OptionValues; positionals: string[] } {
  const options = optionsOf(cmd);
  try {
    const parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [k, { type: o.type, multiple: true, ...(o.short ? { short: o.short } : {}) }]),
      ),
      strict: true,
      allowPositionals: cmd.allowPositionals ?? false,
    });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (e) {
    const msg = errorMessage(e);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(msg)?.[1];
    if (unknown) {
      const hint = didYouMean(unknown.replace(/^-+/, ""), Object.keys(options));
      throw new ConfigurationError(
        `unknown flag ${unknown} for mlgate ${cmd.name}${hint ? ` (did you mean --${hint}?)` : ""}; see mlgate ${cmd.name} --help`,
      );
    }
    const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(msg)?.[1];
    if (missing) throw new ConfigurationError(`${missing} needs a value; see mlgate ${cmd.name} --help`);
    const positional = /Unexpected argument '([^']+)'/.exec(msg)?.[1];
    if (positional)
      throw new ConfigurationError(`unexpected argument "${positional}" for mlgate ${cmd.name}; see mlgate ${cmd.name} --help`);
    throw new ConfigurationError(`${msg.split("\n")[0] ?? msg}; see mlgate ${cmd.name} --help`);
  }
}

function makeContext(cmd: Command, values: OptionValues, positionals: string[], io: Io): CommandContext {
  const options = optionsOf(cmd);
  const last = <T>(v: unknown): T | undefined => (Array.isArray(v) ? (v[v.length - 1] as T) : (v as T | undefined));
  const ctx: CommandContext = {
    values,
    positionals,
    cwd: io.cwd,
    env: io.env,
    config: {},
    stdout: io.stdout,
    stderr: io.stderr,
    progress: (m) => {
      if (!last<boolean>(values.quiet)) io.stderr.write(`mlgate ${cmd.name}: ${m}\n`);
    },
    resolvePath: (p, o) =>
      resolveInputPath(p, {
        ...o,
        cwd: io.cwd,
        env: io.env,
        allowOutside: last<boolean>(values["allow-outside-workspace"]) === true,
        allowPaths: (values["allow-path"] as string[] | undefined) ?? [],
      }),
    str: (n) => {
      if (options[n]?.type !== "string") throw new Error(`mlgate ${cmd.name} has no string flag --${n}`);
      return last<string>(values[n]);
    },
    list: (n) => {
      if (options[n]?.type !== "string") throw new Error(`mlgate ${cmd.name} has no string flag --${n}`);
      return (values[n] as string[] | undefined) ?? [];
    },
    bool: (n) => {
      if (options[n]?.type !== "boolean") throw new Error(`mlgate ${cmd.name} has no boolean flag --${n}`);
      return last<boolean>(values[n]) === true;
    },
  };
  return ctx;
}

/**
 * Runs `mlgate` with the given arguments and returns the exit code. Never throws and never exits:
 * the bin entry sets process.exitCode from the result.
 */
export async function main(argv: string[], io: Io, commands: readonly Command[] = COMMANDS): Promise<number> {
  const debug = argv.includes("--debug");
  if (io.env.GITHUB_ACTIONS === "true") publisherModule ??= await import("./github/publisher.js");
  let cmd: Command | undefined;
  let ctx: CommandContext | undefined;
  let publisher: GitHubPublisher | undefined;
  let early: { dispose(): void } | undefined;
  let interrupt: ReturnType<typeof whenInterrupted> | undefined;
  // The config as the user named it, for messages (ctx.configFile is its resolved path).
  let configDisplay: string | undefined;
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      const target = argv[0] === "help" && argv[1] ? findCommand(argv.slice(1), commands) : undefined;
      io.stdout.write(target ? commandHelp(target.cmd) : mainHelp(commands));
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === "--version" || argv[0] === "-V") {
      io.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    }
    const found = findCommand(argv, commands);
    if (!found) {
      const first = argv[0] ?? "";
      const hint = didYouMean(
        first,
        commands.map((c) => c.name.split(" ")[0] ?? ""),
      );
      throw new ConfigurationError(`unknown command "${first}"${hint ? ` (did you mean "${hint}"?)` : ""}; see mlgate --help`);
    }
    cmd = found.cmd;
    if (found.rest.includes("--help") || found.rest.includes("-h")) {
      io.stdout.write(commandHelp(cmd));
      return 0;
    }
    const { values, positionals } = parse(cmd, found.rest);
    ctx = makeContext(cmd, values, positionals, io);
    early = cmd.early?.(ctx);
    if (cmd.gate) {
      const given = ctx.str("config");
      const resolve = ctx.resolvePath;
      const loaded = loadConfig(given ? resolve(given, { flag: "--config", kind: "file" }) : undefined, io.cwd, {
        ...(given ? { display: given } : {}),
        check: (f) => resolve(f, { flag: "the config", kind: "file" }),
      });
      ctx.config = loaded.config;
      if (loaded.file) ctx.configFile = loaded.file;
      configDisplay = given ?? loaded.file;
      const { lineOf } = loaded;
      if (lineOf) ctx.configAt = (segments) => `${given ?? loaded.file ?? "mlgate.yml"}:${lineOf(segments)}`;
    }
    const failOn: FailOn = cmd.gate ? failOnOf(ctx, configFailOn(ctx.config, cmd.gate)) : "error";
    // Inside GitHub Actions: the check run shows "in progress" while the gate works.
    // In a child of the crash guard (src/cli/crash-guard.ts): a rerun completes the check run the crashed child opened.
    const crashes = cmd.gate ? CrashRecord.of(io.env) : undefined;
    if (cmd.gate && (cmd.publishes?.(ctx) ?? true)) publisher = await startPublishing(cmd.gate, ctx, crashes?.checkRunToReuse);
    crashes?.checkRunOpened(publisher?.openCheckRun);
    if (crashes?.unattributed)
      throw new ConfigurationError(
        crashes.unattributed === "SIGKILL"
          ? "the gate's process was killed (SIGKILL; the system does that when memory runs out), so the gate could not run"
          : `the gate's process crashed (${crashes.unattributed}) outside the work on any one model, so the gate could not run`,
      );
    if (publisher) interrupt = whenInterrupted();
    const work = cmd.gate ? withTimeout(cmd.run(ctx), gateTimeout(ctx), io.abandoned) : cmd.run(ctx);
    const result = interrupt ? await Promise.race([work, interrupt.promise]) : await work;
    if (typeof result === "number") return result;
    await recordConfig(result, ctx);
    enrichReport(result, ctx.env, ctx.cwd, publisher);
    const runName = ctx.str("name");
    // The deploy gate's --name is the model's name in the target; it names its own run (the environment).
    if (runName && cmd.gate !== "deploy") result.name = runName;
    const emitted = await emitReport(result, ctx, failOn);
    const published = await publisher?.finish(result, {
      ...(emitted.jsonPath ? { reportPath: emitted.jsonPath } : {}),
      failed: emitted.exitCode !== 0,
    });
    if (published?.denied) {
      io.stderr.write(`mlgate ${cmd.name}: ${published.denied}.\n`);
      return 2;
    }
    return emitted.exitCode;
  } catch (e) {
    if (e instanceof Interrupted && publisher) {
      // The job was cancelled: close the check run as cancelled, then let the entry end the process.
      await publisher.cancel();
      io.stderr.write(`mlgate${cmd ? ` ${cmd.name}` : ""}: cancelled (${e.signal}); the check run is marked cancelled\n`);
      io.abandoned?.();
      return e.signal === "SIGINT" ? 130 : 143;
    }
    if (isConfigurationError(e)) {
      const message = locateConfigMessage(e.message, ctx?.configFile, io.cwd, configDisplay);
      io.stderr.write(`mlgate${cmd ? ` ${cmd.name}` : ""}: ${message}\n`);
      await finishError(publisher, writeErrorReport(cmd, ctx, message, publisher));
      return 2;
    }
    io.stderr.write(`mlgate${cmd ? ` ${cmd.name}` : ""}: internal error: ${errorMessage(e)}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    else io.stderr.write(`This is a bug in ${TOOL}; rerun with --debug for the stack trace and report it.\n`);
    await finishError(publisher, writeErrorReport(cmd, ctx, `internal error: ${errorMessage(e)}`, publisher));
    return 2;
  } finally {
    interrupt?.dispose();
    early?.dispose();
  }
}

/** A gate that could not run still leaves a report behind when one was asked for. */
function writeErrorReport(
  cmd: Command | undefined,
  ctx: CommandContext | undefined,
  message: string,
  publisher?: GitHubPublisher,
): { report: Report; reportPath?: string } | undefined {
  if (!cmd?.gate || !ctx) return undefined;
  const report: Report = errorReport(cmd.gate, message);
  enrichReport(report, ctx.env, ctx.cwd, publisher);
  const runName = ctx.str(cmd.gate === "deploy" ? "environment" : "name");
  if (runName) report.name = runName;
  try {
    const target = jsonPathOf(ctx, report);
    if (!target) return { report };
    writeJsonReport(report, target);
    return { report, reportPath: target };
  } catch {
    // The error itself has been printed; a report we cannot write must not hide it.
    return { report };
  }
}

/** A check run that was started must not stay "in progress" when the gate could not run. */
async function finishError(publisher: GitHubPublisher | undefined, written: { report: Report; reportPath?: string } | undefined) {
  if (!publisher || !written) return;
  try {
    await publisher.finish(written.report, { ...(written.reportPath ? { reportPath: written.reportPath } : {}), failed: true });
  } catch {
    // The gate's own error has been printed; publishing it is best effort.
  }
}
