import { describe, expect, it } from "vitest";
import { makeReport, type Check } from "../../src/core/report.js";
import { escapeMarkdown } from "../../src/render/escape.js";
import { renderMarkdown } from "../../src/render/markdown.js";

const HOSTILE = "|<img src=x onerror=1>@team";

describe("escapeMarkdown", () => {
  it("turns a hostile cell into inert text", () => {
    expect(escapeMarkdown(HOSTILE)).toBe("&#124;&lt;img src=x onerror=1&gt;@&#8203;team");
  });
  it("escapes backticks, emphasis, links, headings and newlines", () => {
    expect(escapeMarkdown("`rm -rf` *bold* [x](http://e) # h\nnext")).toBe(
      "&#96;rm -rf&#96; &#42;bold&#42; &#91;x&#93;(http&#58;//e) &#35; h↵next",
    );
  });
  it("cuts very long values at a character boundary before escaping", () => {
    const out = escapeMarkdown("é".repeat(500), 10);
    expect(out).toBe("é".repeat(9) + "…");
  });
  it("removes control characters", () => {
    expect(escapeMarkdown("a\u0007b\u001b[31mc")).toBe("a�b�&#91;31mc");
  });
});

function reportWith(checks: Check[]) {
  return makeReport({ gate: "data", summary: "hostile values", checks });
}

describe("renderMarkdown", () => {
  it("keeps a hostile value inside its table cell", () => {
    const md = renderMarkdown(
      reportWith([
        {
          id: "rule.name.regex",
          title: "name matches",
          status: "fail",
          column: HOSTILE,
          observed: HOSTILE,
          failedRows: 1,
          examples: [{ line: 3, value: HOSTILE }],
        },
      ]),
    );
    const row = md.split("\n").find((l) => l.includes("name matches"));
    expect(row).toBeDefined();
    // The header has 7 columns; a hostile `|` would add cells.
    const header = md.split("\n").find((l) => l.startsWith("|") && l.includes("Check"));
    const cells = (l: string) => l.split("|").length;
    expect(cells(row!)).toBe(cells(header!));
    expect(md).not.toContain("<img");
    expect(md).not.toMatch(/@team/);
    expect(row).toContain("line 3: &#124;&lt;img src=x onerror=1&gt;@&#8203;team");
  });

  it("fits a byte budget and says how many rows were cut", () => {
    const checks: Check[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `rule.c${i}.min`,
      title: `column c${i} at least zero`,
      status: i % 2 ? "fail" : "pass",
      column: `c${i}`,
      observed: -i,
      expected: ">= 0",
    }));
    const full = renderMarkdown(reportWith(checks), { budget: 10_000_000 });
    expect(Buffer.byteLength(full)).toBeGreaterThan(65_536);
    const md = renderMarkdown(reportWith(checks), { budget: 65_536, artifactUrl: "https://example.test/run/1" });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(65_536);
    const m = /… (\d+) more rows — \[full report in the artifact\]\(https:\/\/example\.test\/run\/1\)/.exec(md);
    expect(m).not.toBeNull();
    const shown = md.split("\n").filter((l) => l.startsWith("| ") && l.includes("rule.c")).length;
    expect(shown + Number(m![1])).toBe(2000);
    // Failures are sorted first, so what survives the cut is what a reviewer needs.
    expect(md.indexOf("✖")).toBeLessThan(md.indexOf("✔ |") === -1 ? Infinity : md.indexOf("✔ |"));
  });

  it("cuts even a tiny budget and stays within it", () => {
    const md = renderMarkdown(reportWith([{ id: "rule.a.min", title: "x".repeat(300), status: "fail" }]), { budget: 200 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(200);
    expect(md).toContain("more rows — full report in the artifact");
  });

  it("renders bar charts as Mermaid with quoted, sanitised labels", () => {
    const r = makeReport({
      gate: "data",
      summary: "s",
      checks: [],
      sections: [
        {
          kind: "bar-chart",
          title: "age",
          labels: ['a"b', "<c>"],
          series: [
            { name: "reference", values: [0.5, 0.5] },
            { name: "current", values: [0.25, 0.75] },
          ],
        },
      ],
    });
    const md = renderMarkdown(r);
    expect(md).toContain("```mermaid\nxychart-beta\n");
    expect(md).toContain(`x-axis ["a'b", "'c'"]`);
    expect(md).toContain("bar [0.5, 0.5]");
    expect(md).toContain("line [0.25, 0.75]");
  });
});
