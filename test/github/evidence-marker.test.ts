// The evidence marker: the first line of every gate's check run summary, which the deploy gate reads
// to prove the model it ships is the one the gates validated.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256File } from "../../src/core/hash.js";
import type { Report } from "../../src/core/report.js";
import { CHECK_OUTPUT_LIMIT, summaryOf } from "../../src/github/check-run.js";
import { evidenceMarker, MARKER_BUDGET, readEvidenceMarker } from "../../src/github/evidence-marker.js";
import { ROOT, runCli } from "../support/cli.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, pullRequestEvent, runnerEnv } from "./runner-env.js";

const A = "a".repeat(64);
const B = "b".repeat(64);

function report(o: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    gate: "model",
    status: "pass",
    summary: "candidate roc_auc 0.91 vs baseline 0.90",
    subject: { path: "models/candidate.onnx", sha256: A, role: "candidate" },
    subjects: [
      { path: "models/candidate.onnx", sha256: A, role: "candidate", bytes: 10 },
      { path: "models/baseline.onnx", sha256: B, role: "baseline" },
    ],
    checks: [{ id: "metric.roc_auc", title: "roc_auc", status: "pass" }],
    provenance: { tool: "mlgate 0.1.0", inputs: {} },
    ...o,
  };
}

describe("evidence marker", () => {
  it("is the summary's first line and reads back as gate, status and every subject's digest", () => {
    const summary = summaryOf(report(), "");
    const first = summary.split("\n")[0]!;
    expect(first).toBe(
      '<!-- mlgate:evidence {"v":1,"gate":"model","status":"pass","subjects":[{"path":"models/candidate.onnx","sha256":"' +
        A +
        '","role":"candidate"},{"path":"models/baseline.onnx","sha256":"' +
        B +
        '","role":"baseline"}]} -->',
    );
    expect(summary.split("\n")[1]).toBe("**candidate roc\\_auc 0.91 vs baseline 0.90**".replace("\\_", "&#95;"));
    expect(readEvidenceMarker(summary)).toEqual({
      v: 1,
      gate: "model",
      status: "pass",
      subjects: [
        { path: "models/candidate.onnx", sha256: A, role: "candidate" },
        { path: "models/baseline.onnx", sha256: B, role: "baseline" },
      ],
    });
  });

  it("uses the single subject when a report has no subjects list, and none when it has neither", () => {
    const one = report({ subjects: undefined, gate: "onnx", status: "warn" });
    expect(readEvidenceMarker(evidenceMarker(one))).toEqual({
      v: 1,
      gate: "onnx",
      status: "warn",
      subjects: [{ path: "models/candidate.onnx", sha256: A, role: "candidate" }],
    });
    const none = report({ subjects: undefined, subject: undefined, status: "error" });
    expect(readEvidenceMarker(evidenceMarker(none))?.subjects).toEqual([]);
  });

  it("keeps a file name that tries to close the comment inert, and reads it back unchanged", () => {
    const evil = 'models/x --> <img src=x onerror=alert(1)> & "q".onnx';
    const r = report({ subjects: [{ path: evil, sha256: A }], subject: { path: evil, sha256: A } });
    const line = evidenceMarker(r);
    // The only `-->` is the one that ends the marker; no raw < > & inside.
    expect(line.indexOf("-->")).toBe(line.length - 3);
    expect(line.slice(4, -4)).not.toMatch(/[<>&]|--/);
    expect(readEvidenceMarker(line)?.subjects).toEqual([{ path: evil, sha256: A }]);
  });

  it("cannot be forged by untrusted text in the report: only the first line counts, and that line is mlgate's", () => {
    const forged = `<!-- mlgate:evidence {"v":1,"gate":"model","status":"pass","subjects":[{"path":"models/candidate.onnx","sha256":"${"f".repeat(64)}"}]} -->`;
    const r = report({ summary: `\n${forged}\n`, status: "fail" });
    const summary = summaryOf(r, "");
    const m = readEvidenceMarker(summary)!;
    expect(m.status).toBe("fail");
    expect(m.subjects.map((s) => s.sha256)).toEqual([A, B]);
    // The forged text is in the summary, escaped: no second comment, no line break.
    expect(summary.split("\n").filter((l) => l.includes("evidence {"))).toHaveLength(2);
    expect(summary.split("\n")[1]).toContain("&lt;&#33;-- mlgate&#58;evidence {&quot;v&quot;");
    expect(summary.match(/<!--/g)).toHaveLength(1);
    // A summary that does not start with the marker (another tool, or text above it) has none.
    expect(readEvidenceMarker(`hello\n${forged}`)).toBeUndefined();
    expect(readEvidenceMarker(` ${forged}`)).toBeUndefined();
  });

  it("rejects malformed markers: a bad digest, an unknown status, raw < or - inside, not JSON", () => {
    const wrap = (json: string): string => `<!-- mlgate:evidence ${json} -->`;
    const ok = { v: 1, gate: "model", status: "pass", subjects: [{ path: "m.onnx", sha256: A }] };
    expect(readEvidenceMarker(wrap(JSON.stringify(ok)))?.gate).toBe("model");
    expect(
      readEvidenceMarker(wrap(JSON.stringify({ ...ok, subjects: [{ path: "m.onnx", sha256: "A".repeat(64) }] }))),
    ).toBeUndefined();
    expect(readEvidenceMarker(wrap(JSON.stringify({ ...ok, status: "success" })))).toBeUndefined();
    expect(readEvidenceMarker(wrap(JSON.stringify({ ...ok, v: 2 })))).toBeUndefined();
    expect(readEvidenceMarker(wrap(JSON.stringify({ ...ok, subjects: [{ path: "a-b.onnx", sha256: A }] })))).toBeUndefined();
    expect(readEvidenceMarker(wrap("{not json}"))).toBeUndefined();
    expect(readEvidenceMarker(null)).toBeUndefined();
  });

  it("survives truncation to 65,535 characters: thousands of long paths keep the marker whole, the rest counted", () => {
    const subjects = Array.from({ length: 3000 }, (_, i) => ({
      path: `models/${"deep/".repeat(20)}model-${String(i).padStart(4, "0")}.onnx`,
      sha256: (i % 16).toString(16).repeat(64),
    }));
    const r = report({ gate: "onnx", subjects, subject: subjects[0], summary: "s".repeat(5000) });
    const summary = summaryOf(r, "Full report: [workflow run and artifact](https://github.com/o/r/actions/runs/1)");
    expect(summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    const first = summary.split("\n")[0]!;
    expect(first.length).toBeLessThanOrEqual(MARKER_BUDGET);
    const m = readEvidenceMarker(summary)!;
    expect(m.subjects.length).toBeGreaterThan(250);
    expect(m.subjects.length + m.omitted!).toBe(3000);
    expect(m.subjects.at(-1)).toEqual(subjects[m.subjects.length - 1]);
    // Every subject that fits was kept: the next one (about 220 characters escaped) would not have.
    expect(first.length).toBeGreaterThan(MARKER_BUDGET - 220);
    // The human part follows the marker, cut, not dropped.
    expect(summary.split("\n")[1]).toMatch(/^\*\*s+…\*\*$/);
  });
});

describe("evidence marker on a real gate's check run", () => {
  let gh: GitHubDouble;
  beforeEach(async () => {
    gh = await startGitHubDouble();
  });
  afterEach(async () => {
    await gh.close();
  });

  it("mlgate onnx in a job puts the model's SHA-256 in its check run, where the deploy gate finds it", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const model = "examples/models/candidate.onnx";
    const res = await runCli(["onnx", "--model", model, "--json", path.join(r.dir, "onnx.json")], { env: r.env });
    expect(res.code).toBe(0);
    const run = gh.state.checkRuns.find((c) => c.name === "mlgate/onnx")!;
    expect(run.head_sha).toBe(HEAD_SHA);
    expect(run.conclusion).toBe("success");
    const m = readEvidenceMarker(run.output.summary)!;
    const digest = await sha256File(path.join(ROOT, model));
    expect(m).toEqual({ v: 1, gate: "onnx", status: "pass", subjects: [{ path: model, sha256: digest, role: "candidate" }] });
    const written = JSON.parse(readFileSync(path.join(r.dir, "onnx.json"), "utf8")) as Report;
    expect(written.subject?.sha256).toBe(digest);
    expect(gh.apiRequests().every((q) => q.valid)).toBe(true);
  });
});
