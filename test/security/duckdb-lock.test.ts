/**
 * The second line of defence (issue 11): every gate's DuckDB is locked to the inputs it was given,
 * so even SQL that got past the checks could not read, write, attach, install or reconfigure.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdbScratch, openDuckDB } from "../../src/core/duckdb.js";
import { safePredicate } from "../../src/core/sql-predicate.js";

let dir: string;
let db: Awaited<ReturnType<typeof openDuckDB>>;

async function error(sql: string): Promise<string> {
  try {
    await db.connection.run(sql);
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "";
  }
  return "no error";
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-lock-"));
  writeFileSync(path.join(dir, "data.csv"), "a,b\n1,x\n2,y\n");
  writeFileSync(path.join(dir, "other.csv"), "a,b\n3,z\n");
  symlinkSync("/etc/passwd", path.join(dir, "link.csv"));
  db = await openDuckDB({ reads: [path.join(dir, "data.csv")], memoryLimit: "64MB", threads: 2 });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("openDuckDB({ reads }) locks DuckDB to its inputs", () => {
  it("reads the given file and nothing else", async () => {
    const r = await db.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_csv('${path.join(dir, "data.csv")}')`);
    expect(r.getRowObjectsJS()).toEqual([{ n: 2 }]);
    const denied = (file: string) =>
      `Permission Error: Cannot access file "${file}" - file system operations are disabled by configuration`;
    expect(await error(`SELECT * FROM read_csv('${path.join(dir, "other.csv")}')`)).toBe(denied(path.join(dir, "other.csv")));
    expect(await error(`SELECT * FROM read_csv('${path.join(dir, "link.csv")}')`)).toBe(denied(path.join(dir, "link.csv")));
    expect(await error("SELECT * FROM read_text('/etc/passwd')")).toBe(denied("/etc/passwd"));
  });

  it("writes, attaches, installs and loads nothing", async () => {
    expect(await error(`COPY (SELECT 'echo owned') TO '${path.join(dir, "x.sh")}'`)).toBe(
      `Permission Error: Cannot access file "${path.join(dir, "x.sh")}" - file system operations are disabled by configuration`,
    );
    expect(await error(`ATTACH '${path.join(dir, "owned.db")}' AS o`)).toMatch(/^Permission Error: /);
    expect(await error("INSTALL httpfs")).toMatch(/^Permission Error: /);
    expect(await error("LOAD httpfs")).toMatch(/^(Permission|IO|Invalid Input) Error: /);
    expect(readdirSync(dir).sort()).toEqual(["data.csv", "link.csv", "other.csv"]);
  });

  it("cannot be reconfigured", async () => {
    expect(await error("SET enable_external_access = true")).toBe(
      'Invalid Input Error: Cannot change configuration option "enable_external_access" - the configuration has been locked',
    );
    expect(await error("RESET allowed_paths")).toMatch(/the configuration has been locked/);
    expect(await error("SET lock_configuration = false")).toMatch(/the configuration has been locked/);
  });

  it("still spills to its own temporary folder, removed on close", async () => {
    const r = await db.connection.runAndReadAll(
      // ≈ 120 MB of sort keys under a 64 MB limit: only possible by spilling.
      "SELECT count(*)::INTEGER AS n FROM (SELECT i, i::VARCHAR || 'abcdefghijabcdefghijabcdefghij' AS s FROM range(3000000) t(i) ORDER BY s DESC)",
    );
    expect(r.getRowObjectsJS()).toEqual([{ n: 3000000 }]);
    const other = await openDuckDB({ reads: [] });
    const scratch = path.dirname(duckdbScratch(other.connection));
    expect(path.basename(scratch)).toMatch(/^mlgate-duckdb-/);
    other.close();
    expect(existsSync(scratch)).toBe(false);
  });
});

describe("safePredicate", () => {
  const src = { at: "mlgate.yml:3: gates.model.slices[0].where", display: "eval.csv" };
  const cols = ["age", "Region", "we ird"];

  it("returns DuckDB's rendering of the checked expression, not the user's text", async () => {
    expect(await safePredicate(db.connection, "age >= 65 -- old", cols, src).catch((e: unknown) => (e as Error).message)).toBe(
      "mlgate.yml:3: gates.model.slices[0].where contains a SQL comment (-- or /*); a named slice is one boolean expression over the data's columns",
    );
    expect(await safePredicate(db.connection, "age >= 65", cols, src)).toBe("((age >= 65))");
    expect(await safePredicate(db.connection, `lower(region) = 'it''s' AND "we ird" IS NULL`, cols, src)).toBe(
      `(((lower(region) = 'it''s') AND ("we ird" IS NULL)))`,
    );
    expect(await safePredicate(db.connection, "age BETWEEN 1 AND 2 OR age IN (5, 6)", cols, src)).toBe(
      "(((age BETWEEN 1 AND 2) OR (age IN (5, 6))))",
    );
    expect(await safePredicate(db.connection, "$$ ; -- $$ = region", cols, src)).toBe("((' ; -- ' = region))");
  });

  it("refuses what is not one allowed expression, each with one sentence", async () => {
    const reason = (text: string) =>
      safePredicate(db.connection, text, cols, src).then(
        () => "accepted",
        (e: unknown) => (e as Error).message,
      );
    expect(await reason("age > 1; SELECT 1")).toBe(
      `${src.at} contains ";"; a named slice is one boolean expression over the data's columns, not SQL statements`,
    );
    expect(await reason("age > (SELECT max(a) FROM read_csv('x'))")).toBe(
      `${src.at} contains a subquery; a named slice is one boolean expression over the data's columns`,
    );
    expect(await reason("age > 1) UNION SELECT * FROM (SELECT 1")).toMatch(/is not one boolean expression/);
    expect(await reason("age = ANY([1, 2])")).toMatch(/contains a subquery/);
    expect(await reason("[age][1] > 1")).toBe(`${src.at} uses the array_extract operator, which a named slice may not use`);
    expect(await reason("random() > 0.5")).toMatch(/calls random\(\)/);
    expect(await reason("main.lower(region) = 'x'")).toMatch(/calls lower\(\)/);
    expect(await reason("count(*) > 1")).toMatch(/calls count_star\(\)/);
    expect(await reason("x -> x > 1")).toBe(`${src.at} uses a lambda, which a named slice may not use`);
    expect(await reason("COLUMNS('a') > 1")).toBe(`${src.at} uses * or COLUMNS(...), which a named slice may not use`);
    expect(await reason("age > 1 AND")).toMatch(
      /^mlgate\.yml:3: gates\.model\.slices\[0\]\.where is not a SQL expression \(syntax error/,
    );
    expect(await reason("agee > 1")).toBe(`${src.at} names column "agee", which is not in eval.csv (did you mean "age"?)`);
    expect(existsSync("x")).toBe(false);
  });
});
