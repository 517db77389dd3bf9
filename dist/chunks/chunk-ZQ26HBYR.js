#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GITHUB_BODY_LIMIT,
  escapeMarkdown,
  renderJson,
  renderMarkdown
} from "./chunk-K7IQ7JMU.js";
import {
  STATUS_WORD,
  formatValue
} from "./chunk-CYBZZBR3.js";
import {
  countByStatus
} from "./chunk-6PJPCJ3F.js";
import {
  GitHub,
  defaults,
  error,
  getOctokitOptions,
  notice,
  require_light,
  retry,
  warning
} from "./chunk-YLGC6RT5.js";
import {
  workspacePath
} from "./chunk-LXHLSUIQ.js";
import {
  ConfigurationError,
  errorMessage,
  isConfigurationError
} from "./chunk-3PEGX5SE.js";
import {
  __toESM
} from "./chunk-EFS5GV5K.js";

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

// src/github/evidence-marker.ts
var PREFIX = "<!-- mlgate:evidence ";
var SUFFIX = " -->";
var MARKER_BUDGET = 6e4;
function inertJson(value) {
  return JSON.stringify(value).replace(/[<>&\-\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function subjectsOf(report) {
  const list = report.subjects && report.subjects.length > 0 ? report.subjects : report.subject ? [report.subject] : [];
  return list.map((s) => ({ path: s.path, sha256: s.sha256, ...s.role ? { role: s.role } : {} }));
}
function evidenceMarker(report, budget = MARKER_BUDGET) {
  const all = subjectsOf(report);
  const line = (subjects) => {
    const m = { v: 1, gate: report.gate, status: report.status, subjects };
    if (subjects.length < all.length) m.omitted = all.length - subjects.length;
    return `${PREFIX}${inertJson(m)}${SUFFIX}`;
  };
  const whole = line(all);
  if (whole.length <= budget) return whole;
  let used = line([]).length + `,"omitted":${all.length}`.length;
  let kept = 0;
  for (const s of all) {
    used += inertJson(s).length + 1;
    if (used > budget) break;
    kept += 1;
  }
  return line(all.slice(0, kept));
}

// src/github/check-run.ts
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
  return data.id;
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
  return { id: run.id, ...run.external_id ? { externalId: run.external_id } : {} };
}
function summaryOf(report, links) {
  const counts = countByStatus(report.checks);
  const parts = [`**${escapeMarkdown(report.summary, 1e3)}**`];
  if (report.checks.length > 0)
    parts.push(`${counts.fail} failed \xB7 ${counts.warn} warnings \xB7 ${counts.pass} passed \xB7 ${counts.skip} skipped`);
  if (links) parts.push(links);
  const marker = evidenceMarker(report);
  return `${marker}
${parts.join("\n\n")}`.slice(0, CHECK_OUTPUT_LIMIT);
}
async function completeCheckRun(octokit, ctx, o) {
  const links = o.artifactUrl ? `Full report: [workflow run and artifact](${o.artifactUrl})` : "";
  const output = {
    title: `${o.name} ${STATUS_WORD[o.report.status]}: ${o.report.summary}`.slice(0, 255),
    summary: summaryOf(o.report, links)
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

// ../../main/node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error2) => error2.type === "RATE_LIMITED")) {
      const error2 = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error2;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error2, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error2.status !== 401;
      if (!(shouldRetryGraphQL || error2.status === 403 || error2.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error2.message)) {
          const retryAfter2 = Number(error2.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error2.response.headers != null && error2.response.headers["x-ratelimit-remaining"] === "0" || (error2.response.data?.errors ?? []).some(
          (error22) => error22.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error2.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

// src/github/client.ts
var Client = GitHub.plugin(retry, throttling);
var RATE_LIMIT_RETRIES = 3;
function retryScale(env) {
  const v = Number(env.MLGATE_RETRY_SCALE);
  return Number.isFinite(v) && v >= 0 ? v : 1;
}
function spacer(minMs) {
  let next = 0;
  const limiter = {
    schedule: async (_options, fn, ...args) => {
      const now = Date.now();
      const wait = Math.max(0, next - now);
      next = Math.max(now, next) + minMs;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return fn(...args);
    }
  };
  return { key: () => limiter };
}
function createClient(opts) {
  const scale = retryScale(opts.env);
  const baseUrl = (opts.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
    if (retryCount >= RATE_LIMIT_RETRIES) return false;
    opts.onWait?.(`${kind} rate limit on ${options.method ?? ""} ${options.url ?? ""}; retrying after ${retryAfter} s`);
    return true;
  };
  return new Client(
    getOctokitOptions(opts.token, {
      baseUrl,
      request: { ...defaults.request },
      retry: { retryAfterBaseValue: 1e3 * scale },
      throttle: {
        retryAfterBaseValue: 1e3 * scale,
        onRateLimit: onLimit("primary"),
        onSecondaryRateLimit: onLimit("secondary"),
        write: spacer(1e3 * scale),
        notifications: spacer(3e3 * scale)
      },
      log: { debug: () => void 0, info: () => void 0, warn: () => void 0, error: () => void 0 }
    })
  );
}
function httpStatusOf(e) {
  if (typeof e === "object" && e !== null && "status" in e && typeof e.status === "number") return e.status;
  return void 0;
}

// src/github/comment.ts
function commentMarker(gate, key = "default") {
  return `<!-- mlgate:${gate}:${key.replace(/-->|[\r\n]/g, "_")} -->`;
}
function commentBody(report, marker, title, links) {
  const where = [];
  if (links.checkRunUrl) where.push(`[check run](${links.checkRunUrl})`);
  if (links.runUrl) where.push(`[workflow run and report artifact](${links.runUrl})`);
  const footer = where.length ? `
<sub>Full report: ${where.join(" \xB7 ")}</sub>
` : "";
  const budget = GITHUB_BODY_LIMIT - Buffer.byteLength(`${marker}
${footer}`, "utf8");
  const md = renderMarkdown(report, {
    budget,
    title,
    level: 2,
    ...links.runUrl ?? links.checkRunUrl ? { artifactUrl: links.runUrl ?? links.checkRunUrl } : {}
  });
  return `${marker}
${md}${footer}`;
}
function wantsComment(policy, report, exists) {
  if (policy === "never") return false;
  if (policy === "always" || exists) return true;
  return report.status === "fail" || report.status === "error";
}
async function findComment(octokit, ctx, pr, marker) {
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: pr,
    per_page: 100
  });
  for await (const page of iterator) {
    const hit = page.data.find((c) => c.body?.startsWith(marker));
    if (hit) return { id: hit.id, nodeId: hit.node_id, body: hit.body ?? "" };
  }
  return void 0;
}
async function upsertComment(octokit, ctx, o) {
  if (o.policy === "never") return { result: "skipped" };
  const existing = await findComment(octokit, ctx, o.pr, o.marker);
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
async function setCommentHidden(octokit, nodeId, hidden) {
  const mutation = hidden ? "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }" : "mutation($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized } } }";
  await octokit.graphql(mutation, { id: nodeId });
}

// src/github/context.ts
import { existsSync, readFileSync } from "node:fs";
var obj = (v) => typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
var str = (v) => typeof v === "string" && v !== "" ? v : void 0;
var num = (v) => typeof v === "number" && Number.isInteger(v) ? v : void 0;
function readEvent(env) {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return {};
  try {
    return obj(JSON.parse(readFileSync(file, "utf8"))) ?? {};
  } catch {
    throw new ConfigurationError(`GITHUB_EVENT_PATH ${file}: is not valid JSON`);
  }
}
function readGitHubContext(env = process.env, cwd = process.cwd()) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0)
    throw new ConfigurationError(`GITHUB_REPOSITORY must be "owner/repo", not "${repository}"`);
  const event = readEvent(env);
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? Number(env.GITHUB_RUN_ID) : void 0;
  const ctx = {
    owner,
    repo,
    repository,
    eventName,
    headSha: env.GITHUB_SHA ?? "",
    fork: false,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    workspace: env.GITHUB_WORKSPACE || cwd,
    ...runId !== void 0 ? { runId, runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}
  };
  const pr = obj(event.pull_request);
  if (pr && (eventName === "pull_request" || eventName === "pull_request_target")) {
    const head = obj(pr.head);
    const base = obj(pr.base);
    const headSha = str(head?.sha);
    if (headSha) ctx.headSha = headSha;
    const baseSha = str(base?.sha);
    if (baseSha) ctx.baseSha = baseSha;
    const number = num(pr.number) ?? num(event.number);
    if (number !== void 0) ctx.pullRequest = number;
    const headRepo = str(obj(head?.repo)?.full_name);
    const baseRepo = str(obj(base?.repo)?.full_name) ?? repository;
    ctx.fork = headRepo === void 0 || headRepo.toLowerCase() !== baseRepo.toLowerCase();
  }
  const run = obj(event.workflow_run);
  if (run && eventName === "workflow_run") {
    const id = num(run.id);
    const headSha = str(run.head_sha);
    if (id !== void 0 && headSha) {
      const prs = Array.isArray(run.pull_requests) ? run.pull_requests.map(obj) : [];
      const prNumber = num(prs[0]?.number);
      const headOwner = str(obj(obj(run.head_repository)?.owner)?.login);
      const headBranch = str(run.head_branch);
      ctx.triggeringRun = {
        ...headOwner && headBranch ? { headLabel: `${headOwner}:${headBranch}` } : {},
        id,
        headSha,
        ...prNumber !== void 0 ? { pullRequest: prNumber } : {},
        ...str(run.event) ? { event: str(run.event) } : {}
      };
      ctx.headSha = headSha;
      if (prNumber !== void 0) ctx.pullRequest = prNumber;
      const headRepo = str(obj(run.head_repository)?.full_name);
      ctx.fork = headRepo !== void 0 && headRepo.toLowerCase() !== repository.toLowerCase();
    }
  }
  if (!/^[0-9a-f]{40}$/.test(ctx.headSha))
    throw new ConfigurationError(`cannot tell which commit to report on: GITHUB_SHA is "${ctx.headSha}", not a 40-hex SHA`);
  return ctx;
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
      this.degrade("no GitHub token (pass --token or set GITHUB_TOKEN, for example `GITHUB_TOKEN: ${{ github.token }}`)");
    }
  }
  o;
  context;
  name;
  octokit;
  checkRunId;
  degraded;
  /** Shows reviewers the gate has started: a check run `in_progress` on the head commit. */
  async start() {
    await this.api(async (octokit) => {
      this.checkRunId = await createInProgress(octokit, this.context, this.name);
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
          this.checkRunId = existing.id;
          annotationsPosted = existing.externalId === reportDigest(report);
        }
      }
      this.checkRunId ??= await createInProgress(octokit, this.context, this.name);
      result.checkRunId = this.checkRunId;
      result.checkRunUrl = checkRunUrl(this.context, this.checkRunId);
      await completeCheckRun(octokit, this.context, {
        id: this.checkRunId,
        name: this.name,
        report,
        annotations,
        annotationsPosted,
        ...o.failed !== void 0 ? { failed: o.failed } : {},
        ...this.context.runUrl ? { artifactUrl: this.context.runUrl } : {}
      });
      const pr = this.context.pullRequest;
      if (pr !== void 0 && PR_EVENTS.has(this.context.eventName)) {
        const marker = commentMarker(this.o.gate, this.o.suffix ?? "default");
        const body = commentBody(report, marker, this.name, {
          checkRunUrl: result.checkRunUrl,
          ...this.context.runUrl ? { runUrl: this.context.runUrl } : {}
        });
        const comment = await upsertComment(octokit, this.context, {
          pr,
          marker,
          body,
          report,
          policy: publish.comment ?? "always"
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
    return result;
  }
  /** Runs API work unless an earlier failure degraded the publisher; HTTP failures degrade it. */
  async api(work) {
    if (!this.octokit || this.degraded) return;
    try {
      await work(this.octokit);
    } catch (e) {
      const status = httpStatusOf(e);
      const first = errorMessage(e).split("\n")[0] ?? "";
      this.degrade(
        status === 403 || status === 401 ? `the GitHub token may not write check runs or comments (HTTP ${status}: ${first}); ${this.context.fork ? "this is expected on pull requests from forks" : "give the workflow `permissions: { checks: write, pull-requests: write }`"}` : status !== void 0 || e instanceof Error && e.name === "GraphqlResponseError" ? `GitHub did not accept the results (${status !== void 0 ? `HTTP ${status}` : "GraphQL"}: ${first})` : `internal error while publishing to GitHub (${first}); this is a bug in mlgate, please report it`
      );
    }
  }
  degrade(why) {
    if (this.degraded) return;
    this.degraded = why;
    const twoPhase = this.context.fork ? " Publish them from a workflow_run job with actions/publish (docs/github.md)." : "";
    const message = `mlgate: ${why}. The verdict is unchanged; results are in the job summary and the report artifact.${twoPhase}`;
    (this.o.warn ?? ((m) => {
      warning(m);
    }))(message);
  }
};
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
async function startPublishing(gate, ctx) {
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
  await publisher?.start();
  return publisher;
}

export {
  checkRunName,
  createClient,
  httpStatusOf,
  readGitHubContext,
  setStepOutputs,
  GitHubPublisher,
  stampProvenance,
  enrichReport,
  publisherFor,
  startPublishing
};
