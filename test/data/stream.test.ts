/**
 * A CSV above the sampling threshold is scanned, not loaded (src/gates/data/source.ts): its sample
 * is a set of blocks, its rows have no ids and examples come from a streamed scan. The same data
 * gzipped goes through the table path; both must give the same checks, counts, examples and lines.
 */
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { SAMPLE_WHOLE_BYTES } from "../../src/gates/data/source.js";
import { check, lines, runData, workspace } from "./harness.js";

const ROWS = 200_000;

interface Planted {
  csv: string;
  /** Check id -> the file lines of its first five violations. */
  expected: Record<string, string[]>;
  /** Check id -> how many rows violate it. */
  count: Record<string, number>;
}

/** Deterministic rows; every 997th note spans two lines, so rows and lines part ways. */
function generate(seed: number, plant: boolean): Planted {
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out = ["id,x,k,cat,note"];
  const expected: Record<string, string[]> = { "rule.x.max": [], "rule.cat.allowed": [], "rule.k.required": [] };
  const count: Record<string, number> = { "rule.x.max": 0, "rule.cat.allowed": 0, "rule.k.required": 0 };
  const plantIn = (id: string, at: string): void => {
    count[id] = count[id]! + 1;
    if (expected[id]!.length < 5) expected[id]!.push(at);
  };
  let line = 2;
  for (let i = 0; i < ROWS; i++) {
    let x = (rand() + rand() + rand() - 1.5) * 10;
    let k = String(Math.floor(rand() * 10));
    let cat = ["a", "b", "c"][Math.floor(rand() * 3)]!;
    const multi = i % 997 === 5;
    const note = multi ? `"first, part\nsecond ""quoted"" part"` : `note ${i}`;
    if (plant && i % 20011 === 7) {
      x = 1000 + i;
      plantIn("rule.x.max", `${line}:${x}.0`); // DuckDB writes a whole DOUBLE with ".0"
    }
    if (plant && i % 30011 === 11) {
      cat = "zzz";
      plantIn("rule.cat.allowed", `${line}:zzz`);
    }
    if (plant && i % 40009 === 13) {
      k = "";
      plantIn("rule.k.required", `${line}:null`);
    }
    out.push(`${i + 1},${Number.isInteger(x) ? x : x.toFixed(4)},${k},${cat},${note}`);
    line += multi ? 2 : 1;
  }
  return { csv: `${out.join("\n")}\n`, expected, count };
}

const CONTRACT = `version: 1
columns:
  id: { type: integer, required: true, unique: true, identifier: true }
  x: { type: number, required: true, max: 100 }
  k: { type: integer, required: true }
  cat: { type: category, required: true, allowed: [a, b, c] }
  note: { type: string }
dataset:
  primary_key: [id]
`;

let dir: string;
let planted: Planted;
let streamed: Report;
let tabled: Report;

beforeAll(async () => {
  planted = generate(7, true);
  const reference = generate(11, false).csv;
  dir = workspace([], { "cur.csv": planted.csv, "ref.csv": reference, "contract.yml": CONTRACT });
  writeFileSync(path.join(dir, "cur.csv.gz"), gzipSync(planted.csv));
  writeFileSync(path.join(dir, "ref.csv.gz"), gzipSync(reference));
  expect(Buffer.byteLength(planted.csv)).toBeGreaterThan(SAMPLE_WHOLE_BYTES);
  const a = await runData(["data", "--data", "cur.csv", "--schema", "contract.yml", "--reference", "ref.csv"], dir);
  const b = await runData(["data", "--data", "cur.csv.gz", "--schema", "contract.yml", "--reference", "ref.csv.gz"], dir);
  expect([a.code, b.code, a.stderr, b.stderr]).toEqual([1, 1, "", ""]);
  streamed = a.report!;
  tabled = b.report!;
}, 120_000);

describe("a CSV larger than the sample, scanned in one pass", () => {
  it("finds each planted violation with its file line, multi-line records counted", () => {
    expect(planted.count).toEqual({ "rule.x.max": 10, "rule.cat.allowed": 7, "rule.k.required": 5 });
    for (const [id, want] of Object.entries(planted.expected)) {
      expect(lines(check(streamed, id))).toEqual(want);
      expect(check(streamed, id).failedRows).toBe(planted.count[id]);
    }
    // The first x violation is row 7: line 9 after the header, one more for row 5's two-line note.
    expect(planted.expected["rule.x.max"]![0]).toBe("10:1007.0");
    expect(check(streamed, "dataset.primary_key").status).toBe("pass");
    expect(streamed.metrics?.rows).toBe(ROWS);
  });

  it("gives the table path's checks, counts and examples", () => {
    const strip = (r: Report) =>
      r.checks
        .filter((c) => !c.id.startsWith("drift."))
        .map((c) => ({ ...c, file: undefined, title: c.title.replace(".gz", ""), message: c.message?.replace(".gz", "") }));
    expect(strip(streamed)).toEqual(strip(tabled));
    // Drift: the same verdicts; scores differ only through the sampled bin edges.
    const verdicts = (r: Report) => r.checks.filter((c) => c.id.startsWith("drift.")).map((c) => [c.id, c.status]);
    expect(verdicts(streamed)).toEqual(verdicts(tabled));
    expect(verdicts(streamed)).toEqual([
      ["drift.psi.x", "pass"],
      ["drift.psi.k", "pass"],
      ["drift.js.cat", "pass"],
    ]);
  });

  it("profiles every row: exact value counts for the small domains", () => {
    const cols = streamed.metrics?.columns as Record<string, { distinct?: number; top?: { value: string; count: number }[] }>;
    expect(cols.k?.distinct).toBe(10);
    expect(cols.cat?.distinct).toBe(4);
    expect(cols.cat?.top?.reduce((a, t) => a + t.count, 0)).toBe(ROWS);
    expect(cols.cat?.top?.find((t) => t.value === "zzz")?.count).toBe(planted.count["rule.cat.allowed"]);
  });
});
