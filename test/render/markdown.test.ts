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
  it("puts a zero-width space only after an @ that GitHub would read as a mention", () => {
    expect(escapeMarkdown("@team (@octo-org/core) cc:@x")).toBe("@&#8203;team (@&#8203;octo-org/core) cc&#58;@&#8203;x");
    // A regex and an e-mail address stay copy-pasteable: no hidden character after their @.
    expect(escapeMarkdown("[a-z0-9._-]+@[a-z0-9.-]+")).toBe("&#91;a-z0-9.&#95;-&#93;+@&#91;a-z0-9.-&#93;+");
    expect(escapeMarkdown("ops@example.com, a_@b, @ alone, @")).toBe("ops@example.com, a&#95;@b, @ alone, @");
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
    const cuts = [...md.matchAll(/… ([\d,]+) more rows — \[full report in the artifact\]\(https:\/\/example\.test\/run\/1\)/g)];
    expect(cuts.length).toBeGreaterThan(0);
    const shown = md.split("\n").filter((l) => l.startsWith("| ") && l.includes("rule.c")).length;
    // Every row is either shown or counted in a cut notice: nothing disappears silently.
    expect(shown + cuts.reduce((n, m) => n + Number(m[1]!.replace(/,/g, "")), 0)).toBe(2000);
    // Under the budget the folded passing rows go first: all 1,000 are counted, none shown.
    expect(md).toContain("<details><summary>1,000 passed</summary>\n\n… 1,000 more rows");
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
    expect(md).toContain(`x-axis ["a'b", "‹c>"]`);
    expect(md).toContain("bar [0.5, 0.5]");
    expect(md).toContain("line [0.25, 0.75]");
  });

  it("labels a histogram's tails < LOW and > HIGH, as the data gate names them", () => {
    const r = makeReport({
      gate: "data",
      summary: "s",
      checks: [],
      sections: [
        {
          kind: "bar-chart",
          title: "Drift: income",
          labels: ["< 8352", "[8352, 22371]", "> 190564"],
          series: [{ name: "reference", values: [0, 1, 0] }],
        },
      ],
    });
    expect(renderMarkdown(r)).toContain(`x-axis ["< 8352", "[8352, 22371]", "> 190564"]`);
  });

  it("shows failures and warnings first and folds passing and skipped checks in <details>", () => {
    const checks: Check[] = [
      { id: "rule.a.min", title: "a at least 0", status: "pass" },
      { id: "rule.b.min", title: "b at least 0", status: "fail", failedRows: 3 },
      { id: "rule.c.min", title: "c at least 0", status: "skip" },
      { id: "rule.d.min", title: "d at least 0", status: "warn", failedRows: 1 },
      { id: "rule.e.min", title: "e at least 0", status: "pass" },
    ];
    const md = renderMarkdown(reportWith(checks));
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && l.includes("rule."));
    expect(rows.map((l) => /rule\.(\w)\.min/.exec(l)![1])).toEqual(["b", "d", "a", "e", "c"]);
    const open = md.indexOf("<details><summary>2 passed · 1 skipped</summary>\n\n|");
    expect(open).toBeGreaterThan(md.indexOf("rule.d.min"));
    expect(md.indexOf("rule.a.min")).toBeGreaterThan(open);
    expect(md.indexOf("</details>")).toBeGreaterThan(md.indexOf("rule.c.min"));
    // Two tables: the open one with the header, the folded one with its own.
    expect(md.split("\n").filter((l) => l.startsWith("| :-: |")).length).toBe(2);
  });

  it("has no <details> when nothing passed or was skipped", () => {
    const md = renderMarkdown(reportWith([{ id: "rule.b.min", title: "b", status: "fail" }]));
    expect(md).not.toContain("<details>");
  });
});
