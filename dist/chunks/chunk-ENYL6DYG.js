#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHub,
  defaults,
  getOctokitOptions
} from "./chunk-3SW64I2Z.js";
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/github/api-retry.ts
var API_ATTEMPTS = 4;
var API_MAX_WAIT_S = 60;
var SECONDARY_DEFAULT_WAIT_S = 60;
var GitHubUnavailableError = class extends ConfigurationError {
  constructor(message, lastStatus, attempts) {
    super(message);
    this.lastStatus = lastStatus;
    this.attempts = attempts;
  }
  lastStatus;
  attempts;
  name = "GitHubUnavailableError";
};
function failureOf(e) {
  if (typeof e !== "object" || e === null || !("status" in e) || typeof e.status !== "number") return void 0;
  if (!("request" in e) || typeof e.request !== "object" || e.request === null) return void 0;
  return e;
}
function callOf(f) {
  const method = f.request?.method ?? "";
  const url = f.request?.url ?? "";
  let where = url;
  try {
    where = new URL(url, "http://github.invalid").pathname;
  } catch {
  }
  return `${method} ${where}`.trim();
}
function answerOf(f) {
  const text = (f.message.split("\n")[0] ?? "").replace(/ - https:\/\/docs\.github\.com\/\S*$/, "").slice(0, 200);
  if (f.response === void 0) return /^no answer/.test(text) ? text : `a failed connection (${text})`;
  return `HTTP ${f.status} (${text})`;
}
function header(f, name) {
  const v = f.response?.headers?.[name];
  return v === void 0 ? void 0 : String(v);
}
function askedWait(f, now) {
  const after = header(f, "retry-after");
  if (after !== void 0) {
    const s = Number(after);
    if (Number.isFinite(s) && s >= 0) return Math.ceil(s);
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - now) / 1e3));
  }
  const reset = Number(header(f, "x-ratelimit-reset"));
  if (header(f, "x-ratelimit-remaining") === "0" && Number.isFinite(reset) && reset > 0)
    return Math.max(0, Math.ceil(reset - now / 1e3) + 1);
  return void 0;
}
function decide(e, attempt, now = Date.now()) {
  const f = failureOf(e);
  if (!f) return { retry: false };
  const secondary = (f.status === 403 || f.status === 429) && /\bsecondary rate\b/i.test(f.message);
  const primary = (f.status === 403 || f.status === 429) && header(f, "x-ratelimit-remaining") === "0";
  const transient = f.response === void 0 || f.status >= 500 || f.status === 429 || secondary || primary;
  if (!transient) return { retry: false };
  const asked = askedWait(f, now);
  const waitS = asked ?? (secondary ? SECONDARY_DEFAULT_WAIT_S : 2 ** (attempt - 1));
  const what = secondary ? "a secondary rate limit" : primary ? "the rate limit" : answerOf(f);
  if (attempt >= API_ATTEMPTS)
    return { retry: false, giveUp: `GitHub API call ${callOf(f)} failed ${attempt} times; the last answer was ${what}` };
  if (waitS > API_MAX_WAIT_S)
    return {
      retry: false,
      giveUp: `GitHub API call ${callOf(f)} got ${what} and was asked to wait ${waitS} s, longer than mlgate waits (${API_MAX_WAIT_S} s)`
    };
  return { retry: true, waitS, why: what };
}
function writeSpacing(o) {
  const method = (o.method ?? "GET").toUpperCase();
  const url = o.url ?? "";
  if (url.endsWith("/graphql")) return 1e3;
  if (method === "GET" || method === "HEAD") return 0;
  if (method === "POST" && /\/issues\/\{?[^/]+\}?\/comments$/.test(url)) return 3e3;
  return 1e3;
}
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function apiRetry(octokit, options) {
  const o = options.mlgateRetry ?? { scale: 1 };
  let nextWrite = 0;
  octokit.hook.wrap("request", async (request, opts) => {
    for (let attempt = 1; ; attempt++) {
      const spacing = writeSpacing(opts) * o.scale;
      if (spacing > 0) {
        const now = Date.now();
        const wait = Math.max(0, nextWrite - now);
        nextWrite = Math.max(now, nextWrite) + spacing;
        if (wait > 0) await sleep(wait);
      }
      try {
        return await request(opts);
      } catch (e) {
        const d = decide(e, attempt);
        if ("giveUp" in d) throw new GitHubUnavailableError(d.giveUp, failureOf(e)?.status, attempt);
        if (!d.retry) throw e;
        const f = failureOf(e);
        o.onWait?.(`GitHub API call ${f ? callOf(f) : "?"}: ${d.why}; retry ${attempt} of ${API_ATTEMPTS - 1} in ${d.waitS} s`);
        await sleep(d.waitS * 1e3 * o.scale);
      }
    }
  });
}

// src/github/client.ts
var Client = GitHub.plugin(apiRetry);
var REQUEST_TIMEOUT_MS = 3e4;
function retryScale(env) {
  const v = Number(env.MLGATE_RETRY_SCALE);
  return Number.isFinite(v) && v >= 0 ? v : 1;
}
function requestTimeoutMs(env) {
  const v = Number(env.MLGATE_API_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : REQUEST_TIMEOUT_MS;
}
function fetchWithDeadline(base, ms) {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const res = await base(input, { ...init, signal });
      const empty = res.status === 204 || res.status === 205 || res.status === 304;
      const body = empty ? null : await res.arrayBuffer();
      const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      Object.defineProperty(copy, "url", { value: res.url });
      return copy;
    } catch (e) {
      if (deadline.aborted && !init?.signal?.aborted) throw new Error(`no answer within ${ms / 1e3} s`, { cause: e });
      throw e;
    }
  };
}
function createClient(opts) {
  const baseUrl = (opts.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const mlgateRetry = { scale: retryScale(opts.env), ...opts.onWait ? { onWait: opts.onWait } : {} };
  const base = defaults.request?.fetch ?? globalThis.fetch;
  return new Client({
    ...getOctokitOptions(opts.token, {
      baseUrl,
      request: { ...defaults.request, fetch: fetchWithDeadline(base, requestTimeoutMs(opts.env)) },
      log: { debug: () => void 0, info: () => void 0, warn: () => void 0, error: () => void 0 }
    }),
    mlgateRetry
  });
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
  GitHubUnavailableError,
  callOf,
  createClient,
  httpStatusOf,
  apiErrorText
};
