import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeReport, type Check, type Report } from "../../src/core/report.js";
import { reportCharts, renderChartSvg } from "../../src/render/charts.js";
import { escapeHtml, renderHtml } from "../../src/render/html.js";

const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;

function slice(name: string, delta: number, status: Check["status"] = "pass"): Check {
  return {
    id: `slice.${name}.roc_auc`,
    title: `roc_auc on ${name}`,
    status,
    details: { delta, ci_low: delta - 0.03, ci_high: delta + 0.03 },
  };
}

function dataReport(): Report {
  return makeReport({
    gate: "data",
    summary: `d.csv: 3 rows; ${HOSTILE}`,
    checks: [
      {
        id: "rule.age.min",
        title: "age >= 0",
        status: "fail",
        column: HOSTILE,
        failedRows: 2,
        examples: [{ line: 7, value: HOSTILE }],
      },
      { id: "schema.age.type", title: "age is integer", status: "pass", column: "age" },
    ],
    sections: [
      {
        kind: "bar-chart",
        title: "Drift: age",
        xLabel: "age",
        yLabel: "share of rows",
        labels: ["< 18", HOSTILE, "> 90"],
        series: [
          { name: "reference", values: [0.1, 0.8, 0.1] },
          { name: "current", values: [0.3, 0.4, 0.3] },
        ],
      },
      {
        kind: "table",
        title: "Failing rows (first examples)",
        headers: ["Check", "Line", "Value"],
        align: ["l", "r", "l"],
        rows: [["rule.age.min", 7, HOSTILE]],
      },
    ],
  });
}

describe("escapeHtml", () => {
  it("makes text and attribute values inert", () => {
    expect(escapeHtml(`<a href='x'>&"`)).toBe("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(0.5)).toBe("0.5");
  });
});

describe("renderHtml", () => {
  it("is one self-contained page: no script, nothing fetched, the style allowed by its hash", async () => {
    const html = await renderHtml([dataReport()]);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash("sha256").update(styles[0]!).digest("base64");
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
    // Markup only (escaped text has no `<`), attribute values blanked: what a browser would act on.
    const tags = [...html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)].map((m) => ({
      name: m[1]!.toLowerCase(),
      attrs: m[2]!.replace(/"[^"]*"/g, '""'),
    }));
    expect(tags.length).toBeGreaterThan(50);
    expect(tags.filter((t) => /^(script|img|image|link|iframe|object|embed|use|foreignobject|a)$/.test(t.name))).toEqual([]);
    expect(tags.filter((t) => /\s(on[a-z]+|src|href|xlink:href|style)=/i.test(t.attrs))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/i);
    // The only URLs are the SVG namespace names, which nothing fetches.
    expect([...new Set(html.match(/https?:\/\/[^"\s)]+/g))].sort()).toEqual([
      "http://www.w3.org/1999/xlink",
      "http://www.w3.org/2000/svg",
    ]);
    expect(html).toContain("<td>line 7: &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</td>");
    // Vega escapes the hostile label inside the chart's SVG text.
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("leads with the failures, folds passing checks, draws the drift chart with its tail labels", async () => {
    const html = await renderHtml([dataReport()]);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<h2 class="fail">✖ mlgate/data failed</h2>');
    const failures = html.indexOf('<table id="data-failures">');
    const folded = html.indexOf("<details><summary>1 passed</summary>");
    expect(failures).toBeGreaterThan(0);
    expect(folded).toBeGreaterThan(failures);
    expect(html.indexOf('data-check="schema.age.type"')).toBeGreaterThan(folded);
    expect(html.indexOf('data-check="rule.age.min"')).toBeLessThan(folded);
    const figure = /<figure id="data-chart-1" class="chart" aria-label="Drift: age"><svg[\s\S]*?<\/svg><figcaption>/.exec(html);
    expect(figure).not.toBeNull();
    expect(figure![0]).toContain("&lt; 18</text>");
    expect(figure![0]).toContain("&gt; 90</text>");
    expect(html).toContain('<table id="data-failing-rows-first-examples">');
  });
});

describe("reportCharts", () => {
  const model = makeReport({
    gate: "model",
    summary: "s",
    checks: [
      { id: "metric.roc_auc", title: "roc_auc", status: "pass", details: { delta: 0.02, ci_low: 0.01, ci_high: 0.03 } },
      slice("region:east", 0.05),
      slice("region:west", -0.04, "fail"),
      slice("seniors", 0.01),
      {
        id: "latency.batch_1",
        title: "latency",
        status: "pass",
        details: { p50_ms: 1, p95_ms: 2, p99_ms: 5, baseline_p50_ms: 1.5 },
      },
    ],
    sections: [{ kind: "bar-chart", title: "Δ roc_auc per slice", labels: ["a"], series: [{ name: "Δ", values: [1] }] }],
  });

  it("draws metric deltas with intervals, slices worst first, latency; the slice bar chart gives way to the intervals", () => {
    const charts = reportCharts(model);
    expect(charts.map((c) => c.id)).toEqual(["metric-ci", "slice-ci", "latency"]);
    const slices = charts[1]!.spec as unknown as { data: { values: { name: string; status: string }[] } };
    expect(slices.data.values.map((v) => v.name)).toEqual([
      "region:west (roc_auc)",
      "seniors (roc_auc)",
      "region:east (roc_auc)",
    ]);
    const latency = charts[2]!.spec as unknown as { data: { values: { at: string; model: string; ms: number }[] } };
    expect(latency.data.values).toEqual([
      { at: "batch 1 p50", model: "candidate", ms: 1 },
      { at: "batch 1 p50", model: "baseline", ms: 1.5 },
      { at: "batch 1 p95", model: "candidate", ms: 2 },
      { at: "batch 1 p99", model: "candidate", ms: 5 },
    ]);
  });

  it("renders each chart to SVG with no Vega-Lite warning", async () => {
    for (const chart of reportCharts(model)) {
      const warnings: string[] = [];
      const svg = await renderChartSvg(chart.spec, warnings);
      expect(svg, chart.id).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="\d+" height="\d+"/);
      expect(warnings, chart.id).toEqual([]);
    }
    const svg = await renderChartSvg(reportCharts(model)[1]!.spec);
    expect(svg).toContain(">region:west (roc_auc)</text>");
    expect(svg).toContain(`fill="#cf222e"`); // the failing slice in red
  });
});
