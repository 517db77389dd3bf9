import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDuckDB } from "../../src/core/duckdb.js";
import { openTable } from "../../src/core/table.js";
import { csvSource } from "../../src/core/table/stream.js";
import { binaryWorkspace, FEATURES, runMlgate, runModel } from "./harness.js";

let db: Awaited<ReturnType<typeof openDuckDB>>;
let conn: DuckDBConnection;
let dir: string;
beforeAll(async () => {
  db = await openDuckDB({ threads: 2, reads: "unrestricted" });
  conn = db.connection;
  dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-model-stream-"));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function textRows(sql: string): Promise<string[]> {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjectsJS().map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
}

const files: [string, string | Buffer][] = [
  ["dates.csv", "id,day,at,score\n1,2024-01-05,2024-01-05 10:00:00,0.5\n2,2024-02-29,2024-02-29 23:59:59,1\n3,,,\n"],
  ["quotes.csv", 'id,name,amount\n1,"multi\nline",3.5\n2,"x, ""y""",4\n3,plain,5\n'],
  ["semi.csv", "a;b;c\n1;2,5;x\n3;4,5;y\n"],
  ["tabs.tsv", "a\tb\n1\thello\n2\tworld\n"],
  ["bom-crlf.csv", "\uFEFFa,b\r\n1,2\r\n3,4\r\n"],
  ["packed.csv.gz", gzipSync("a,b\n1,0.25\n2,0.75\n")],
];

describe("csvSource: the streamed read_csv behind the model gate's fast path", () => {
  it.each(files)("streams %s with openTable's columns and rows, in rowid order", async (name, content) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    const t = await openTable(conn, file, { name: "t", display: name });
    const src = await csvSource(conn, file, { name: "s", display: name });
    expect(src).toBeDefined();
    expect(src?.columns).toEqual(t.columns);
    const streamed = await textRows(`SELECT * FROM ${src?.from ?? ""}`);
    expect(streamed).toEqual(await textRows(`SELECT * FROM ${t.table} ORDER BY rowid`));
    expect(streamed.length).toBe(t.rowCount);
    expect(await src?.rejectCount()).toBe(0);
    await src?.dispose();
  });

  it("counts the records it skipped, so the caller can fall back to openTable for their lines", async () => {
    const file = path.join(dir, "ragged.csv");
    writeFileSync(file, "a,b\n1,2\n3,4,5\n6,7\n");
    const src = await csvSource(conn, file, { name: "r" });
    expect(await textRows(`SELECT * FROM ${src?.from ?? ""}`)).toEqual(['{"a":"1","b":"2"}', '{"a":"6","b":"7"}']);
    expect(await src?.rejectCount()).toBe(1);
    await src?.dispose();
  });

  it("declines what it cannot stream: JSON Lines, a missing file, an empty file", async () => {
    writeFileSync(path.join(dir, "rows.jsonl"), '{"a":1}\n');
    writeFileSync(path.join(dir, "empty.csv"), "");
    for (const name of ["rows.jsonl", "missing.csv", "empty.csv"])
      expect(await csvSource(conn, path.join(dir, name), { name: "n" })).toBeUndefined();
  });
});

describe("mlgate model: streamed and table paths agree", () => {
  it("gives the same metrics, slices, fairness and comparisons from a CSV (streamed) as from the same rows in Parquet (table)", async () => {
    const ws = binaryWorkspace();
    try {
      await conn.run(
        `COPY (SELECT * FROM read_csv('${path.join(ws, "eval.csv").replace(/'/g, "''")}')) TO '${path.join(ws, "eval.parquet").replace(/'/g, "''")}' (FORMAT parquet)`,
      );
      writeFileSync(
        path.join(ws, "slices.yml"),
        ["gates:", "  model:", "    slices:", "      - { name: high_x0, where: 'x0 >= 1' }", "    sensitive: [region]"].join(
          "\n",
        ),
      );
      const args = ["model", "--baseline", "baseline.onnx", "--candidate", "slice-worse.onnx", "--label", "y"];
      args.push("--task", "binary", "--features", FEATURES, "--slice", "region", "--slice", "x0", "--config", "slices.yml");
      const streamed = await runModel([...args, "--data", "eval.csv"], ws);
      const table = await runModel([...args, "--data", "eval.parquet"], ws);
      expect(streamed.code).toBe(1);
      expect(table.code).toBe(1);
      const m = streamed.report?.metrics as Record<string, unknown>;
      const mt = table.report?.metrics as Record<string, unknown>;
      expect(m.rows).toBe(5000);
      for (const key of ["candidate", "baseline", "comparisons", "agreement", "slices", "fairness"])
        expect(m[key]).toEqual(mt[key]);
      // region (4 levels) + x0 (5 quintile bins) + high_x0.
      expect((m.slices as unknown[]).length).toBe(10);
      expect(streamed.report?.checks.map((c) => [c.id, c.status])).toEqual(table.report?.checks.map((c) => [c.id, c.status]));
      // Which path ran shows in the progress lines: the table path announces its read.
      const loud = await runMlgate([...args, "--data", "eval.csv", "--json", "loud.json"], ws);
      expect(loud.stderr).toContain("mlgate model: scoring eval.csv");
      expect(loud.stderr).not.toContain("mlgate model: reading");
      const loudTable = await runMlgate([...args, "--data", "eval.parquet", "--json", "loud.json"], ws);
      expect(loudTable.stderr).toContain("mlgate model: reading eval.parquet");
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
