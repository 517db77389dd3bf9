import { GitHub, defaults, getOctokitOptions } from "@actions/github/lib/utils";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";

const Client = GitHub.plugin(retry, throttling);
export type Octokit = InstanceType<typeof Client>;

/** How many times a secondary rate limit or an exhausted primary limit is waited out. */
const RATE_LIMIT_RETRIES = 3;

/**
 * Time scale of every wait (retry backoff, retry-after, write spacing). 1 in production; tests set
 * MLGATE_RETRY_SCALE to a small fraction so a 60-second retry-after costs them milliseconds.
 */
export function retryScale(env: NodeJS.ProcessEnv): number {
  const v = Number(env.MLGATE_RETRY_SCALE);
  return Number.isFinite(v) && v >= 0 ? v : 1;
}

/**
 * GitHub asks integrations to space write requests (about a second apart) to stay clear of the
 * secondary rate limits; plugin-throttling does that with fixed intervals, this one scales with the
 * tests' clock. Same interface as the Bottleneck group the plugin would use.
 */
type LimiterGroup = NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>["write"]>;

function spacer(minMs: number): LimiterGroup {
  let next = 0;
  const limiter = {
    schedule: async <T>(_options: unknown, fn: (...a: unknown[]) => Promise<T>, ...args: unknown[]): Promise<T> => {
      const now = Date.now();
      const wait = Math.max(0, next - now);
      next = Math.max(now, next) + minMs;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return fn(...args);
    },
  };
  // The plugin only ever calls key(id).schedule(options, fn, ...args) on these groups.
  return { key: () => limiter } as unknown as LimiterGroup;
}

export interface ClientOptions {
  token: string;
  env: NodeJS.ProcessEnv;
  /** Called once per wait, for the log. */
  onWait?: (message: string) => void;
}

/**
 * An Octokit for the runner's API URL, read now rather than when @actions/github was imported, with
 * retries for 5xx answers and waits for rate limits.
 */
export function createClient(opts: ClientOptions): Octokit {
  const scale = retryScale(opts.env);
  const baseUrl = (opts.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const onLimit =
    (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
      if (retryCount >= RATE_LIMIT_RETRIES) return false;
      opts.onWait?.(`${kind} rate limit on ${options.method ?? ""} ${options.url ?? ""}; retrying after ${retryAfter} s`);
      return true;
    };
  return new Client(
    getOctokitOptions(opts.token, {
      baseUrl,
      request: { ...defaults.request },
      retry: { retryAfterBaseValue: 1000 * scale },
      throttle: {
        retryAfterBaseValue: 1000 * scale,
        onRateLimit: onLimit("primary"),
        onSecondaryRateLimit: onLimit("secondary"),
        write: spacer(1000 * scale),
        notifications: spacer(3000 * scale),
      },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    }),
  );
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
