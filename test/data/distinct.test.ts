import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB, sqlString } from "../../src/core/duckdb.js";
import type { Section } from "../../src/core/report.js";
import { Aggregate } from "../../src/gates/data/aggregate.js";
import { HLL_ERROR, profileItems } from "../../src/gates/data/profile.js";
import { dataSections } from "../../src/gates/data/sections.js";
import { ROOT } from "../support/cli.js";
import { runData, workspace } from "./harness.js";

let dir: string;

function columnsTable(sections: Section[] | undefined): Extract<Section, { kind: "table" }> {
  const t = sections?.find((s) => s.title === "Columns");
  if (t?.kind !== "table") throw new Error("no Columns table");
  return t;
}

beforeAll(() => {
  dir = workspace();
  cpSync(path.join(ROOT, "examples/data"), dir, { recursive: true });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("distinct counts in the data report", () => {
  it("are exact on the demo data (true counts from Python's csv module and set())", async () => {
    const r = await runData(["data", "--data", "current.csv"], dir);
    const cols = r.report?.metrics?.columns as Record<string, { distinct?: number; distinctError?: number }>;
    const distinct = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.distinct]));
    // income and credit_score read as integers; no column here is a float, so every one is counted.
    expect(distinct).toEqual({
      customer_id: 1999,
      age: 64,
      income: 1938,
      credit_score: 370,
      num_products: 4,
      region: 5,
      plan: 3,
      signup_date: 1213,
      email: 2000,
      churned: 2,
    });
    expect(Object.values(cols).some((c) => c.distinctError !== undefined)).toBe(false);
    const table = columnsTable(r.report?.sections);
    expect(table.rows.find((row) => row[0] === "signup_date")?.[4]).toBe(1213);
    expect(table.note).toBe("Drift: flagged when significant after Benjamini-Hochberg and above the effect floor.");
  });

  it("above the exact limit are estimates labelled with their error bound", async () => {
    const db = await openDuckDB({ threads: 1, reads: "unrestricted" });
    try {
      const agg = new Aggregate();
      const n = agg.add("count(*)");
      const read = profileItems(agg, [{ name: "signup_date", type: "DATE" }], new Map(), false);
      const row = await agg.run(db.connection, { from: `read_csv(${sqlString(path.join(dir, "current.csv"))})` });
      const [p] = read(row, row.number(n));
      expect(p?.distinctError).toBe(HLL_ERROR);
      expect(Math.abs((p?.distinct ?? 0) - 1213) / 1213).toBeLessThanOrEqual(HLL_ERROR);
      const table = columnsTable(dataSections([p!], [], [], 2000));
      expect(table.rows[0]?.[4]).toBe(`≈${(p?.distinct ?? 0).toLocaleString("en-US")} (±25%)`);
      expect(table.note).toMatch(
        /^Distinct counts marked ≈ are HyperLogLog estimates \(files of more than 2M rows\): 95% of them are within the ± shown\. /,
      );
    } finally {
      db.close();
    }
  });

  it("HLL_ERROR holds for 95% of DuckDB's estimates on a grid of cardinalities from 10 to 100,000", async () => {
    const db = await openDuckDB({ threads: 1, reads: "unrestricted" });
    try {
      const r = await db.connection.runAndReadAll(`
        WITH grid AS (SELECT CAST(round(pow(10, 1 + 4 * j / 199.0)) AS BIGINT) AS d FROM range(200) t(j)),
        est AS (SELECT d, (SELECT approx_count_distinct('v' || (i * 7919 + d)::VARCHAR) FROM range(d) t(i)) AS e FROM grid)
        SELECT quantile_cont(abs(e - d) / d, 0.95) AS p95, max(abs(e - d) / d) AS worst FROM est`);
      const [p95, worst] = (r.getRows()[0] ?? []).map(Number);
      expect(p95).toBeLessThanOrEqual(HLL_ERROR);
      // Far from exact, and with a long tail: why the report counts exactly up to 2M rows.
      expect(worst).toBeGreaterThan(0.4);
    } finally {
      db.close();
    }
  });
});
