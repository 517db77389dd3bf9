import type { ModelGateConfig, Threshold } from "../../core/config.js";
import { ConfigurationError } from "../../core/errors.js";
import { METRICS, PRIMARY_METRIC, type Task } from "./metrics.js";

export type Decision = "point" | "significant" | "non-inferior";

/** A named SQL predicate over the evaluation data (`age >= 65`). */
export interface NamedSlice {
  name: string;
  where: string;
}

/**
 * Everything the verdict depends on, resolved from flags and `gates.model` once. Shard files carry
 * it so `mlgate model merge` judges exactly as the unsharded run would have.
 */
export interface VerdictSettings {
  task: Task;
  primaryMetric: string;
  /** How the metrics over all rows are decided. */
  decision: Decision;
  /** How slices are decided: `decision` when the user set it, else significant (BH across slices). */
  sliceDecision: Decision;
  /** Per metric; when the user configured none, the primary metric's default non-inferiority margin. */
  thresholds: Record<string, Threshold>;
  minSliceSize: number;
  /** Margin for the primary metric on each slice; defaults to the primary metric's margin. */
  sliceMaxDrop?: number;
  sliceRelative: boolean;
  fairness: { maxDemographicParityGap?: number; maxEqualOpportunityGap?: number };
  latencyMaxRatio?: number;
  robustnessMaxFlipRate?: number;
  bootstrap: { samples: number; seed: number };
  alpha: number;
  waive: string[];
}

export interface RunSettings {
  candidate: string;
  /** A path, `git:<ref>:<path>`, `git:<path>` (the PR's base), `none`, or undefined (PR default or none). */
  baseline?: string;
  data: string;
  label: string;
  features?: string[];
  output?: string;
  sliceColumns: string[];
  namedSlices: NamedSlice[];
  sensitive: string[];
  batchSize: number;
  latencyRuns: number;
  robustness: { epsilon: number; rows: number };
  shard?: { index: number; count: number };
  verdict: VerdictSettings;
}

const TASKS: readonly Task[] = ["binary", "multiclass", "regression"];

/** The default when no thresholds are configured: the primary metric may regress by 0.01 (1% for rmse). */
export function defaultThresholds(task: Task, primary: string): Record<string, Threshold> {
  return { [primary]: task === "regression" ? { max_drop: 0.01, relative: true } : { max_drop: 0.01 } };
}

export function parseTask(v: string | undefined, flag: string): Task {
  if (v === undefined) throw new ConfigurationError(`${flag} is required: binary, multiclass or regression`);
  if (!(TASKS as readonly string[]).includes(v))
    throw new ConfigurationError(`${flag} must be binary, multiclass or regression, not "${v}"`);
  return v as Task;
}

/** `--shard 2/4` -> { index: 1, count: 4 }: shards are numbered from 1 as matrix jobs are. */
export function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new ConfigurationError(`--shard must be i/n with 1 <= i <= n, like 1/4, not "${v}"`);
  return { index: i - 1, count: n };
}

function parseDecision(v: string | undefined, flag: string): Decision | undefined {
  if (v === undefined || v === "point" || v === "significant" || v === "non-inferior") return v;
  throw new ConfigurationError(`${flag} must be point, significant or non-inferior, not "${v}"`);
}

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new ConfigurationError(`${flag} must be a positive integer, not "${v}"`);
  return n;
}

/** The most rows per batch: a batch's tensors are allocated up front (a trillion rows ended in an internal error). */
export const MAX_BATCH_SIZE = 1_048_576;

function batchSize(n: number, flag: string | undefined): number {
  if (n <= MAX_BATCH_SIZE) return n;
  const where = flag !== undefined ? `--batch-size ${flag}` : `gates.model.batch_size ${n}`;
  throw new ConfigurationError(`${where} is over the most rows per batch, 1,048,576; batches of a few thousand rows are as fast`);
}

export interface ModelFlags {
  candidate?: string;
  baseline?: string;
  data?: string;
  label?: string;
  task?: string;
  features?: string;
  output?: string;
  slice: string[];
  sensitive: string[];
  decision?: string;
  sliceDecision?: string;
  batchSize?: string;
  shard?: string;
}

/** Flags override `gates.model`; list flags replace the configured list. */
export function resolveSettings(flags: ModelFlags, cfg: ModelGateConfig = {}): RunSettings {
  const task = parseTask(flags.task ?? cfg.task, "--task");
  const candidate = flags.candidate ?? cfg.candidate;
  if (!candidate) throw new ConfigurationError("--candidate is required (or gates.model.candidate in the config)");
  const data = flags.data ?? cfg.data;
  if (!data) throw new ConfigurationError("--data is required (or gates.model.data in the config)");
  const label = flags.label ?? cfg.label;
  if (!label) throw new ConfigurationError("--label is required (or gates.model.label in the config)");
  const chosen = parseDecision(flags.decision ?? cfg.decision, "--decision");
  const decision = chosen ?? "point";
  // Point estimates on many small slices fail equal models at random (docs/benchmarks.md): by
  // default a slice needs evidence; a decision the user chose still applies to slices as before.
  const sliceDecision = parseDecision(flags.sliceDecision ?? cfg.slice_decision, "--slice-decision") ?? chosen ?? "significant";
  const features = flags.features
    ? flags.features
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")
    : cfg.features;
  const primaryMetric = cfg.primary_metric ?? PRIMARY_METRIC[task];
  const thresholds = cfg.thresholds ?? defaultThresholds(task, primaryMetric);
  for (const [key, name] of [["primary_metric", primaryMetric], ...Object.keys(thresholds).map((m) => [`thresholds.${m}`, m])]) {
    if (!METRICS[task].includes(name ?? ""))
      throw new ConfigurationError(
        `gates.model.${key}: "${name}" is not a ${task} metric; use one of ${METRICS[task].join(", ")}`,
      );
  }
  const primary = thresholds[primaryMetric];
  const verdict: VerdictSettings = {
    task,
    primaryMetric,
    decision,
    sliceDecision,
    thresholds,
    minSliceSize: cfg.min_slice_size ?? 30,
    sliceRelative: cfg.slice_max_drop === undefined ? primary?.relative === true : false,
    fairness: {
      ...(cfg.fairness?.max_demographic_parity_gap !== undefined
        ? { maxDemographicParityGap: cfg.fairness.max_demographic_parity_gap }
        : {}),
      ...(cfg.fairness?.max_equal_opportunity_gap !== undefined
        ? { maxEqualOpportunityGap: cfg.fairness.max_equal_opportunity_gap }
        : {}),
    },
    bootstrap: { samples: cfg.bootstrap?.samples ?? 1000, seed: cfg.bootstrap?.seed ?? 42 },
    alpha: 0.05,
    waive: cfg.waive ?? [],
  };
  const sliceMaxDrop = cfg.slice_max_drop ?? primary?.max_drop;
  if (sliceMaxDrop !== undefined) verdict.sliceMaxDrop = sliceMaxDrop;
  if (cfg.latency?.max_ratio !== undefined) verdict.latencyMaxRatio = cfg.latency.max_ratio;
  if (cfg.robustness?.max_flip_rate !== undefined) verdict.robustnessMaxFlipRate = cfg.robustness.max_flip_rate;
  const settings: RunSettings = {
    candidate,
    data,
    label,
    sliceColumns: flags.slice.length ? flags.slice : (cfg.slice_columns ?? []),
    namedSlices: cfg.slices ?? [],
    sensitive: flags.sensitive.length ? flags.sensitive : (cfg.sensitive ?? []),
    batchSize: batchSize(positiveInt(flags.batchSize, "--batch-size") ?? cfg.batch_size ?? 4096, flags.batchSize),
    latencyRuns: cfg.latency?.runs ?? 200,
    robustness: { epsilon: cfg.robustness?.epsilon ?? 0.01, rows: cfg.robustness?.rows ?? 10000 },
    verdict,
  };
  const baseline = flags.baseline ?? cfg.baseline;
  if (baseline !== undefined) settings.baseline = baseline;
  if (features) settings.features = features;
  const output = flags.output ?? cfg.output;
  if (output) settings.output = output;
  if (flags.shard) settings.shard = parseShard(flags.shard);
  return settings;
}
