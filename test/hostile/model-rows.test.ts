/**
 * Hostile input, the model gate's rows (issue 17): every row's label and scores stay in memory for
 * exact metrics, so the rows one run keeps are bounded — by the memory budget (64 bytes a row), or
 * by MLGATE_MAX_ROWS — and more is an exit-2 sentence, however the rows are read (a streamed CSV,
 * a gzip, a shard's table). The 1 GB gzip bomb itself is measured, not tested: docs/hostile-input.md.
 */
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildMlp } from "../../src/core/onnx/build.js";
import { DEFAULT_ROW_BUDGET, rowBudget, rowBytes, rowLimit } from "../../src/gates/model/row-limit.js";
import { writeModel } from "../model/fixtures.js";
import { runMlgate, runModel, write } from "../model/harness.js";

let dir: string;
const rows = (n: number): string =>
  `a,b,label\n${Array.from({ length: n }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`).join("\n")}\n`;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-rows-"));
  writeModel(path.join(dir, "m.onnx"), buildMlp({ inputs: 2, hidden: [], outputs: 1, seed: 3, head: "sigmoid" }));
  write(dir, "1000.csv", rows(1000));
  write(dir, "1001.csv", rows(1001));
  write(dir, "1001.csv.gz", gzipSync(rows(1001)));
  write(dir, "2002.csv", rows(2002));
  // Read as a table, not streamed: JSON Lines, and a CSV whose first label sends the stream back to the table.
  write(
    dir,
    "1001.jsonl.gz",
    gzipSync(Array.from({ length: 1001 }, (_, i) => JSON.stringify({ a: (i % 7) / 7, b: (i % 5) / 5, label: i % 2 })).join("\n")),
  );
  write(dir, "1001-first-label-x.csv", rows(1001).replace(/\n([^\n]*),0\n/, "\n$1,x\n"));
});

const model = (data: string, ...more: string[]): string[] => [
  "model",
  "--candidate",
  "m.onnx",
  "--data",
  data,
  "--label",
  "label",
  "--task",
  "binary",
  ...more,
];

describe("the rows the model gate keeps", () => {
  it("cost what was measured: 8 bytes a model and 34 a score", () => {
    expect(rowBytes(1, 1)).toBe(42);
    expect(rowBytes(2, 1)).toBe(84);
    expect(rowBytes(2, 3)).toBe(220);
  });

  it("are bounded by the memory budget: 256 MiB holds 3,195,660 binary rows of two models", () => {
    const limit = rowLimit(256 * 2 ** 20, {});
    expect(limit.rows(84)).toBe(3_195_660);
    expect(limit.rows(42)).toBe(6_391_320);
    expect(limit.refuse("--data big.csv.gz: has more than", 84).message).toBe(
      "--data big.csv.gz: has more than 3,195,660 rows, the most the model gate holds within its memory budget of 0.3 GiB (84 bytes a row: every row's label and scores are kept for exact metrics); evaluate a sample of the rows, or raise --memory-limit, MLGATE_MEMORY_LIMIT or MLGATE_MAX_ROWS on a machine with more memory",
    );
  });

  it("by default within at most 1 GiB; a budget given is taken as is", () => {
    expect(DEFAULT_ROW_BUDGET).toBe(2 ** 30);
    expect(rowBudget(undefined, {})).toBeLessThanOrEqual(2 ** 30);
    expect(rowBudget(undefined, { MLGATE_MEMORY_LIMIT: "3gb" })).toBe(3 * 2 ** 30);
    expect(rowBudget({ value: "4gb", name: "--memory-limit" }, { MLGATE_MEMORY_LIMIT: "3gb" })).toBe(4 * 2 ** 30);
    // 12.7M binary rows with a baseline fit the default: a legitimate 10M-row evaluation is not refused.
    expect(rowLimit(DEFAULT_ROW_BUDGET, {}).rows(rowBytes(2, 1))).toBe(12_782_640);
  });

  it("MLGATE_MAX_ROWS sets the limit either way", () => {
    expect(rowLimit(256 * 2 ** 20, { MLGATE_MAX_ROWS: "10" }).rows(84)).toBe(10);
    expect(rowLimit(256 * 2 ** 20, { MLGATE_MAX_ROWS: "9000000" }).rows(84)).toBe(9_000_000);
  });

  it.each([["1001.csv"], ["1001.csv.gz"], ["1001.jsonl.gz"], ["1001-first-label-x.csv"]])(
    "%s over MLGATE_MAX_ROWS=1000: exit 2, one sentence, an error report",
    async (file) => {
      const r = await runModel(model(file), dir, { MLGATE_MAX_ROWS: "1000" });
      expect(r.stderr).toBe(
        `mlgate model: --data ${file}: has more than 1,000 rows, the most MLGATE_MAX_ROWS allows; evaluate a sample of the rows, or raise MLGATE_MAX_ROWS\n`,
      );
      expect(r.code).toBe(2);
      expect(r.report?.status).toBe("error");
    },
  );

  it("exactly MLGATE_MAX_ROWS rows are scored", async () => {
    const r = await runModel(model("1000.csv"), dir, { MLGATE_MAX_ROWS: "1000" });
    expect(r.stderr).toBe("");
    expect(r.report?.summary).toContain("on 1,000 rows");
  });

  it("a shard counts its own rows: 1,001 of 2,002 are refused, the other shard's 1,001 too, at 1,000", async () => {
    const r = await runModel(model("2002.csv", "--shard", "1/2", "--stats", "s.json"), dir, { MLGATE_MAX_ROWS: "1000" });
    expect(r.stderr).toContain("--data 2002.csv: has more than 1,000 rows, the most MLGATE_MAX_ROWS allows");
    expect(r.code).toBe(2);
    const ok = await runModel(model("2002.csv", "--shard", "1/2", "--stats", "s.json"), dir, { MLGATE_MAX_ROWS: "1001" });
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
  });

  it.each([["lots"], ["1e6"], ["-5"], ["0"]])("MLGATE_MAX_ROWS=%s: exit 2, one sentence", async (v) => {
    const r = await runModel(model("1000.csv"), dir, { MLGATE_MAX_ROWS: v });
    expect(r.stderr).toBe(`mlgate model: MLGATE_MAX_ROWS "${v}" is not a whole number of rows, such as 10000000\n`);
    expect(r.code).toBe(2);
  });

  it("mlgate model merge keeps to the same limit: the shard that brings the rows past it is named", async () => {
    for (const i of [1, 2]) {
      const r = await runModel(model("2002.csv", "--shard", `${i}/2`, "--stats", `s${i}.json`), dir, { MLGATE_MAX_ROWS: "1001" });
      expect([r.code, r.stderr]).toEqual([0, ""]);
    }
    const over = await runModel(["model", "merge", "s1.json", "s2.json"], dir, { MLGATE_MAX_ROWS: "1500" }, "merge.json");
    expect(over.stderr).toBe(
      "mlgate model merge: s2.json: brings the rows to merge to more than 1,500 rows, the most MLGATE_MAX_ROWS allows; evaluate a sample of the rows, or raise MLGATE_MAX_ROWS\n",
    );
    expect(over.code).toBe(2);
    expect(over.report?.status).toBe("error");
    const ok = await runModel(["model", "merge", "s1.json", "s2.json"], dir, { MLGATE_MAX_ROWS: "2002" }, "merge.json");
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    expect(ok.report?.summary).toContain("on 2,002 rows");
  });

  it("mlgate model merge refuses a shard file too big for the budget's rows unread", async () => {
    // A sparse 300 MB file: were it read, it would be refused as "not a shard statistics file".
    writeFileSync(`${dir}/big.json`, "");
    truncateSync(`${dir}/big.json`, 300 * 2 ** 20);
    const r = await runMlgate(["model", "merge", "s1.json", "big.json", "--memory-limit", "256mb"], dir);
    expect(r.stderr).toBe(
      "mlgate model merge: big.json: is 300 MB, more shard statistics than those of 6,391,320 rows, the most the model gate holds within its memory budget of 0.3 GiB (42 bytes a row: every row's label and scores are kept for exact metrics); evaluate a sample of the rows, or raise --memory-limit, MLGATE_MEMORY_LIMIT or MLGATE_MAX_ROWS on a machine with more memory\n",
    );
    expect(r.code).toBe(2);
  });
});
