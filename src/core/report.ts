import pkg from "../../package.json" with { type: "json" };

/** The gates that produce a report (publish and demo only move reports around). */
export type GateName = "data" | "model" | "onnx" | "deploy";
export const GATE_NAMES: readonly GateName[] = ["data", "model", "onnx", "deploy"];

export type CheckStatus = "pass" | "warn" | "fail" | "skip";
export type ReportStatus = "pass" | "warn" | "fail" | "error";
export type Scalar = string | number | boolean | null;

/** One located example of a failing check: a row of a data file, an element of a tensor. */
export interface Example {
  /** 1-based line in the file as an editor shows it (the header is line 1). */
  line?: number;
  value?: Scalar;
  /** Free-form locator when there is no line: a tensor index, a model file. */
  where?: string;
}

export interface Check {
  /** Stable dotted id, starting with its family (`schema.`, `drift.`, `metric.`, `parity.` …). */
  id: string;
  title: string;
  status: CheckStatus;
  column?: string;
  observed?: Scalar;
  expected?: Scalar;
  /** Why the verdict was reached, in one sentence a reviewer can read. */
  message?: string;
  failedRows?: number;
  examples?: Example[];
  /** File the examples' line numbers refer to (defaults to the report's subject). */
  file?: string;
  /** Named numbers behind the verdict: scores, p-values, thresholds. */
  details?: Record<string, Scalar>;
}

export interface Subject {
  path: string;
  sha256: string;
  bytes?: number;
  role?: string;
}

/** A renderer-neutral block of the report body; renderers turn it into Markdown, terminal text… */
export type Section =
  | { kind: "table"; title: string; headers: string[]; rows: Scalar[][]; align?: ("l" | "r" | "c")[]; note?: string }
  | {
      kind: "bar-chart";
      title: string;
      xLabel?: string;
      yLabel?: string;
      labels: string[];
      series: { name: string; values: number[] }[];
    }
  | { kind: "text"; title: string; text: string };

export interface Provenance {
  commit?: string;
  runUrl?: string;
  tool: string;
  /** Every input file read, by path, with its SHA-256. */
  inputs: Record<string, string>;
  /** Pull request the run belongs to, when there is one (publish checks it). */
  pullRequest?: number;
  headSha?: string;
  repository?: string;
  createdAt?: string;
}

export interface Report {
  schemaVersion: 1;
  gate: GateName;
  status: ReportStatus;
  summary: string;
  /** The run's --name (check run "mlgate/<gate> (NAME)"), so `mlgate publish` posts it under the same name. */
  name?: string;
  /** The file (or first of the files) this verdict is about; deploy matches it by SHA-256. */
  subject?: Subject;
  /** All validated files when a gate judged several (an onnx glob, candidate + baseline). */
  subjects?: Subject[];
  checks: Check[];
  metrics?: Record<string, unknown>;
  sections?: Section[];
  provenance: Provenance;
  /** Set when status is `error`: the one sentence that says why the gate could not run. */
  error?: string;
}

/** `fail` if any check failed, `warn` if any warned, else `pass`. Skips never decide. */
export function rollUp(checks: readonly Pick<Check, "status">[]): Exclude<ReportStatus, "error"> {
  let status: Exclude<ReportStatus, "error"> = "pass";
  for (const c of checks) {
    if (c.status === "fail") return "fail";
    if (c.status === "warn") status = "warn";
  }
  return status;
}

/** Exit code of the CLI for a report: 0 pass/warn, 1 fail, 2 could not run. */
export function exitCodeFor(status: ReportStatus, failOn: "error" | "warning" = "error"): 0 | 1 | 2 {
  if (status === "error") return 2;
  if (status === "fail") return 1;
  if (status === "warn" && failOn === "warning") return 1;
  return 0;
}

export function countByStatus(checks: readonly Check[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) counts[c.status] += 1;
  return counts;
}

export const TOOL_VERSION: string = pkg.version;
export const TOOL = `mlgate ${TOOL_VERSION}`;

export interface NewReport {
  gate: GateName;
  checks: Check[];
  summary: string;
  subject?: Subject;
  subjects?: Subject[];
  metrics?: Record<string, unknown>;
  sections?: Section[];
  inputs?: Record<string, string>;
}

/** Builds a report whose status is rolled up from its checks. */
export function makeReport(r: NewReport): Report {
  const report: Report = {
    schemaVersion: 1,
    gate: r.gate,
    status: rollUp(r.checks),
    summary: r.summary,
    checks: r.checks,
    provenance: { tool: TOOL, inputs: r.inputs ?? {} },
  };
  if (r.subject) report.subject = r.subject;
  if (r.subjects) report.subjects = r.subjects;
  if (r.metrics) report.metrics = r.metrics;
  if (r.sections) report.sections = r.sections;
  return report;
}

/** The report of a gate that could not run; written so a workflow still has an artifact to read. */
export function errorReport(gate: GateName, message: string): Report {
  return {
    schemaVersion: 1,
    gate,
    status: "error",
    summary: message,
    error: message,
    checks: [],
    provenance: { tool: TOOL, inputs: {} },
  };
}
