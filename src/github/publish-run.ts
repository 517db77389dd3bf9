// `mlgate publish` itself; publish-command.ts loads it only when the command runs.
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import * as core from "@actions/core";
import type { CommandContext } from "../cli/command.js";
import { configFailOn, loadConfig } from "../core/config.js";
import { ConfigurationError, errorMessage } from "../core/errors.js";
import { exitCodeFor, type Report, type ReportStatus } from "../core/report.js";
import { downloadRunArtifacts } from "./artifacts.js";
import { checkRunName } from "./check-run.js";
import { createClient, httpStatusOf } from "./client.js";
import { readGitHubContext, type GitHubContext } from "./context.js";
import { setStepOutputs } from "./job-summary.js";
import { GitHubPublisher } from "./publisher.js";
import { loadReport, reportFiles, suffixFromFileName } from "./report-file.js";

const WORST: ReportStatus[] = ["error", "fail", "warn", "pass"];

interface Expected {
  headSha: string;
  pullRequest?: number;
  /** Words for messages: "the triggering run 123" or "this run". */
  source: string;
}

/**
 * A report is only posted on the commit and PR it was made for: a fork's run could otherwise
 * upload a report that claims another PR. The head SHA comes from the trusted event, never the report.
 */
export function verifyProvenance(report: Report, shown: string, expected: Expected): void {
  const p = report.provenance;
  if (p.headSha === undefined)
    throw new ConfigurationError(`${shown}: has no provenance.headSha; refusing to publish a report not tied to a commit`);
  if (p.headSha !== expected.headSha)
    throw new ConfigurationError(
      `${shown}: was made for commit ${p.headSha}, but ${expected.source} ran on commit ${expected.headSha}; refusing to publish it`,
    );
  if ((p.pullRequest ?? null) !== (expected.pullRequest ?? null))
    throw new ConfigurationError(
      `${shown}: claims pull request ${p.pullRequest === undefined ? "none" : `#${p.pullRequest}`}, but ${expected.source} belongs to ${expected.pullRequest === undefined ? "no pull request" : `#${expected.pullRequest}`}; refusing to publish it`,
    );
}

/**
 * GitHub leaves workflow_run.pull_requests empty when the PR comes from a fork: find the open PR
 * whose head is the run's branch and commit, through the API (trusted), not from the report.
 */
async function pullRequestOfRun(ctx: GitHubContext, token: string, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const run = ctx.triggeringRun;
  if (!run || run.pullRequest !== undefined) return run?.pullRequest;
  if (!run.headLabel || (run.event !== "pull_request" && run.event !== "pull_request_target")) return undefined;
  const octokit = createClient({ token, env });
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner: ctx.owner,
    repo: ctx.repo,
    state: "open",
    head: run.headLabel,
    per_page: 100,
  });
  return pulls.find((p) => p.head.sha === run.headSha)?.number;
}

function tokenOf(ctx: CommandContext): string {
  const token = ctx.str("token") ?? ctx.env.GITHUB_TOKEN;
  if (!token) throw new ConfigurationError("no GitHub token: pass --token or set GITHUB_TOKEN");
  return token;
}

async function reportSources(ctx: CommandContext, gh: GitHubContext, token: string): Promise<string[]> {
  const given = ctx.list("report");
  if (given.length > 0) return given.flatMap((r) => reportFiles(ctx.resolvePath(r, { flag: "--report", kind: "any" })));
  const runIdText = ctx.str("run-id");
  const runId = runIdText !== undefined ? Number(runIdText) : gh.triggeringRun?.id;
  if (runIdText !== undefined && !(Number.isSafeInteger(runId) && (runId ?? 0) > 0))
    throw new ConfigurationError(`--run-id must be a workflow run id (a positive integer), not "${runIdText}"`);
  if (runId === undefined)
    throw new ConfigurationError("nothing to publish: pass --report FILE|DIR, or --run-id, or run in a workflow_run job");
  const dest = mkdtempSync(path.join(ctx.env.RUNNER_TEMP || os.tmpdir(), "mlgate-reports-"));
  let downloaded: Awaited<ReturnType<typeof downloadRunArtifacts>>;
  try {
    downloaded = await downloadRunArtifacts(gh, {
      token,
      runId,
      pattern: ctx.str("artifact-pattern") ?? "mlgate-*",
      dest,
      log: ctx.progress,
    });
  } catch (e) {
    // Almost always access: the token needs `actions: read` on this repository.
    throw new ConfigurationError(
      `could not download the report artifacts of workflow run ${runId} (${errorMessage(e).split("\n")[0] ?? ""}); the token needs actions: read`,
    );
  }
  if (downloaded.length === 0)
    throw new ConfigurationError(
      `workflow run ${runId} has no artifact named like "${ctx.str("artifact-pattern") ?? "mlgate-*"}"; did the gate job upload its report?`,
    );
  return downloaded.flatMap((a) => reportFiles(a.dir));
}

export async function runPublish(ctx: CommandContext): Promise<number> {
  const gh = readGitHubContext(ctx.env, ctx.cwd);
  const token = tokenOf(ctx);
  const configFile = ctx.str("config");
  const config = loadConfig(
    configFile ? ctx.resolvePath(configFile, { flag: "--config", kind: "file" }) : undefined,
    ctx.cwd,
  ).config;
  const files = await reportSources(ctx, gh, token);
  if (files.length === 0) throw new ConfigurationError("--report: no .json reports found");
  const loaded = files.map((f) => ({
    file: f,
    shown: path.relative(ctx.cwd, f) || f,
    report: loadReport(f, path.relative(ctx.cwd, f) || f),
  }));

  let pullRequest: number | undefined;
  try {
    pullRequest = await pullRequestOfRun(gh, token, ctx.env);
  } catch (e) {
    if (httpStatusOf(e) === undefined) throw e;
    throw new ConfigurationError(
      `could not find the pull request of workflow run ${gh.triggeringRun?.id ?? "?"} (HTTP ${httpStatusOf(e) ?? "?"}: ${errorMessage(e).split("\n")[0] ?? ""}); the token needs pull-requests: read`,
    );
  }
  const target: GitHubContext = { ...gh };
  if (pullRequest !== undefined) target.pullRequest = pullRequest;
  // Links go to the run that made the reports (its artifacts), built from the trusted run id.
  const sourceRun = ctx.str("run-id") ?? (ctx.list("report").length === 0 ? gh.triggeringRun?.id : undefined);
  if (sourceRun !== undefined) target.runUrl = `${gh.serverUrl}/${gh.repository}/actions/runs/${sourceRun}`;
  const expected: Expected = {
    headSha: gh.headSha,
    ...(target.pullRequest !== undefined ? { pullRequest: target.pullRequest } : {}),
    source: gh.triggeringRun ? `the triggering run ${gh.triggeringRun.id}` : "this run",
  };
  // Check every report before posting any, so a bad artifact never leaves half a PR updated.
  const targets = new Map<string, string>();
  for (const l of loaded) {
    verifyProvenance(l.report, l.shown, expected);
    const name = checkRunName(l.report.gate, l.report.name ?? suffixFromFileName(l.file, l.report.gate));
    const other = targets.get(name);
    if (other) throw new ConfigurationError(`${other} and ${l.shown} would both be posted as ${name}; publish one of them`);
    targets.set(name, l.shown);
  }

  let warned = false;
  const warn = (m: string): void => {
    if (warned) return;
    warned = true;
    core.warning(m);
  };
  let worst: ReportStatus = "pass";
  for (const l of loaded) {
    // Reports before `name` was recorded keep the suffix in their file name (spaces as "_").
    const suffix = l.report.name ?? suffixFromFileName(l.file, l.report.gate);
    const publisher = new GitHubPublisher(
      { gate: l.report.gate, ...(suffix ? { suffix } : {}), env: ctx.env, cwd: ctx.cwd, token, config, log: ctx.progress, warn },
      target,
    );
    const res = await publisher.finish(l.report, {
      // The gate job's --fail-on is not in the report; the config's fail_on is the best guess.
      failed: exitCodeFor(l.report.status, configFailOn(config, l.report.gate)) !== 0,
      reportPath: l.file,
      findExisting: true,
      outputs: false,
      workflowAnnotations: false,
    });
    if (WORST.indexOf(l.report.status) < WORST.indexOf(worst)) worst = l.report.status;
    const where = res.degraded
      ? "not posted (see the warning)"
      : `check run ${res.checkRunUrl ?? "?"}, comment ${res.comment ?? "none"}`;
    ctx.stdout.write(`${l.shown}: ${publisher.name} ${l.report.status}: ${where}\n`);
  }
  setStepOutputs({ status: worst, reports: String(loaded.length) }, ctx.env);
  return 0;
}
