/** The data gate's report body: renderer-neutral tables and charts (the renderers escape the text). */
import { countByStatus, type Check, type Scalar, type Section } from "../../core/report.js";
import type { OpenedTable } from "../../core/table.js";
import type { ColumnDrift } from "./drift.js";
import type { ColumnProfile } from "./profile.js";
import { formatCount } from "../../render/format.js";

const MAX_CHARTS = 3;
const MAX_BAD_ROWS = 50;
const TOP_SHOWN = 3;

function num(v: Scalar | undefined): string {
  if (typeof v !== "number") return v === undefined || v === null ? "" : String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

function shape(p: ColumnProfile): string {
  if (p.kind === "numeric") return `${num(p.min)} / ${num(p.mean)} / ${num(p.max)}`;
  if (p.kind === "temporal") return `${num(p.min)} .. ${num(p.max)}`;
  if (p.top?.length) {
    const more = (p.distinct ?? 0) > TOP_SHOWN ? ", …" : "";
    return `${p.top
      .slice(0, TOP_SHOWN)
      .map((t) => `${t.value} (${t.count})`)
      .join(", ")}${more}`;
  }
  return "";
}

/** Exact counts as they are; an estimate as `≈1,438 (±25%)` (see HLL_ERROR). */
function distinctCell(p: ColumnProfile): Scalar {
  if (p.distinct === undefined) return "";
  if (p.distinctError === undefined) return p.distinct;
  return `≈${formatCount(p.distinct)} (±${Math.round(p.distinctError * 100)}%)`;
}

function driftScore(d: ColumnDrift | undefined): string {
  if (!d) return "";
  const key = d.kind === "numeric" ? "psi" : "js";
  const v = d.scores[key];
  return v === undefined ? "" : `${key} ${num(v)}`;
}

function driftVerdict(d: ColumnDrift | undefined): string {
  if (!d) return "";
  const role = d.role === "label" ? "label " : "";
  return d.flagged ? `${role}drift (p=${num(d.adjustedP)})` : `${role}stable`;
}

export function dataSections(profiles: ColumnProfile[], drift: ColumnDrift[], checks: Check[], rows: number): Section[] {
  const byName = new Map(drift.map((d) => [d.column, d]));
  const hasDrift = drift.length > 0;
  const sections: Section[] = [
    {
      kind: "table",
      title: "Columns",
      headers: [
        "Column",
        "Type",
        "Missing",
        "Min / mean / max or top values",
        "Distinct",
        ...(hasDrift ? ["Drift score", "Drift"] : []),
      ],
      align: ["l", "l", "r", "l", "r", ...(hasDrift ? (["r", "l"] as const) : [])],
      rows: profiles.map((p) => {
        const d = byName.get(p.name);
        return [
          p.name,
          p.type,
          rows ? `${((p.missing / rows) * 100).toFixed(1)}%` : "",
          shape(p),
          distinctCell(p),
          ...(hasDrift ? [driftScore(d), driftVerdict(d)] : []),
        ];
      }),
      note: `${profiles.some((p) => p.distinctError !== undefined) ? "Distinct counts marked ≈ are HyperLogLog estimates (files of more than 2M rows): 95% of them are within the ± shown. " : ""}Drift: flagged when significant after Benjamini-Hochberg and above the effect floor.`,
    },
  ];
  const bad: Scalar[][] = [];
  let failing = 0;
  for (const c of checks) {
    if (c.status !== "fail" && c.status !== "warn") continue;
    const examples = c.examples ?? [];
    failing += Math.max(c.failedRows ?? 0, examples.length);
    for (const e of examples) {
      if (bad.length >= MAX_BAD_ROWS) break;
      bad.push([c.id, e.line ?? e.where ?? "", e.value ?? ""]);
    }
  }
  if (bad.length) {
    sections.push({
      kind: "table",
      title: "Failing rows (first examples)",
      headers: ["Check", "Line", "Value"],
      align: ["l", "r", "l"],
      rows: bad,
      ...(failing > bad.length ? { note: failingRowsNote(bad.length, failing) } : {}),
    });
  }
  const charts = drift
    .filter((d) => d.flagged && d.histogram.labels.length > 0)
    .sort((a, b) => b.effect - a.effect)
    .slice(0, MAX_CHARTS);
  for (const d of charts) {
    sections.push({
      kind: "bar-chart",
      title: `${d.role === "label" ? "Label drift" : "Drift"}: ${d.column}`,
      xLabel: d.column,
      yLabel: "share of rows",
      labels: d.histogram.labels,
      series: [
        { name: "reference", values: d.histogram.reference },
        { name: "current", values: d.histogram.current },
      ],
    });
  }
  return sections;
}

/** The cut said out loud: a reader must not take 50 example rows for all of them. */
export function failingRowsNote(shown: number, failing: number): string {
  return `Showing ${formatCount(shown)} of ${formatCount(failing)} failing rows (counted per check; a row failing two checks counts twice). The JSON report has each check's first examples; the Rows column above has every check's count.`;
}

export function dataSummary(display: string, t: OpenedTable, checks: Check[], drift: ColumnDrift[]): string {
  const c = countByStatus(checks);
  const parts = [`${display}: ${formatCount(t.rowCount)} rows`];
  if (c.fail) parts.push(`${c.fail} failed check${c.fail === 1 ? "" : "s"}`);
  if (c.warn) parts.push(`${c.warn} warning${c.warn === 1 ? "" : "s"}`);
  if (!c.fail && !c.warn) parts.push(`all ${c.pass} checks passed`);
  const flagged = drift.filter((d) => d.flagged).map((d) => d.column);
  if (drift.length)
    parts.push(
      flagged.length
        ? `drift in ${flagged.slice(0, 3).join(", ")}${flagged.length > 3 ? ` and ${flagged.length - 3} more` : ""}`
        : "no drift",
    );
  return parts.join("; ");
}
