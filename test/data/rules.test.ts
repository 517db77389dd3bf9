import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { check, FIXTURES, lines, runData, workspace } from "./harness.js";

/** Every rule of rules.yml and the rows of rules.csv that break it (file lines; header = line 1). */
const EXPECTED: Record<string, string[]> = {
  "dataset.malformed_rows": ["14:9,Ivy,30"],
  "schema.age.type": ["13:8,Hal,abc,0.3,paris,AB19,ok,2020-08-01"],
  "rule.id.unique": ["10:5", "12:7"],
  "rule.name.min_length": ["11:X", "12:X"],
  "rule.age.min": ["3:17"],
  "rule.age.max": ["6:130"],
  "rule.score.required": ["5:null"],
  "rule.score.max": ["10:1.5"],
  "rule.city.allowed": ["6:tokyo"],
  "rule.code.regex": ["5:ab14"],
  "rule.note.max_length": ["7:two\nmore\nlines", "10:much too long"],
  "rule.joined.min": ["11:2019-05-05", "12:2019-05-05"],
  "dataset.duplicate_rows": ["12:7, X, 70, 0.1, rome, AB18, fine, 2019-05-05"],
  "dataset.primary_key": ["10:5", "12:7"],
};

const rulesCsv = readFileSync(path.join(FIXTURES, "rules.csv"), "utf8");
const crlfBom = `\uFEFF${rulesCsv.replace(/\n/g, "\r\n")}`;

describe("contract rules catch exactly the injected rows, by file line", () => {
  const variants: [string, string | Buffer][] = [
    ["rules.csv", rulesCsv],
    ["rules-crlf-bom.csv", crlfBom],
    ["rules.csv.gz", gzipSync(Buffer.from(crlfBom))],
  ];
  for (const [name, content] of variants) {
    it(`${name}: each failed check, its failedRows and example lines`, async () => {
      const dir = workspace(["rules.yml"], { [name]: content });
      const r = await runData(["data", "--data", name, "--schema", "rules.yml"], dir);
      expect(r.code).toBe(1);
      const failed = Object.fromEntries(r.report!.checks.filter((c) => c.status === "fail").map((c) => [c.id, lines(c)]));
      const expected = Object.fromEntries(
        Object.entries(EXPECTED).map(([id, l]) => [id, name === "rules.csv" ? l : l.map((x) => x.replace(/\n/g, "\r\n"))]),
      );
      expect(failed).toEqual(expected);
      for (const id of Object.keys(EXPECTED)) {
        const c = check(r.report, id);
        expect(c.failedRows).toBe(EXPECTED[id]?.length);
        expect(c.file).toBe(name);
      }
      expect(check(r.report, "rule.name.required").status).toBe("pass");
      expect(check(r.report, "dataset.row_count").status).toBe("pass");
    });
  }

  it("row counts reconcile: rows read + records rejected = data records", async () => {
    const dir = workspace(["rules.csv", "rules.yml"]);
    const r = await runData(["data", "--data", "rules.csv", "--schema", "rules.yml"], dir);
    // 11 data records (lines 2-15, two of them multi-line): 9 loaded, 2 rejected (ragged, bad integer).
    expect(r.report?.metrics?.rows).toBe(9);
    expect(r.report?.metrics?.rejected).toBe(2);
    expect(check(r.report, "dataset.malformed_rows").details).toEqual({ rowsRead: 9, recordsRejected: 2 });
  });

  it("a clean file passes every rule", async () => {
    const dir = workspace(["clean.csv", "rules.yml"]);
    const r = await runData(["data", "--data", "clean.csv", "--schema", "rules.yml"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.report?.status).toBe("pass");
    expect(r.report?.checks.every((c) => c.status === "pass")).toBe(true);
    expect(r.report?.checks.length).toBeGreaterThan(20);
    expect(r.report?.subject?.path).toBe("clean.csv");
    expect(Object.keys(r.report?.provenance.inputs ?? {}).sort()).toEqual(["clean.csv", "rules.yml"]);
  });

  it("waived checks warn instead of failing", async () => {
    const config = "version: 1\ngates:\n  data:\n    waive: ['rule.*', 'schema.*', 'dataset.*']\n";
    const dir = workspace(["rules.csv", "rules.yml"], { "mlgate.yml": config });
    const r = await runData(["data", "--data", "rules.csv", "--schema", "rules.yml"], dir);
    // The CLI records the config it found (src/cli/run-gate.ts recordConfig), as for every gate.
    expect(r.report?.provenance.inputs["mlgate.yml"]).toBe(createHash("sha256").update(config).digest("hex"));
    expect(r.code).toBe(0);
    expect(r.report?.status).toBe("warn");
    expect(check(r.report, "rule.age.min").message).toMatch(/^waived in config/);
  });

  it("JSON Lines: malformed lines and JSON Schema violations are located by line", async () => {
    const dir = workspace(["records.jsonl", "records.schema.yml"]);
    const r = await runData(["data", "--data", "records.jsonl", "--schema", "records.schema.yml"], dir);
    expect(r.code).toBe(1);
    expect(lines(check(r.report, "dataset.malformed_rows"))).toEqual(["3:not json", "6:[1,2]"]);
    expect(lines(check(r.report, "schema.json_schema"))).toEqual(["2:age must be integer", "5:age must be >= 0"]);
    expect(check(r.report, "schema.json_schema").failedRows).toBe(2);
    expect(r.report?.metrics?.rows).toBe(4);
  });
});
