import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../core/errors.js";
import { sha256File } from "../core/hash.js";
import { workspacePath, workspaceRoot } from "../core/paths.js";
import { exitCodeFor, type Report } from "../core/report.js";
import { writeJsonReport } from "../render/json.js";
import { renderMarkdown } from "../render/markdown.js";
import { renderTerminal, useColor } from "../render/terminal.js";
import type { CommandContext } from "./command.js";

export type FailOn = "error" | "warning";

export function failOnOf(ctx: CommandContext, fromConfig?: FailOn): FailOn {
  const v = ctx.str("fail-on") ?? fromConfig ?? "error";
  if (v !== "error" && v !== "warning") throw new ConfigurationError(`--fail-on must be "error" or "warning", not "${v}"`);
  return v;
}

/**
 * The config file's SHA-256 in the report's inputs, under its workspace-relative path: every gate
 * read it, so the pipeline records it once, the same way for all of them.
 */
export async function recordConfig(report: Report, ctx: CommandContext): Promise<void> {
  if (!ctx.configFile) return;
  const abs = path.resolve(ctx.cwd, ctx.configFile);
  report.provenance.inputs[workspacePath(abs, workspaceRoot(ctx.env, ctx.cwd)) ?? abs] = await sha256File(abs);
}

/** Where the JSON report goes: --json, or mlgate-report/<gate>.json inside Actions so it can be uploaded. */
/** A file the user named for a report; a folder there is their mistake, not an internal error. */
function outputFile(ctx: CommandContext, given: string, flag: string): string {
  const file = path.resolve(ctx.cwd, given);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new ConfigurationError(`${flag} ${given}: is a folder; name a file, such as ${path.join(given, "report.json")}`);
  }
  return file;
}

export function jsonPathOf(ctx: CommandContext, report: Report): string | undefined {
  const explicit = ctx.str("json");
  if (explicit) return outputFile(ctx, explicit, "--json");
  if (ctx.env.GITHUB_ACTIONS === "true") {
    // The deploy gate's model name defaults to the environment, so its report is named the same way:
    // two environments deployed in one job must not overwrite each other's deploy.json.
    const name = ctx.str("name") || (report.gate === "deploy" ? ctx.str("environment") : undefined);
    const suffix = name ? `-${name.replace(/[^A-Za-z0-9._-]+/g, "_")}` : "";
    return path.resolve(ctx.cwd, "mlgate-report", `${report.gate}${suffix}.json`);
  }
  return undefined;
}

/**
 * The one-way tail every gate shares: write the JSON report first (nothing is lost whatever happens
 * next), then Markdown and HTML, then the terminal, and return the exit code of the verdict.
 */
export async function emitReport(
  report: Report,
  ctx: CommandContext,
  failOn: FailOn,
): Promise<{ exitCode: number; jsonPath?: string }> {
  const jsonPath = jsonPathOf(ctx, report);
  if (jsonPath) writeJsonReport(report, jsonPath);
  const md = ctx.str("markdown");
  if (md) {
    const file = outputFile(ctx, md, "--markdown");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderMarkdown(report));
  }
  const html = ctx.str("html");
  if (html) {
    // Loaded here only: the charting library is a few MB a run without --html should not parse.
    const { writeHtmlReport } = await import("../render/html.js");
    await writeHtmlReport([report], path.resolve(ctx.cwd, html));
  }
  if (ctx.bool("quiet")) {
    ctx.stdout.write(`${report.status}: ${report.summary}\n`);
  } else {
    ctx.stdout.write(renderTerminal(report, { color: useColor(ctx.stdout as { isTTY?: boolean }, ctx.env) }));
  }
  return { exitCode: exitCodeFor(report.status, failOn), ...(jsonPath ? { jsonPath } : {}) };
}
