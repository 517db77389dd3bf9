/**
 * The machine-readable part of a gate's check run: the first line of its summary is a hidden HTML
 * comment naming the gate, its status and the SHA-256 of every file it judged. The deploy gate reads
 * it (deploy-evidence.ts) to prove that the model it ships is the one the gates validated.
 *
 *   <!-- mlgate:evidence {"v":1,"gate":"model","status":"pass","subjects":[{"path":"m.onnx","sha256":"…"}]} -->
 *
 * Only the first line counts, and mlgate writes that line itself: whatever a report carries (data
 * values, file names, summaries) is escaped below it, so untrusted text can neither end the comment
 * early nor add a second marker that a reader would take.
 */
import type { Report, ReportStatus, Subject } from "../core/report.js";

const PREFIX = "<!-- mlgate:evidence ";
const SUFFIX = " -->";
/** A marker never takes more than this of the summary, so the human part always has room. */
export const MARKER_BUDGET = 60_000;

export interface EvidenceMarker {
  v: 1;
  gate: string;
  status: ReportStatus;
  subjects: Subject[];
  /** Subjects left out because the marker would have outgrown its budget (a glob of thousands of files). */
  omitted?: number;
}

/**
 * JSON that cannot close or nest an HTML comment and stays on one line: `<`, `>`, `&` and `-` become
 * \u escapes (`--` and `-->` are what end a comment), and so do the Unicode line separators.
 */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\-\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function subjectsOf(report: Report): Subject[] {
  const list = report.subjects && report.subjects.length > 0 ? report.subjects : report.subject ? [report.subject] : [];
  return list.map((s) => ({ path: s.path, sha256: s.sha256, ...(s.role ? { role: s.role } : {}) }));
}

/** The marker line for a report (no trailing newline); subjects beyond the budget are counted, not listed. */
export function evidenceMarker(report: Report, budget = MARKER_BUDGET): string {
  const all = subjectsOf(report);
  const line = (subjects: Subject[]): string => {
    const m: EvidenceMarker = { v: 1, gate: report.gate, status: report.status, subjects };
    if (subjects.length < all.length) m.omitted = all.length - subjects.length;
    return `${PREFIX}${inertJson(m)}${SUFFIX}`;
  };
  const whole = line(all);
  if (whole.length <= budget) return whole;
  // Room for `"omitted":N,` is reserved up front; each subject then costs its JSON and a comma.
  let used = line([]).length + `,"omitted":${all.length}`.length;
  let kept = 0;
  for (const s of all) {
    used += inertJson(s).length + 1;
    if (used > budget) break;
    kept += 1;
  }
  return line(all.slice(0, kept));
}

const SHA256 = /^[0-9a-f]{64}$/;
const STATUSES = new Set<string>(["pass", "warn", "fail", "error"]);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads the marker from a check run summary: the first line only, exactly as mlgate writes it.
 * Returns undefined when there is none or it is malformed (an older mlgate, another tool, a forgery).
 */
export function readEvidenceMarker(summary: string | null | undefined): EvidenceMarker | undefined {
  if (!summary) return undefined;
  const end = summary.indexOf("\n");
  const first = end < 0 ? summary : summary.slice(0, end);
  if (!first.startsWith(PREFIX) || !first.endsWith(SUFFIX)) return undefined;
  const json = first.slice(PREFIX.length, first.length - SUFFIX.length);
  // What mlgate writes never contains these raw; a marker that does was not written by mlgate.
  if (/[<>&-]/.test(json)) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObj(v) || v.v !== 1 || typeof v.gate !== "string" || typeof v.status !== "string" || !STATUSES.has(v.status))
    return undefined;
  if (!Array.isArray(v.subjects)) return undefined;
  const subjects: Subject[] = [];
  for (const s of v.subjects) {
    if (!isObj(s) || typeof s.path !== "string" || typeof s.sha256 !== "string" || !SHA256.test(s.sha256)) return undefined;
    if (s.role !== undefined && typeof s.role !== "string") return undefined;
    subjects.push({ path: s.path, sha256: s.sha256, ...(typeof s.role === "string" ? { role: s.role } : {}) });
  }
  const omitted = v.omitted;
  if (omitted !== undefined && !(typeof omitted === "number" && Number.isSafeInteger(omitted) && omitted > 0)) return undefined;
  return {
    v: 1,
    gate: v.gate,
    status: v.status as ReportStatus,
    subjects,
    ...(typeof omitted === "number" ? { omitted } : {}),
  };
}
