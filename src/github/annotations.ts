import { workspacePath } from "../core/paths.js";
import type { Check, Report } from "../core/report.js";
import { formatValue } from "../render/format.js";

export type AnnotationLevel = "failure" | "warning" | "notice";

/** One located finding, in the check-run API's shape. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export const DEFAULT_MAX_ANNOTATIONS = 200;
/** The checks API takes at most 50 annotations per request; the rest are appended by updates. */
export const ANNOTATIONS_PER_REQUEST = 50;

const LEVEL: Partial<Record<Check["status"], AnnotationLevel>> = { fail: "failure", warn: "warning" };
const RANK: Record<AnnotationLevel, number> = { failure: 0, warning: 1, notice: 2 };

function messageOf(c: Check, value: string): string {
  const parts = [c.message ?? c.title];
  if (c.observed !== undefined || c.expected !== undefined)
    parts.push(`observed ${formatValue(c.observed)}, expected ${formatValue(c.expected)}`);
  if (value !== "") parts.push(`value: ${value}`);
  // Annotation messages are plain text on GitHub; keep them short enough to read in a diff.
  return parts.join("; ").slice(0, 4000);
}

/**
 * Annotations for every example with a line number, most severe first, at most `max`. Passing and
 * skipped checks are not annotated: an annotation asks the reader to look at a line.
 */
export function annotationsOf(report: Report, workspace: string, max = DEFAULT_MAX_ANNOTATIONS): Annotation[] {
  const out: Annotation[] = [];
  for (const c of report.checks) {
    const level = LEVEL[c.status];
    const file = c.file ?? report.subject?.path;
    if (!level || !file) continue;
    // A file outside the workspace cannot be annotated (GitHub shows annotations on repository paths only).
    const p = workspacePath(file, workspace);
    if (!p) continue;
    for (const e of c.examples ?? []) {
      if (e.line === undefined) continue;
      out.push({
        path: p,
        start_line: e.line,
        end_line: e.line,
        annotation_level: level,
        title: `${c.title} (${c.id})`.slice(0, 255),
        message: messageOf(c, e.value === undefined ? "" : formatValue(e.value)),
      });
    }
  }
  // Stable sort: within a level the report's own order (the gate's order) is kept.
  return out.sort((a, b) => RANK[a.annotation_level] - RANK[b.annotation_level]).slice(0, Math.max(0, max));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
