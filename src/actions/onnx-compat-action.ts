import {
  getListInput,
  getNameInput,
  getOptionalInput,
  getAllowPathsInput,
  pushAllowPaths,
  pushFlag,
  type RawInputs,
} from "./inputs.js";
import { ConfigurationError } from "../core/errors.js";

/** `actions/onnx-compat` inputs, parsed and checked at the edge. */
export interface OnnxCompatInputs {
  /** Paths or globs, one per line or comma-separated. */
  models: string[];
  testData?: string;
  baseline?: string;
  config?: string;
  /** Check-run name suffix, to keep matrix jobs apart. */
  name?: string;
  /** Folders besides the workspace and $RUNNER_TEMP that inputs may be in. */
  allowPaths: string[];
}

export function getInputs(inputs: RawInputs): OnnxCompatInputs {
  const models = getListInput(inputs, "model");
  if (!models.length) throw new ConfigurationError('input "model" is required (an ONNX file or a glob such as models/*.onnx)');
  const out: OnnxCompatInputs = { models, allowPaths: getAllowPathsInput(inputs) };
  const testData = getOptionalInput(inputs, "test-data");
  const baseline = getOptionalInput(inputs, "baseline");
  const config = getOptionalInput(inputs, "config");
  const name = getNameInput(inputs);
  if (testData !== undefined) out.testData = testData;
  if (baseline !== undefined) out.baseline = baseline;
  if (config !== undefined) out.config = config;
  if (name !== undefined) out.name = name;
  return out;
}

/**
 * `actions/onnx-compat` inputs -> `mlgate onnx` arguments. The `github-token` input is not an
 * argument: the action passes it as GITHUB_TOKEN in `env:` (arguments show up in process lists).
 */
export function onnxCompatArgs(raw: RawInputs): string[] {
  const i = getInputs(raw);
  const args = ["onnx"];
  for (const m of i.models) args.push("--model", m);
  pushFlag(args, "--test-data", i.testData);
  pushFlag(args, "--baseline", i.baseline);
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--name", i.name);
  pushAllowPaths(args, i.allowPaths);
  return args;
}
