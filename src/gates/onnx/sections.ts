import type { Check, Scalar, Section } from "../../core/report.js";
import { formatDims, type ModelInfo } from "./inspect.js";
import type { LatencyStats } from "./latency.js";

/** What the gate learned about one model: the inspection plus what the runtime said. */
export interface ModelSummary {
  display: string;
  sha256: string;
  info: ModelInfo;
  load: { disabled: boolean; all: boolean; error?: string; op?: string };
  latency: LatencyStats[];
  checks: Check[];
}

function opsetText(info: ModelInfo): string {
  return Object.entries(info.opsets)
    .map(([d, v]) => `${d} ${v}`)
    .join(", ");
}

function verdict(checks: readonly Check[]): string {
  if (checks.some((c) => c.status === "fail")) return "fail";
  if (checks.some((c) => c.status === "warn")) return "warn";
  return "pass";
}

function sizeText(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** Renderer-neutral tables: one row per model, the operator inventory, and the serving signature. */
export function onnxSections(models: readonly ModelSummary[]): Section[] {
  const rows: Scalar[][] = models.map((m) => {
    const lat = m.latency.find((l) => l.batch === 1) ?? m.latency[0];
    return [
      m.display,
      m.info.irVersion,
      opsetText(m.info),
      m.info.ops.length,
      m.info.nodeCount,
      m.info.paramCount,
      sizeText(m.info.totalBytes),
      m.load.disabled && m.load.all ? "yes" : `no${m.load.op ? ` (${m.load.op})` : ""}`,
      lat ? lat.p95 : null,
      verdict(m.checks),
    ];
  });
  const ops = new Map<string, { count: number; models: number }>();
  for (const m of models) {
    for (const o of m.info.ops) {
      const key = `${o.domain}:${o.op}`;
      const e = ops.get(key) ?? { count: 0, models: 0 };
      e.count += o.count;
      e.models += 1;
      ops.set(key, e);
    }
  }
  const opRows: Scalar[][] = [...ops.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([key, e]) => {
      const i = key.lastIndexOf(":");
      return models.length > 1
        ? [key.slice(0, i), key.slice(i + 1), e.count, e.models]
        : [key.slice(0, i), key.slice(i + 1), e.count];
    });
  const io: Scalar[][] = models.flatMap((m) => [
    ...m.info.inputs.map((v) => [m.display, "input", v.name, v.dtype, formatDims(v)]),
    ...m.info.optionalInputs.map((v) => [m.display, "optional input", v.name, v.dtype, formatDims(v)]),
    ...m.info.outputs.map((v) => [m.display, "output", v.name, v.dtype, formatDims(v)]),
  ]);
  return [
    {
      kind: "table",
      title: "Models",
      headers: ["Model", "IR", "Opsets", "Op types", "Nodes", "Params", "Size", "Loads", "p95 ms", "Verdict"],
      rows,
      align: ["l", "r", "l", "r", "r", "r", "r", "l", "r", "l"],
      note: "p95 ms: latency at batch 1 (or the model's own batch), one thread.",
    },
    {
      kind: "table",
      title: "Operator inventory",
      headers: models.length > 1 ? ["Domain", "Operator", "Nodes", "Models"] : ["Domain", "Operator", "Nodes"],
      rows: opRows,
      align: models.length > 1 ? ["l", "l", "r", "r"] : ["l", "l", "r"],
      note: "Counts include the bodies of If, Loop and Scan.",
    },
    { kind: "table", title: "Serving signature", headers: ["Model", "Kind", "Name", "Type", "Shape"], rows: io },
  ];
}

/** The inspection data, per model, for `report.metrics`. */
export function onnxMetrics(models: readonly ModelSummary[], targetOrt: string, runtime: string): Record<string, unknown> {
  return {
    target_ort: targetOrt,
    runtime: `onnxruntime-node ${runtime}`,
    models: models.map((m) => ({
      path: m.display,
      sha256: m.sha256,
      ir_version: m.info.irVersion,
      producer: [m.info.producer, m.info.producerVersion].filter(Boolean).join(" "),
      opsets: m.info.opsets,
      nodes: m.info.nodeCount,
      ops: m.info.ops.map((o) => ({ domain: o.domain, op: o.op, count: o.count })),
      parameters: m.info.paramCount,
      parameter_bytes: m.info.paramBytes,
      total_bytes: m.info.totalBytes,
      inputs: m.info.inputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.dims })),
      optional_inputs: m.info.optionalInputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.dims })),
      outputs: m.info.outputs.map((v) => ({ name: v.name, dtype: v.dtype, shape: v.dims })),
      metadata: m.info.metadata,
      external_data: m.info.external,
      load: m.load,
      latency_ms: m.latency,
    })),
  };
}
