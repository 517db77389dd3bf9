import { GitHub, defaults, getOctokitOptions } from "@actions/github/lib/utils";
import { apiRetry, type RetryOptions } from "./api-retry.js";

const Client = GitHub.plugin(apiRetry);
export type Octokit = InstanceType<typeof Client>;

/** Each attempt's deadline: GitHub answers in seconds or times out itself at 10 s. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Time scale of every wait (retry backoff, retry-after, write spacing). 1 in production; tests set
 * MLGATE_RETRY_SCALE to a small fraction so a 60-second retry-after costs them milliseconds.
 */
export function retryScale(env: NodeJS.ProcessEnv): number {
  const v = Number(env.MLGATE_RETRY_SCALE);
  return Number.isFinite(v) && v >= 0 ? v : 1;
}

/** The deadline of one attempt; tests shorten it with MLGATE_API_TIMEOUT_MS. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv): number {
  const v = Number(env.MLGATE_API_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : REQUEST_TIMEOUT_MS;
}

type Fetch = typeof globalThis.fetch;

/**
 * fetch with a deadline covering the whole answer, body included. Octokit reads the body itself and
 * takes a connection dropped mid-body for an empty answer (a check run without an id); read here,
 * that is a failed attempt like a reset before the headers, and the retry policy sees it.
 */
export function fetchWithDeadline(base: Fetch, ms: number): Fetch {
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
      if (deadline.aborted && !init?.signal?.aborted) throw new Error(`no answer within ${ms / 1000} s`, { cause: e });
      throw e;
    }
  };
}

export interface ClientOptions {
  token: string;
  env: NodeJS.ProcessEnv;
  /** Called once per wait, for the log. */
  onWait?: (message: string) => void;
}

/**
 * An Octokit for the runner's API URL, read now rather than when @actions/github was imported, with
 * the retry policy of api-retry.ts and a deadline on every attempt.
 */
export function createClient(opts: ClientOptions): Octokit {
  const baseUrl = (opts.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const mlgateRetry: RetryOptions = { scale: retryScale(opts.env), ...(opts.onWait ? { onWait: opts.onWait } : {}) };
  const base = (defaults.request?.fetch as Fetch | undefined) ?? globalThis.fetch;
  return new Client({
    ...getOctokitOptions(opts.token, {
      baseUrl,
      request: { ...defaults.request, fetch: fetchWithDeadline(base, requestTimeoutMs(opts.env)) },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    }),
    mlgateRetry,
  });
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function httpStatusOf(e: unknown): number | undefined {
  if (typeof e === "object" && e !== null && "status" in e && typeof e.status === "number") return e.status;
  return undefined;
}

/** An API error in one line, without the documentation link Octokit appends (for messages to users). */
export function apiErrorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split("\n")[0] ?? "").replace(/ - https:\/\/docs\.github\.com\/\S*$/, "");
}
