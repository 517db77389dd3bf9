import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB } from "../../src/core/duckdb.js";
import { binValues, EXACT_DISTINCT, numericCounts } from "../../src/gates/data/drift/sql.js";

let db: Awaited<ReturnType<typeof openDuckDB>>;
beforeAll(async () => {
  db = await openDuckDB({ reads: "unrestricted" });
  const c = db.connection;
  // few: 40 integer values (counted by value); many: 2,000 distinct values (DuckDB's histogram).
  await c.run(`CREATE TABLE ref AS SELECT (i % 40)::BIGINT AS few, (i * 0.37)::DOUBLE AS many FROM range(0, 2000) t(i)`);
  // Current: values below and above the reference range, NULLs, and text that is not a finite number.
  await c.run(`CREATE TABLE cur AS
    SELECT ((i % 50) - 5)::VARCHAR AS few, (i * 0.41 - 30)::DOUBLE AS many FROM range(0, 1500) t(i)
    UNION ALL SELECT 'nan', NULL UNION ALL SELECT 'inf', 'inf'::DOUBLE UNION ALL SELECT NULL, 'nan'::DOUBLE`);
});
afterAll(() => {
  db.close();
});

describe("counting few-valued columns by value", () => {
  it("binValues puts each value under the first bound at or above it, as DuckDB's histogram does", async () => {
    const bounds = [-1, 0, 2.5, 3, 10];
    const values = [-3, -1, -0.5, 0, 1, 2.5, 2.75, 3, 9.99, 10, 11, 40];
    const sql = `SELECT histogram(x, [${bounds.map((b) => `${b}::DOUBLE`).join(", ")}]) AS h
      FROM (VALUES ${values.map((v) => `(${v}::DOUBLE)`).join(", ")}) t(x)`;
    const row = (await db.connection.runAndReadAll(sql)).getRowObjects()[0] as {
      h: { entries: { key: unknown; value: unknown }[] };
    };
    // DuckDB's own overflow bucket (values above the last bound) has a key that is not a bound.
    const duck = new Map(
      row.h.entries.filter((e) => bounds.includes(Number(e.key))).map((e) => [Number(e.key), Number(e.value)]),
    );
    const counted = new Map(values.map((v) => [v, 1]));
    expect(binValues(counted, bounds)).toEqual(duck);
    // Above the last bound is left out: 11 and 40.
    expect([...binValues(counted, bounds).values()].reduce((a, b) => a + b, 0)).toBe(values.length - 2);
  });

  it("gives the same bins, totals and tail distances as the histogram path", async () => {
    expect(EXACT_DISTINCT).toBeLessThan(2000);
    const binned = await numericCounts(db.connection, "cur", "ref", ["few", "many"]);
    // A current distinct count under EXACT_DISTINCT (as the profile reports it) selects counting by value.
    const counted = await numericCounts(db.connection, "cur", "ref", ["few", "many"], [50, undefined]);
    expect(counted.nReference).toEqual([2000, 2000]);
    expect(counted.nCurrent).toEqual([1500, 1500]);
    expect(counted.nCurrent).toEqual(binned.nCurrent);
    for (const [i, c] of counted.counts.entries()) {
      const b = binned.counts[i]!;
      expect(c).not.toBeNull();
      expect(c!.upper).toEqual(b.upper);
      expect(c!.reference).toEqual(b.reference);
      expect(c!.current).toEqual(b.current);
      expect(c!.referenceMin).toBe(b.referenceMin);
      expect(c!.referenceStd).toBeCloseTo(b.referenceStd, 10);
      expect(c!.currentBelowDistance).toBeCloseTo(b.currentBelowDistance, 8);
      expect(c!.currentAboveDistance).toBeCloseTo(b.currentAboveDistance, 8);
    }
    const few = counted.counts[0]!;
    // -5..-1 lie below the reference minimum 0 (30 rows each), 40..44 above its maximum 39.
    expect(few.current[0]).toBe(150);
    expect(few.current.at(-1)).toBe(150);
    expect(few.currentBelowDistance).toBe(30 * (1 + 2 + 3 + 4 + 5));
    expect(few.currentAboveDistance).toBe(30 * (1 + 2 + 3 + 4 + 5));
    expect(few.reference.reduce((a, b) => a + b, 0)).toBe(2000);
  });
});
