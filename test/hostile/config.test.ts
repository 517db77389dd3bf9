import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { runCli, ROOT } from "../support/cli.js";
// @ts-expect-error: a plain .mjs script, run by hand too (node test/fixtures/hostile/config/generate.mjs)
import { generate } from "../fixtures/hostile/config/generate.mjs";

const FIXTURES = path.join(ROOT, "test/fixtures/hostile/config");

/** A folder with the committed cases and the generated large ones, as a pull request would bring them. */
function corpus(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-config-"));
  cpSync(FIXTURES, dir, { recursive: true, filter: (f) => !f.endsWith("generated") });
  (generate as (d: string) => string)(dir);
  return dir;
}

const dir = corpus();

async function data(args: string[], file = "one.csv"): Promise<{ code: number; stderr: string; ms: number }> {
  const t = Date.now();
  const r = await runCli(["data", "--data", file, "--quiet", ...args], { cwd: dir });
  return { code: r.code, stderr: r.stderr, ms: Date.now() - t };
}

describe("hostile config and contract files: exit 2, one sentence with file and line, quickly", () => {
  const cases: [string, string[], string][] = [
    [
      "a YAML alias bomb in the config",
      ["--config", "alias-bomb-config.yml"],
      "alias-bomb-config.yml:6: expands YAML aliases more than 100 times (a pattern that makes a small file huge); write the values out or use fewer aliases",
    ],
    [
      "a YAML alias bomb in a contract",
      ["--schema", "alias-bomb-contract.yml"],
      "alias-bomb-contract.yml:5: expands YAML aliases more than 100 times (a pattern that makes a small file huge); write the values out or use fewer aliases",
    ],
    [
      "flow brackets nested 10,000 deep",
      ["--config", "deep-flow.yml"],
      "deep-flow.yml:2: is nested deeper than 64 levels; flatten it (mlgate's own files need fewer than 10)",
    ],
    [
      "block mappings nested 70 deep",
      ["--config", "deep-block.yml"],
      "deep-block.yml:66: is nested deeper than 64 levels; flatten it (mlgate's own files need fewer than 10)",
    ],
    [
      "a json_schema file nested 100 deep",
      ["--schema", "deep-schema-contract.yml"],
      "deep-schema-contract.yml:2: json_schema: is nested deeper than 64 levels; flatten it (mlgate's own files need fewer than 10)",
    ],
    [
      "a 2 MiB config",
      ["--config", "huge-config.yml"],
      "huge-config.yml: is 2.1 MiB; a config or contract file may be at most 1 MiB",
    ],
    [
      "a 480,000-column contract",
      ["--schema", "columns-480k.yml"],
      "columns-480k.yml: is 6.3 MiB; a config or contract file may be at most 1 MiB",
    ],
    [
      "a 10,001-column contract",
      ["--schema", "columns-10001.yml"],
      "columns-10001.yml:3: describes 10,001 columns; a contract may describe at most 10,000",
    ],
    [
      "100,001 allowed values",
      ["--schema", "allowed-100001.yml"],
      "allowed-100001.yml:6: lists 100,001 allowed values in all; a contract may list at most 100,000 (check a large set with a regex or a reference file's drift instead)",
    ],
    [
      "a JSON Schema pattern RE2 cannot run",
      ["--schema", "lookahead-pattern.yml"],
      'lookahead-pattern.yml:4: json_schema is not a valid JSON Schema (the pattern "^(?=a)a+$" cannot run on RE2: invalid or unsupported Perl syntax: `(?=`)',
    ],
  ];
  for (const [name, args, sentence] of cases) {
    it(
      name,
      async () => {
        // A contract's json_schema applies to JSON Lines only.
        const r = await data(args, args.join(" ").includes("schema") ? "redos.jsonl" : "one.csv");
        expect(r.stderr).toBe(`mlgate data: ${sentence}\n`);
        expect(r.code).toBe(2);
        // A hang (the 480k-column contract ran past 60 s before the limits) fails on the test's own timeout;
        // how fast the refusal is belongs to a benchmark, not to a test on a loaded machine.
      },
      30_000,
    );
  }

  it("anchors and aliases used as people do still load", async () => {
    const r = await data(["--config", "aliases-fine.yml"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("JSON Schema patterns run on RE2", () => {
  it("^(a+)+$ against 40 a's and a ! answers at once, and each pattern keeps its own meaning", async () => {
    const json = path.join(dir, "redos-report.json");
    const r = await runCli(["data", "--data", "redos.jsonl", "--schema", "redos-pattern.yml", "--json", json, "--quiet"], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(json, "utf8")) as Report;
    const c = report.checks.find((x) => x.id === "schema.json_schema");
    // Line 1 fails s's pattern, line 2 fails t's (a cache keyed by one shared string would mix them up).
    expect(c?.failedRows).toBe(2);
    expect(c?.examples).toEqual([
      { line: 1, value: 's must match pattern "^(a+)+$"' },
      { line: 2, value: 't must match pattern "^t[0-9]+$"' },
    ]);
  }, 30_000);
});
