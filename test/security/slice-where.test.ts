/**
 * Issue 11: a pull request controls the config, so a named slice's `where` is an attacker's text.
 * It must never run as SQL: only one boolean expression over the data's columns is accepted, and
 * every refusal is exit 2 with one sentence naming the config file, line and key.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { binaryData, logisticModel, TRUE_WEIGHTS, writeCsv, writeModel } from "../model/fixtures.js";
import { runCli } from "../support/cli.js";

const FEATURES = "x0,x1,x2,x3,x4,seg,z";
let ws: string;

beforeAll(() => {
  ws = mkdtempSync(path.join(os.tmpdir(), "mlgate-where-"));
  writeCsv(path.join(ws, "eval.csv"), binaryData(600, 100, 7, TRUE_WEIGHTS));
  writeModel(path.join(ws, "baseline.onnx"), logisticModel(TRUE_WEIGHTS.map((w) => w + 0.3)));
  writeModel(path.join(ws, "candidate.onnx"), logisticModel(TRUE_WEIGHTS));
});

afterAll(() => {
  rmSync(ws, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/")).sort();
}

/** Runs the bundled model gate with one named slice; `env` picks the helper thread. */
async function withWhere(where: string, env: NodeJS.ProcessEnv = {}) {
  const config = `slices-${Math.random().toString(36).slice(2)}.yml`;
  // Line 5 holds the where, so every message names <config>:5.
  writeFileSync(
    path.join(ws, config),
    `version: 1\ngates:\n  model:\n    slices:\n      - where: ${JSON.stringify(where)}\n        name: attack\n`,
  );
  const before = tree(ws);
  const json = path.join(ws, `${config}.json`);
  const r = await runCli(
    [
      "model",
      "--candidate",
      "candidate.onnx",
      "--baseline",
      "baseline.onnx",
      "--data",
      "eval.csv",
      "--label",
      "y",
      "--task",
      "binary",
      "--features",
      FEATURES,
      "--config",
      config,
      "--json",
      json,
      "--quiet",
    ],
    { cwd: ws, env },
  );
  const written = tree(ws).filter((f) => !before.includes(f));
  const report = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as Report) : undefined;
  return { ...r, config, written, report, json: existsSync(json) ? readFileSync(json, "utf8") : "" };
}

const HELPER = { MLGATE_METRICS_WORKER: "1" };

/** The attack is refused with exit 2, this one sentence, and nothing written but the error report. */
async function refused(where: string, sentence: (config: string) => string, env: NodeJS.ProcessEnv = {}) {
  const r = await withWhere(where, env);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`mlgate model: ${sentence(r.config)}\n`);
  expect(r.stdout).toBe("");
  expect(r.written).toEqual([`${r.config}.json`]);
  expect(r.report?.status).toBe("error");
  for (const text of [r.stderr, r.json]) expect(text).not.toContain("root:");
  for (const f of ["x.sh", "owned.db", "out.csv"]) expect(existsSync(path.join(ws, f))).toBe(false);
  return r;
}

const STATEMENTS = (c: string) =>
  `${c}:5: gates.model.slices[0].where contains ";"; a named slice is one boolean expression over the data's columns, not SQL statements`;
const COMMENT = (c: string) =>
  `${c}:5: gates.model.slices[0].where contains a SQL comment (-- or /*); a named slice is one boolean expression over the data's columns`;
const NOT_ONE = (c: string) =>
  `${c}:5: gates.model.slices[0].where is not one boolean expression over the data's columns (it parses as more than a WHERE condition)`;
const SUBQUERY = (c: string) =>
  `${c}:5: gates.model.slices[0].where contains a subquery; a named slice is one boolean expression over the data's columns`;
const CALLS = (fn: string) => (c: string) =>
  `${c}:5: gates.model.slices[0].where calls ${fn}(), which a named slice may not call; it may call abs, ceil, coalesce, contains, ends_with, floor, greatest, ifnull, isfinite, isnan, least, length, lower, ltrim, nullif, regexp_full_match, regexp_matches, round, rtrim, sign, starts_with, strlen, substr, substring, trim, upper and the operators`;

describe("gates.model.slices[].where never runs as SQL", () => {
  it("COPY to a file of the attacker's choosing (the issue's exploit)", async () => {
    await refused(
      "1=1); COPY (SELECT 'echo owned' AS line) TO 'x.sh' (FORMAT csv, HEADER false, QUOTE ''); SELECT (1",
      STATEMENTS,
    );
    // The helper thread's DuckDB path refuses it the same way.
    await refused(
      "1=1); COPY (SELECT 'echo owned' AS line) TO 'x.sh' (FORMAT csv, HEADER false, QUOTE ''); SELECT (1",
      STATEMENTS,
      HELPER,
    );
  });

  it("ATTACH, INSTALL/LOAD and SET as extra statements", async () => {
    await refused("1=1); ATTACH 'owned.db' AS o; SELECT (1", STATEMENTS);
    await refused("1=1); INSTALL httpfs; LOAD httpfs; SELECT (1", STATEMENTS);
    await refused("1=1); SET enable_external_access = true; SELECT (1", STATEMENTS);
    await refused("1=1); COPY (SELECT * FROM read_csv('/etc/passwd')) TO 'out.csv'; SELECT (1", STATEMENTS);
  });

  it("statements without a semicolon do not parse as an expression", async () => {
    await refused("1=1) ATTACH 'owned.db' AS o --", COMMENT);
    await refused(
      "1=1) INSTALL httpfs",
      (c) => `${c}:5: gates.model.slices[0].where is not a SQL expression (syntax error at or near "INSTALL")`,
    );
  });

  it("read_text, read_csv and other table or file functions", async () => {
    await refused("read_text('/etc/passwd') IS NOT NULL", CALLS("read_text"));
    await refused("CAST(read_text('/etc/passwd') AS INTEGER) > 0", CALLS("read_text"), HELPER);
    await refused("x0 IN (SELECT 1 FROM read_csv('/etc/passwd'))", SUBQUERY);
    await refused("EXISTS (SELECT * FROM read_csv('/etc/passwd', header=false))", SUBQUERY);
    await refused("current_setting('enable_external_access')", CALLS("current_setting"));
    await refused("getvariable('x') = 1", CALLS("getvariable"));
  });

  it("a breakout into a second query or clause", async () => {
    await refused("1=1) UNION ALL SELECT * FROM read_csv('/etc/passwd') WHERE (1", NOT_ONE);
    await refused("1=1) ORDER BY (1", NOT_ONE);
    await refused("1=1) GROUP BY (1", NOT_ONE);
  });

  it("comment tricks", async () => {
    await refused("x0 > 0 -- )", COMMENT);
    await refused("x0 > 0 /* ) */", COMMENT);
    await refused("x0 > 0) --", COMMENT);
  });

  it("parameters, window functions and names that are not the data's columns", async () => {
    await refused("x0 > ?", (c) => `${c}:5: gates.model.slices[0].where uses a query parameter, which a named slice may not use`);
    await refused(
      "sum(x0) OVER () > 1",
      (c) => `${c}:5: gates.model.slices[0].where uses a window function, which a named slice may not use`,
    );
    await refused("agee > 3", (c) => `${c}:5: gates.model.slices[0].where names column "agee", which is not in eval.csv`);
    await refused(
      "eval.x0 > 3",
      (c) => `${c}:5: gates.model.slices[0].where names "eval.x0"; a named slice names the data's columns without a table`,
    );
  });

  it("an allowed expression DuckDB cannot evaluate over the data is named with DuckDB's reason", async () => {
    const r = await withWhere("region + 1 > 3");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^mlgate model: ${r.config.replace(".", "\\.")}:5: gates\\.model\\.slices\\[0\\]\\.where cannot be evaluated over eval\\.csv \\(.*No function matches.*\\+\\(VARCHAR, INTEGER_LITERAL\\).*\\)\n$`,
      ),
    );
  });

  it("text inside string literals is data, not SQL: ';', '--' and quotes are fine", async () => {
    for (const env of [{}, HELPER]) {
      const r = await withWhere("region <> 'a;b -- /* c */ ''d''' AND lower(region) = 'north' AND x0 BETWEEN -10 AND 10", env);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const slices = (r.report?.metrics as { slices: { slice: string; rows: number }[] }).slices;
      expect(slices.find((s) => s.slice === "attack")?.rows).toBe(100);
    }
  });

  it("casts, CASE, IN lists, IS NULL and arithmetic are accepted", async () => {
    const r = await withWhere(
      "CASE WHEN seg = 1 THEN CAST(x0 AS DOUBLE) * 2 + abs(x1) > -1000 ELSE false END AND region IN ('north', 'south') AND z IS NOT NULL",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const slices = (r.report?.metrics as { slices: { slice: string; rows: number }[] }).slices;
    expect(slices.find((s) => s.slice === "attack")?.rows).toBe(100);
  });
});
