/**
 * Calls to a running `mlgate serve` (its admin API and `/v1/status`). Every way a call can go wrong
 * that the user fixes (an address nothing answers on, a refused token, a server error) is one
 * ConfigurationError sentence naming the URL: the deploy could not run, exit 2.
 */
import { ConfigurationError, errorMessage } from "../../../core/errors.js";

export interface HttpAnswer {
  status: number;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: string | ReadableStream<Uint8Array>;
  timeoutMs?: number;
  /** Statuses the caller handles itself; any other non-2xx is a ConfigurationError. */
  expect?: number[];
}

/** `{"error": "…"}` of mlgate serve, else the start of the body. */
export function errorText(a: HttpAnswer): string {
  const e = (a.json as { error?: unknown } | undefined)?.error;
  const s = typeof e === "string" ? e : a.text.trim().slice(0, 200);
  return s.replace(/\s+/g, " ").replace(/[.]$/, "");
}

/** A plain http:// URL to a host other than this machine: the token travels unencrypted. */
export function isPlainRemote(url: URL): boolean {
  return url.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/**
 * `base` is the server's base URL as the user gave it (shown in messages); `what` names the remedy
 * for 401/403 (the admin token's variable), absent for public endpoints.
 */
export async function call(
  base: string,
  method: string,
  pathname: string,
  o: CallOptions & { tokenHint?: string } = {},
): Promise<HttpAnswer> {
  const url = `${base}${pathname}`;
  const timeoutMs = o.timeoutMs ?? 30_000;
  let res: Response;
  try {
    const init: RequestInit & { duplex?: "half" } = {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(o.headers ? { headers: o.headers } : {}),
      ...(o.body !== undefined ? { body: o.body, duplex: "half" } : {}),
    };
    res = await fetch(url, init);
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new ConfigurationError(`${method} ${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ConfigurationError(
      `cannot reach mlgate serve at ${base} (${cause?.code ?? cause?.message ?? errorMessage(e)} on ${method} ${pathname}): is it running at that address?`,
    );
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new ConfigurationError(`${method} ${url} broke off its answer (${errorMessage(e)})`);
  }
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const a: HttpAnswer = { status: res.status, json, text };
  if ((res.status >= 200 && res.status < 300) || o.expect?.includes(res.status)) return a;
  if ((res.status === 401 || res.status === 403) && o.tokenHint)
    throw new ConfigurationError(
      `${base} refused the admin token (${res.status} on ${method} ${pathname}): set ${o.tokenHint} to the token mlgate serve was started with`,
    );
  if (res.status === 404 && /admin API is off/.test(errorText(a)))
    throw new ConfigurationError(
      `${base} has no admin API (404 on ${method} ${pathname}): start mlgate serve there with --admin-token-file FILE or MLGATE_ADMIN_TOKEN`,
    );
  if (res.status >= 500)
    throw new ConfigurationError(`${base} failed on ${method} ${pathname} with ${res.status}: ${errorText(a)}`);
  throw new ConfigurationError(`${base} answered ${res.status} to ${method} ${pathname}: ${errorText(a)}`);
}

/** Checks a target or --health-url address: http(s), no credentials, query or fragment; returns it without a trailing slash. */
export function baseUrl(text: string, flag: string): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new ConfigurationError(`${flag} "${text}" is not a URL; use http(s)://HOST:PORT`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new ConfigurationError(`${flag} "${text}" is not an http(s):// URL`);
  if (u.username || u.password)
    throw new ConfigurationError(
      `${flag} "${u.host}": credentials do not belong in the URL (it is printed in reports); the admin token comes from MLGATE_ADMIN_TOKEN`,
    );
  if (u.search || u.hash) throw new ConfigurationError(`${flag} "${text}": give the server's base URL, without ? or #`);
  return u;
}

export function display(u: URL): string {
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}
