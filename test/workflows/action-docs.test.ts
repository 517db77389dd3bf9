import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

const SCRIPT = path.join(ROOT, "scripts/gen-action-docs.mjs");
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function gen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A README in a temp folder; the repository's .prettierrc does not apply there, so pass it along. */
function readme(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-readme-"));
  temps.push(dir);
  writeFileSync(path.join(dir, ".prettierrc.json"), readFileSync(path.join(ROOT, ".prettierrc.json")));
  const file = path.join(dir, "README.md");
  writeFileSync(file, text);
  return file;
}

const block = (name: string, body: string): string =>
  `<!-- action-docs:${name}:start -->\n${body}\n<!-- action-docs:${name}:end -->`;

describe("scripts/gen-action-docs.mjs", () => {
  it("README.md's marked action tables match the action.yml files", async () => {
    const r = await gen(["--check"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/README\.md: \d+ action table block\(s\) up to date\n$/);
  });

  it("rewrites a stale block from action.yml, leaves the rest byte for byte, and is then stable", async () => {
    const before = `# x\n\nIntro | not a table.\n\n${block("onnx-compat", "stale")}\n\n## Other\n\ntext\n`;
    const file = readme(before);
    const check = await gen(["--check", "--readme", file]);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(`${file}: action tables out of date for onnx-compat; run node scripts/gen-action-docs.mjs\n`);
    expect(readFileSync(file, "utf8")).toBe(before);

    expect((await gen(["--readme", file])).stdout).toBe(`${file}: updated onnx-compat\n`);
    const after = readFileSync(file, "utf8");
    expect(
      after.startsWith("# x\n\nIntro | not a table.\n\n<!-- action-docs:onnx-compat:start -->\n\nInputs of `onnx-compat`:\n"),
    ).toBe(true);
    expect(after.endsWith("<!-- action-docs:onnx-compat:end -->\n\n## Other\n\ntext\n")).toBe(true);
    expect(after).toMatch(/\n\| `github-token` +\| no +\| `\$\{\{ github\.token \}\}` +\| Token for check runs/);
    expect(after).toMatch(/\n\| `report-path` +\| Path of the JSON report in the workspace\. +\|\n/);
    expect(after).not.toContain("stale");
    expect((await gen(["--check", "--readme", file])).code).toBe(0);
  });

  it("leaves a README without markers untouched", async () => {
    const text = "# mlgate\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const file = readme(text);
    expect(await gen(["--readme", file])).toEqual({ code: 0, stdout: `${file}: 0 block(s) already up to date\n`, stderr: "" });
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("names a marker for an action that does not exist", async () => {
    const file = readme(`${block("deploy-everything", "x")}\n`);
    const r = await gen(["--readme", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `gen-action-docs: ${file}: marker action-docs:deploy-everything names no actions/deploy-everything/action.yml\n`,
    );
  });
});
