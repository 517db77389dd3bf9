import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import schema from "../../schemas/config.schema.json" with { type: "json" };
import { lineOfKey, parseYamlWithSchema, readYamlWithSchema } from "./yaml-file.js";

export type FailOn = "error" | "warning";

export interface Threshold {
  min?: number;
  max?: number;
  max_drop?: number;
  relative?: boolean;
}

export interface DataGateConfig {
  data?: string;
  schema?: string;
  reference?: string;
  label?: string;
  drift?: "warn" | "fail" | "off";
  drift_thresholds?: { psi?: number; js?: number; alpha?: number };
  max_examples?: number;
  fail_on?: FailOn;
  waive?: string[];
}

export interface ModelGateConfig {
  candidate?: string;
  baseline?: string;
  data?: string;
  label?: string;
  task?: "binary" | "multiclass" | "regression";
  features?: string[];
  output?: string;
  primary_metric?: string;
  decision?: "point" | "significant" | "non-inferior";
  slice_decision?: "point" | "significant" | "non-inferior";
  thresholds?: Record<string, Threshold>;
  slices?: { name: string; where: string }[];
  slice_columns?: string[];
  min_slice_size?: number;
  slice_max_drop?: number;
  sensitive?: string[];
  fairness?: { max_demographic_parity_gap?: number; max_equal_opportunity_gap?: number };
  latency?: { max_ratio?: number; runs?: number };
  robustness?: { epsilon?: number; max_flip_rate?: number; rows?: number };
  bootstrap?: { samples?: number; seed?: number };
  batch_size?: number;
  fail_on?: FailOn;
  waive?: string[];
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

export interface OnnxGateConfig {
  model?: string;
  test_data?: string;
  baseline?: string;
  target_ort?: string;
  opset?: { min?: number; max?: number };
  allowed_ops?: string[];
  denied_ops?: string[];
  allowed_domains?: string[];
  max_size_mb?: number;
  required_metadata?: string[];
  dims?: Record<string, number[]>;
  tolerance?: Tolerance & { outputs?: Record<string, Tolerance> };
  baseline_tolerance?: Tolerance;
  latency?: { batch_sizes?: number[]; runs?: number; warmup?: number; max_ms?: number; max_ratio?: number };
  fail_on?: FailOn;
  waive?: string[];
}

export interface Config {
  version?: 1;
  /** Every gate's overall time limit (`45m`; a bare number is seconds); --timeout overrides it. */
  timeout?: string | number;
  gates?: { data?: DataGateConfig; model?: ModelGateConfig; onnx?: OnnxGateConfig };
  publish?: { comment?: "always" | "on-failure" | "never"; hide_on_pass?: boolean; max_annotations?: number };
}

export const CONFIG_SCHEMA: object = schema;
export const DEFAULT_CONFIG_FILES = ["mlgate.yml", "mlgate.yaml", ".github/mlgate.yml"];

/** Parses config text; `file` is only used in messages. */
export function parseConfig(text: string, file = "mlgate.yml"): Config {
  return parseYamlWithSchema<Config>(text, file, schema);
}

export interface LoadedConfig {
  config: Config;
  /** The file read: the path given to loadConfig, or the default's name. */
  file?: string;
  /** 1-based line of a key path in it, for errors found after loading (`gates.model.slices[0].where`). */
  lineOf?: (segments: readonly (string | number)[]) => number;
}

/**
 * Loads the config named by `--config`, or the first default file that exists, or nothing.
 * A named file that is missing is an error; a missing default is not. Messages name the file as
 * `display` (what the user typed); `check` vets a default file's path before it is read (the
 * same allowed-folder rule as a named one: see core/paths.ts).
 */
export function loadConfig(
  file: string | undefined,
  cwd = process.cwd(),
  opts: { display?: string; check?: (file: string) => string } = {},
): LoadedConfig {
  if (file) {
    const r = readYamlWithSchema<Config>(file, schema, cwd, opts.display ?? file);
    return { config: r.value, file, lineOf: r.lineOf };
  }
  for (const f of DEFAULT_CONFIG_FILES) {
    if (!existsSync(path.resolve(cwd, f))) continue;
    const r = readYamlWithSchema<Config>(opts.check?.(f) ?? f, schema, cwd, f);
    return { config: r.value, file: f, lineOf: r.lineOf };
  }
  return { config: {} };
}

/** A gate's `fail_on` from the config (gates without settings have none). */
export function configFailOn(config: Config, gate: string): FailOn | undefined {
  return gate === "data" || gate === "model" || gate === "onnx" ? config.gates?.[gate]?.fail_on : undefined;
}

/** A check id matches a waiver exactly or by a prefix ending in `*`. */
export function isWaived(id: string, waive: readonly string[] | undefined): boolean {
  if (!waive) return false;
  return waive.some((w) => (w.endsWith("*") ? id.startsWith(w.slice(0, -1)) : id === w));
}

/**
 * A gate's own check of a setting (a metric the task does not have, a slice DuckDB cannot evaluate)
 * names the key first: `gates.model.thresholds.rmse: …`. Such a message gets the config file and the
 * key's line in front, as the schema's type errors have: `mlgate.yml:11: gates.model.thresholds.rmse: …`.
 * Any other message, or a key the file does not have (the value came from a flag), stays as it is.
 */
export function locateConfigMessage(message: string, file: string | undefined, cwd = process.cwd(), display = file): string {
  const key = /^((?:gates|publish)\.[\w.[\]-]*\w\]?)/.exec(message)?.[1];
  if (!file || !key) return message;
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch {
    return message;
  }
  const line = lineOfKey(text, key);
  return line === undefined ? message : `${display ?? file}:${line}: ${message}`;
}
