import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDuckDB } from "../../src/core/duckdb.js";
import { KEPT_REJECTS, openTable, queryRows } from "../../src/core/table.js";
import { check, lines, runData, workspace } from "./harness.js";

let db: Awaited<ReturnType<typeof openDuckDB>>;
let conn: DuckDBConnection;
beforeAll(async () => {
  db = await openDuckDB({ threads: 2, reads: "unrestricted" });
  conn = db.connection;
});
afterAll(() => {
  db.close();
});

describe("openTable: CSV", () => {
  // line: 1 header, 2-3 a multi-line field, 4 ok, 5 ragged, 6 blank, 7 ok, 8 bad quote, 9-10 ok.
  const text = 'id,name,amount\n1,"multi\nline",3.5\n2,bob,4\n3,carl,5,extra\n\n5,eve,7\n6,"bad"q,1\n7,"x, y",2\n8,z,3\n';

  it("loads the good records, rejects the malformed ones with their lines, and maps rows to lines", async () => {
    const dir = workspace([], { "a.csv": text });
    const t = await openTable(conn, path.join(dir, "a.csv"), { name: "a", display: "a.csv" });
    expect(t.format).toBe("csv");
    expect(t.columns).toEqual([
      { name: "id", type: "BIGINT" },
      { name: "name", type: "VARCHAR" },
      { name: "amount", type: "DOUBLE" },
    ]);
    expect(t.rowCount).toBe(5);
    expect(t.rejects.map((r) => [r.line, r.kind, r.raw])).toEqual([
      [5, "malformed", "3,carl,5,extra"],
      [8, "malformed", '6,"bad"q,1'],
    ]);
    // 7 data records = 5 rows + 2 rejected (the blank line is not a record of data).
    expect(t.rowCount + t.rejects.length).toBe(7);
    expect(await t.lineOf([0, 1, 2, 3, 4])).toEqual(
      new Map([
        [0, 2],
        [1, 4],
        [2, 7],
        [3, 9],
        [4, 10],
      ]),
    );
  });

  it("reads TSV, gzip, CRLF and a byte-order mark the same way", async () => {
    const tsv = text.replace(/,/g, "\t").replace('"x\t y"', '"x, y"');
    const crlf = `\uFEFF${text.replace(/\n/g, "\r\n")}`;
    const dir = workspace([], { "a.tsv": tsv, "a.csv.gz": gzipSync(Buffer.from(crlf)) });
    for (const f of ["a.tsv", "a.csv.gz"]) {
      const t = await openTable(conn, path.join(dir, f), { name: "t", display: f });
      expect(t.columns.map((c) => c.name)).toEqual(["id", "name", "amount"]);
      expect(t.rowCount).toBe(5);
      expect(t.rejects.map((r) => r.line)).toEqual([5, 8]);
      expect([...(await t.lineOf([0, 4]))!.values()]).toEqual([2, 10]);
    }
  });

  it("an unterminated quote swallows the rest of the file as one rejected record, never silently", async () => {
    const rows = ["id,name"];
    for (let i = 1; i <= 50; i++) rows.push(i === 40 ? `${i},"open` : `${i},n${i}`);
    const dir = workspace([], { "u.csv": `${rows.join("\n")}\n` });
    const t = await openTable(conn, path.join(dir, "u.csv"), { name: "u" });
    expect(t.rowCount).toBe(39);
    expect(t.rejects).toHaveLength(1);
    expect(t.rejects[0]?.line).toBe(41);
    expect(t.rejects[0]?.message).toMatch(/unterminated quote/);
  });

  it("contract types override the sniffed ones; values that do not fit are type rejects with lines", async () => {
    const dir = workspace([], { "t.csv": "id,code\n1,007\n2,x\n3,042\n" });
    const t = await openTable(conn, path.join(dir, "t.csv"), { name: "t", types: { code: "BIGINT" } });
    expect(t.columns[1]).toEqual({ name: "code", type: "BIGINT" });
    expect(t.rejects.map((r) => [r.line, r.kind, r.column])).toEqual([[3, "type", "code"]]);
    const s = await openTable(conn, path.join(dir, "t.csv"), { name: "s", types: { code: "VARCHAR" } });
    expect(s.rowCount).toBe(3);
  });
});

describe("row -> line mapping on a multi-chunk file", () => {
  it("matches the lines the records were written at (quoted newlines, CRLF, blank lines, chunk edges)", async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const parts = ["id,text,n\r\n"];
    const starts: number[] = [];
    let line = 2;
    for (let i = 0; i < 60_000; i++) {
      if (rand() < 0.01) {
        parts.push("\r\n");
        line += 1;
      }
      starts.push(line);
      const breaks = rand() < 0.05 ? 1 + Math.floor(rand() * 3) : 0;
      const text = rand() < 0.3 ? `"q${i}${"\r\nmore".repeat(breaks)} ""x"", y"` : `t${i}`;
      parts.push(`${i},${text},${i % 7}\r\n`);
      line += 1 + (text.startsWith('"') ? breaks : 0);
    }
    const dir = workspace([], { "big.csv": parts.join("") });
    const t = await openTable(conn, path.join(dir, "big.csv"), { name: "big" });
    expect(t.rowCount).toBe(60_000);
    expect(t.rejects).toEqual([]);
    const want = [0, 1, 17, 4999, 30_000, 45_678, 59_999];
    const got = await t.lineOf(want);
    expect(want.map((i) => got?.get(i))).toEqual(want.map((i) => starts[i]));
  });
});

describe("openTable: Parquet and JSON Lines", () => {
  it("reads a Parquet file, a glob and a hive-partitioned folder", async () => {
    const dir = workspace();
    const src = `SELECT range AS id, range % 3 AS grp, 'c' || (range % 2) AS city FROM range(10)`;
    await conn.run(`COPY (${src}) TO '${path.join(dir, "p.parquet")}'`);
    mkdirSync(path.join(dir, "hive"));
    await conn.run(`COPY (${src}) TO '${path.join(dir, "hive")}' (FORMAT parquet, PARTITION_BY (city), OVERWRITE_OR_IGNORE)`);
    const file = await openTable(conn, path.join(dir, "p.parquet"), { name: "p" });
    expect([file.format, file.rowCount, file.columns.map((c) => c.name)]).toEqual(["parquet", 10, ["id", "grp", "city"]]);
    expect(await file.lineOf([0])).toBeUndefined();
    const folder = await openTable(conn, path.join(dir, "hive"), { name: "h" });
    expect(folder.rowCount).toBe(10);
    expect(folder.columns.map((c) => c.name).sort()).toEqual(["city", "grp", "id"]);
    const glob = await openTable(conn, path.join(dir, "hive", "*", "*.parquet"), { name: "g" });
    expect(glob.rowCount).toBe(10);
  });

  it("reads JSON Lines, skipping blank lines and rejecting lines that are not JSON objects", async () => {
    const dir = workspace([], { "r.jsonl": '{"a":1}\n\n{"a":2}\nnope\n[3]\n{"a":4}\n' });
    const t = await openTable(conn, path.join(dir, "r.jsonl"), { name: "j" });
    expect(t.rowCount).toBe(3);
    expect(t.rejects.map((r) => r.line)).toEqual([4, 5]);
    expect(await t.lineOf([0, 1, 2])).toEqual(
      new Map([
        [0, 1],
        [1, 3],
        [2, 6],
      ]),
    );
  });
});

describe("rejected records: every one counted, the first KEPT_REJECTS of each kind kept", () => {
  // Line 1 header; records i = 0..3299 on line i + 2 cycle good / text in n / ragged (1,100 each);
  // 100 more text-in-n records on lines 3302-3401; one good record on line 3402.
  const csv = (): string => {
    const out = ["id,n"];
    for (let i = 0; i < 3300; i++) out.push(i % 3 === 0 ? `${i},${i}` : i % 3 === 1 ? `${i},x${i}` : `${i},${i},extra`);
    for (let j = 0; j < 100; j++) out.push(`${4000 + j},y${j}`);
    out.push("5000,5000");
    return `${out.join("\n")}\n`;
  };

  it("CSV: exact counts by kind and column, 1,000 kept of each with their lines, rows still on their lines", async () => {
    const dir = workspace([], { "k.csv": csv() });
    const t = await openTable(conn, path.join(dir, "k.csv"), {
      name: "k",
      display: "k.csv",
      types: { id: "BIGINT", n: "BIGINT" },
    });
    expect(KEPT_REJECTS).toBe(1000);
    expect(t.rowCount).toBe(1101);
    expect(t.rejected).toEqual({ total: 2300, malformed: 1100, byColumn: new Map([["n", 1200]]) });
    const type = t.rejects.filter((r) => r.kind === "type");
    const malformed = t.rejects.filter((r) => r.kind === "malformed");
    expect([type.length, malformed.length]).toEqual([1000, 1000]);
    // The first 1,000 of each, in file order: text in n on lines 3, 6, …, 3000; ragged on 4, 7, …, 3001.
    expect(type.map((r) => r.line)).toEqual(Array.from({ length: 1000 }, (_, k) => 3 + 3 * k));
    expect(malformed.map((r) => r.line)).toEqual(Array.from({ length: 1000 }, (_, k) => 4 + 3 * k));
    expect([type[999]?.raw, type[999]?.column, malformed[0]?.raw]).toEqual(["2998,x2998", "n", "2,2,extra"]);
    // Rows are located past every rejected record, kept or only counted.
    expect(await t.lineOf([0, 1, 1099, 1100])).toEqual(
      new Map([
        [0, 2],
        [1, 5],
        [1099, 3299],
        [1100, 3402],
      ]),
    );
  });

  it("the data gate reports the counts, not the kept records", async () => {
    const dir = workspace([], {
      "k.csv": csv(),
      "c.yml": "version: 1\ncolumns:\n  id:\n    type: integer\n  n:\n    type: integer\n",
    });
    const r = await runData(["data", "--data", "k.csv", "--schema", "c.yml"], dir);
    expect(r.code).toBe(1);
    const type = check(r.report, "schema.n.type");
    expect([type.status, type.observed, type.failedRows, type.message]).toEqual([
      "fail",
      "1200 rows",
      1200,
      "1200 values of n do not read as integer",
    ]);
    expect(lines(type)).toEqual(["3:1,x1", "6:4,x4", "9:7,x7", "12:10,x10", "15:13,x13"]);
    const malformed = check(r.report, "dataset.malformed_rows");
    expect([malformed.observed, malformed.failedRows, malformed.details]).toEqual([
      "1100 malformed",
      1100,
      { rowsRead: 1101, recordsRejected: 2300 },
    ]);
    expect(r.report?.metrics?.rejected).toBe(2300);
  });

  it("JSON Lines: every rejected line counted, 1,000 kept, rows on their lines across the gaps", async () => {
    // Lines 1..3000 alternate a record and a line that is not JSON; then 100 records on 3001..3100.
    const text = [
      ...Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? `{"a":${i}}` : "{bad")),
      ...Array.from({ length: 100 }, (_, i) => `{"a":${10000 + i}}`),
    ];
    const dir = workspace([], { "k.jsonl.gz": gzipSync(`${text.join("\n")}\n`) });
    const t = await openTable(conn, path.join(dir, "k.jsonl.gz"), { name: "kj" });
    expect(t.rowCount).toBe(1600);
    expect(t.rejected).toEqual({ total: 1500, malformed: 1500, byColumn: new Map() });
    expect(t.rejects.map((r) => r.line)).toEqual(Array.from({ length: 1000 }, (_, k) => 2 + 2 * k));
    expect(await t.lineOf([0, 1, 1499, 1500, 1599])).toEqual(
      new Map([
        [0, 1],
        [1, 3],
        [1499, 2999],
        [1500, 3001],
        [1599, 3100],
      ]),
    );
    expect((await queryRows(conn, `SELECT sum(a) AS s FROM ${t.table}`))[0]?.s).toBe(
      Array.from({ length: 1500 }, (_, i) => 2 * i).reduce((x, y) => x + y, 0) + (10000 * 100 + 4950),
    );
  });
});

describe("openTable: bad input", () => {
  it("names the file and the problem in one sentence", async () => {
    const dir = workspace([], { "empty.csv": "", "header.csv": "a,b\n", "x.xlsx": "PK" });
    const fail = (f: string) => openTable(conn, path.join(dir, f), { name: "t", display: f });
    await expect(fail("empty.csv")).rejects.toThrow(/^empty\.csv: file is empty$/);
    await expect(fail("header.csv")).rejects.toThrow(/^header\.csv: has a header but no data rows$/);
    await expect(fail("x.xlsx")).rejects.toThrow(
      /^x\.xlsx: unsupported file extension \.xlsx; use \.csv, \.tsv, \.parquet, \.jsonl or \.ndjson \(optionally \.gz\)$/,
    );
    await expect(fail("nope.csv")).rejects.toThrow(/^nope\.csv: file not found$/);
    writeFileSync(path.join(dir, "blank.jsonl"), "\n\n");
    await expect(fail("blank.jsonl")).rejects.toThrow(/^blank\.jsonl: file is empty$/);
  });
});

describe("openTable: maxRows", () => {
  it("loads the first maxRows + 1 rows in file order, whatever the format, so a caller knows there are more", async () => {
    const lines = Array.from({ length: 100 }, (_, i) => i);
    const dir = workspace([], {
      "n.csv": `i,v\n${lines.map((i) => `${i},${i * 2}`).join("\n")}\n`,
      "n.jsonl": lines.map((i) => JSON.stringify({ i, v: i * 2 })).join("\n") + "\n",
    });
    writeFileSync(path.join(dir, "n.csv.gz"), gzipSync(`i,v\n${lines.map((i) => `${i},${i * 2}`).join("\n")}\n`));
    await conn.run(`COPY (SELECT range AS i, range * 2 AS v FROM range(100)) TO '${path.join(dir, "n.parquet")}'`);
    for (const f of ["n.csv", "n.csv.gz", "n.jsonl", "n.parquet"]) {
      const t = await openTable(conn, path.join(dir, f), { name: "m", display: f, maxRows: 10 });
      expect([f, t.rowCount]).toEqual([f, 11]);
      const r = await conn.runAndReadAll(`SELECT max(i)::INTEGER AS top FROM ${t.table}`);
      expect(r.getRowObjectsJS()[0]?.top).toBe(10);
      const all = await openTable(conn, path.join(dir, f), { name: "m", display: f, maxRows: 100 });
      expect([f, all.rowCount]).toEqual([f, 100]);
    }
  });
});
