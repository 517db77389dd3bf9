// `mlgate publish` itself; publish-command.ts loads it only when the command runs.
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import * as core from "@actions/core";
import type { CommandContext } from "../cli/command.js";
import { configFailOn, loadConfig, type Config } from "../core/config.js";
import { ConfigurationError, errorMessage, isConfigurationError } from "../core/errors.js";
import { errorReport, exitCodeFor, type GateName, type Report, type ReportStatus } from "../core/report.js";
import { escapeMarkdown } from "../render/escape.js";
import { downloadRunArtifacts } from "./artifacts.js";
import { checkRunName } from "./check-run.js";
import { createClient, httpStatusOf } from "./client.js";
import { readGitHubContext, type GitHubContext } from "./context.js";
import { setStepOutputs } from "./job-summary.js";
import { checkPrCheckout, judgePullRequest } from "./judge.js";
import { GitHubPublisher, stampProvenance } from "./publisher.js";
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

async function reportSources(ctx: CommandContext, gh: GitHubContext, token: string, required = true): Promise<string[]> {
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
  if (downloaded.length === 0 && required)
    throw new ConfigurationError(
      `workflow run ${runId} has no artifact named like "${ctx.str("artifact-pattern") ?? "mlgate-*"}"; did the gate job upload its report?`,
    );
  return downloaded.flatMap((a) => reportFiles(a.dir));
}

export async function runPublish(ctx: CommandContext): Promise<number> {
  const gh = readGitHubContext(ctx.env, ctx.cwd);
  const token = tokenOf(ctx);
  const configFile = ctx.str("config");
  const loadedConfig = loadConfig(
    configFile ? ctx.resolvePath(configFile, { flag: "--config", kind: "file" }) : undefined,
    ctx.cwd,
    { ...(configFile ? { display: configFile } : {}), check: (f) => ctx.resolvePath(f, { flag: "the config", kind: "file" }) },
  );
  const config = loadedConfig.config;
  const prCheckout = ctx.str("pr-checkout");
  if (prCheckout === undefined && gh.fork && gh.triggeringRun)
    throw new ConfigurationError(
      `the triggering run ${gh.triggeringRun.id} ran a fork's workflow, so its reports are the fork's claims, not verdicts; check out the pull request's head as data and pass --pr-checkout DIR (the pr-checkout input of actions/publish) to judge it here`,
    );
  const target = await targetOf(ctx, gh, token);
  const expected: Expected = {
    headSha: gh.headSha,
    ...(target.pullRequest !== undefined ? { pullRequest: target.pullRequest } : {}),
    source: gh.triggeringRun ? `the triggering run ${gh.triggeringRun.id}` : "this run",
  };
  if (prCheckout !== undefined) {
    const prDir = ctx.resolvePath(prCheckout, { flag: "--pr-checkout", kind: "dir" });
    checkPrCheckout(prDir, ctx.cwd, prCheckout);
    return publishJudged(ctx, {
      gh,
      target,
      token,
      config,
      expected,
      prDir,
      ...(loadedConfig.file ? { configFile: loadedConfig.file } : {}),
    });
  }
  const files = await reportSources(ctx, gh, token);
  if (files.length === 0) throw new ConfigurationError("--report: no .json reports found");
  const loaded = files.map((f) => ({
    file: f,
    shown: path.relative(ctx.cwd, f) || f,
    report: loadReport(f, path.relative(ctx.cwd, f) || f),
  }));

  // Check every report before posting any, so a bad artifact never leaves half a PR updated.
  const targets = new Map<string, string>();
  for (const l of loaded) {
    verifyProvenance(l.report, l.shown, expected);
    const name = checkRunName(l.report.gate, l.report.name ?? suffixFromFileName(l.file, l.report.gate));
    const other = targets.get(name);
    if (other) throw new ConfigurationError(`${other} and ${l.shown} would both be posted as ${name}; publish one of them`);
    targets.set(name, l.shown);
  }

  const poster = posterOf(ctx, target, token, config);
  for (const l of loaded) {
    // Reports before `name` was recorded keep the suffix in their file name (spaces as "_").
    const suffix = l.report.name ?? suffixFromFileName(l.file, l.report.gate);
    await poster.post(l.report, suffix, l.file, l.shown);
  }
  setStepOutputs({ status: poster.worst(), reports: String(loaded.length) }, ctx.env);
  poster.done();
  return 0;
}

/** The PR and run the results go to: the PR found through the API, links to the run that made the reports. */
async function targetOf(ctx: CommandContext, gh: GitHubContext, token: string): Promise<GitHubContext> {
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
  return target;
}

/** Posts reports one by one (check run, comment), one warning at most, and keeps the worst status. */
function posterOf(ctx: CommandContext, target: GitHubContext, token: string, config: Config) {
  // One warning at most; and none when the step fails anyway (its error says the same).
  let warning: string | undefined;
  const warn = (m: string): void => {
    warning ??= m;
  };
  let worst: ReportStatus = "pass";
  let notPosted: string | undefined;
  let denied: string | undefined;
  return {
    worst: () => worst,
    /**
     * After the outputs: fails the step when the token was refused where it should write (checks that
     * were never posted cannot pass) or a report could not be posted, else gives the one warning.
     */
    done(): void {
      if (denied !== undefined) throw new ConfigurationError(`${denied}.`);
      if (notPosted !== undefined) throw new ConfigurationError(notPosted);
      if (warning !== undefined) core.warning(warning);
    },
    async post(
      report: Report,
      suffix: string | undefined,
      file: string | undefined,
      shown: string,
      note?: string,
    ): Promise<void> {
      if (notPosted !== undefined) return;
      const publisher = new GitHubPublisher(
        { gate: report.gate, ...(suffix ? { suffix } : {}), env: ctx.env, cwd: ctx.cwd, token, config, log: ctx.progress, warn },
        target,
      );
      const res = await publisher.finish(report, {
        // The verdict settings come from this (the trusted) config: the same fail_on a same-repository
        // PR's gate job reads from it.
        failed: exitCodeFor(report.status, configFailOn(config, report.gate)) !== 0,
        ...(file ? { reportPath: file } : {}),
        findExisting: true,
        outputs: false,
        workflowAnnotations: false,
        ...(note ? { note } : {}),
      });
      if (WORST.indexOf(report.status) < WORST.indexOf(worst)) worst = report.status;
      denied ??= res.denied;
      const where = res.degraded ? "not posted" : `check run ${res.checkRunUrl ?? "?"}, comment ${res.comment ?? "none"}`;
      ctx.stdout.write(`${shown}: ${publisher.name} ${report.status}: ${where}\n`);
      // Posting is this command's whole job: a check run it could not write must fail the step, or a
      // required check goes missing without a red mark. The one expected case: a fork PR's own job,
      // whose token is read-only (a workflow_run job has the base repository's token).
      const expected = res.degradedBy === "permission" && target.fork && target.eventName !== "workflow_run";
      if (res.degraded && !expected) notPosted = `${shown} was not posted as ${publisher.name}: ${res.degraded}`;
    },
  };
}

interface Claim {
  name: string;
  gate: GateName;
  suffix?: string;
  report?: Report;
  /** Why the claim could not be read. */
  unreadable?: string;
}

/** The fork's reports, read as claims: a broken or mismatched one is noted, never trusted or fatal. */
function readClaims(files: string[], ctx: CommandContext, expected: Expected): Claim[] {
  const claims: Claim[] = [];
  for (const f of files) {
    const shown = path.relative(ctx.cwd, f) || f;
    try {
      const report = loadReport(f, shown);
      const suffix = report.name ?? suffixFromFileName(f, report.gate);
      const claim: Claim = { name: checkRunName(report.gate, suffix), gate: report.gate, ...(suffix ? { suffix } : {}), report };
      try {
        verifyProvenance(report, shown, expected);
      } catch (e) {
        if (!isConfigurationError(e)) throw e;
        claim.unreadable = e.message;
      }
      claims.push(claim);
    } catch (e) {
      if (!isConfigurationError(e)) throw e;
      ctx.progress(`ignoring ${e.message}`);
    }
  }
  return claims;
}

/** The fork's claim, shown beside the verdict and never as it. */
export function claimNote(claim: Claim | undefined): string {
  const why =
    "A fork's run executes code the fork controls; this verdict is the base repository's mlgate on the pull request's files, with the base branch's rules.";
  if (!claim) return `_The fork's own run uploaded no report for this check._ ${why}`;
  if (claim.unreadable || !claim.report)
    return `_The fork's own run uploaded a report for this check that does not belong to this commit: ${escapeMarkdown(claim.unreadable ?? "unreadable", 300)}._ ${why}`;
  return `_The fork's claim (not used): ${claim.report.status}: ${escapeMarkdown(claim.report.summary, 300)}._ ${why}`;
}

interface JudgedRun {
  gh: GitHubContext;
  target: GitHubContext;
  token: string;
  config: Config;
  configFile?: string;
  expected: Expected;
  prDir: string;
}

/**
 * The fork path: every gate the base config names is run here on the pull request's files; the
 * fork's reports are only shown. A claim for a check the base cannot judge fails, so a required
 * check is never satisfied by the fork's word.
 */
async function publishJudged(ctx: CommandContext, o: JudgedRun): Promise<number> {
  const claimFiles =
    ctx.list("report").length > 0 || o.gh.triggeringRun || ctx.str("run-id")
      ? await reportSources(ctx, o.gh, o.token, false)
      : [];
  const claims = readClaims(claimFiles, ctx, o.expected);
  const judged = await judgePullRequest({
    prDir: o.prDir,
    ...(o.configFile ? { configFile: o.configFile } : {}),
    config: o.config,
    cwd: ctx.cwd,
    env: ctx.env,
    log: ctx.progress,
  });
  if (judged.length === 0 && claims.length === 0)
    throw new ConfigurationError(
      "nothing to judge: the base branch's config names no gate's subject (gates.data.data, gates.model.candidate or gates.onnx.model)",
    );
  const poster = posterOf(ctx, o.target, o.token, o.config);
  const posted = new Set<string>();
  for (const j of judged) {
    stampProvenance(j.report, o.target);
    const name = checkRunName(j.gate);
    posted.add(name);
    await poster.post(j.report, undefined, undefined, `judged ${j.gate}`, claimNote(claims.find((c) => c.name === name)));
  }
  for (const c of claims) {
    if (posted.has(c.name)) continue;
    posted.add(c.name);
    const report = errorReport(
      c.gate,
      `${c.name} cannot be judged from a fork, because the base branch's config judges only ${
        judged.length ? judged.map((j) => checkRunName(j.gate)).join(", ") : "no gate"
      } (the unnamed check of each gate whose data, candidate or model it names); the fork's own verdict is not trusted`,
    );
    stampProvenance(report, o.target);
    await poster.post(report, c.suffix, undefined, `claim ${c.name}`, claimNote(c));
  }
  setStepOutputs({ status: poster.worst(), reports: String(posted.size) }, ctx.env);
  poster.done();
  return 0;
}
