import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cpSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startGitHubDouble } from "../github-double/server.js";
import type { Command } from "../../src/cli/command.js";
import type { Report } from "../../src/core/report.js";
import { ROOT, runCli, runMain } from "../support/cli.js";

/** A gate whose work never ends: a query that never returns, a model that never finishes. */
const stuck: Command = {
  name: "data",
  gate: "data",
  summary: "never finishes",
  usage: ["data"],
  options: {},
  run: () => new Promise<Report>(() => undefined),
};

function folder(): string {
  return mkdtempSync(path.join(os.tmpdir(), "mlgate-timeout-"));
}

describe("every gate has an overall timeout", () => {
  it("--timeout ends a stuck gate with exit 2, one sentence and an error report", async () => {
    const dir = folder();
    const t = Date.now();
    const r = await runMain(["data", "--timeout", "200ms", "--json", "r.json"], { cwd: dir, commands: [stuck] });
    expect(Date.now() - t).toBeLessThan(5_000);
    const sentence =
      "the gate did not finish within 200ms (--timeout); the report says error: raise the limit or give the gate less to do";
    expect(r).toMatchObject({ code: 2, stderr: `mlgate data: ${sentence}\n` });
    const report = JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8")) as Report;
    expect(report.status).toBe("error");
    expect(report.summary).toContain("did not finish within 200ms");
  });

  it("timeout: in mlgate.yml, named with its line", async () => {
    const dir = folder();
    writeFileSync(path.join(dir, "mlgate.yml"), "version: 1\ntimeout: 300ms\n");
    const r = await runMain(["data"], { cwd: dir, commands: [stuck] });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "mlgate data: the gate did not finish within 300ms (timeout: at mlgate.yml:2); the report says error: raise the limit or give the gate less to do\n",
    );
  });

  it("a timeout that is not a duration", async () => {
    const dir = folder();
    const r = await runMain(["data", "--timeout", "soon"], { cwd: dir, commands: [stuck] });
    expect(r).toMatchObject({
      code: 2,
      stderr: 'mlgate data: --timeout "soon" is not a duration; use a positive number with ms, s, m or h, such as 30s\n',
    });
  });

  it("the real data gate with --timeout 1ms: the process itself ends, exit 2", async () => {
    const dir = folder();
    writeFileSync(path.join(dir, "d.csv"), "a,b\n1,2\n");
    const t = Date.now();
    const r = await runCli(["data", "--data", "d.csv", "--timeout", "1ms", "--quiet"], { cwd: dir });
    expect(r.stderr).toBe(
      "mlgate data: the gate did not finish within 1ms (--timeout); the report says error: raise the limit or give the gate less to do\n",
    );
    expect(r.code).toBe(2);
    expect(Date.now() - t).toBeLessThan(15_000);
  });

  it("an action (dist/action.js) ends its process too: a release baseline download that never answers", async () => {
    // The model gate's baseline from a release that never answers would keep the process alive for
    // the download's own 10-minute limit; after the gate's timeout the action must end like the CLI.
    const gh = await startGitHubDouble();
    gh.addFault({ operationId: "repos/get-latest-release", hang: true });
    try {
      const dir = folder();
      cpSync(path.join(ROOT, "examples/models/candidate.onnx"), path.join(dir, "candidate.onnx"));
      cpSync(path.join(ROOT, "examples/eval/churn-eval.csv"), path.join(dir, "eval.csv"));
      writeFileSync(path.join(dir, "mlgate.yml"), "version: 1\ntimeout: 1s\n");
      const inputs = {
        candidate: "candidate.onnx",
        baseline: "release:model.onnx",
        data: "eval.csv",
        label: "churned",
        task: "binary",
        config: "mlgate.yml",
      };
      const t = Date.now();
      const r = await runCli(["model-validation"], {
        cwd: dir,
        entry: "action",
        env: {
          INPUTS_JSON: JSON.stringify(inputs),
          GITHUB_REPOSITORY: "octo-org/octo-repo",
          GITHUB_API_URL: gh.url,
          GITHUB_TOKEN: "ghs_t",
        },
      });
      const took = Date.now() - t;
      expect(r.stderr).toBe(
        "mlgate model: the gate did not finish within 1s (timeout: at mlgate.yml:2); the report says error: raise the limit or give the gate less to do\n",
      );
      expect(r.code).toBe(2);
      expect(gh.apiRequests().map((q) => `${q.operationId ?? ""} ${q.fault ?? ""}`)).toEqual(["repos/get-latest-release hang"]);
      expect(took).toBeLessThan(15_000);
    } finally {
      await gh.close();
    }
  }, 40_000);
});
