// CSV through the data gate's reader (src/gates/data/source.ts on real DuckDB), fuzzed with fast-check:
// quotes, delimiters inside and outside quotes, CR/LF/CRLF mixes, a BOM, NULs, long fields and
// ragged rows. The invariant the README promises: rows read + records rejected = data records.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvUnreadable, openDuckDB } from "../../src/core/duckdb.js";
import { ConfigurationError } from "../../src/core/errors.js";
import { openSource } from "../../src/gates/data/source.js";
import { runMain } from "../support/cli.js";

// Each run is a file DuckDB sniffs and reads (tens of ms on a loaded machine): 100 runs per property
// (a fixed seed, so the same files every time), capped in time so the file stays under ~20 s.
const SEED = 20261206;

let dir: string;
let db: Awaited<ReturnType<typeof openDuckDB>>;
let n = 0;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-fuzz-csv-"));
  db = await openDuckDB({ reads: "unrestricted", threads: 1 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads a file as the data gate does: open, the counting pass, the rejected records; its error mapping. */
async function readAsGate(text: string | Buffer): Promise<{ rows: number; rejected: number }> {
  n += 1;
  const file = path.join(dir, `f${n}.csv`);
  writeFileSync(file, text);
  try {
    const src = await openSource(db.connection, file, { name: `t${n}`, display: `f${n}.csv` });
    const reader = await db.connection.runAndReadAll(`SELECT count(*) AS n FROM ${src.rows.from}`);
    const rows = Number(reader.getRowObjects()[0]?.n ?? 0);
    const t = await src.finish(rows);
    return { rows: t.rowCount, rejected: t.rejects.length };
  } catch (e) {
    throw csvUnreadable(e, new Map([[file, `f${n}.csv`]])) ?? e;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Field text that makes CSV readers stumble; quoted when it has to be. */
const fieldPiece = fc.constantFrom(
  "a",
  "1",
  "-2.5",
  " ",
  ",",
  ";",
  "\t",
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  "\0",
  "\uFEFF",
  "é",
  "😀",
  "null",
  "NA",
  "true",
  "2026-12-06",
  "'",
  "\\",
  "#",
);
const field = fc.oneof(
  { weight: 8, arbitrary: fc.array(fieldPiece, { maxLength: 6 }).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((k) => "x".repeat(k)) },
);

function quote(v: string, always: boolean): string {
  return always || /[",\r\n]/.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v;
}

const newline = fc.constantFrom("\n", "\r\n");

/**
 * A CSV file as a structure: a header of distinct names, data rows (some shorter or longer than the
 * header), quoting and line ends chosen per row, an optional BOM and final newline.
 */
const csvFile = fc
  .record({
    width: fc.integer({ min: 1, max: 5 }),
    headerPieces: fc.array(
      fc.array(fieldPiece, { maxLength: 3 }).map((p) => p.join("")),
      { minLength: 5, maxLength: 5 },
    ),
    rows: fc.array(fc.record({ fields: fc.array(field, { minLength: 1, maxLength: 7 }), quoteAll: fc.boolean(), eol: newline }), {
      minLength: 1,
      maxLength: 12,
    }),
    bom: fc.boolean(),
    eol: newline,
    mixed: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map((f) => {
    // Distinct whatever the case and spaces (duplicate names are refused, by design): a numbered suffix.
    // A name holding `;`, `|` or a tab is quoted: bare, it would make that the delimiter (by design).
    // No NUL: a name holding one is refused (exit 2, tested below). After a BOM no name that needs quotes: DuckDB then
    // reads no rows (docs/hostile-input.md, not fixed).
    const header = Array.from(
      { length: f.width },
      (_, i) => `${(f.headerPieces[i] ?? "").replace(f.bom ? /[\0\r\n",;|\t]/g : /\0/g, "")}c${i}`,
    );
    // Line ends: the file's own, or (mixed) each row's.
    const lines = f.rows.map((r) => ({
      text: r.fields.map((v) => quote(v, r.quoteAll)).join(","),
      eol: f.mixed ? r.eol : f.eol,
    }));
    let text = (f.bom ? "\uFEFF" : "") + header.map((h) => quote(h, /[;|\t]/.test(h))).join(",") + f.eol;
    lines.forEach((l, i) => {
      text += l.text + (i < lines.length - 1 || f.finalNewline ? l.eol : "");
    });
    const mixed = new Set([f.eol, ...lines.slice(0, f.finalNewline ? undefined : -1).map((l) => l.eol)]).size > 1;
    return { text, records: f.rows.length, mixed };
  });

/** Pieces of anything: unbalanced quotes, stray CRs, NULs, empty lines. */
const csvPiece = fc.constantFrom("a", "b,c", ",", '"', '""', "\n", "\r\n", "\r", "\0", "\uFEFF", " ", "x".repeat(5000), "1", "é");
const anyCsv = fc.array(csvPiece, { minLength: 1, maxLength: 40 }).map((p) => `h1,h2\n${p.join("")}`);

describe("CSV fuzz through the data gate's reader (fast-check, time-bounded)", () => {
  it("rows read + records rejected = data records, for hostile but well-formed files (mixed line ends: that or exit 2)", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(csvFile, async ({ text, records, mixed }) => {
        runs += 1;
        if (!mixed) {
          const r = await readAsGate(text);
          expect(r.rows + r.rejected).toBe(records);
          return;
        }
        // Mixed \n and \r\n: DuckDB refuses the file (one sentence, exit 2), or reads it with the
        // header's line end, where a bare \n is inside a record: records may merge into one rejected
        // record (reported with its line), never vanish without a reject.
        const r: unknown = await readAsGate(text).catch((e: unknown) => e);
        if (r instanceof Error) {
          expect(r).toBeInstanceOf(ConfigurationError);
          return;
        }
        const { rows, rejected } = r as { rows: number; rejected: number };
        expect(rows + rejected).toBeLessThanOrEqual(records);
        if (rows + rejected < records) expect(rejected).toBeGreaterThan(0);
      }),
      { numRuns: 100, interruptAfterTimeLimit: 10_000, seed: SEED },
    );
    expect(runs).toBeGreaterThanOrEqual(20);
  }, 30_000);

  it("anything else is read or one ConfigurationError, never another exception", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(anyCsv, async (text) => {
        runs += 1;
        try {
          await readAsGate(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigurationError);
          expect((e as Error).message).not.toMatch(/\n/);
        }
      }),
      { numRuns: 100, interruptAfterTimeLimit: 5_000, seed: SEED },
    );
    expect(runs).toBeGreaterThanOrEqual(30);
  }, 30_000);

  it("the CLI: exit 0, 1 or 2 with one line, never 'This is a bug'", async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-fuzz-cli-"));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            anyCsv,
            csvFile.map((f) => f.text),
          ),
          async (text) => {
            writeFileSync(path.join(cwd, "d.csv"), text);
            const r = await runMain(["data", "--data", "d.csv", "--quiet"], { cwd });
            expect([0, 1, 2]).toContain(r.code);
            expect(r.stderr).not.toContain("This is a bug");
            if (r.code === 2) expect(r.stderr).toMatch(/^mlgate data: [^\n]+\n$/);
          },
        ),
        { numRuns: 8, interruptAfterTimeLimit: 5_000, seed: SEED },
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 30_000);

  it("found by the fuzz: a CR inside a quoted header name, a NUL in a name, mixed line ends", async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-fuzz-found-"));
    const run = async (text: string): Promise<{ code: number; stdout: string; stderr: string }> => {
      writeFileSync(path.join(cwd, "d.csv"), text);
      return runMain(["data", "--data", "d.csv", "--quiet"], { cwd });
    };
    try {
      // DuckDB took the \r for the file's line end and read no rows: "has a header but no data rows".
      expect(await run('"\rc0"\nx\ny\n')).toMatchObject({ code: 0, stdout: "pass: d.csv: 2 rows; all 1 checks passed\n" });
      // The NUL ended the SQL string of the names: "unterminated quoted string at or near …".
      expect(await run("a,b\0,c\n1,2,3\n")).toMatchObject({
        code: 2,
        stderr: "mlgate data: d.csv:1: the name of column 2 holds a NUL character (\\0); a column name must be text\n",
      });
      // DuckDB's "state machine reached an invalid state" escaped as "internal error … This is a bug".
      expect(await run('c0\r\n""\n"\r1",x,"\n"\r\n2\n')).toMatchObject({
        code: 2,
        stderr:
          "mlgate data: d.csv: DuckDB cannot read it as CSV (The CSV Parser state machine reached an invalid state); a file that mixes line ends (\\n and \\r\\n) is the usual cause: give every line the same end\n",
      });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
