/**
 * The hostile data corpus (issue 17, the data side): files a pull request could send to the data
 * gate. Small cases are committed in test/fixtures/hostile/data/; large ones (up to 1 GiB once
 * decompressed) are written by its generate.mjs into this run's temp folder. Every case asserts the
 * exit code and the one sentence (or the rows read and records rejected), nothing silently lost.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDuckDB } from "../../src/core/duckdb.js";
import { openTable } from "../../src/core/table.js";
import type { Report } from "../../src/core/report.js";
import { ROOT, runCli } from "../support/cli.js";
import { runMlgate } from "../data/harness.js";
// @ts-expect-error: a plain script, no types
import { generate } from "../fixtures/hostile/data/generate.mjs";

const CORPUS = path.join(ROOT, "test/fixtures/hostile/data");
const generated = generate as (dir: string, names?: string[]) => Record<string, string>;

/** A workspace holding copies of the named corpus files. */
function corpus(...names: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-"));
  for (const n of names) copyFileSync(path.join(CORPUS, n), path.join(dir, n));
  return dir;
}

/** Runs `mlgate data --data FILE` in `dir`; the report when one was written. */
async function gate(dir: string, file: string, extra: string[] = []): Promise<{ code: number; stderr: string; report?: Report }> {
  const r = await runMlgate(["data", "--data", file, "--json", "report.json", "--quiet", ...extra], dir);
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as Report;
  } catch {
    report = undefined;
  }
  return { code: r.code, stderr: r.stderr, ...(report ? { report } : {}) };
}

/** The child's peak resident memory in MiB, printed by a preloaded hook at exit. */
const RSS_HOOK = "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kib='+process.resourceUsage().maxRSS))";
/** Rows read and records rejected, from the report's metrics. */
function counts(report: Report | undefined): { rows: number; rejected: number } {
  const m = report?.metrics as { rows?: number; rejected?: number } | undefined;
  return { rows: m?.rows ?? -1, rejected: m?.rejected ?? -1 };
}

function peakMiB(stderr: string): number {
  return Number(/maxrss-kib=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
}

describe("hostile data: the header is parsed like the data, and never loses a column", () => {
  it.each([
    ["only-newlines.csv", "only-newlines.csv:1: the header line is empty; the first line of a CSV file must name its columns"],
    ["only-crlf.csv", "only-crlf.csv:1: the header line is empty; the first line of a CSV file must name its columns"],
    ["empty-header.csv", "empty-header.csv:1: the header line is empty; the first line of a CSV file must name its columns"],
    ["blank-header.csv", "blank-header.csv:1: the header line is empty; the first line of a CSV file must name its columns"],
    [
      "duplicate-header.csv",
      'duplicate-header.csv:1: the header names column "x" twice (columns 1 and 2); give each column its own name',
    ],
    [
      "duplicate-header-case.csv",
      'duplicate-header-case.csv:1: the header names column "Amount" twice (columns 2 and 3, as "Amount" and "amount": names are compared ignoring case and outer spaces); give each column its own name',
    ],
    [
      "duplicate-header-spaces.csv",
      'duplicate-header-spaces.csv:1: the header names column "id" twice (columns 1 and 2, as "id" and " id ": names are compared ignoring case and outer spaces); give each column its own name',
    ],
    [
      "duplicate-header.tsv",
      'duplicate-header.tsv:1: the header names column "id" twice (columns 1 and 3); give each column its own name',
    ],
  ])("%s: exit 2, one sentence naming line 1", async (file, message) => {
    const r = await gate(corpus(file), file);
    expect(r.stderr).toBe(`mlgate data: ${message}\n`);
    expect(r.code).toBe(2);
    expect(r.report?.status).toBe("error");
  });

  it.each([
    ["quoted-header-delimiter.csv", ["a;b;c", "d"], 2],
    ["quoted-header-comma.csv", ["a,b", "c"], 1],
    ["header-quoted-newline.csv", ["first\nname", "age"], 1],
  ])("%s: the quoted names are read whole, every row counted", async (file, names, rows) => {
    const r = await gate(corpus(file), file);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(counts(r.report)).toEqual({ rows, rejected: 0 });
    expect(Object.keys((r.report?.metrics as { columns?: object } | undefined)?.columns ?? {})).toEqual(names);
  });
});

describe("hostile data: records of any size are read, rejected or named, never dropped", () => {
  let dir: string;
  let files: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-big-"));
    files = generated(dir, [
      "record-50mib.csv",
      "record-12mib.csv",
      "record-12mib-multiline.csv",
      "header-9mib.csv",
      "gzip-only-line-huge.csv.gz",
    ]);
  });

  it.each([
    ["record-50mib.csv", "record-50mib.csv:2: the line is more than 32 MiB long"],
    ["record-12mib.csv", "record-12mib.csv:3: the line is 12 MiB long"],
    ["gzip-only-line-huge.csv.gz", "gzip-only-line-huge.csv.gz:2: the line is more than 32 MiB long"],
  ])("%s: a line over the 8 MiB limit ends the run naming file and line", async (file, start) => {
    expect(files[file]).toBeDefined();
    const r = await gate(dir, file);
    expect(r.stderr).toBe(
      `mlgate data: ${start}, over the record size limit of 8 MiB; a line that long cannot be read safely (raise MLGATE_MAX_RECORD_SIZE if it is meant to be)\n`,
    );
    expect(r.code).toBe(2);
  });

  it("a quoted record of 12 MiB made of short lines is a rejected record with its first line", async () => {
    const r = await gate(dir, "record-12mib-multiline.csv");
    expect(r.code).toBe(1);
    const malformed = r.report?.checks.find((c) => c.id === "dataset.malformed_rows");
    expect(malformed?.failedRows).toBe(1);
    expect(malformed?.examples?.[0]?.line).toBe(3);
    // 3 data records = 2 rows read + 1 rejected.
    expect(counts(r.report)).toEqual({ rows: 2, rejected: 1 });
  });

  it("a header over the limit is one sentence, not a 9 MiB column name", async () => {
    const r = await gate(dir, "header-9mib.csv");
    expect(r.stderr).toBe(
      "mlgate data: header-9mib.csv:1: the header is longer than the record size limit of 8 MiB (MLGATE_MAX_RECORD_SIZE); is this a CSV file?\n",
    );
    expect(r.code).toBe(2);
  });

  it("MLGATE_MAX_RECORD_SIZE sets the limit, and a bad value is one sentence", async () => {
    const small = await runCli(["data", "--data", "record-12mib.csv", "--quiet"], {
      cwd: dir,
      env: { MLGATE_MAX_RECORD_SIZE: "16mb" },
    });
    expect(small.stderr).toBe("");
    expect(small.code).toBe(0);
    const bad = await runCli(["data", "--data", "record-12mib.csv", "--quiet"], {
      cwd: dir,
      env: { MLGATE_MAX_RECORD_SIZE: "lots" },
    });
    expect(bad.stderr).toBe(
      'mlgate data: MLGATE_MAX_RECORD_SIZE "lots" is not a size; use a positive number with b, kb, mb or gb, such as 10mb\n',
    );
    expect(bad.code).toBe(2);
  });
});

describe("hostile data: JSON Lines in bounded memory", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-jsonl-"));
    generated(dir, ["jsonl-1gib-line.jsonl.gz", "jsonl-1gib-line-and-good.jsonl.gz"]);
  });

  it("a 1 GiB line (1 MB gzipped) is one sentence, no RangeError, under 400 MiB", async () => {
    const r = await runCli(["data", "--data", "jsonl-1gib-line.jsonl.gz", "--quiet"], {
      cwd: dir,
      env: { NODE_OPTIONS: `--import=${RSS_HOOK}` },
    });
    const [message] = r.stderr.split("\n");
    expect(message).toBe(
      "mlgate data: jsonl-1gib-line.jsonl.gz: no line is a JSON object (line 1: line of 1 GiB is over the record size limit of 8 MiB (MLGATE_MAX_RECORD_SIZE))",
    );
    expect(r.code).toBe(2);
    expect(peakMiB(r.stderr)).toBeLessThan(400);
  });

  it("next to good records, the 1 GiB line is a rejected record: 2 rows read + 1 rejected", async () => {
    const r = await gate(dir, "jsonl-1gib-line-and-good.jsonl.gz");
    expect(r.code).toBe(1);
    const malformed = r.report?.checks.find((c) => c.id === "dataset.malformed_rows");
    expect(malformed?.failedRows).toBe(1);
    expect(malformed?.examples?.[0]?.line).toBe(2);
    expect(counts(r.report)).toEqual({ rows: 2, rejected: 1 });
  });

  it.each([
    ["jsonl-nested-10000.jsonl", 2, 2],
    ["jsonl-nested-65.jsonl", 2, 1],
  ])("%s: nesting deeper than 64 levels is a rejected record (line %i), in bounded memory", async (file, line, rows) => {
    const dir = corpus(file);
    const r = await runCli(["data", "--data", file, "--json", "report.json", "--quiet"], {
      cwd: dir,
      env: { NODE_OPTIONS: `--import=${RSS_HOOK}` },
    });
    expect(r.code).toBe(1);
    expect(peakMiB(r.stderr)).toBeLessThan(400);
    const report = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as Report;
    expect(counts(report)).toEqual({ rows, rejected: 1 });
    const malformed = report.checks.find((c) => c.id === "dataset.malformed_rows");
    expect(malformed?.message).toBe(`line ${line}: nested deeper than 64 levels`);
  });

  it("64 levels are read; brackets inside strings do not count", async () => {
    for (const file of ["jsonl-nested-64.jsonl", "jsonl-brackets-in-strings.jsonl"]) {
      const r = await gate(corpus(file), file);
      expect([file, r.code, r.stderr]).toEqual([file, 0, ""]);
    }
  });
});

describe("hostile data: the table reader refuses what is not a regular file", () => {
  let db: Awaited<ReturnType<typeof openDuckDB>>;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    db = await openDuckDB({ threads: 1, reads: "unrestricted" });
    conn = db.connection;
  });
  afterAll(() => {
    db.close();
  });

  it.each([
    ["/dev/zero", "zero.jsonl"],
    ["/dev/null", "null.csv"],
  ])("%s: a device is refused before a byte is read", async (device, name) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-dev-"));
    const { symlinkSync } = await import("node:fs");
    symlinkSync(device, path.join(dir, name));
    await expect(openTable(conn, path.join(dir, name), { name: "t", display: name })).rejects.toThrow(
      `${name}: is not a regular file (a FIFO, socket or device); give a file or folder`,
    );
  });
});
