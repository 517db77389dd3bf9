import { crashSentence, type Crash } from "../../core/crash-record.js";
import { subjectOf } from "../../core/hash.js";
import { makeReport, type Report } from "../../core/report.js";

/**
 * The verdict on a candidate that crashed onnxruntime in an earlier run of this gate (the crash
 * guard reran it, src/cli/crash-guard.ts): not evaluated, and failed — the server would crash too.
 */
export async function crashedCandidateReport(file: string, display: string, crash: Crash): Promise<Report> {
  const subject = await subjectOf(file, display, "candidate");
  const message = crashSentence(crash);
  return makeReport({
    gate: "model",
    checks: [
      {
        id: "load.crash",
        title: "onnxruntime survives the candidate",
        status: "fail",
        observed: `crashed (${crash.signal})`,
        expected: "loads and runs, or fails with an error",
        message,
        file: display,
      },
    ],
    summary: `the candidate was not evaluated: ${message}`,
    subject,
    subjects: [subject],
    inputs: { [display]: subject.sha256 },
  });
}
