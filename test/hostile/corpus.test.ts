/**
 * The hostile corpus (issue 17, "Done when"): every case of corpus-cases.ts runs the built CLI in a
 * sandbox of its own and must
 *   - exit with its code (0, 1 or 2; a serve case: stop with 0 on SIGTERM after its requests),
 *   - print exactly its sentence (exit 2: all of stderr, one line, no stack trace, no "This is a bug"),
 *   - finish within its time and peak under 1.5 GB of resident memory (measured in the child),
 *   - create or change no file outside the workspace's reports/ folder (and a registry target's),
 *   - leak neither the outside folder's secret nor the fake tokens into stdout, stderr or any report.
 *
 * MLGATE_CORPUS_TABLE=docs/hostile-input.md writes the per-case table (exit, message, peak) into its
 * corpus section; MLGATE_CORPUS_RECORD=FILE appends each case's outcome as JSON instead of checking it
 * (to write the expectations of a new case, then read and judge them).
 */
import { appendFileSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { CASES } from "./corpus-cases.js";
import { expectedText, runCase, SENTINEL, shownMessage, type CaseResult, type CorpusCase } from "./corpus-run.js";
import { corpusTable, spliceCorpusSection } from "./corpus-table.js";

const PEAK_LIMIT_MIB = 1536;
const results = new Map<string, CaseResult>();

afterAll(async () => {
  const out = process.env.MLGATE_CORPUS_TABLE;
  if (!out) return;
  const file = path.resolve(ROOT, out);
  const doc = existsSync(file) ? readFileSync(file, "utf8") : "";
  // Formatted as the repository's prettier check wants it, so the file lands as written.
  const { format, resolveConfig } = await import("prettier");
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(spliceCorpusSection(doc, corpusTable(CASES, results)), options));
});

function check(c: CorpusCase, r: CaseResult): void {
  expect(r.timedOut, `${c.id} ran past ${c.timeoutMs ?? 30_000} ms`).toBe(false);
  const expected = expectedText(c, r.sandbox);
  if (c.http) {
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
    expect(r.answers.length).toBe(c.http.length);
    c.http.forEach((step, i) => {
      const a = r.answers[i];
      expect({ status: a?.status }).toEqual({ status: step.status });
      if (step.error instanceof RegExp) expect(a?.error).toMatch(step.error);
      else expect(a?.error).toBe(step.error);
    });
  } else {
    expect(r.code).toBe(c.exit);
    const text = c.exit === 2 ? r.stderr : r.stdout;
    if (expected instanceof RegExp) expect(text).toMatch(expected);
    else expect(text).toBe(expected);
    if (c.exit === 2) {
      // One sentence on one line: no stack, no second line, no bug report.
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/This is a bug|\n\s+at |RangeError|TypeError/);
    }
  }
  if (c.rows) expect(r.counts).toEqual(c.rows);
  for (const text of c.markdownForbids ?? []) {
    const md = Object.entries(r.reports).filter(([name]) => name.endsWith(".md"));
    expect(md.length, `${c.id}: no Markdown report`).toBeGreaterThan(0);
    for (const [name, body] of md) expect(body.includes(text), `${name} holds ${text}`).toBe(false);
  }
  expect(r.peakMiB, `${c.id}: no peak RSS recorded`).not.toBeNaN();
  expect(r.peakMiB).toBeLessThanOrEqual(PEAK_LIMIT_MIB);
  expect(r.strayFiles).toEqual([]);
  expect(r.leaks).toEqual([]);
}

describe("the hostile corpus", () => {
  it("holds at least 60 cases, each named once", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  // The checks themselves can fail: outside Actions there is no folder rule, so the same link is
  // read and its values reach the report; and a report written outside reports/ is a stray file.
  it("sees a leak and a stray file when there is one (control cases)", async () => {
    const leak = await runCase({
      id: "control/leak",
      what: "",
      setup: (s) => {
        symlinkSync(path.join(s.outside, "secret.csv"), path.join(s.ws, "d.csv"));
      },
      args: ["data", "--data", "d.csv", "--json", "reports/data.json", "--quiet"],
      exit: 0,
      message: "",
    });
    expect(leak.code).toBe(0);
    expect(leak.leaks).toEqual([`${path.join("ws", "reports", "data.json")}: ${SENTINEL}`]);
    const stray = await runCase({
      id: "control/stray",
      what: "",
      files: { "d.csv": "config/ab.csv" },
      args: ["data", "--data", "d.csv", "--json", "../outside/data.json", "--quiet"],
      exit: 0,
      message: "",
    });
    expect(stray.code).toBe(0);
    expect(stray.strayFiles).toEqual([path.join("outside", "data.json")]);
  });

  // Two at a time: the cases are processes of their own (DuckDB, onnxruntime), the machine is shared.
  describe.concurrent.each(CASES.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    it(
      "exits with its code and sentence, bounded, writing and leaking nothing",
      { timeout: (c.timeoutMs ?? 30_000) + 30_000 },
      async () => {
        const r = await runCase(c);
        results.set(c.id, r);
        if (process.env.MLGATE_CORPUS_RECORD) {
          appendFileSync(
            process.env.MLGATE_CORPUS_RECORD,
            `${JSON.stringify({ id: c.id, code: r.code, message: shownMessage(c, r), peak: Math.round(r.peakMiB), ms: r.ms, stray: r.strayFiles, leaks: r.leaks, answers: r.answers, counts: r.counts, stderr: r.stderr.slice(0, 300) })}\n`,
          );
          return;
        }
        check(c, r);
      },
    );
  });
});
