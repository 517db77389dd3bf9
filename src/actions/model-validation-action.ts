import { ConfigurationError } from "../core/errors.js";
import {
  getListInput,
  getNameInput,
  getOptionalInput,
  getRequiredInput,
  getAllowPathsInput,
  pushAllowPaths,
  pushFlag,
  type RawInputs,
} from "./inputs.js";

export type ModelTask = "binary" | "multiclass" | "regression";

/** `actions/model-validation` inputs, parsed and checked at the edge. */
export interface ModelValidationInputs {
  candidate: string;
  /** A path, git:<ref>:<path>, git:<path> or none; unset: the candidate's path at the PR's base commit. */
  baseline?: string;
  data: string;
  label: string;
  task: ModelTask;
  features: string[];
  config?: string;
  /** Check-run name suffix, to keep matrix jobs apart. */
  name?: string;
  /** Folders besides the workspace and $RUNNER_TEMP that inputs may be in. */
  allowPaths: string[];
}

const TASKS: readonly ModelTask[] = ["binary", "multiclass", "regression"];

function getTask(inputs: RawInputs): ModelTask {
  const v = getRequiredInput(inputs, "task");
  if (!(TASKS as readonly string[]).includes(v))
    throw new ConfigurationError(`input "task" must be one of ${TASKS.join(", ")}, not "${v}"`);
  return v as ModelTask;
}

export function getInputs(inputs: RawInputs): ModelValidationInputs {
  const out: ModelValidationInputs = {
    candidate: getRequiredInput(inputs, "candidate"),
    data: getRequiredInput(inputs, "data"),
    label: getRequiredInput(inputs, "label"),
    task: getTask(inputs),
    features: getListInput(inputs, "features"),
    allowPaths: getAllowPathsInput(inputs),
  };
  const baseline = getOptionalInput(inputs, "baseline");
  const config = getOptionalInput(inputs, "config");
  const name = getNameInput(inputs);
  if (baseline !== undefined) out.baseline = baseline;
  if (config !== undefined) out.config = config;
  if (name !== undefined) out.name = name;
  return out;
}

/**
 * `actions/model-validation` inputs -> `mlgate model` arguments. The `github-token` input is not an
 * argument: the action passes it as GITHUB_TOKEN in `env:` (arguments show up in process lists).
 */
export function modelValidationArgs(raw: RawInputs): string[] {
  const i = getInputs(raw);
  const args = ["model", "--candidate", i.candidate, "--data", i.data, "--label", i.label, "--task", i.task];
  pushFlag(args, "--baseline", i.baseline);
  if (i.features.length) args.push("--features", i.features.join(","));
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--name", i.name);
  pushAllowPaths(args, i.allowPaths);
  return args;
}
