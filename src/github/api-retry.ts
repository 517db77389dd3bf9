/**
 * One retry policy for every GitHub API call mlgate makes (check runs, comments, deployments,
 * evidence). It replaces @octokit/plugin-retry and @octokit/plugin-throttling, which nest: a 429
 * secondary limit was retried by the first after 1 s (ignoring retry-after, which GitHub asks
 * integrations to honour), then again by the second, up to 16 attempts; neither caps a retry-after
 * (a primary limit's reset can be an hour away) and a request that never answers was not retried.
 *
 * Here: at most 4 attempts per call; waits honour retry-after / x-ratelimit-reset, else back off
 * 1, 2, 4 s; a wait longer than 60 s is not waited (the call fails at once); every attempt has its
 * own deadline (client.ts). Worst case per call: 3 waits of 60 s plus 4 deadlines.
 */
import type { Octokit as CoreOctokit } from "@octokit/core";
import type { OctokitOptions } from "@octokit/core/types";
import { ConfigurationError } from "../core/errors.js";

export const API_ATTEMPTS = 4;
/** The longest single wait mlgate accepts from GitHub, in seconds. */
export const API_MAX_WAIT_S = 60;
/** GitHub's advice for a secondary limit without retry-after: wait at least a minute. */
const SECONDARY_DEFAULT_WAIT_S = 60;

/**
 * A call GitHub did not answer usefully after the retries: one sentence naming the call and what
 * came back. Exit 2 like a user's mistake (the gate could not run as asked; nothing to debug in
 * mlgate); no `status` field, so code that looks at HTTP statuses of answers treats it as final.
 */
export class GitHubUnavailableError extends ConfigurationError {
  override name = "GitHubUnavailableError";
  constructor(
    message: string,
    readonly lastStatus: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
  }
}

interface Failure {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined> };
}

function failureOf(e: unknown): Failure | undefined {
  if (typeof e !== "object" || e === null || !("status" in e) || typeof e.status !== "number") return undefined;
  if (!("request" in e) || typeof e.request !== "object" || e.request === null) return undefined;
  return e as unknown as Failure;
}

/** `POST /repos/o/r/check-runs`: the call as a reader finds it in GitHub's REST docs. */
export function callOf(f: Pick<Failure, "request">): string {
  const method = f.request?.method ?? "";
  const url = f.request?.url ?? "";
  let where = url;
  try {
    where = new URL(url, "http://github.invalid").pathname;
  } catch {
    // keep the raw text
  }
  return `${method} ${where}`.trim();
}

/** What came back, for messages: `HTTP 502 (Server Error)`, `no answer within 30 s`, `a failed connection (other side closed)`. */
export function answerOf(f: Failure): string {
  const text = (f.message.split("\n")[0] ?? "").replace(/ - https:\/\/docs\.github\.com\/\S*$/, "").slice(0, 200);
  if (f.response === undefined) return /^no answer/.test(text) ? text : `a failed connection (${text})`;
  return `HTTP ${f.status} (${text})`;
}

function header(f: Failure, name: string): string | undefined {
  const v = f.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

/** Seconds GitHub asked us to wait, if it said: retry-after (seconds or a date), else the limit's reset. */
function askedWait(f: Failure, now: number): number | undefined {
  const after = header(f, "retry-after");
  if (after !== undefined) {
    const s = Number(after);
    if (Number.isFinite(s) && s >= 0) return Math.ceil(s);
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const reset = Number(header(f, "x-ratelimit-reset"));
  if (header(f, "x-ratelimit-remaining") === "0" && Number.isFinite(reset) && reset > 0)
    return Math.max(0, Math.ceil(reset - now / 1000) + 1);
  return undefined;
}

export type Decision = { retry: false } | { retry: true; waitS: number; why: string } | { retry: false; giveUp: string };

/** Whether to retry failed attempt number `attempt` (1-based), and after how long. */
export function decide(e: unknown, attempt: number, now = Date.now()): Decision {
  const f = failureOf(e);
  if (!f) return { retry: false };
  const secondary = (f.status === 403 || f.status === 429) && /\bsecondary rate\b/i.test(f.message);
  const primary = (f.status === 403 || f.status === 429) && header(f, "x-ratelimit-remaining") === "0";
  const transient = f.response === undefined || f.status >= 500 || f.status === 429 || secondary || primary;
  if (!transient) return { retry: false };
  const asked = askedWait(f, now);
  const waitS = asked ?? (secondary ? SECONDARY_DEFAULT_WAIT_S : 2 ** (attempt - 1));
  const what = secondary ? "a secondary rate limit" : primary ? "the rate limit" : answerOf(f);
  if (attempt >= API_ATTEMPTS)
    return { retry: false, giveUp: `GitHub API call ${callOf(f)} failed ${attempt} times; the last answer was ${what}` };
  if (waitS > API_MAX_WAIT_S)
    return {
      retry: false,
      giveUp: `GitHub API call ${callOf(f)} got ${what} and was asked to wait ${waitS} s, longer than mlgate waits (${API_MAX_WAIT_S} s)`,
    };
  return { retry: true, waitS, why: what };
}

export interface RetryOptions {
  /** Time scale of every wait: 1 in production, a small fraction in tests. */
  scale: number;
  onWait?: (message: string) => void;
}

type Route = { method?: string; url?: string };

/** GitHub asks integrations to space writes about a second apart (3 s for ones that notify people). */
function writeSpacing(o: Route): number {
  const method = (o.method ?? "GET").toUpperCase();
  const url = o.url ?? "";
  if (url.endsWith("/graphql")) return 1000;
  if (method === "GET" || method === "HEAD") return 0;
  if (method === "POST" && /\/issues\/\{?[^/]+\}?\/comments$/.test(url)) return 3000;
  return 1000;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The Octokit plugin: reads its settings from the constructor option `mlgateRetry`. */
export function apiRetry(octokit: CoreOctokit, options: OctokitOptions): void {
  const o = (options.mlgateRetry as RetryOptions | undefined) ?? { scale: 1 };
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
        await sleep(d.waitS * 1000 * o.scale);
      }
    }
  });
}
