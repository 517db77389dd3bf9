import { describe, expect, it } from "vitest";
import { makeReport } from "../../src/core/report.js";
import { renderTerminal, useColor } from "../../src/render/terminal.js";

const report = makeReport({
  gate: "data",
  summary: "1 rule failed",
  checks: [
    {
      id: "rule.age.min",
      title: "age >= 0",
      status: "fail",
      observed: -3,
      expected: ">= 0",
      failedRows: 2,
      examples: [{ line: 17, value: -3 }],
    },
    { id: "schema.age.type", title: "age is an integer", status: "pass" },
  ],
});

describe("terminal renderer", () => {
  it("honours NO_COLOR and FORCE_COLOR", () => {
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
  });

  it("prints the verdict first and aligns the checks table without colour codes", () => {
    const out = renderTerminal(report, { color: false });
    const lines = out.split("\n");
    expect(lines[0]).toBe("✖ mlgate data failed: 1 rule failed");
    expect(out).not.toContain("\u001b[");
    const failRow = lines.find((l) => l.includes("rule.age.min"))!;
    const passRow = lines.find((l) => l.includes("schema.age.type"))!;
    expect(failRow.startsWith("✖ ")).toBe(true);
    expect(failRow).toContain("line 17=-3");
    // Aligned: the observed column starts at the same offset in every row.
    expect(failRow.indexOf("rule.age.min")).toBe(passRow.indexOf("schema.age.type"));
  });

  it("paints statuses when colour is on and strips escape sequences from untrusted values", () => {
    const hostile = makeReport({
      gate: "data",
      summary: "\u001b[2Jwiped",
      checks: [{ id: "rule.a.b", title: "t", status: "warn", observed: "\u001b[31mred" }],
    });
    const out = renderTerminal(hostile, { color: true });
    expect(out).toContain("\u001b[33m⚠");
    expect(out).not.toContain("\u001b[2J");
    expect(out).not.toContain("\u001b[31mred");
    expect(out).toContain("wiped");
  });
});
