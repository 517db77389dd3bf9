#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHub,
  defaults,
  getOctokitOptions,
  require_light,
  retry
} from "./chunk-MDOPJLM6.js";
import {
  __toESM
} from "./chunk-EFS5GV5K.js";

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
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
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
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
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
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
function apiErrorText(e) {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split("\n")[0] ?? "").replace(/ - https:\/\/docs\.github\.com\/\S*$/, "");
}

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
var SHA256 = /^[0-9a-f]{64}$/;
var STATUSES = /* @__PURE__ */ new Set(["pass", "warn", "fail", "error"]);
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function readEvidenceMarker(summary) {
  if (!summary) return void 0;
  const end = summary.indexOf("\n");
  const first = end < 0 ? summary : summary.slice(0, end);
  if (!first.startsWith(PREFIX) || !first.endsWith(SUFFIX)) return void 0;
  const json = first.slice(PREFIX.length, first.length - SUFFIX.length);
  if (/[<>&-]/.test(json)) return void 0;
  let v;
  try {
    v = JSON.parse(json);
  } catch {
    return void 0;
  }
  if (!isObj(v) || v.v !== 1 || typeof v.gate !== "string" || typeof v.status !== "string" || !STATUSES.has(v.status))
    return void 0;
  if (!Array.isArray(v.subjects)) return void 0;
  const subjects = [];
  for (const s of v.subjects) {
    if (!isObj(s) || typeof s.path !== "string" || typeof s.sha256 !== "string" || !SHA256.test(s.sha256)) return void 0;
    if (s.role !== void 0 && typeof s.role !== "string") return void 0;
    subjects.push({ path: s.path, sha256: s.sha256, ...typeof s.role === "string" ? { role: s.role } : {} });
  }
  const omitted = v.omitted;
  if (omitted !== void 0 && !(typeof omitted === "number" && Number.isSafeInteger(omitted) && omitted > 0)) return void 0;
  return {
    v: 1,
    gate: v.gate,
    status: v.status,
    subjects,
    ...typeof omitted === "number" ? { omitted } : {}
  };
}

export {
  evidenceMarker,
  readEvidenceMarker,
  createClient,
  httpStatusOf,
  apiErrorText
};
