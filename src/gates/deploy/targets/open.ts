import path from "node:path";
import { ConfigurationError } from "../../../core/errors.js";
import type { DeployOptions } from "../options.js";
import { baseUrl, display, isPlainRemote } from "./http-client.js";
import { HttpTarget } from "./http.js";
import { withHealthUrl } from "./health-url.js";
import { RegistryTarget } from "./registry.js";
import type { DeployTarget } from "./target.js";

export type TargetOptions = Pick<DeployOptions, "target" | "targetPath" | "name" | "cwd" | "env" | "adminToken" | "progress"> &
  Partial<Pick<DeployOptions, "applyTimeoutMs" | "healthUrl">>;

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
  throw new ConfigurationError(
    `--target "${t}": the command: target is in progress; this build deploys to registry:DIR and http(s)://HOST:PORT`,
  );
}
