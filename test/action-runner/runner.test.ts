import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashFiles, splitTemplate } from "./expressions.js";
import { parseKeyValueFile } from "./command-files.js";
import { runAction } from "./runner.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const temps: string[] = [];
function temp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("composite runner", () => {
  it("passes inputs, defaults, outputs, env, path and summary between steps", async () => {
    const ws = temp("ws-");
    const r = await runAction({
      actionDir: path.join(FIXTURES, "plumbing"),
      workspace: ws,
      inputs: { who: "world" },
      github: { repository: "me/repo" },
    });
    expect(r.conclusion).toBe("success");
    expect(r.outputs.message).toBe("hello world");
    expect(r.outputs.poem).toBe("line one\nline = two");
    expect(r.outputs.chained).toBe("hello world+carried/carried/tool-on-path");
    expect(r.outputs["after-failure"]).toBe("");
    expect(JSON.parse(readFileSync(path.join(ws, "inputs.json"), "utf8"))).toEqual({
      greeting: "hello",
      who: "world",
      repo: "me/repo",
      fail: "false",
    });
    expect(r.steps.find((s) => s.id === "second")?.outputs.action_path).toBe(path.join(FIXTURES, "plumbing"));
    expect(r.summary).toBe("### first step\nsecond step\n");
    expect(r.annotations).toEqual([{ level: "warning", message: "odd value", properties: { file: "data.csv", line: "3" } }]);
    expect(r.steps.map((s) => [s.id, s.outcome])).toEqual([
      ["first", "success"],
      ["second", "success"],
      ["breaks", "skipped"],
      ["skipped-after-failure", "success"],
      ["cleanup", "skipped"],
      ["finally", "success"],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("after a failed step skips success() steps, runs failure() and always(), and concludes failure", async () => {
    const r = await runAction({
      actionDir: path.join(FIXTURES, "plumbing"),
      workspace: temp("ws-"),
      inputs: { who: "x", fail: "true" },
    });
    expect(r.conclusion).toBe("failure");
    expect(r.steps.map((s) => [s.id, s.outcome])).toEqual([
      ["first", "success"],
      ["second", "success"],
      ["breaks", "failure"],
      ["skipped-after-failure", "skipped"],
      ["cleanup", "success"],
      ["finally", "success"],
    ]);
    expect(r.steps.find((s) => s.id === "breaks")?.exitCode).toBe(3);
    expect(r.outputs["after-failure"]).toBe("cleanup");
  });

  it("warns like GitHub about a missing required input and an unknown one", async () => {
    const r = await runAction({ actionDir: path.join(FIXTURES, "plumbing"), workspace: temp("ws-"), inputs: { whom: "x" } });
    expect(r.warnings).toEqual([
      "Input required and not supplied: who",
      "Unexpected input 'whom', valid inputs are [greeting, who, repo, fail]",
    ]);
  });

  it("substitutes ${{ }} into run: scripts as GitHub does, so an interpolated input runs as code", async () => {
    const ws = temp("ws-");
    const marker = path.join(ws, "pwned");
    const r = await runAction({
      actionDir: path.join(FIXTURES, "injectable"),
      workspace: ws,
      inputs: { data: `x.csv"; touch "${marker}"; echo "` },
    });
    expect(r.conclusion).toBe("success");
    expect(existsSync(marker)).toBe(true);
    expect(r.steps[0]?.script).toBe(`echo "checking x.csv"; touch "${marker}"; echo ""`);
  });

  it("honours continue-on-error and working-directory", async () => {
    const ws = temp("ws-");
    mkdirSync(path.join(ws, "sub"));
    const r = await runAction({ actionDir: path.join(FIXTURES, "tolerant"), workspace: ws });
    expect(r.conclusion).toBe("success");
    expect(r.outputs).toEqual({ outcome: "failure", conclusion: "success", where: "sub" });
  });

  it("fails loudly on a uses: it has no local equivalent for", async () => {
    await expect(runAction({ actionDir: path.join(FIXTURES, "foreign-uses"), workspace: temp("ws-") })).rejects.toThrow(
      'step __step0: "uses: some-org/some-action@0123456789abcdef0123456789abcdef01234567" has no local equivalent in test/action-runner (known: actions/checkout, actions/cache, actions/cache/restore, actions/cache/save, actions/upload-artifact, actions/download-artifact, actions/setup-node)',
    );
  });

  it("saves with actions/cache/save when its step runs, so a later failure keeps the cache; restores it next time", async () => {
    const cacheDir = temp("cache-");
    const ws1 = temp("ws-");
    writeFileSync(path.join(ws1, "lock.txt"), "v1");
    const key = `split-${hashFiles(ws1, ["lock.txt"])}`;
    const cold = await runAction({
      actionDir: path.join(FIXTURES, "cache-split"),
      workspace: ws1,
      cacheDir,
      inputs: { fail: "true" },
    });
    expect(cold.conclusion).toBe("failure");
    expect(cold.outputs).toEqual({ "cache-hit": "false", primary: key });
    expect(cold.steps.map((s) => s.outcome)).toEqual(["success", "success", "success", "failure"]);
    expect(cold.savedCaches).toEqual([key]);

    const ws2 = temp("ws-");
    writeFileSync(path.join(ws2, "lock.txt"), "v1");
    const warm = await runAction({ actionDir: path.join(FIXTURES, "cache-split"), workspace: ws2, cacheDir });
    expect(warm.conclusion).toBe("success");
    expect(warm.outputs["cache-hit"]).toBe("true");
    expect(warm.steps[1]?.stdout).toBe("reused\n");
    expect(warm.steps[2]?.outcome).toBe("skipped");
    expect(warm.savedCaches).toEqual([]);
    expect(readFileSync(path.join(ws2, "cached/built.txt"), "utf8")).toBe("built once\n");
  });

  it("misses then hits the local cache keyed through hashFiles, and uploads artifacts", async () => {
    const cacheDir = temp("cache-");
    const ws1 = temp("ws-");
    writeFileSync(path.join(ws1, "lock.txt"), "v1");
    const cold = await runAction({ actionDir: path.join(FIXTURES, "cache-upload"), workspace: ws1, cacheDir });
    expect(cold.conclusion).toBe("success");
    expect(cold.outputs["cache-hit"]).toBe("false");
    const key = `fixture-key-${hashFiles(ws1, ["lock.txt"])}`;
    expect(cold.savedCaches).toEqual([key]);
    expect(readFileSync(path.join(cold.artifacts["fixture-cold"] ?? "", "state.txt"), "utf8")).toBe("built\n");

    const ws2 = temp("ws-");
    writeFileSync(path.join(ws2, "lock.txt"), "v1");
    const warm = await runAction({ actionDir: path.join(FIXTURES, "cache-upload"), workspace: ws2, cacheDir });
    expect(warm.outputs["cache-hit"]).toBe("true");
    expect(warm.savedCaches).toEqual([]);
    expect(Object.keys(warm.artifacts)).toEqual(["fixture-warm"]);
    expect(readFileSync(path.join(warm.artifacts["fixture-warm"] ?? "", "state.txt"), "utf8")).toBe("reused\n");

    const ws3 = temp("ws-");
    writeFileSync(path.join(ws3, "lock.txt"), "v2");
    const changed = await runAction({ actionDir: path.join(FIXTURES, "cache-upload"), workspace: ws3, cacheDir });
    expect(changed.outputs["cache-hit"]).toBe("false");
  });
});

describe("runner helpers", () => {
  it("splits templates without ending an expression at }} inside a string literal", () => {
    expect(splitTemplate("a-${{ format('{0}}}', 'x') }}-b")).toEqual([
      { text: "a-" },
      { expr: "format('{0}}}', 'x')" },
      { text: "-b" },
    ]);
  });

  it("hashFiles is the SHA-256 over each matched file's SHA-256, and empty on no match", () => {
    const ws = temp("ws-");
    writeFileSync(path.join(ws, "a.lock"), "a");
    // sha256(sha256("a")) computed independently with: printf a | sha256sum | xxd -r -p | sha256sum
    expect(hashFiles(ws, ["*.lock"])).toBe("bf5d3affb73efd2ec6c36ad3112dd933efed63c4e1cbffcfa88e2759c144f2d8");
    expect(hashFiles(ws, ["*.none"])).toBe("");
  });

  it("reads multi-line values and rejects a heredoc without its delimiter", () => {
    const d = temp("cf-");
    writeFileSync(path.join(d, "ok"), "a=1\nb<<X\nl1\nl2\nX\nc=x=y\n");
    expect(parseKeyValueFile(path.join(d, "ok"))).toEqual({ a: "1", b: "l1\nl2", c: "x=y" });
    writeFileSync(path.join(d, "bad"), "b<<X\nl1\n");
    expect(() => parseKeyValueFile(path.join(d, "bad"))).toThrow('no closing delimiter "X" for "b"');
  });
});
