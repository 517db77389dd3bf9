/**
 * The charts of a report, as Vega-Lite specifications: where people would rather look than read
 * (drift histograms, metric deltas with their confidence intervals, slices worst first, latency).
 * Rendered to SVG in Node by Vega at report time; the SVG goes inline into the HTML report, so the
 * page needs no script. Vega is imported on first use only: a gate run without --html never loads it.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Check, CheckStatus, Report, Section } from "../core/report.js";

export interface Chart {
  /** Stable id (an HTML id, and what tests look for): `drift-income`, `metric-ci`, `slice-ci`, `latency`. */
  id: string;
  title: string;
  /** One sentence under the chart: how to read it. */
  caption: string;
  spec: TopLevelSpec;
}

const STATUS_COLOR: Record<CheckStatus, string> = { fail: "#cf222e", warn: "#bf8700", pass: "#1a7f37", skip: "#6e7781" };
const SERIES_COLOR = ["#8c959f", "#0969da", "#bf3989", "#1a7f37"];
const WIDTH = 560;
const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";
/** Metrics where a lower value is better: their worst slice has the largest delta. */
const LOWER_IS_BETTER = new Set(["log_loss", "brier", "ece", "rmse", "mae", "mape"]);

const BASE = {
  background: "white",
  config: { font: FONT, view: { stroke: "#d0d7de" }, axis: { labelLimit: 220 }, title: { anchor: "start", fontSize: 14 } },
} as const;

/** A finite number from a check's details, or undefined. */
function num(c: Check, key: string): number | undefined {
  const v = c.details?.[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function statusScale(statuses: CheckStatus[]) {
  const domain = [...new Set(statuses)];
  return { domain, range: domain.map((s) => STATUS_COLOR[s]) };
}

function groupedBars(s: Extract<Section, { kind: "bar-chart" }>, id: string): Chart {
  const values = s.labels.flatMap((label, i) =>
    s.series.map((series) => ({ bin: label, series: series.name, share: series.values[i] ?? 0, order: i })),
  );
  const names = s.series.map((x) => x.name);
  return {
    id,
    title: s.title,
    caption:
      names.length > 1
        ? `${names.join(" and ")} side by side per bin; a bin whose bars differ is where the distributions part.`
        : `${names[0] ?? "value"} per ${s.xLabel ?? "bin"}.`,
    spec: {
      ...BASE,
      title: s.title,
      width: WIDTH,
      height: 220,
      data: { values },
      mark: { type: "bar" },
      encoding: {
        x: { field: "bin", type: "nominal", sort: s.labels, title: s.xLabel ?? null, axis: { labelAngle: -40 } },
        xOffset: { field: "series", sort: names },
        y: { field: "share", type: "quantitative", title: s.yLabel ?? null },
        color: {
          field: "series",
          type: "nominal",
          scale: { domain: names, range: SERIES_COLOR.slice(0, names.length) },
          legend: { title: null, orient: "top" },
        },
      },
    },
  };
}

interface Interval {
  name: string;
  delta: number;
  lo: number;
  hi: number;
  status: CheckStatus;
}

function intervals(checks: Check[], name: (c: Check) => string): Interval[] {
  const out: Interval[] = [];
  for (const c of checks) {
    const delta = num(c, "delta");
    const lo = num(c, "ci_low");
    const hi = num(c, "ci_high");
    if (delta === undefined || lo === undefined || hi === undefined) continue;
    out.push({ name: name(c), delta, lo, hi, status: c.status });
  }
  return out;
}

function intervalChart(id: string, title: string, caption: string, rows: Interval[], yTitle: string): Chart {
  const y = { field: "name", type: "nominal", sort: rows.map((r) => r.name), title: yTitle } as const;
  return {
    id,
    title,
    caption,
    spec: {
      ...BASE,
      title,
      width: WIDTH,
      height: Math.max(60, rows.length * 26),
      data: { values: rows },
      layer: [
        // The zero line spans the whole height: it has no y of its own.
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: "rule", color: "#57606a", strokeDash: [4, 3] },
          encoding: { x: { field: "zero", type: "quantitative" } },
        },
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            y,
            x: { field: "lo", type: "quantitative", title: "candidate − baseline (95% CI)" },
            x2: { field: "hi" },
            color: {
              field: "status",
              type: "nominal",
              scale: statusScale(rows.map((r) => r.status)),
              legend: { title: null, orient: "top" },
            },
          },
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: { y, x: { field: "delta", type: "quantitative" }, color: { field: "status", type: "nominal" } },
        },
      ],
    },
  };
}

function latencyChart(checks: Check[]): Chart | undefined {
  const values: { at: string; model: string; ms: number }[] = [];
  for (const c of checks) {
    if (!c.id.startsWith("latency.")) continue;
    const where = c.id.slice("latency.".length).replace(/_/g, " ");
    for (const p of ["p50", "p95", "p99"]) {
      const cand = num(c, `${p}_ms`);
      const base = num(c, `baseline_${p}_ms`);
      if (cand !== undefined) values.push({ at: `${where} ${p}`, model: "candidate", ms: cand });
      if (base !== undefined) values.push({ at: `${where} ${p}`, model: "baseline", ms: base });
    }
  }
  if (values.length === 0) return undefined;
  const models = [...new Set(values.map((v) => v.model))].sort(); // baseline (grey) then candidate
  return {
    id: "latency",
    title: "Latency (ms)",
    caption:
      "Percentiles of single inference calls, candidate next to baseline: a tail (p99) far above p95 means occasional stalls.",
    spec: {
      ...BASE,
      title: "Latency (ms)",
      width: WIDTH,
      height: 200,
      data: { values },
      mark: { type: "bar" },
      encoding: {
        x: { field: "at", type: "nominal", sort: null, title: null, axis: { labelAngle: 0 } },
        xOffset: { field: "model", sort: models },
        y: { field: "ms", type: "quantitative", title: "milliseconds" },
        color: {
          field: "model",
          type: "nominal",
          scale: { domain: models, range: SERIES_COLOR.slice(0, models.length) },
          legend: { title: null, orient: "top" },
        },
      },
    },
  };
}

/** The part of a slice check's id that names the slice: `slice.region:east.roc_auc` -> `region:east`. */
function sliceName(c: Check): string {
  const rest = c.id.slice("slice.".length);
  const dot = rest.lastIndexOf(".");
  return dot > 0 ? rest.slice(0, dot) : rest;
}

function metricOf(c: Check): string {
  return c.id.slice(c.id.lastIndexOf(".") + 1);
}

export function reportCharts(report: Report): Chart[] {
  const charts: Chart[] = [];
  const metrics = intervals(
    report.checks.filter((c) => c.id.startsWith("metric.")),
    metricOf,
  );
  if (metrics.length) {
    charts.push(
      intervalChart(
        "metric-ci",
        "Metric change with 95% confidence interval",
        "Each dot is the candidate's metric minus the baseline's on the same rows, the bar its 95% interval; an interval that does not cross the dashed zero line is a real change (for log_loss, brier and ece lower is better).",
        metrics,
        "metric",
      ),
    );
  }
  const sliceChecks = report.checks.filter((c) => c.id.startsWith("slice."));
  const slices = intervals(sliceChecks, (c) => `${sliceName(c)} (${metricOf(c)})`);
  if (slices.length) {
    const lowerBetter = sliceChecks.some((c) => LOWER_IS_BETTER.has(metricOf(c)));
    slices.sort((a, b) => (lowerBetter ? b.delta - a.delta : a.delta - b.delta));
    charts.push(
      intervalChart(
        "slice-ci",
        "Slices, worst first",
        "Candidate minus baseline on each slice's rows with its 95% interval, the slice that lost most on top.",
        slices,
        "slice",
      ),
    );
  }
  const latency = latencyChart(report.checks);
  if (latency) charts.push(latency);
  let n = 0;
  for (const s of report.sections ?? []) {
    if (s.kind !== "bar-chart") continue;
    // A single-series bar chart of slice deltas says less than the interval chart above.
    if (slices.length && s.series.length === 1) continue;
    charts.push(groupedBars(s, `chart-${++n}`));
  }
  return charts;
}

/** One chart as a standalone SVG document fragment (`<svg …>…</svg>`), rendered by Vega in Node. */
export async function renderChartSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const [{ compile }, { parse, View }] = await Promise.all([import("vega-lite"), import("vega")]);
  // Vega-Lite's warnings (a spec it had to repair) are ours to fix, not the user's to read on stderr.
  const logger = quietLogger(warnings);
  const view = new View(parse(compile(spec, { logger }).spec), { renderer: "none", logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A Vega logger that keeps warnings in `into` instead of printing them. */
function quietLogger(into: string[]) {
  let level = 2;
  const keep = (...args: readonly unknown[]) => {
    into.push(args.map(String).join(" "));
  };
  const logger = {
    level(n?: number) {
      if (n === undefined) return level;
      level = n;
      return logger;
    },
    error(...args: readonly unknown[]) {
      keep(...args);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      keep(...args);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}
