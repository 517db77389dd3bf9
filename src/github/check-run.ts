import { createHash } from "node:crypto";
import type { Report } from "../core/report.js";
import { countByStatus } from "../core/report.js";
import { renderJson } from "../render/json.js";
import { escapeMarkdown } from "../render/escape.js";
import { renderMarkdown } from "../render/markdown.js";
import { STATUS_WORD } from "../render/format.js";
import { evidenceMarker } from "./evidence-marker.js";
import { ANNOTATIONS_PER_REQUEST, chunk, type Annotation } from "./annotations.js";
import type { Octokit } from "./client.js";
import type { GitHubContext } from "./context.js";

/** summary and text of a check run: at most 65,535 characters each (bytes are a safe bound). */
export const CHECK_OUTPUT_LIMIT = 65_535;

/** `mlgate/data`, or `mlgate/data (shard 1)` so matrix jobs stay distinct. */
export function checkRunName(gate: string, suffix?: string): string {
  return suffix ? `mlgate/${gate} (${suffix})` : `mlgate/${gate}`;
}

/** A failed gate (or one that could not run) must block a required check; everything else passes. */
export function conclusionOf(report: Report, failed = false): "success" | "failure" {
  return failed || report.status === "fail" || report.status === "error" ? "failure" : "success";
}

/** Identifies the report a check run shows, so re-posting the same report adds no annotations twice. */
export function reportDigest(report: Report): string {
  return createHash("sha256").update(renderJson(report)).digest("hex").slice(0, 40);
}

/** A check run as created or found: its id and the GitHub App that wrote it (whose bot writes our comments). */
export interface CheckRunRef {
  id: number;
  /** `github-actions` for a workflow's GITHUB_TOKEN; the app's slug for an app's installation token. */
  appSlug?: string;
}

export async function createInProgress(octokit: Octokit, ctx: GitHubContext, name: string): Promise<CheckRunRef> {
  const { data } = await octokit.rest.checks.create({
    owner: ctx.owner,
    repo: ctx.repo,
    name,
    head_sha: ctx.headSha,
    status: "in_progress",
    started_at: new Date().toISOString(),
    ...(ctx.runUrl ? { details_url: ctx.runUrl } : {}),
  });
  return { id: data.id, ...(data.app?.slug ? { appSlug: data.app.slug } : {}) };
}

export interface ExistingCheckRun extends CheckRunRef {
  externalId?: string;
}

/** The latest check run of this name on the head commit, so a re-publish updates instead of adding one. */
export async function findCheckRun(octokit: Octokit, ctx: GitHubContext, name: string): Promise<ExistingCheckRun | undefined> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: ctx.owner,
    repo: ctx.repo,
    ref: ctx.headSha,
    check_name: name,
    filter: "latest",
    per_page: 100,
  });
  const run = runs.find((r) => r.name === name);
  if (!run) return undefined;
  return {
    id: run.id,
    ...(run.external_id ? { externalId: run.external_id } : {}),
    ...(run.app?.slug ? { appSlug: run.app.slug } : {}),
  };
}

/**
 * The check run summary: the evidence marker on the first line (what the deploy gate reads), then
 * the verdict for people. Only the human part is cut to fit, so the marker always survives.
 */
export function summaryOf(report: Report, links: string, note?: string): string {
  const counts = countByStatus(report.checks);
  const parts = [`**${escapeMarkdown(report.summary, 1000)}**`];
  if (report.checks.length > 0)
    parts.push(`${counts.fail} failed · ${counts.warn} warnings · ${counts.pass} passed · ${counts.skip} skipped`);
  if (note) parts.push(note);
  if (links) parts.push(links);
  const marker = evidenceMarker(report);
  return `${marker}\n${parts.join("\n\n")}`.slice(0, CHECK_OUTPUT_LIMIT);
}

export interface CompleteOptions {
  id: number;
  name: string;
  report: Report;
  annotations: Annotation[];
  /** The exit code said failed (for example --fail-on warning with warnings). */
  failed?: boolean;
  /** Skip annotations: this very report was already posted on this check run. */
  annotationsPosted?: boolean;
  artifactUrl?: string;
  /** Markdown (already escaped) shown under the summary: the fork's claim beside the judged verdict. */
  note?: string;
}

/**
 * Completes the check run, then appends annotations 50 per update: the API's limit per request.
 * Returns the number of update requests sent.
 */
export async function completeCheckRun(octokit: Octokit, ctx: GitHubContext, o: CompleteOptions): Promise<number> {
  const links = o.artifactUrl ? `Full report: [workflow run and artifact](${o.artifactUrl})` : "";
  const output = {
    title: `${o.name} ${STATUS_WORD[o.report.status]}: ${o.report.summary}`.slice(0, 255),
    summary: summaryOf(o.report, links, o.note),
  };
  const text = renderMarkdown(o.report, {
    budget: CHECK_OUTPUT_LIMIT,
    title: o.name,
    level: 3,
    ...(o.artifactUrl ? { artifactUrl: o.artifactUrl } : {}),
  });
  const batches = o.annotationsPosted ? [] : chunk(o.annotations, ANNOTATIONS_PER_REQUEST);
  const base = { owner: ctx.owner, repo: ctx.repo, check_run_id: o.id };
  await octokit.rest.checks.update({
    ...base,
    status: "completed",
    conclusion: conclusionOf(o.report, o.failed),
    completed_at: new Date().toISOString(),
    external_id: reportDigest(o.report),
    output: { ...output, text, ...(batches[0] ? { annotations: batches[0] } : {}) },
  });
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ ...base, output: { ...output, annotations: batch } });
  }
  return 1 + Math.max(0, batches.length - 1);
}

export function checkRunUrl(ctx: GitHubContext, id: number): string {
  return `${ctx.serverUrl}/${ctx.repository}/runs/${id}`;
}
