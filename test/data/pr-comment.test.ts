import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runMlgate, workspace } from "./harness.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const SCHEMA =
  "version: 1\ncolumns:\n  id:\n    type: integer\n  age:\n    type: integer\n    min: 0\n  email:\n    type: string\n    regex: '[a-z]+@[a-z]+[.][a-z]+'\n";

/** 1,234 rows, every age negative, one bad e-mail: far more failing rows than the comment shows. */
function csv(): string {
  const rows = Array.from({ length: 1234 }, (_, i) => `${i + 1},${-1 - (i % 7)},${i === 99 ? "nobody" : "a@b.io"}`);
  return `id,age,email\n${rows.join("\n")}\n`;
}

describe("the data gate's PR comment", () => {
  it("says how many failing rows it leaves out, folds passing checks and keeps the regex copy-pasteable", async () => {
    dir = workspace([], { "d.csv": csv(), "s.yml": SCHEMA });
    const r = await runMlgate(
      ["data", "--data", "d.csv", "--schema", "s.yml", "--markdown", "pr.md", "--html", "out/report.html", "--quiet"],
      dir,
    );
    expect(r.code).toBe(1);
    const md = readFileSync(path.join(dir, "pr.md"), "utf8");
    // rule.age.min fails on every row, rule.email.regex on one: 5 + 1 examples of 1,235 failing rows.
    expect(md).toContain(
      "<sub>Showing 6 of 1,235 failing rows (counted per check; a row failing two checks counts twice). The JSON report has each check's first examples; the Rows column above has every check's count.</sub>",
    );
    expect(md).toContain("| rule.email.regex | 101 | nobody |");
    // The regex as the contract wrote it, with no zero-width space after its @.
    expect(md).toContain("email matches &#91;a-z&#93;+@&#91;a-z&#93;+&#91;.&#93;&#91;a-z&#93;+");
    expect(md).not.toContain("&#8203;");
    // Failures lead; the passing checks are folded below them.
    const fold = md.indexOf("<details><summary>");
    expect(fold).toBeGreaterThan(md.indexOf("rule.age.min"));
    expect(md.indexOf("schema.id.type")).toBeGreaterThan(fold);
    expect(md.slice(fold)).toMatch(/^<details><summary>\d+ passed<\/summary>\n\n\| /);
    // --html: the same report as a page, the same cut said the same way, the failures before the fold.
    const html = readFileSync(path.join(dir, "out", "report.html"), "utf8");
    expect(html).toContain('<p class="note">Showing 6 of 1,235 failing rows (counted per check;');
    expect(html).toContain(
      '<td class="num">1,234</td><td>line 2: -1<br>line 3: -2<br>line 4: -3<br>line 5: -4<br>line 6: -5</td>',
    );
    expect(html.indexOf('data-check="rule.age.min"')).toBeLessThan(html.indexOf("<details><summary>"));
  });
});
