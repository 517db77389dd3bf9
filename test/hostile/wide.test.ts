/**
 * Hostile input, wide files (issue 17): what the data gate decides before its pass (drift's bin
 * edges, the sample's profile) is read SAMPLE_BATCH columns at a time. These tests pin that the
 * batches change nothing: the edges are those of every finite value, and a column past the last
 * batch boundary is profiled and judged like the first. The memory and time this bounds are
 * measured, not tested: docs/hostile-input.md "Wide files".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB } from "../../src/core/duckdb.js";
import { SAMPLE_BATCH } from "../../src/gates/data/aggregate.js";
import { FINE_BINS, PSI_BINS, quantile7, sampleEdges } from "../../src/gates/data/drift/sql.js";
import { check, runData, workspace } from "../data/harness.js";

const WIDTH = 2 * SAMPLE_BATCH + 7;
const ROWS = 300;

/** Column j, row i: a number spread over [0, 100) (shifted by `shift` in the drifted column), or text. */
function cell(i: number, j: number, shift: number): string {
  if (j % 10 === 9) return "abcde"[(i * 7 + j) % 5]!;
  const v = ((i * 37 + j * 11) % ROWS) / 3 + (j === WIDTH - 2 ? shift : 0);
  return v.toFixed(2);
}

function wideCsv(shift: number, categoryShift: boolean): string {
  const names = Array.from({ length: WIDTH }, (_, j) => (j % 10 === 9 ? `c${j}` : `x${j}`));
  const rows = Array.from({ length: ROWS }, (_, i) =>
    names.map((_, j) => (categoryShift && j === 129 ? "z" : cell(i, j, shift))).join(","),
  );
  return `${names.join(",")}\n${rows.join("\n")}\n`;
}

describe("drift's bin edges over many columns", () => {
  let db: Awaited<ReturnType<typeof openDuckDB>>;
  const names = Array.from({ length: WIDTH }, (_, j) => `v${j}`);
  /** Column j holds i * (j + 1) for rows i, with NULL, NaN, ±inf and text that is no number mixed in. */
  const value = (i: number, j: number): string =>
    i % 17 === 0 ? "NULL" : i % 23 === 0 ? "'nan'" : i % 29 === 0 ? "'-inf'" : i % 31 === 0 ? "'n/a'" : `'${i * (j + 1)}'`;

  beforeAll(async () => {
    db = await openDuckDB({ reads: "unrestricted" });
    const select = names.map((n, j) => `${value(0, j)}::VARCHAR AS ${n}`).join(", ");
    await db.connection.run(`CREATE TABLE t AS SELECT ${select} LIMIT 0`);
    const rows = Array.from({ length: 200 }, (_, i) => `(${names.map((_, j) => value(i, j)).join(", ")})`);
    await db.connection.run(`INSERT INTO t VALUES ${rows.join(", ")}`);
    await db.connection.run("CREATE VIEW v AS SELECT * FROM t");
  });
  afterAll(() => {
    db.close();
  });

  it("are the quantiles of each column's finite values, in every batch", async () => {
    expect(WIDTH).toBeGreaterThan(2 * SAMPLE_BATCH);
    const edges = await sampleEdges(db.connection, "t", names);
    expect(edges).toHaveLength(WIDTH);
    for (const j of [0, SAMPLE_BATCH - 1, SAMPLE_BATCH, 2 * SAMPLE_BATCH, WIDTH - 1]) {
      const finite = Float64Array.from(
        Array.from({ length: 200 }, (_, i) => i).filter((i) => ![17, 23, 29, 31].some((k) => i % k === 0)),
        (i) => i * (j + 1),
      ).sort();
      const q = Array.from({ length: FINE_BINS - 1 }, (_, k) => quantile7(finite, (k + 1) / FINE_BINS));
      expect(edges[j]!.sampleDistinct).toBe(finite.length);
      expect(edges[j]!.interior).toEqual(q.filter((v, k) => k === 0 || v > q[k - 1]!));
      expect(edges[j]!.deciles).toEqual(Array.from({ length: PSI_BINS - 1 }, (_, k) => quantile7(finite, (k + 1) / PSI_BINS)));
    }
  });

  it("are the same from a view (no rowid: rows picked by hash)", async () => {
    expect(await sampleEdges(db.connection, "v", names)).toEqual(await sampleEdges(db.connection, "t", names));
  });
});

describe("the data gate on a file wider than a batch", () => {
  it("judges and profiles the columns past the last batch boundary like the first", async () => {
    const dir = workspace([], { "cur.csv": wideCsv(40, true), "ref.csv": wideCsv(0, false) });
    const r = await runData(["data", "--data", "cur.csv", "--reference", "ref.csv"], dir);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const warned = r.report!.checks.filter((c) => c.status === "warn").map((c) => c.id);
    expect(warned.sort()).toEqual(["drift.js.c129", `drift.psi.x${WIDTH - 2}`]);
    expect(check(r.report, "drift.psi.x0").status).toBe("pass");
    expect(check(r.report, `drift.psi.x${WIDTH - 3}`).status).toBe("pass");
    const columns = r.report!.metrics!["columns"] as Record<string, { min?: unknown; max?: unknown; distinct?: number }>;
    expect(Object.keys(columns)).toHaveLength(WIDTH);
    // Column x(WIDTH-2) = ((i*37 + j*11) % 300) / 3 + 40: every residue once, so 0..99.67 shifted by 40.
    expect([columns[`x${WIDTH - 2}`]!.min, columns[`x${WIDTH - 2}`]!.max]).toEqual([40, 139.67]);
    expect(columns["c119"]!.distinct).toBe(5);
    expect(columns["c129"]!.distinct).toBe(1);
  });
});
