import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { errorReport, exitCodeFor, makeReport, rollUp, type Check } from "../../src/core/report.js";

const schema = JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv2020({ strict: false }).compile(schema);

const check = (status: Check["status"], id = "rule.age.min"): Check => ({ id, title: "t", status });

describe("status roll-up", () => {
  it.each([
    [[], "pass"],
    [["pass", "skip"], "pass"],
    [["skip"], "pass"],
    [["pass", "warn"], "warn"],
    [["warn", "fail", "pass"], "fail"],
    [["fail"], "fail"],
    [["skip", "warn", "skip"], "warn"],
  ] as const)("%j -> %s", (statuses, expected) => {
    expect(rollUp(statuses.map((s) => check(s)))).toBe(expected);
  });

  it("maps statuses to exit codes, honouring fail-on: warning", () => {
    expect(exitCodeFor("pass")).toBe(0);
    expect(exitCodeFor("warn")).toBe(0);
    expect(exitCodeFor("warn", "warning")).toBe(1);
    expect(exitCodeFor("fail")).toBe(1);
    expect(exitCodeFor("error")).toBe(2);
    expect(exitCodeFor("error", "warning")).toBe(2);
  });
});

describe("report schema", () => {
  it("accepts what makeReport and errorReport build", () => {
    const r = makeReport({
      gate: "data",
      summary: "2 rules failed",
      checks: [
        { ...check("fail"), column: "age", observed: -3, expected: ">= 0", failedRows: 2, examples: [{ line: 17, value: -3 }] },
        check("pass", "schema.age.type"),
      ],
      subject: { path: "data.csv", sha256: "a".repeat(64), bytes: 10 },
      sections: [{ kind: "table", title: "Columns", headers: ["column"], rows: [["age"]] }],
      inputs: { "data.csv": "a".repeat(64) },
    });
    expect(r.status).toBe("fail");
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    const e = errorReport("onnx", "model.onnx: file not found");
    expect(e.status).toBe("error");
    expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects a check id outside the known families and a bad line number", () => {
    const bad = makeReport({ gate: "data", summary: "", checks: [{ id: "whatever", title: "", status: "pass" }] });
    expect(validate(bad)).toBe(false);
    const badLine = makeReport({ gate: "data", summary: "", checks: [{ ...check("fail"), examples: [{ line: 0 }] }] });
    expect(validate(badLine)).toBe(false);
  });
});
