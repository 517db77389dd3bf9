import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

/** Debian's package (`apt-get install chromium`, done by .ci/run); CHROMIUM_PATH for another one. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Kept after the run for a person to look at; the folder is ignored by git. */
const SCREENSHOT = path.join(ROOT, "test-results", "browser", "demo-report.png");

let out: string;
let browser: Browser;
let page: Page;
const messages: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  // The demo's page, written inside the repository as `npm run demo` writes it.
  out = path.relative(ROOT, mkdtempSync(path.join(ROOT, ".tmp-browser-")));
  const demo = await runCli(["demo", "--out", out, "--quiet"]);
  expect(demo.code, demo.stderr).toBe(0);
  // Root (CI, containers) cannot use Chromium's sandbox; the page is our own file with no script.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => messages.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path.join(ROOT, out, "index.html")).href, { waitUntil: "load" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (out) rmSync(path.join(ROOT, out), { recursive: true, force: true });
});

describe("the demo's HTML report in Chromium", () => {
  it("loads with no console message, no CSP violation and no request but its own file", () => {
    expect(messages).toEqual([]);
    expect(requests).toEqual([pathToFileURL(path.join(ROOT, out, "index.html")).href]);
  });

  it("applies its inline style under the page's CSP (allowed by hash)", async () => {
    // Expressions as strings: they run in the page, and this project's type checker has no DOM types.
    const body = await page.evaluate<{ fontFamily: string; maxWidth: string }>(
      "(({ fontFamily, maxWidth }) => ({ fontFamily, maxWidth }))(getComputedStyle(document.body))",
    );
    expect(body.fontFamily).toContain("system-ui");
    expect(body.maxWidth).toBe("1100px");
  });

  it("draws every chart: an SVG of real size with its marks", async () => {
    const charts = await page.evaluate<
      { id: string; width: number; height: number; marks: number; texts: string[] }[]
    >(`[...document.querySelectorAll("figure.chart")].map((f) => {
      const svg = f.querySelector("svg");
      const box = svg.getBoundingClientRect();
      return {
        id: f.id,
        width: Math.round(box.width),
        height: Math.round(box.height),
        marks: svg.querySelectorAll("g.mark-rect path, g.mark-symbol path, g.mark-rule line").length,
        texts: [...svg.querySelectorAll("text")].map((t) => t.textContent),
      };
    })`);
    expect(charts.map((c) => c.id)).toEqual(["data-chart-1", "model-metric-ci", "model-slice-ci", "onnx-latency"]);
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(400);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.marks, c.id).toBeGreaterThan(2);
    }
    // The drift histogram of income: 12 bins (two tails) of reference and current bars.
    const drift = charts[0]!;
    expect(drift.texts).toContain("Drift: income");
    expect(drift.texts).toContain("< 8352");
    expect(drift.texts).toContain("> 190564");
    expect(charts[2]!.texts).toContain("region:west (roc_auc)");
  });

  it("shows the verdicts and the failing rows; passing checks only when unfolded", async () => {
    const overview = await page.locator("#overview tbody tr").allInnerTexts();
    expect(overview.map((r) => r.split("\t").slice(0, 2).join(" | "))).toEqual([
      "✖ failed | mlgate/data",
      "✔ passed | mlgate/model",
      "✔ passed | mlgate/onnx",
    ]);
    const ageMin = page.locator('#data-failures tr[data-check="rule.age.min"]');
    await expect.poll(() => ageMin.isVisible()).toBe(true);
    expect(await ageMin.innerText()).toContain("line 43: -3");
    const failing = page.locator("#data-failing-rows-first-examples");
    expect(await failing.isVisible()).toBe(true);
    expect(await failing.locator("tbody tr").allInnerTexts()).toContain("rule.age.min\t43\t-3");
    const passed = page.locator('#data-passed tr[data-check="schema.age.type"]');
    expect(await passed.isVisible()).toBe(false);
    await page.locator("#gate-data details > summary").click();
    expect(await passed.isVisible()).toBe(true);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
