import path from "node:path";
import { ConfigurationError } from "../../../core/errors.js";
import { LOCK_STALE_MS } from "../../../core/registry.js";
import type { DeployOptions } from "../options.js";
import { baseUrl, display, isPlainRemote } from "./http-client.js";
import { CommandTarget } from "./command.js";
import { HttpTarget } from "./http.js";
import { withHealthUrl } from "./health-url.js";
import { RegistryTarget } from "./registry.js";
import type { DeployTarget } from "./target.js";

export type TargetOptions = Pick<DeployOptions, "target" | "targetPath" | "name" | "cwd" | "env" | "adminToken" | "progress"> &
  Partial<Pick<DeployOptions, "applyTimeoutMs" | "healthUrl" | "commandTimeoutMs" | "environment" | "strategy" | "watchMs">>;

/** The target named by `--target` (registry:DIR, http(s)://HOST:PORT or command:SCRIPT), its health from --health-url if given. */
export function openTarget(o: TargetOptions): DeployTarget {
  const t = openOwn(o);
  return o.healthUrl ? withHealthUrl(t, o.healthUrl, o.name) : t;
}

function openOwn(o: TargetOptions): DeployTarget {
  const t = o.target;
  if (t.startsWith("registry:")) {
    const display = t.slice("registry:".length);
    return new RegistryTarget(o.targetPath ?? path.resolve(o.cwd, display), display, o.name);
  }
  if (/^https?:\/\//.test(t)) {
    const u = baseUrl(t, "--target");
    if (!o.adminToken)
      throw new ConfigurationError(
        `--target ${display(u)} needs the admin API's bearer token: set MLGATE_ADMIN_TOKEN (the action's admin-token input); a token is never a flag`,
      );
    if (isPlainRemote(u)) o.progress(`the admin token goes to ${u.host} over plain http: use https:// beyond this machine`);
    return new HttpTarget(display(u), o.name, o.adminToken, o.applyTimeoutMs ?? 60_000);
  }
  if (t.startsWith("command:")) {
    const display = t.slice("command:".length);
    const timeoutMs = o.commandTimeoutMs ?? 600_000;
    return new CommandTarget({
      script: o.targetPath ?? path.resolve(o.cwd, display),
      display,
      name: o.name,
      environment: o.environment ?? o.name,
      strategy: o.strategy ?? "rollback",
      cwd: o.cwd,
      env: o.env,
      timeoutMs,
      // The lock is rewritten only when the script runs: it must outlive a watched step and a slow phase.
      staleAfterMs: LOCK_STALE_MS + (o.watchMs ?? 0) + timeoutMs,
      progress: o.progress,
    });
  }
  throw new ConfigurationError(`--target "${t}" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT`);
}
