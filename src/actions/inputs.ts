import { ConfigurationError } from "../core/errors.js";

/**
 * Action inputs arrive as one JSON object (`INPUTS_JSON: ${{ toJSON(inputs) }}` in the action's
 * `env:`), never interpolated into a script. These helpers read it the way @actions/core reads
 * INPUT_* variables: trimmed strings, empty meaning unset.
 */
export type RawInputs = Record<string, string | undefined>;

export function readInputsJson(env: NodeJS.ProcessEnv = process.env): RawInputs {
  const text = env.INPUTS_JSON;
  if (!text)
    throw new ConfigurationError("INPUTS_JSON is not set; the action must pass `INPUTS_JSON: ${{ toJSON(inputs) }}` in env");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError("INPUTS_JSON is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ConfigurationError("INPUTS_JSON must be a JSON object");
  const out: RawInputs = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

export function getOptionalInput(inputs: RawInputs, name: string): string | undefined {
  const v = inputs[name]?.trim();
  return v === "" ? undefined : v;
}

/**
 * The `name` input of a gate action: it becomes the check run's suffix (mlgate/data (NAME)) and
 * the report artifact's name (mlgate-data-NAME), so every gate action accepts the same characters.
 */
export function getNameInput(inputs: RawInputs): string | undefined {
  const name = getOptionalInput(inputs, "name");
  if (name !== undefined && !/^[A-Za-z0-9._ -]{1,60}$/.test(name)) {
    throw new ConfigurationError(`input "name" must be 1-60 letters, digits, spaces, dots, dashes or underscores, not "${name}"`);
  }
  return name;
}

export function getRequiredInput(inputs: RawInputs, name: string): string {
  const v = getOptionalInput(inputs, name);
  if (v === undefined) throw new ConfigurationError(`input "${name}" is required`);
  return v;
}

/** YAML 1.2 core-schema booleans, exactly as @actions/core's getBooleanInput accepts them. */
export function getBooleanInput(inputs: RawInputs, name: string, fallback: boolean): boolean {
  const v = getOptionalInput(inputs, name);
  if (v === undefined) return fallback;
  if (["true", "True", "TRUE"].includes(v)) return true;
  if (["false", "False", "FALSE"].includes(v)) return false;
  throw new ConfigurationError(`input "${name}" must be a boolean (true or false), not "${v}"`);
}

/** One of a fixed set of words, with the set in the message. */
export function getChoiceInput<T extends string>(inputs: RawInputs, name: string, choices: readonly T[], fallback: T): T {
  const v = getOptionalInput(inputs, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new ConfigurationError(`input "${name}" must be one of ${choices.join(", ")}, not "${v}"`);
}

/** Multi-line or comma-separated lists, as workflow authors write them. */
export function getListInput(inputs: RawInputs, name: string): string[] {
  const v = getOptionalInput(inputs, name);
  if (v === undefined) return [];
  return v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * `allow-paths`: extra folders (one per line or comma-separated) the gate may read inputs from
 * besides the workspace and $RUNNER_TEMP (core/paths.ts resolveInputPath).
 */
export function getAllowPathsInput(inputs: RawInputs): string[] {
  return getListInput(inputs, "allow-paths");
}

/** Appends `--allow-path DIR` for each allowed folder. */
export function pushAllowPaths(args: string[], dirs: readonly string[]): void {
  for (const dir of dirs) args.push("--allow-path", dir);
}

/** Appends `--flag value` when the value is set. */
export function pushFlag(args: string[], flag: string, value: string | undefined): void {
  if (value !== undefined) args.push(flag, value);
}
