import {
  getChoiceInput,
  getNameInput,
  getOptionalInput,
  getAllowPathsInput,
  pushAllowPaths,
  pushFlag,
  type RawInputs,
} from "./inputs.js";

/** `actions/data-validation` inputs, parsed and checked at the edge. */
export interface DataValidationInputs {
  /** Data file, folder or glob (falls back to gates.data.data in the config). */
  data?: string;
  schema?: string;
  reference?: string;
  config?: string;
  /** Check-run name suffix, to keep matrix jobs apart. */
  name?: string;
  /** Folders besides the workspace and $RUNNER_TEMP that inputs may be in. */
  allowPaths: string[];
  /** Unset: gates.data.fail_on from the config, else error (the value the fork path reads too). */
  failOn?: "error" | "warning";
}

export function getInputs(inputs: RawInputs): DataValidationInputs {
  const out: DataValidationInputs = { allowPaths: getAllowPathsInput(inputs) };
  if (getOptionalInput(inputs, "fail-on") !== undefined)
    out.failOn = getChoiceInput(inputs, "fail-on", ["error", "warning"] as const, "error");
  // Without a data input the gate reads gates.data.data from the config, the one named or the
  // mlgate.yml it finds, and says so when there is none.
  const data = getOptionalInput(inputs, "data");
  const config = getOptionalInput(inputs, "config");
  const name = getNameInput(inputs);
  const schema = getOptionalInput(inputs, "schema");
  const reference = getOptionalInput(inputs, "reference");
  if (data !== undefined) out.data = data;
  if (schema !== undefined) out.schema = schema;
  if (reference !== undefined) out.reference = reference;
  if (config !== undefined) out.config = config;
  if (name !== undefined) out.name = name;
  return out;
}

/**
 * `actions/data-validation` inputs -> `mlgate data` arguments. The `github-token` input is not an
 * argument: the action passes it as GITHUB_TOKEN in `env:` (arguments show up in process lists).
 */
export function dataValidationArgs(raw: RawInputs): string[] {
  const i = getInputs(raw);
  const args = ["data"];
  pushFlag(args, "--data", i.data);
  pushFlag(args, "--schema", i.schema);
  pushFlag(args, "--reference", i.reference);
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--name", i.name);
  pushFlag(args, "--fail-on", i.failOn);
  pushAllowPaths(args, i.allowPaths);
  return args;
}
