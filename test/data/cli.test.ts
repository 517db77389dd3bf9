import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataValidationArgs } from "../../src/actions/data-validation-action.js";
import { runBundled } from "../onnx/harness.js";
import { check, lines, runData, runMlgate, workspace } from "./harness.js";

const CSV = "id,age,city\n1,30,paris\n2,40,rome\n";

describe("bad input: exit 2 and one sentence", () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    ["missing data file", ["data", "--data", "nope.csv"], {}, "mlgate data: --data nope.csv: file not found\n"],
    ["empty data file", ["data", "--data", "empty.csv"], { "empty.csv": "" }, "mlgate data: empty.csv: file is empty\n"],
    [
      "unsupported extension",
      ["data", "--data", "d.xlsx"],
      { "d.xlsx": "PK" },
      "mlgate data: d.xlsx: unsupported file extension .xlsx; use .csv, .tsv, .parquet, .jsonl or .ndjson (optionally .gz)\n",
    ],
    [
      "schema naming an unknown column",
      ["data", "--data", "d.csv", "--schema", "s.yml"],
      { "d.csv": CSV, "s.yml": "version: 1\ncolumns:\n  id:\n    type: integer\ndataset:\n  primary_key: [id, cty]\n" },
      'mlgate data: s.yml:6: dataset.primary_key names column "cty", which is not in d.csv (did you mean "city"?)\n',
    ],
    [
      "schema that is not valid YAML",
      ["data", "--data", "d.csv", "--schema", "s.yml"],
      { "d.csv": CSV, "s.yml": "version: 1\ncolumns:\n  id: [unclosed\n" },
      "mlgate data: s.yml:4: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n",
    ],
    [
      "schema that breaks the contract schema",
      ["data", "--data", "d.csv", "--schema", "s.yml"],
      { "d.csv": CSV, "s.yml": "version: 1\ncolumns:\n  age:\n    max_missing: lots\n" },
      "mlgate data: s.yml:4: columns.age.max_missing must be a number\n",
    ],
    [
      "contract with an unknown key",
      ["data", "--data", "d.csv", "--schema", "s.yml"],
      { "d.csv": CSV, "s.yml": "version: 1\ncolumns:\n  age:\n    maximum: 3\n" },
      "mlgate data: s.yml:4: columns.age.maximum is not a known key (known keys: type, required, max_missing, unique, min, max, allowed, regex, min_length, max_length, reference_range, identifier, drift)\n",
    ],
    [
      "invalid JSON Schema inside the contract",
      ["data", "--data", "d.jsonl", "--schema", "s.yml"],
      { "d.jsonl": '{"a":1}\n', "s.yml": "version: 1\njson_schema:\n  type: 12\n" },
      "mlgate data: s.yml:3: json_schema is not a valid JSON Schema (schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf)\n",
    ],
    [
      "invalid regex",
      ["data", "--data", "d.csv", "--schema", "s.yml"],
      { "d.csv": CSV, "s.yml": "version: 1\ncolumns:\n  city:\n    regex: 'a(b'\n" },
      "mlgate data: s.yml:4: columns.city.regex is not a valid regular expression (missing ): a(b)\n",
    ],
    [
      "unknown label",
      ["data", "--data", "d.csv", "--label", "target"],
      { "d.csv": CSV },
      'mlgate data: --label: the label names column "target", which is not in d.csv\n',
    ],
    [
      "infer without --out",
      ["data", "infer", "--data", "d.csv"],
      { "d.csv": CSV },
      "mlgate data infer: --out is required; see mlgate data infer --help\n",
    ],
    [
      "infer on an empty file",
      ["data", "infer", "--data", "e.csv", "--out", "s.yml"],
      { "e.csv": "" },
      "mlgate data infer: e.csv: file is empty\n",
    ],
  ];
  for (const [what, args, files, message] of cases) {
    it(what, async () => {
      const r = await runMlgate([...args, "--quiet"], workspace([], files));
      expect(r.stderr).toBe(message);
      expect(r.code).toBe(2);
    });
  }
});

describe("mlgate data infer", () => {
  it("round-trips: the inferred contract passes on the file it was inferred from", async () => {
    const dir = workspace(["clean.csv"]);
    const inf = await runMlgate(["data", "infer", "--data", "clean.csv", "--out", "contracts/clean.yml", "-q"], dir);
    expect(inf.stdout).toBe("wrote contracts/clean.yml: 8 columns inferred from 3 rows\n");
    expect(inf.code).toBe(0);
    const r = await runData(["data", "--data", "clean.csv", "--schema", "contracts/clean.yml"], dir);
    expect(r.report?.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("warns with the count of malformed records it ignored and the first one's line", async () => {
    const dir = workspace([], { "m.csv": "a,b\n1,2\n3,4,5\n6,7\n8\n" });
    const inf = await runMlgate(["data", "infer", "--data", "m.csv", "--out", "s.yml", "-q"], dir);
    expect([inf.code, inf.stdout]).toEqual([0, "wrote s.yml: 2 columns inferred from 2 rows\n"]);
    expect(inf.stderr).toBe(
      "mlgate data infer: warning: 2 malformed record(s) ignored (first at line 3: TOO MANY COLUMNS: Expected Number of Columns: 2 Found: 3)\n",
    );
  });

  it("writes types, required, domains, identifiers and warning-only ranges, with comments", async () => {
    const dir = path.resolve(import.meta.dirname, "../../examples/data");
    const out = workspace();
    const r = await runMlgate(
      [
        "data",
        "infer",
        "--data",
        path.join(dir, "reference.csv"),
        "--out",
        "s.yml",
        "--label",
        "churned",
        "-q",
        "--allow-outside-workspace",
      ],
      out,
    );
    expect(r.code).toBe(0);
    const yaml = readFileSync(path.join(out, "s.yml"), "utf8");
    expect(yaml).toContain(
      "  customer_id:\n    # identifier: all 2000 values distinct in the reference; unique, no drift, no range\n    type: string\n    required: true\n    unique: true\n    identifier: true\n",
    );
    expect(yaml).toContain(
      '  region:\n    type: category\n    required: true\n    allowed: ["east", "north", "south", "west"]\n',
    );
    expect(yaml).toMatch(/ {2}income:\n {4}type: integer\n {4}max_missing: 0\.05 # 2\.3% missing in the reference\n/);
    expect(yaml).toContain("    reference_range: { min: 18, max: 79 }\n");
    expect(yaml).toContain(
      "  churned:\n    type: integer\n    required: true\n    # label: the values seen in the reference\n    min: 0\n    max: 1\n",
    );
    expect(yaml).toContain('  primary_key: ["customer_id"]\n');
  });

  it("a value outside the reference range warns (rule.<col>.range) and does not fail", async () => {
    const dir = workspace([], { "ref.csv": "x\n1\n5\n3\n", "cur.csv": "x\n2\n9\n4\n" });
    expect((await runMlgate(["data", "infer", "--data", "ref.csv", "--out", "s.yml", "-q"], dir)).code).toBe(0);
    const r = await runData(["data", "--data", "cur.csv", "--schema", "s.yml"], dir);
    expect(r.code).toBe(0);
    expect(check(r.report, "rule.x.range").status).toBe("warn");
    expect(lines(check(r.report, "rule.x.range"))).toEqual(["3:9"]);
  });
});

describe("drift through the CLI", () => {
  it("flags the drifted column of the demo data, not the stable ones, and charts it", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const demo = ["examples/data/current.csv", "examples/data/reference.csv", "examples/contracts/churn.yml"];
    const dir = workspace();
    for (const f of demo) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      copyFileSync(path.join(root, f), path.join(dir, f));
    }
    const r = await runData(
      ["data", "--data", demo[0] ?? "", "--schema", demo[2] ?? "", "--reference", demo[1] ?? "", "--label", "churned"],
      dir,
    );
    // The demo's contract violations fail the gate; drift itself only warns by default.
    expect(r.code).toBe(1);
    const flagged = r.report?.checks.filter((c) => c.id.startsWith("drift.") && c.status !== "pass").map((c) => c.id);
    expect(flagged).toEqual(["drift.psi.income"]);
    expect(check(r.report, "drift.psi.income").status).toBe("warn");
    const charts = r.report?.sections?.filter((s) => s.kind === "bar-chart").map((s) => s.title);
    expect(charts).toEqual(["Drift: income"]);
    const cols = r.report?.metrics?.columns as Record<string, { drift?: { flagged: boolean } }>;
    expect(cols.income?.drift?.flagged).toBe(true);
    expect(cols.customer_id?.drift).toBeUndefined();
    expect(lines(check(r.report, "rule.age.min"))).toEqual(["43:-3"]);
    expect(check(r.report, "rule.age.min").file).toBe("examples/data/current.csv");
  });

  it("the bundled CLI, as a child process, flags the drift and exits 1 under drift: fail", async () => {
    const ref = ["v,c", ...Array.from({ length: 400 }, (_, i) => `${i % 50},${i % 2 ? "a" : "b"}`)].join("\n");
    const cur = ["v,c", ...Array.from({ length: 400 }, (_, i) => `${(i % 50) + 30},${i % 2 ? "a" : "b"}`)].join("\n");
    const dir = workspace([], { "ref.csv": ref, "cur.csv": cur });
    const r = await runBundled(["data", "--data", "cur.csv", "--reference", "ref.csv", "--drift", "fail", "-q"], dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("fail: cur.csv: 400 rows; 1 failed check; drift in v\n");
    expect(r.code).toBe(1);
  });

  it("drift: fail makes a drifted column fail the gate", async () => {
    const ref = ["v,c", ...Array.from({ length: 400 }, (_, i) => `${i % 50},${i % 2 ? "a" : "b"}`)].join("\n");
    const cur = ["v,c", ...Array.from({ length: 400 }, (_, i) => `${(i % 50) + 30},${i % 2 ? "a" : "b"}`)].join("\n");
    const dir = workspace([], { "ref.csv": ref, "cur.csv": cur, "mlgate.yml": "version: 1\ngates:\n  data:\n    drift: fail\n" });
    const r = await runData(["data", "--data", "cur.csv", "--reference", "ref.csv"], dir);
    expect(check(r.report, "drift.psi.v").status).toBe("fail");
    expect(check(r.report, "drift.js.c").status).toBe("pass");
    expect(r.code).toBe(1);
  });
});

describe("actions/data-validation inputs", () => {
  it("map to mlgate data arguments", () => {
    expect(
      dataValidationArgs({
        data: "d.csv",
        schema: "s.yml",
        reference: "r.csv",
        config: "m.yml",
        name: "shard 1",
        "fail-on": "warning",
        "github-token": "t",
      }),
    ).toEqual([
      "data",
      "--data",
      "d.csv",
      "--schema",
      "s.yml",
      "--reference",
      "r.csv",
      "--config",
      "m.yml",
      "--name",
      "shard 1",
      "--fail-on",
      "warning",
    ]);
    expect(dataValidationArgs({ data: "d.csv" })).toEqual(["data", "--data", "d.csv"]);
    expect(() => dataValidationArgs({ "fail-on": "never", data: "d.csv" })).toThrow(
      'input "fail-on" must be one of error, warning, not "never"',
    );
    // No data input: the gate takes gates.data.data from mlgate.yml (found without a config input).
    expect(dataValidationArgs({})).toEqual(["data"]);
  });
});
