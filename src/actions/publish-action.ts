import { getListInput, getOptionalInput, getAllowPathsInput, pushAllowPaths, pushFlag, type RawInputs } from "./inputs.js";
import { ConfigurationError } from "../core/errors.js";

/**
 * `actions/publish` inputs -> `mlgate publish` arguments. The token is not an argument: the action
 * passes its `github-token` input as GITHUB_TOKEN in `env:` (arguments show up in process lists).
 */
export function publishArgs(inputs: RawInputs): string[] {
  const args = ["publish"];
  for (const r of getListInput(inputs, "report")) args.push("--report", r);
  const runId = getOptionalInput(inputs, "run-id");
  if (runId !== undefined && !/^[1-9]\d*$/.test(runId))
    throw new ConfigurationError(`input "run-id" must be a workflow run id (a positive integer), not "${runId}"`);
  pushFlag(args, "--run-id", runId);
  pushFlag(args, "--artifact-pattern", getOptionalInput(inputs, "artifact-pattern"));
  pushFlag(args, "--config", getOptionalInput(inputs, "config"));
  pushFlag(args, "--pr-checkout", getOptionalInput(inputs, "pr-checkout"));
  pushAllowPaths(args, getAllowPathsInput(inputs));
  return args;
}
