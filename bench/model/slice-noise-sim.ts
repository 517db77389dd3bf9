/**
 * How often does each `decision` fail a candidate that is exactly as good as the baseline? Two
 * models of equal true quality score the same rows — a shared signal, each model's score given its
 * own independent noise of the same size — rows fall into k label-independent slices of n rows, and
 * the gate's own decision code (sliceResults/judgeSlices, compareMetric/judge) judges every run
 * under each decision. No slice truly regresses, so every failure is a false alarm.
 *
 * Used by bench/model/slice-noise.ts (the table in docs/benchmarks.md) and by a small seeded run in
 * test/model/slice-noise.test.ts.
 */
import { makeRng, type Rng } from "../../src/core/stats/rng.js";
import { compareMetric, prepareBoth, type Scores } from "../../src/gates/model/metric-checks.js";
import { resolveSettings, type Decision, type VerdictSettings } from "../../src/gates/model/settings.js";
import { judgeSlices, sliceResults } from "../../src/gates/model/slices.js";
import type { Grouping } from "../../src/gates/model/state.js";
import { judge } from "../../src/gates/model/verdict.js";

export interface SimOptions {
  /** Slices per run. */
  k: number;
  /** Rows per slice. */
  n: number;
  runs: number;
  seed: number;
  /** Standard deviation of each model's own noise on the logit scale (the shared signal's is 1). */
  noise?: number;
  /** bootstrap.samples; 0 gives DeLong's interval (the p-values are DeLong's either way). */
  samples?: number;
}

/** The decisions compared: the three explicit ones (overall and slices alike) and the default. */
export const MODES = ["point", "significant", "non-inferior", "default"] as const;
export type Mode = (typeof MODES)[number];

export interface Rates {
  /** Runs where at least one slice failed. */
  slice: number;
  /** Runs where the metric over all rows failed. */
  overall: number;
  /** Runs where the gate failed (either). */
  gate: number;
}

export interface SimResult {
  k: number;
  n: number;
  runs: number;
  rates: Record<Mode, Rates>;
}

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The gate's default verdict settings for a binary task (roc_auc, margin 0.01, alpha 0.05). */
function defaults(samples: number): VerdictSettings {
  const v = resolveSettings({ candidate: "c.onnx", data: "d.csv", label: "y", task: "binary", slice: [], sensitive: [] }).verdict;
  return { ...v, bootstrap: { ...v.bootstrap, samples } };
}

function decisions(mode: Mode): { overall: Decision; slices: Decision } {
  return mode === "default" ? { overall: "point", slices: "significant" } : { overall: mode, slices: mode };
}

/** One evaluation set of k·n rows from two equally good models. */
function draw(rng: Rng, k: number, n: number, noise: number): { scores: Scores; groups: Grouping[] } {
  const rows = k * n;
  const y = new Float64Array(rows);
  const cand = new Float64Array(rows);
  const base = new Float64Array(rows);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const z = normal(rng);
    y[i] = rng.next() < sigmoid(1.5 * z) ? 1 : 0;
    cand[i] = sigmoid(z + noise * normal(rng));
    base[i] = sigmoid(z + noise * normal(rng));
    codes[i] = Math.floor(i / n);
  }
  return {
    scores: { yTrue: y, candidate: { scores: cand, classes: 2 }, baseline: { scores: base, classes: 2 } },
    groups: [{ kind: "column", name: "slice", levels: Array.from({ length: k }, (_, j) => `s${j}`), codes }],
  };
}

export function simulate(o: SimOptions): SimResult {
  const rng = makeRng(o.seed);
  const v = defaults(o.samples ?? 0);
  const metric = v.primaryMetric;
  const threshold = v.thresholds[metric]!;
  const counts = Object.fromEntries(MODES.map((m) => [m, { slice: 0, overall: 0, gate: 0 }])) as Record<Mode, Rates>;
  for (let run = 0; run < o.runs; run++) {
    const { scores, groups } = draw(rng, o.k, o.n, o.noise ?? 1);
    const all = prepareBoth(v.task, scores);
    const paired = compareMetric(v, metric, all);
    const slices = sliceResults(v, scores, groups);
    for (const mode of MODES) {
      const d = decisions(mode);
      const value = all.candidate.metric(metric);
      const overall = judge(metric, threshold, value, paired, d.overall, v.alpha).status === "fail";
      const slice = judgeSlices({ ...v, sliceDecision: d.slices }, slices, true).some((c) => c.status === "fail");
      const c = counts[mode];
      if (slice) c.slice++;
      if (overall) c.overall++;
      if (slice || overall) c.gate++;
    }
  }
  const rates = Object.fromEntries(
    MODES.map((m) => [
      m,
      { slice: counts[m].slice / o.runs, overall: counts[m].overall / o.runs, gate: counts[m].gate / o.runs },
    ]),
  ) as Record<Mode, Rates>;
  return { k: o.k, n: o.n, runs: o.runs, rates };
}
