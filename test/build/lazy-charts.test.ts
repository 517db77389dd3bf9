import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { distDir } from "../support/cli.js";

/** Code only Vega (its SVG renderer) and Vega-Lite (a compiler warning) contain. */
const MARKERS = ["SVGStringRenderer", "since it does not contain any data field"];

/** The bundle's files reached from `entry` by static imports only (what Node loads at startup), or by any import. */
function reached(entry: string, withDynamic: boolean): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, "utf8");
    seen.set(file, text);
    const statics = [...text.matchAll(/^import\s*(?:[^"';]*?\sfrom\s*)?"(\.{1,2}\/[^"]+)";/gm)].map((m) => m[1]!);
    const dynamics = withDynamic ? [...text.matchAll(/\bimport\("(\.{1,2}\/[^"]+)"\)/g)].map((m) => m[1]!) : [];
    for (const spec of [...statics, ...dynamics]) visit(path.resolve(path.dirname(file), spec));
  };
  visit(path.join(distDir(), entry));
  return seen;
}

const hasCharting = (files: Map<string, string>) => [...files.values()].some((t) => MARKERS.some((m) => t.includes(m)));

describe("the charting library is a lazy chunk", () => {
  it.each(["cli.js", "action.js"])("%s does not load Vega at startup, only through import() when --html asks", (entry) => {
    expect(hasCharting(reached(entry, false))).toBe(false);
    expect(hasCharting(reached(entry, true))).toBe(true);
  });
});
