import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB } from "../../src/core/duckdb.js";
import { makeReport } from "../../src/core/report.js";
import { checkIds, computeDrift, type DriftOptions } from "../../src/gates/data/drift.js";
import { makeTable } from "./support.js";

const schema = JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv2020({ strict: false }).compile(schema);
const OPTIONS: DriftOptions = { psiFloor: 0.1, jsFloor: 0.1, alpha: 0.05, mode: "warn", seed: 7 };

let db: Awaited<ReturnType<typeof openDuckDB>>;
beforeAll(async () => {
  db = await openDuckDB({ reads: "unrestricted" });
  const c = db.connection;
  // 200 reference rows: v = 1..200, a constant, a categorical with a quote, an all-null column.
  await c.run(`CREATE TABLE ref AS SELECT i::DOUBLE AS v, 7 AS k, (CASE WHEN i % 2 = 0 THEN 'O''Brien' ELSE 'Smith' END) AS "city",
      i::DOUBLE AS "we""ird col", NULL::DOUBLE AS gone, i::DOUBLE AS "lost", NULL::VARCHAR AS "born"
    FROM range(1, 201) t(i)`);
  // Current: 20 rows below the reference minimum and 20 above its maximum, 'nan'/'inf' strings that
  // are not finite numbers, k = 8 in half the rows, a city the reference never had.
  await c.run(`CREATE TABLE cur AS SELECT
      (CASE WHEN i <= 20 THEN -5 - i WHEN i > 180 THEN 500 + i ELSE i END)::VARCHAR AS v,
      (CASE WHEN i % 2 = 0 THEN 8 ELSE 7 END) AS k,
      (CASE WHEN i % 10 = 0 THEN 'Zürich' WHEN i % 2 = 0 THEN 'O''Brien' ELSE 'Smith' END) AS "city",
      i::DOUBLE AS "we""ird col", NULL::DOUBLE AS gone, NULL::DOUBLE AS "lost", 'x' AS "born"
    FROM range(1, 201) t(i)
    UNION ALL SELECT 'nan', 7, 'Smith', 1, NULL, NULL, 'x' UNION ALL SELECT 'inf', 7, 'Smith', 2, NULL, NULL, 'x'`);
});
afterAll(() => {
  db.close();
});

describe("computeDrift on hand-built tables", () => {
  it("keeps out-of-range values in the tail bins and ignores non-finite values", async () => {
    const r = await computeDrift(db.connection, "cur", "ref", [{ name: "v", kind: "numeric" }], OPTIONS);
    const v = r.columns[0]!;
    expect(v.histogram.labels[0]).toBe("< 1");
    expect(v.histogram.labels.at(-1)).toBe("> 200");
    expect(v.histogram.current[0]).toBeCloseTo(20 / 200, 12);
    expect(v.histogram.current.at(-1)).toBeCloseTo(20 / 200, 12);
    expect(v.histogram.reference[0]).toBe(0);
    expect(v.histogram.reference.at(-1)).toBe(0);
    expect(v.histogram.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(v.histogram.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const check = r.checks[0]!;
    expect(check.details?.n_current).toBe(200); // 'nan' and 'inf' are not finite values
    expect(check.details?.n_reference).toBe(200);
    // 10% of the mass in each empty-in-reference tail: PSI ≈ 2 · 0.1 · ln(0.1 / 1e-4) plus the thinned deciles.
    expect(v.scores.psi).toBeGreaterThan(1.3);
    expect(v.flagged).toBe(true);
    expect(check.status).toBe("warn");
    expect(check.id).toBe("drift.psi.v");
    expect(check.expected).toBe("< 0.1");
  });

  it("a constant reference still has bins; a new value lands in the upper tail", async () => {
    const r = await computeDrift(db.connection, "cur", "ref", [{ name: "k", kind: "numeric" }], OPTIONS);
    const k = r.columns[0]!;
    expect(k.histogram.labels).toEqual(["< 7", "[7, 7]", "> 7"]);
    expect(k.histogram.current).toEqual([0, 102 / 202, 100 / 202]);
    // std 0: the raw distance, in units of the column; exact, since the new value lies in the tail.
    expect(k.scores.wasserstein).toBeCloseTo(100 / 202, 12);
    expect(k.flagged).toBe(true);
  });

  it("quotes identifiers and values, buckets unseen categories, says 'label drift' for a label", async () => {
    const r = await computeDrift(
      db.connection,
      "cur",
      "ref",
      [
        { name: "city", kind: "categorical", role: "label" },
        { name: 'we"ird col', kind: "numeric" },
      ],
      { ...OPTIONS, mode: "fail" },
    );
    const [city, weird] = r.columns;
    expect(city!.histogram.labels).toEqual(["O'Brien", "Smith", "(other)", "(unseen)"]);
    expect(city!.histogram.reference).toEqual([0.5, 0.5, 0, 0]);
    expect(city!.histogram.current).toEqual([80 / 202, 102 / 202, 0, 20 / 202]);
    expect(r.checks[0]!.title).toBe("Label drift in city");
    expect(r.checks[0]!.id).toBe("drift.js.city");
    expect(r.checks[0]!.column).toBe("city");
    expect(r.checks[0]!.details?.unseen_share).toBeCloseTo(20 / 202, 12);
    expect(r.checks[1]!.id).toBe("drift.psi.we_ird_col");
    expect(r.checks[1]!.title).toBe('Drift in we"ird col');
    expect(weird!.flagged).toBe(false); // 1..200 plus two more values: the same distribution
    expect(r.checks[1]!.status).toBe("pass");
    // JS distance of the new city: flagged, and mode "fail" fails the check.
    expect(city!.scores.js).toBeGreaterThan(0.1);
    expect(city!.flagged).toBe(true);
    expect(r.checks[0]!.status).toBe("fail");
  });

  it("a column empty on one side is flagged without a p-value; empty on both sides is skipped", async () => {
    const r = await computeDrift(
      db.connection,
      "cur",
      "ref",
      [
        { name: "lost", kind: "numeric" },
        { name: "born", kind: "categorical" },
        { name: "gone", kind: "numeric" },
      ],
      OPTIONS,
    );
    const [lost, born, gone] = r.checks;
    expect(lost!.status).toBe("warn");
    expect(lost!.message).toBe("The current data has no values but the reference has 200.");
    expect(born!.status).toBe("warn");
    expect(born!.message).toBe("The reference has no values but the current data has 202.");
    expect(gone!.status).toBe("skip");
    expect(gone!.details?.p_value).toBeNull();
    expect(r.columns[0]!.flagged).toBe(true);
    expect(r.columns[2]!.flagged).toBe(false);
    expect(Number.isNaN(r.columns[0]!.pValue)).toBe(true);
  });

  it("produces checks that validate against the report schema", async () => {
    const r = await computeDrift(
      db.connection,
      "cur",
      "ref",
      [
        { name: "v", kind: "numeric" },
        { name: "city", kind: "categorical", role: "label" },
        { name: 'we"ird col', kind: "numeric" },
        { name: "gone", kind: "numeric" },
        { name: "born", kind: "categorical" },
      ],
      OPTIONS,
    );
    const report = makeReport({ gate: "data", checks: r.checks, summary: "drift" });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.status).toBe("warn");
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // no NaN or Infinity left in the report
  });

  it("works on views too (no rowid: the edge sample is picked by a hash of the row's values)", async () => {
    await db.connection.run("CREATE OR REPLACE VIEW ref_view AS SELECT * FROM ref");
    await db.connection.run("CREATE OR REPLACE VIEW cur_view AS SELECT * FROM cur");
    const cols = [
      { name: "v", kind: "numeric" as const },
      { name: "city", kind: "categorical" as const },
    ];
    const onViews = await computeDrift(db.connection, "cur_view", "ref_view", cols, OPTIONS);
    const onTables = await computeDrift(db.connection, "cur", "ref", cols, OPTIONS);
    // 200 rows are below the sample size, so both paths sample every row: identical results.
    expect(onViews).toEqual(onTables);
  });

  it("stable, unique ids for colliding names", () => {
    expect(
      checkIds([
        { name: "a b", kind: "numeric" },
        { name: "a_b", kind: "numeric" },
        { name: "a b", kind: "categorical" },
        { name: "", kind: "categorical" },
      ]),
    ).toEqual(["drift.psi.a_b", "drift.psi.a_b-2", "drift.js.a_b", "drift.js._"]);
  });
});

describe("determinism and the binning's approximation error", () => {
  it("the same seed gives the same result; KS and Wasserstein from fine bins stay within 0.01 of the exact values", async () => {
    const c = db.connection;
    await makeTable(c, "ref20", 20_000, 901);
    await makeTable(c, "cur20", 20_000, 902, { shift: 0.1 });
    const cols = [
      { name: "x", kind: "numeric" as const },
      { name: "u", kind: "numeric" as const },
      { name: "cat", kind: "categorical" as const },
    ];
    const a = await computeDrift(c, "cur20", "ref20", cols, OPTIONS);
    const b = await computeDrift(c, "cur20", "ref20", cols, OPTIONS);
    expect(b).toEqual(a);
    const other = await computeDrift(c, "cur20", "ref20", cols, { ...OPTIONS, seed: 8 });
    expect(other.columns.map((x) => x.scores)).toEqual(a.columns.map((x) => x.scores));

    for (const [k, name] of (["x", "u"] as const).entries()) {
      const load = async (t: string): Promise<Float64Array> =>
        Float64Array.from(
          ((await c.runAndReadAll(`SELECT list(${name}) FROM ${t}`)).getRows()[0]![0] as { items: number[] }).items,
        ).sort();
      const ref = await load("ref20");
      const cur = await load("cur20");
      const exact = exactKsAndW1(ref, cur);
      const scores = a.columns[k]!.scores;
      const std = a.checks[k]!.details?.wasserstein_scale as number;
      console.log(
        `${name}: KS binned ${scores.ks!.toFixed(5)} exact ${exact.ks.toFixed(5)}; W1/std binned ${scores.wasserstein!.toFixed(5)} exact ${(exact.w1 / std).toFixed(5)}`,
      );
      expect(scores.ks).toBeLessThanOrEqual(exact.ks + 1e-12);
      expect(exact.ks - scores.ks!).toBeLessThan(0.01);
      expect(Math.abs(scores.wasserstein! - exact.w1 / std)).toBeLessThan(0.01);
    }
  });
});

/** Exact two-sample KS D and Wasserstein-1 of two sorted samples, by merging. */
function exactKsAndW1(a: Float64Array, b: Float64Array): { ks: number; w1: number } {
  let i = 0;
  let j = 0;
  let ks = 0;
  let w1 = 0;
  let prev = Math.min(a[0]!, b[0]!);
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    w1 += Math.abs(i / a.length - j / b.length) * (x - prev);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    ks = Math.max(ks, Math.abs(i / a.length - j / b.length));
    prev = x;
  }
  return { ks, w1 };
}
