import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { EOL } from "node:os";
import * as core from "@actions/core";
import type { Report } from "../core/report.js";
import { renderMarkdown } from "../render/markdown.js";
import type { Annotation } from "./annotations.js";

/** GitHub shows at most 1 MiB of summary per step. */
const SUMMARY_LIMIT = 1_000_000;
/** The runner shows at most 10 annotations of each level per step; the rest live in the check run. */
export const WORKFLOW_ANNOTATIONS_PER_LEVEL = 10;

/**
 * Appends the report to the job summary. Written directly rather than with core.summary, which
 * remembers the first GITHUB_STEP_SUMMARY it saw for the life of the process.
 */
export function writeJobSummary(report: Report, title: string, env: NodeJS.ProcessEnv, runUrl?: string): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  const md = renderMarkdown(report, { budget: SUMMARY_LIMIT, title, level: 2, ...(runUrl ? { artifactUrl: runUrl } : {}) });
  appendFileSync(file, `${md}${EOL}`, "utf8");
  return true;
}

/** Step outputs: status, report-path, failed-checks, and whatever the gate put in metrics.outputs. */
export function stepOutputs(report: Report, reportPath: string | undefined): Record<string, string> {
  const out: Record<string, string> = {
    status: report.status,
    "report-path": reportPath ?? "",
    "failed-checks": report.checks
      .filter((c) => c.status === "fail")
      .map((c) => c.id)
      .join(","),
  };
  const extra = report.metrics?.outputs;
  if (typeof extra === "object" && extra !== null && !Array.isArray(extra)) {
    for (const [k, v] of Object.entries(extra as Record<string, unknown>)) {
      if (k in out) continue;
      out[k] = typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v);
    }
  }
  return out;
}

/**
 * Appends `name<<delimiter` blocks to $GITHUB_OUTPUT, the runner's format for values that may hold
 * newlines. Written here rather than with core.setOutput, which reads process.env: the CLI is given
 * its environment (and tests give it another one).
 */
export function setStepOutputs(outputs: Record<string, string>, env: NodeJS.ProcessEnv): boolean {
  const file = env.GITHUB_OUTPUT;
  if (!file) return false;
  let text = "";
  for (const [k, v] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${k}<<${delimiter}${EOL}${v}${EOL}${delimiter}${EOL}`;
  }
  appendFileSync(file, text, "utf8");
  return true;
}

/**
 * `::error file=…,line=…::` workflow commands, at most 10 per level; returns how many were emitted.
 * The runner shows them in the diff even where the check run cannot be written (fork PRs).
 */
export function emitWorkflowAnnotations(annotations: readonly Annotation[]): number {
  const emitted: Record<string, number> = {};
  let n = 0;
  for (const a of annotations) {
    const count = emitted[a.annotation_level] ?? 0;
    if (count >= WORKFLOW_ANNOTATIONS_PER_LEVEL) continue;
    emitted[a.annotation_level] = count + 1;
    const props = { title: a.title, file: a.path, startLine: a.start_line };
    if (a.annotation_level === "failure") core.error(a.message, props);
    else if (a.annotation_level === "warning") core.warning(a.message, props);
    else core.notice(a.message, props);
    n += 1;
  }
  return n;
}
