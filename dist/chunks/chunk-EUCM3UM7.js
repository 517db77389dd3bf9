#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubUnavailableError,
  apiErrorText,
  callOf,
  createClient,
  evidenceMarker,
  httpStatusOf
} from "./chunk-ENYL6DYG.js";
import {
  renderJson
} from "./chunk-IGPQE56H.js";
import {
  readGitHubContext
} from "./chunk-YI2FKSZ3.js";
import {
  error,
  notice,
  warning
} from "./chunk-3SW64I2Z.js";
import {
  workspacePath
} from "./chunk-E4IFUBZY.js";
import {
  GITHUB_BODY_LIMIT,
  escapeMarkdown,
  renderMarkdown
} from "./chunk-ANBSLUPX.js";
import {
  STATUS_WORD,
  formatValue
} from "./chunk-CYBZZBR3.js";
import {
  errorMessage,
  isConfigurationError
} from "./chunk-3PEGX5SE.js";
import {
  countByStatus
} from "./chunk-CW2BNLPJ.js";

// src/github/annotations.ts
var DEFAULT_MAX_ANNOTATIONS = 200;
var ANNOTATIONS_PER_REQUEST = 50;
var LEVEL = { fail: "failure", warn: "warning" };
var RANK = { failure: 0, warning: 1, notice: 2 };
function messageOf(c, value) {
  const parts = [c.message ?? c.title];
  if (c.observed !== void 0 || c.expected !== void 0)
    parts.push(`observed ${formatValue(c.observed)}, expected ${formatValue(c.expected)}`);
  if (value !== "") parts.push(`value: ${value}`);
  return parts.join("; ").slice(0, 4e3);
}
function annotationsOf(report, workspace, max = DEFAULT_MAX_ANNOTATIONS) {
  const out = [];
  for (const c of report.checks) {
    const level = LEVEL[c.status];
    const file = c.file ?? report.subject?.path;
    if (!level || !file) continue;
    const p = workspacePath(file, workspace);
    if (!p) continue;
    for (const e of c.examples ?? []) {
      if (e.line === void 0) continue;
      out.push({
        path: p,
        start_line: e.line,
        end_line: e.line,
        annotation_level: level,
        title: `${c.title} (${c.id})`.slice(0, 255),
        message: messageOf(c, e.value === void 0 ? "" : formatValue(e.value))
      });
    }
  }
  return out.sort((a, b) => RANK[a.annotation_level] - RANK[b.annotation_level]).slice(0, Math.max(0, max));
}
function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// src/github/check-run.ts
import { createHash } from "node:crypto";
var CHECK_OUTPUT_LIMIT = 65535;
function checkRunName(gate, suffix) {
  return suffix ? `mlgate/${gate} (${suffix})` : `mlgate/${gate}`;
}
function conclusionOf(report, failed = false) {
  return failed || report.status === "fail" || report.status === "error" ? "failure" : "success";
}
function reportDigest(report) {
  return createHash("sha256").update(renderJson(report)).digest("hex").slice(0, 40);
}
async function createInProgress(octokit, ctx, name) {
  const { data } = await octokit.rest.checks.create({
    owner: ctx.owner,
    repo: ctx.repo,
    name,
    head_sha: ctx.headSha,
    status: "in_progress",
    started_at: (/* @__PURE__ */ new Date()).toISOString(),
    ...ctx.runUrl ? { details_url: ctx.runUrl } : {}
  });
  return { id: data.id, ...data.app?.slug ? { appSlug: data.app.slug } : {} };
}
async function findCheckRun(octokit, ctx, name) {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: ctx.owner,
    repo: ctx.repo,
    ref: ctx.headSha,
    check_name: name,
    filter: "latest",
    per_page: 100
  });
  const run = runs.find((r) => r.name === name);
  if (!run) return void 0;
  return {
    id: run.id,
    ...run.external_id ? { externalId: run.external_id } : {},
    ...run.app?.slug ? { appSlug: run.app.slug } : {}
  };
}
function summaryOf(report, links, note) {
  const counts = countByStatus(report.checks);
  const parts = [`**${escapeMarkdown(report.summary, 1e3)}**`];
  if (report.checks.length > 0)
    parts.push(`${counts.fail} failed \xB7 ${counts.warn} warnings \xB7 ${counts.pass} passed \xB7 ${counts.skip} skipped`);
  if (note) parts.push(note);
  if (links) parts.push(links);
  const marker = evidenceMarker(report);
  return `${marker}
${parts.join("\n\n")}`.slice(0, CHECK_OUTPUT_LIMIT);
}
async function completeCheckRun(octokit, ctx, o) {
  const links = o.artifactUrl ? `Full report: [workflow run and artifact](${o.artifactUrl})` : "";
  const output = {
    title: `${o.name} ${STATUS_WORD[o.report.status]}: ${o.report.summary}`.slice(0, 255),
    summary: summaryOf(o.report, links, o.note)
  };
  const text = renderMarkdown(o.report, {
    budget: CHECK_OUTPUT_LIMIT,
    title: o.name,
    level: 3,
    ...o.artifactUrl ? { artifactUrl: o.artifactUrl } : {}
  });
  const batches = o.annotationsPosted ? [] : chunk(o.annotations, ANNOTATIONS_PER_REQUEST);
  const base = { owner: ctx.owner, repo: ctx.repo, check_run_id: o.id };
  await octokit.rest.checks.update({
    ...base,
    status: "completed",
    conclusion: conclusionOf(o.report, o.failed),
    completed_at: (/* @__PURE__ */ new Date()).toISOString(),
    external_id: reportDigest(o.report),
    output: { ...output, text, ...batches[0] ? { annotations: batches[0] } : {} }
  });
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ ...base, output: { ...output, annotations: batch } });
  }
  return 1 + Math.max(0, batches.length - 1);
}
function checkRunUrl(ctx, id) {
  return `${ctx.serverUrl}/${ctx.repository}/runs/${id}`;
}

// src/github/comment.ts
function commentMarker(gate, key = "default") {
  return `<!-- mlgate:${gate}:${key.replace(/-->|[\r\n]/g, "_")} -->`;
}
function commitMarker(sha) {
  return `<!-- mlgate:commit:${sha.replace(/[^0-9a-f]/g, "")} -->`;
}
function commentBody(report, marker, title, links, commit) {
  const where = [];
  if (links.checkRunUrl) where.push(`[check run](${links.checkRunUrl})`);
  if (links.runUrl) where.push(`[workflow run and report artifact](${links.runUrl})`);
  const note = links.note ? `
${links.note}
` : "";
  const head = commit ? `${marker}
${commitMarker(commit)}` : marker;
  const sub = [
    ...commit ? [`Commit ${commit.slice(0, 7)}`] : [],
    ...where.length ? [`Full report: ${where.join(" \xB7 ")}`] : []
  ];
  const footer = `${note}${sub.length ? `
<sub>${sub.join(" \xB7 ")}</sub>
` : ""}`;
  const budget = GITHUB_BODY_LIMIT - Buffer.byteLength(`${head}
${footer}`, "utf8");
  const md = renderMarkdown(report, {
    budget,
    title,
    level: 2,
    ...links.runUrl ?? links.checkRunUrl ? { artifactUrl: links.runUrl ?? links.checkRunUrl } : {}
  });
  return `${head}
${md}${footer}`;
}
function wantsComment(policy, report, exists) {
  if (policy === "never") return false;
  if (policy === "always" || exists) return true;
  return report.status === "fail" || report.status === "error";
}
async function findComment(octokit, ctx, pr, marker, author) {
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: pr,
    per_page: 100
  });
  for await (const page of iterator) {
    const hit = page.data.find((c) => c.body?.startsWith(marker) && (author ? c.user?.login === author : c.user?.type === "Bot"));
    if (hit) return { id: hit.id, nodeId: hit.node_id, body: hit.body ?? "" };
  }
  return void 0;
}
async function upsertComment(octokit, ctx, o) {
  if (o.policy === "never") return { result: "skipped" };
  if (await isStale(octokit, ctx, o.pr)) return { result: "stale" };
  const existing = await findComment(octokit, ctx, o.pr, o.marker, o.author);
  if (!wantsComment(o.policy, o.report, existing !== void 0)) return { result: "skipped" };
  if (existing) {
    if (existing.body === o.body) return { result: "unchanged", nodeId: existing.nodeId };
    await octokit.rest.issues.updateComment({ owner: ctx.owner, repo: ctx.repo, comment_id: existing.id, body: o.body });
    return { result: "updated", nodeId: existing.nodeId };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: o.pr,
    body: o.body
  });
  return { result: "created", nodeId: data.node_id };
}
async function isStale(octokit, ctx, pr) {
  try {
    const { data } = await octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pr });
    return data.head.sha !== ctx.headSha;
  } catch (e) {
    if (httpStatusOf(e) === 404) return false;
    throw e;
  }
}
async function setCommentHidden(octokit, nodeId, hidden) {
  const mutation = hidden ? "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }" : "mutation($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized } } }";
  await octokit.graphql(mutation, { id: nodeId });
}

// src/github/job-summary.ts
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { EOL } from "node:os";
var SUMMARY_LIMIT = 1e6;
var WORKFLOW_ANNOTATIONS_PER_LEVEL = 10;
function writeJobSummary(report, title, env, runUrl) {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  const md = renderMarkdown(report, { budget: SUMMARY_LIMIT, title, level: 2, ...runUrl ? { artifactUrl: runUrl } : {} });
  appendFileSync(file, `${md}${EOL}`, "utf8");
  return true;
}
function stepOutputs(report, reportPath) {
  const out = {
    status: report.status,
    "report-path": reportPath ?? "",
    "failed-checks": report.checks.filter((c) => c.status === "fail").map((c) => c.id).join(",")
  };
  const extra = report.metrics?.outputs;
  if (typeof extra === "object" && extra !== null && !Array.isArray(extra)) {
    for (const [k, v] of Object.entries(extra)) {
      if (k in out) continue;
      out[k] = typeof v === "string" ? v : v === null || v === void 0 ? "" : JSON.stringify(v);
    }
  }
  return out;
}
function setStepOutputs(outputs, env) {
  const file = env.GITHUB_OUTPUT;
  if (!file) return false;
  let text = "";
  for (const [k, v] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${k}<<${delimiter}${EOL}${v}${EOL}${delimiter}${EOL}`;
  }
  appendFileSync(file, text, "utf8");
  return true;
}
function emitWorkflowAnnotations(annotations) {
  const emitted = {};
  let n = 0;
  for (const a of annotations) {
    const count = emitted[a.annotation_level] ?? 0;
    if (count >= WORKFLOW_ANNOTATIONS_PER_LEVEL) continue;
    emitted[a.annotation_level] = count + 1;
    const props = { title: a.title, file: a.path, startLine: a.start_line };
    if (a.annotation_level === "failure") error(a.message, props);
    else if (a.annotation_level === "warning") warning(a.message, props);
    else notice(a.message, props);
    n += 1;
  }
  return n;
}

// src/github/publisher.ts
var PR_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target", "workflow_run"]);
var GitHubPublisher = class {
  constructor(o, context) {
    this.o = o;
    this.context = context ?? readGitHubContext(o.env, o.cwd);
    this.name = checkRunName(o.gate, o.suffix);
    const token = o.token ?? o.env.GITHUB_TOKEN;
    if (token) {
      this.octokit = createClient({ token, env: o.env, ...o.log ? { onWait: o.log } : {} });
    } else {
      this.degrade(
        "no-token",
        "no GitHub token (pass --token or set GITHUB_TOKEN, for example `GITHUB_TOKEN: ${{ github.token }}`)"
      );
    }
  }
  o;
  context;
  name;
  octokit;
  checkRunId;
  /** The bot that writes our check runs, and so our comments (`github-actions[bot]`). */
  author;
  degraded;
  degradedBy;
  denied;
  /** Shows reviewers the gate has started: a check run `in_progress` on the head commit. */
  async start() {
    await this.api(async (octokit) => {
      this.remember(await createInProgress(octokit, this.context, this.name));
    });
  }
  /** A check run an earlier process of this gate opened (the crash guard's rerun): finish() completes it. */
  resume(id) {
    this.checkRunId = id;
  }
  get openCheckRun() {
    return this.checkRunId;
  }
  /** The job was cancelled before the gate finished: the check run must not stay in progress. */
  async cancel() {
    const id = this.checkRunId;
    if (id === void 0) return;
    await this.api(async (octokit) => {
      await octokit.rest.checks.update({
        owner: this.context.owner,
        repo: this.context.repo,
        check_run_id: id,
        status: "completed",
        conclusion: "cancelled",
        completed_at: (/* @__PURE__ */ new Date()).toISOString(),
        output: { title: `${this.name} cancelled`, summary: "The job was cancelled before the gate finished." }
      });
    });
  }
  /** Ties the report to the commit, run and PR it judged, before it is written (publish checks them). */
  enrich(report) {
    stampProvenance(report, this.context);
  }
  /** Everything after the JSON report is on disk. `failed`: the exit code says the gate failed. */
  async finish(report, o = {}) {
    const publish = this.o.config.publish ?? {};
    const annotations = annotationsOf(report, this.context.workspace, publish.max_annotations ?? DEFAULT_MAX_ANNOTATIONS);
    const result = { summaryWritten: false, annotations: 0 };
    await this.api(async (octokit) => {
      let annotationsPosted = false;
      if (this.checkRunId === void 0 && o.findExisting) {
        const existing = await findCheckRun(octokit, this.context, this.name);
        if (existing) {
          this.remember(existing);
          annotationsPosted = existing.externalId === reportDigest(report);
        }
      }
      if (this.checkRunId === void 0) this.remember(await createInProgress(octokit, this.context, this.name));
      if (this.checkRunId === void 0) throw new Error("no check run id after creating one");
      result.checkRunId = this.checkRunId;
      result.checkRunUrl = checkRunUrl(this.context, this.checkRunId);
      await completeCheckRun(octokit, this.context, {
        id: this.checkRunId,
        name: this.name,
        report,
        annotations,
        annotationsPosted,
        ...o.failed !== void 0 ? { failed: o.failed } : {},
        ...this.context.runUrl ? { artifactUrl: this.context.runUrl } : {},
        ...o.note ? { note: o.note } : {}
      });
      const pr = this.context.pullRequest;
      if (pr !== void 0 && PR_EVENTS.has(this.context.eventName)) {
        const marker = commentMarker(this.o.gate, this.o.suffix ?? "default");
        const body = commentBody(
          report,
          marker,
          this.name,
          {
            checkRunUrl: result.checkRunUrl,
            ...this.context.runUrl ? { runUrl: this.context.runUrl } : {},
            ...o.note ? { note: o.note } : {}
          },
          this.context.headSha
        );
        const comment = await upsertComment(octokit, this.context, {
          pr,
          marker,
          body,
          report,
          policy: publish.comment ?? "always",
          ...this.author ? { author: this.author } : {}
        });
        result.comment = comment.result;
        const passed = report.status === "pass" || report.status === "warn";
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
  remember(run) {
    this.checkRunId = run.id;
    if (run.appSlug) this.author = `${run.appSlug}[bot]`;
  }
  /** Runs API work unless an earlier failure degraded the publisher; HTTP failures degrade it. */
  async api(work) {
    if (!this.octokit || this.degraded) return;
    try {
      await work(this.octokit);
    } catch (e) {
      const status = httpStatusOf(e);
      const first = errorMessage(e).split("\n")[0] ?? "";
      const refused = deniedSentence(e, status, apiErrorText(e), this.context);
      if (refused) {
        this.denied = refused;
        this.degraded = refused;
        this.degradedBy = "permission";
        return;
      }
      const call = typeof e === "object" && e !== null && "request" in e ? `${callOf(e)}: ` : "";
      if (e instanceof GitHubUnavailableError) this.degrade("unavailable", e.message);
      else if (status === 403 || status === 401)
        this.degrade(
          "permission",
          `the GitHub token may not write check runs or comments (HTTP ${status}: ${first}); ${this.context.fork ? "this is expected on pull requests from forks" : "give the workflow `permissions: { checks: write, pull-requests: write }`"}`
        );
      else if (status !== void 0 || e instanceof Error && e.name === "GraphqlResponseError")
        this.degrade(
          "rejected",
          `GitHub did not accept the results (${call}${status !== void 0 ? `HTTP ${status}` : "GraphQL"}: ${first})`
        );
      else this.degrade("bug", `internal error while publishing to GitHub (${first}); this is a bug in mlgate, please report it`);
    }
  }
  degrade(by, why) {
    if (this.degraded) return;
    this.degraded = why;
    this.degradedBy = by;
    const twoPhase = this.context.fork ? " Publish them from a workflow_run job with actions/publish (docs/github.md)." : "";
    const message = `mlgate: ${why}. The verdict is unchanged; results are in the job summary and the report artifact.${twoPhase}`;
    (this.o.warn ?? ((m) => {
      warning(m);
    }))(message);
  }
};
function deniedSentence(e, status, first, c) {
  if (status !== 401 && status !== 403) return void 0;
  if (/rate limit/i.test(first)) return void 0;
  if (c.fork && c.eventName !== "workflow_run") return void 0;
  const request = typeof e === "object" && e !== null && "request" in e ? e.request : void 0;
  const url = typeof request?.url === "string" ? request.url : "";
  const [what, permission] = /\/check-runs\b/.test(url) ? ["check runs", "checks: write"] : ["pull request comments", "pull-requests: write"];
  return `the GitHub token may not write ${what} (HTTP ${status}: ${first}), so the required check would never arrive; give the job \`permissions:\` with \`${permission}\` (the examples set \`checks: write\` and \`pull-requests: write\`)`;
}
function stampProvenance(report, c) {
  report.provenance.commit = c.headSha;
  report.provenance.headSha = c.headSha;
  report.provenance.repository = c.repository;
  if (c.runUrl) report.provenance.runUrl = c.runUrl;
  if (c.pullRequest !== void 0) report.provenance.pullRequest = c.pullRequest;
}
function enrichReport(report, env, cwd, publisher) {
  if (publisher) {
    publisher.enrich(report);
    return;
  }
  if (env.GITHUB_ACTIONS !== "true") return;
  try {
    stampProvenance(report, readGitHubContext(env, cwd));
  } catch (e) {
    if (!isConfigurationError(e)) throw e;
  }
}
function publisherFor(o) {
  if (o.env.GITHUB_ACTIONS !== "true" || o.noPublish) return void 0;
  try {
    return new GitHubPublisher(o);
  } catch (e) {
    if (!isConfigurationError(e)) throw e;
    (o.warn ?? ((m) => {
      warning(m);
    }))(`mlgate: not publishing to GitHub: ${e.message}`);
    return void 0;
  }
}
async function startPublishing(gate, ctx, resumeCheckRun) {
  const suffix = ctx.str(gate === "deploy" ? "environment" : "name");
  const token = ctx.str("token");
  const publisher = publisherFor({
    gate,
    ...suffix ? { suffix } : {},
    ...token ? { token } : {},
    env: ctx.env,
    cwd: ctx.cwd,
    config: ctx.config,
    log: ctx.progress,
    noPublish: ctx.bool("no-publish")
  });
  if (resumeCheckRun !== void 0) publisher?.resume(resumeCheckRun);
  else await publisher?.start();
  return publisher;
}

export {
  checkRunName,
  setStepOutputs,
  GitHubPublisher,
  deniedSentence,
  stampProvenance,
  enrichReport,
  publisherFor,
  startPublishing
};
