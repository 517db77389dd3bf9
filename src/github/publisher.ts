import * as core from "@actions/core";
import type { Config } from "../core/config.js";
import { errorMessage, isConfigurationError } from "../core/errors.js";
import type { CommandContext } from "../cli/command.js";
import type { GateName, Report } from "../core/report.js";
import { annotationsOf, DEFAULT_MAX_ANNOTATIONS } from "./annotations.js";
import {
  checkRunName,
  checkRunUrl,
  completeCheckRun,
  createInProgress,
  findCheckRun,
  reportDigest,
  type CheckRunRef,
} from "./check-run.js";
import { callOf, GitHubUnavailableError } from "./api-retry.js";
import { apiErrorText, createClient, httpStatusOf, type Octokit } from "./client.js";
import { commentBody, commentMarker, setCommentHidden, upsertComment, type CommentResult } from "./comment.js";
import { readGitHubContext, type GitHubContext } from "./context.js";
import { emitWorkflowAnnotations, setStepOutputs, stepOutputs, writeJobSummary } from "./job-summary.js";

export interface PublisherOptions {
  gate: GateName;
  /** Check-run suffix and comment key (`--name`); the comment key is `default` without it. */
  suffix?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  token?: string;
  config: Config;
  /** Progress lines (stderr). */
  log?: (message: string) => void;
  /** The one warning a degraded publisher gives (default: a `::warning::` workflow command). */
  warn?: (message: string) => void;
}

export interface PublishResult {
  checkRunId?: number;
  checkRunUrl?: string;
  comment?: CommentResult;
  /** Set when the API could not be written: why, in the words of the warning. */
  degraded?: string;
  /** `permission`: the token may not write (expected on forks); `unavailable`: GitHub failed after retries. */
  degradedBy?: DegradedBy;
  /**
   * Set when the token was refused (401/403) where it should have been allowed to write (not a fork's
   * pull_request run): the one sentence to fail the step with. A required check would never arrive.
   */
  denied?: string;
  summaryWritten: boolean;
  annotations: number;
}

export interface FinishOptions {
  reportPath?: string;
  /** The exit code says the gate failed (for example --fail-on warning with warnings). */
  failed?: boolean;
  /** Update the check run of this name on the head commit instead of creating one (re-publishing). */
  findExisting?: boolean;
  /** Step outputs (default on; `mlgate publish` sets its own for several reports). */
  outputs?: boolean;
  /** `::error file=…::` lines (default on; pointless in a workflow_run job, whose log is not the PR's). */
  workflowAnnotations?: boolean;
  /** Escaped Markdown for the check run's summary and the comment (the fork's claim, when judged). */
  note?: string;
}

export type DegradedBy = "no-token" | "permission" | "unavailable" | "rejected" | "bug";

const PR_EVENTS = new Set(["pull_request", "pull_request_target", "workflow_run"]);

/**
 * Posts one gate's results to GitHub: check run (created when the gate starts, completed with the
 * verdict), sticky comment, job summary, step outputs and workflow annotations. API failures never
 * change the gate's verdict: the publisher warns once and keeps to the summary and the artifact.
 */
export class GitHubPublisher {
  readonly context: GitHubContext;
  readonly name: string;
  private octokit: Octokit | undefined;
  private checkRunId: number | undefined;
  /** The bot that writes our check runs, and so our comments (`github-actions[bot]`). */
  private author: string | undefined;
  private degraded: string | undefined;
  private degradedBy: DegradedBy | undefined;
  private denied: string | undefined;

  constructor(
    private readonly o: PublisherOptions,
    context?: GitHubContext,
  ) {
    this.context = context ?? readGitHubContext(o.env, o.cwd);
    this.name = checkRunName(o.gate, o.suffix);
    const token = o.token ?? o.env.GITHUB_TOKEN;
    if (token) {
      this.octokit = createClient({ token, env: o.env, ...(o.log ? { onWait: o.log } : {}) });
    } else {
      this.degrade(
        "no-token",
        "no GitHub token (pass --token or set GITHUB_TOKEN, for example `GITHUB_TOKEN: ${{ github.token }}`)",
      );
    }
  }

  /** Shows reviewers the gate has started: a check run `in_progress` on the head commit. */
  async start(): Promise<void> {
    await this.api(async (octokit) => {
      this.remember(await createInProgress(octokit, this.context, this.name));
    });
  }

  /** A check run an earlier process of this gate opened (the crash guard's rerun): finish() completes it. */
  resume(id: number): void {
    this.checkRunId = id;
  }

  get openCheckRun(): number | undefined {
    return this.checkRunId;
  }

  /** The job was cancelled before the gate finished: the check run must not stay in progress. */
  async cancel(): Promise<void> {
    const id = this.checkRunId;
    if (id === undefined) return;
    await this.api(async (octokit) => {
      await octokit.rest.checks.update({
        owner: this.context.owner,
        repo: this.context.repo,
        check_run_id: id,
        status: "completed",
        conclusion: "cancelled",
        completed_at: new Date().toISOString(),
        output: { title: `${this.name} cancelled`, summary: "The job was cancelled before the gate finished." },
      });
    });
  }

  /** Ties the report to the commit, run and PR it judged, before it is written (publish checks them). */
  enrich(report: Report): void {
    stampProvenance(report, this.context);
  }

  /** Everything after the JSON report is on disk. `failed`: the exit code says the gate failed. */
  async finish(report: Report, o: FinishOptions = {}): Promise<PublishResult> {
    const publish = this.o.config.publish ?? {};
    const annotations = annotationsOf(report, this.context.workspace, publish.max_annotations ?? DEFAULT_MAX_ANNOTATIONS);
    const result: PublishResult = { summaryWritten: false, annotations: 0 };
    await this.api(async (octokit) => {
      let annotationsPosted = false;
      if (this.checkRunId === undefined && o.findExisting) {
        const existing = await findCheckRun(octokit, this.context, this.name);
        if (existing) {
          this.remember(existing);
          annotationsPosted = existing.externalId === reportDigest(report);
        }
      }
      if (this.checkRunId === undefined) this.remember(await createInProgress(octokit, this.context, this.name));
      if (this.checkRunId === undefined) throw new Error("no check run id after creating one");
      result.checkRunId = this.checkRunId;
      result.checkRunUrl = checkRunUrl(this.context, this.checkRunId);
      await completeCheckRun(octokit, this.context, {
        id: this.checkRunId,
        name: this.name,
        report,
        annotations,
        annotationsPosted,
        ...(o.failed !== undefined ? { failed: o.failed } : {}),
        ...(this.context.runUrl ? { artifactUrl: this.context.runUrl } : {}),
        ...(o.note ? { note: o.note } : {}),
      });
      const pr = this.context.pullRequest;
      if (pr !== undefined && PR_EVENTS.has(this.context.eventName)) {
        const marker = commentMarker(this.o.gate, this.o.suffix ?? "default");
        const body = commentBody(
          report,
          marker,
          this.name,
          {
            checkRunUrl: result.checkRunUrl,
            ...(this.context.runUrl ? { runUrl: this.context.runUrl } : {}),
            ...(o.note ? { note: o.note } : {}),
          },
          this.context.headSha,
        );
        const comment = await upsertComment(octokit, this.context, {
          pr,
          marker,
          body,
          report,
          policy: publish.comment ?? "always",
          ...(this.author ? { author: this.author } : {}),
        });
        result.comment = comment.result;
        const passed = report.status === "pass" || report.status === "warn";
        // A new comment is visible already; only one that may have been hidden before needs showing.
        if (publish.hide_on_pass && comment.nodeId && (passed || comment.result !== "created"))
          await setCommentHidden(octokit, comment.nodeId, passed);
      }
    });
    result.summaryWritten = writeJobSummary(report, this.name, this.o.env, this.context.runUrl);
    if (o.outputs !== false) setStepOutputs(stepOutputs(report, o.reportPath), this.o.env);
    if (o.workflowAnnotations !== false) result.annotations = emitWorkflowAnnotations(annotations);
    if (this.degraded) result.degraded = this.degraded;
    if (this.degradedBy) result.degradedBy = this.degradedBy;
    if (this.denied) result.denied = this.denied;
    return result;
  }

  private remember(run: CheckRunRef): void {
    this.checkRunId = run.id;
    if (run.appSlug) this.author = `${run.appSlug}[bot]`;
  }

  /** Runs API work unless an earlier failure degraded the publisher; HTTP failures degrade it. */
  private async api(work: (octokit: Octokit) => Promise<void>): Promise<void> {
    if (!this.octokit || this.degraded) return;
    try {
      await work(this.octokit);
    } catch (e) {
      // Whatever went wrong while posting, the verdict and the written report stand.
      const status = httpStatusOf(e);
      const first = errorMessage(e).split("\n")[0] ?? "";
      const refused = deniedSentence(e, status, apiErrorText(e), this.context);
      if (refused) {
        // No warning: the caller fails the step with this sentence instead.
        this.denied = refused;
        this.degraded = refused;
        this.degradedBy = "permission";
        return;
      }
      const call = typeof e === "object" && e !== null && "request" in e ? `${callOf(e as Parameters<typeof callOf>[0])}: ` : "";
      if (e instanceof GitHubUnavailableError) this.degrade("unavailable", e.message);
      else if (status === 403 || status === 401)
        this.degrade(
          "permission",
          `the GitHub token may not write check runs or comments (HTTP ${status}: ${first}); ${
            this.context.fork
              ? "this is expected on pull requests from forks"
              : "give the workflow `permissions: { checks: write, pull-requests: write }`"
          }`,
        );
      else if (status !== undefined || (e instanceof Error && e.name === "GraphqlResponseError"))
        this.degrade(
          "rejected",
          `GitHub did not accept the results (${call}${status !== undefined ? `HTTP ${status}` : "GraphQL"}: ${first})`,
        );
      else this.degrade("bug", `internal error while publishing to GitHub (${first}); this is a bug in mlgate, please report it`);
    }
  }

  private degrade(by: DegradedBy, why: string): void {
    if (this.degraded) return;
    this.degraded = why;
    this.degradedBy = by;
    const twoPhase = this.context.fork ? " Publish them from a workflow_run job with actions/publish (docs/github.md)." : "";
    const message = `mlgate: ${why}. The verdict is unchanged; results are in the job summary and the report artifact.${twoPhase}`;
    (
      this.o.warn ??
      ((m: string) => {
        core.warning(m);
      })
    )(message);
  }
}

/**
 * A 401/403 that is a missing permission, not a fork's read-only token (expected on its
 * pull_request run) nor a rate limit: the sentence naming the permission the workflow must grant.
 */
export function deniedSentence(e: unknown, status: number | undefined, first: string, c: GitHubContext): string | undefined {
  if (status !== 401 && status !== 403) return undefined;
  if (/rate limit/i.test(first)) return undefined;
  if (c.fork && c.eventName !== "workflow_run") return undefined;
  const request = typeof e === "object" && e !== null && "request" in e ? (e.request as { url?: unknown }) : undefined;
  const url = typeof request?.url === "string" ? request.url : "";
  const [what, permission] = /\/check-runs\b/.test(url)
    ? ["check runs", "checks: write"]
    : ["pull request comments", "pull-requests: write"];
  return `the GitHub token may not write ${what} (HTTP ${status}: ${first}), so the required check would never arrive; give the job \`permissions:\` with \`${permission}\` (the examples set \`checks: write\` and \`pull-requests: write\`)`;
}

export function stampProvenance(report: Report, c: GitHubContext): void {
  report.provenance.commit = c.headSha;
  report.provenance.headSha = c.headSha;
  report.provenance.repository = c.repository;
  if (c.runUrl) report.provenance.runUrl = c.runUrl;
  if (c.pullRequest !== undefined) report.provenance.pullRequest = c.pullRequest;
}

/**
 * Stamps a gate's report in any Actions job, publishing or not (`--no-publish` gate jobs still
 * produce reports that `mlgate publish` can verify later). Outside Actions the report is left alone.
 */
export function enrichReport(report: Report, env: NodeJS.ProcessEnv, cwd: string, publisher?: GitHubPublisher): void {
  if (publisher) {
    publisher.enrich(report);
    return;
  }
  if (env.GITHUB_ACTIONS !== "true") return;
  try {
    stampProvenance(report, readGitHubContext(env, cwd));
  } catch (e) {
    // Without a usable context there is nothing trustworthy to stamp; the report stays as the gate made it.
    if (!isConfigurationError(e)) throw e;
  }
}

/** Inside Actions (and without --no-publish) a publisher for the gate; undefined means nothing is sent. */
export function publisherFor(o: PublisherOptions & { noPublish: boolean }): GitHubPublisher | undefined {
  if (o.env.GITHUB_ACTIONS !== "true" || o.noPublish) return undefined;
  try {
    return new GitHubPublisher(o);
  } catch (e) {
    // A runner without the usual variables must not cost the gate its verdict.
    if (!isConfigurationError(e)) throw e;
    (
      o.warn ??
      ((m: string) => {
        core.warning(m);
      })
    )(`mlgate: not publishing to GitHub: ${e.message}`);
    return undefined;
  }
}

/** The in-job publisher of a gate command: created and started before the gate runs. */
export async function startPublishing(
  gate: GateName,
  ctx: CommandContext,
  resumeCheckRun?: number,
): Promise<GitHubPublisher | undefined> {
  // The deploy gate's --name is the model's name; its check run is named for the environment.
  const suffix = ctx.str(gate === "deploy" ? "environment" : "name");
  const token = ctx.str("token");
  const publisher = publisherFor({
    gate,
    ...(suffix ? { suffix } : {}),
    ...(token ? { token } : {}),
    env: ctx.env,
    cwd: ctx.cwd,
    config: ctx.config,
    log: ctx.progress,
    noPublish: ctx.bool("no-publish"),
  });
  if (resumeCheckRun !== undefined) publisher?.resume(resumeCheckRun);
  else await publisher?.start();
  return publisher;
}
