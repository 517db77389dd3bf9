import { ConfigurationError } from "../core/errors.js";
import {
  getAllowPathsInput,
  getChoiceInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  pushAllowPaths,
  pushFlag,
  type RawInputs,
} from "./inputs.js";

export type DeployStrategy = "direct" | "canary" | "blue-green";
const STRATEGIES: readonly DeployStrategy[] = ["direct", "canary", "blue-green"];

/** `actions/deploy` inputs, parsed and checked at the edge. The gate checks the values' meaning. */
export interface DeployInputs {
  model: string;
  environment: string;
  target: string;
  /** Unset: the tag being built (GITHUB_REF_NAME). */
  version?: string;
  /** The model's name in the target; unset: the environment. */
  name?: string;
  strategy: DeployStrategy;
  steps?: string;
  watch?: string;
  /** Check runs that must have passed (`mlgate/model`); empty: every mlgate check run found. */
  require: string[];
  /** Verify against these JSON reports instead of the check runs. */
  reports?: string;
  config?: string;
  /** A server whose /v1/status gives the step health (command: targets). */
  healthUrl?: string;
  /** The GitHub App whose check runs count as evidence; unset: github-actions. */
  trustedApp?: string;
  allowPaths: string[];
}

export function getInputs(inputs: RawInputs): DeployInputs {
  const target = getRequiredInput(inputs, "target");
  if (!/^(registry:|https?:\/\/|command:)/.test(target))
    throw new ConfigurationError(`input "target" must be registry:DIR, http(s)://HOST:PORT or command:SCRIPT, not "${target}"`);
  const out: DeployInputs = {
    model: getRequiredInput(inputs, "model"),
    environment: getRequiredInput(inputs, "environment"),
    target,
    strategy: getChoiceInput(inputs, "strategy", STRATEGIES, "direct"),
    require: getListInput(inputs, "require"),
    allowPaths: getAllowPathsInput(inputs),
  };
  for (const k of ["version", "name", "steps", "watch", "reports", "config"] as const) {
    const v = getOptionalInput(inputs, k);
    if (v !== undefined) out[k] = v;
  }
  const health = getOptionalInput(inputs, "health-url");
  if (health !== undefined) out.healthUrl = health;
  const app = getOptionalInput(inputs, "trusted-app");
  if (app !== undefined) out.trustedApp = app;
  if (out.steps !== undefined && out.strategy !== "canary")
    throw new ConfigurationError(`input "steps" goes with strategy: canary (the strategy is ${out.strategy})`);
  return out;
}

/**
 * `actions/deploy` inputs -> `mlgate deploy` arguments. Tokens are not arguments: the action passes
 * `github-token` as GITHUB_TOKEN and `admin-token` as MLGATE_ADMIN_TOKEN in `env:` (arguments show up
 * in process lists).
 */
export function deployArgs(raw: RawInputs): string[] {
  const i = getInputs(raw);
  const args = ["deploy", "--model", i.model, "--environment", i.environment, "--target", i.target, "--strategy", i.strategy];
  pushFlag(args, "--version", i.version);
  pushFlag(args, "--name", i.name);
  pushFlag(args, "--steps", i.steps);
  pushFlag(args, "--watch", i.watch);
  if (i.require.length) args.push("--require", i.require.join(","));
  pushFlag(args, "--reports", i.reports);
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--health-url", i.healthUrl);
  pushFlag(args, "--trusted-app", i.trustedApp);
  pushAllowPaths(args, i.allowPaths);
  return args;
}
