import path from "node:path";
import { ConfigurationError } from "../../../core/errors.js";
import type { DeployOptions } from "../options.js";
import { RegistryTarget } from "./registry.js";
import type { DeployTarget } from "./target.js";

/** The target named by `--target`: registry:DIR, http(s)://HOST:PORT or command:SCRIPT. */
export function openTarget(
  o: Pick<DeployOptions, "target" | "targetPath" | "name" | "cwd" | "env" | "adminToken" | "progress">,
): DeployTarget {
  const t = o.target;
  if (t.startsWith("registry:")) {
    const display = t.slice("registry:".length);
    return new RegistryTarget(o.targetPath ?? path.resolve(o.cwd, display), display, o.name);
  }
  throw new ConfigurationError(
    `--target "${t}": this build deploys to registry:DIR only (http(s):// and command: are in progress)`,
  );
}
