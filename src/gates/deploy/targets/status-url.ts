/**
 * A server's `GET /v1/status` (docs/deploy.md) as the deploy gate's health reads it: the http(s)://
 * target's own status, or any server named by --health-url.
 */
import { ConfigurationError } from "../../../core/errors.js";
import type { ServerStatus } from "../../../core/registry.js";
import { call } from "./http-client.js";
import type { ServingStatus } from "./target.js";

/**
 * The status of `name` on the server at `base`. `url` is `base` (not the address the server reports
 * for itself, which is its bind address): parity calls the prediction API where the deploy reached it.
 */
export async function readStatusUrl(base: string, name: string, flag: string): Promise<ServingStatus> {
  const a = await call(base, "GET", "/v1/status");
  const s = a.json as Partial<ServerStatus> | undefined;
  if (typeof s !== "object" || s === null || typeof s.updatedAt !== "string" || typeof s.models !== "object")
    throw new ConfigurationError(
      `${flag} ${base}: /v1/status is not mlgate serve's status (no updatedAt and models); point it at a server that reports one`,
    );
  return {
    url: base,
    startedAt: typeof s.startedAt === "string" ? s.startedAt : "",
    updatedAt: s.updatedAt,
    model: (s.models as Record<string, ServingStatus["model"]>)[name],
  };
}
