// The in-job path: a gate command run by main() inside "GitHub Actions" publishes around the gate.
// No gate is needed for that: a test-only command returns a fixture report. main() runs in-process
// (the command cannot be put in the bundle), but every request goes over HTTP to the double.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli.js";
import type { Command } from "../../src/cli/command.js";
import { ConfigurationError } from "../../src/core/errors.js";
import type { Report } from "../../src/core/report.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { ROOT } from "../support/cli.js";
import { HEAD_SHA, parseOutputs, PR, pullRequestEvent, RUN_ID, runnerEnv } from "./runner-env.js";

function fixture(name: string): Report {
  const r = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/reports", name), "utf8")) as Report;
  // A gate's report knows nothing of GitHub: the publisher adds that.
  r.provenance = { tool: r.provenance.tool, inputs: r.provenance.inputs };
  return r;
}

let gh: GitHubDouble;
let processOut: string;
beforeEach(async () => {
  gh = await startGitHubDouble();
  processOut = "";
  // @actions/core writes workflow commands to process.stdout.
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    processOut += String(chunk);
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await gh.close();
});

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  return {
    stream: new Writable({
      write(chunk: Buffer, _e, cb) {
        text += chunk.toString();
        cb();
      },
    }),
    text: () => text,
  };
}

function gate(report: () => Report, during?: () => void): Command {
  return {
    name: "test-gate",
    summary: "test only",
    usage: ["test-gate"],
    options: {},
    gate: report().gate,
    run: () => {
      during?.();
      return Promise.resolve(report());
    },
  };
}

async function run(cmd: Command, env: NodeJS.ProcessEnv, cwd: string, args: string[] = []) {
  const out = sink();
  const err = sink();
  const code = await main([cmd.name, ...args], { stdout: out.stream, stderr: err.stream, env, cwd }, [cmd]);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe("publishing from the gate's own job", () => {
  it("starts the check run before the gate, enriches the report, completes it and writes summary, outputs and annotations", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    let statusWhileRunning = "";
    const cmd = gate(
      () => fixture("data.json"),
      () => (statusWhileRunning = gh.state.checkRuns.map((c) => `${c.name} ${c.status}`).join()),
    );
    const res = await run(cmd, r.env, r.dir);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(1);
    expect(statusWhileRunning).toBe("mlgate/data in_progress");
    const [check] = gh.state.checkRuns;
    expect(check).toMatchObject({ head_sha: HEAD_SHA, status: "completed", conclusion: "failure" });
    expect(check!.annotations).toHaveLength(120);

    const written = JSON.parse(readFileSync(path.join(r.dir, "mlgate-report/data.json"), "utf8")) as Report;
    expect(written.provenance).toMatchObject({
      commit: HEAD_SHA,
      headSha: HEAD_SHA,
      pullRequest: PR,
      repository: "octo-org/octo-repo",
      runUrl: `https://github.com/octo-org/octo-repo/actions/runs/${RUN_ID}`,
    });
    expect(parseOutputs(readFileSync(r.output, "utf8"))).toEqual({
      status: "fail",
      "report-path": path.join(r.dir, "mlgate-report/data.json"),
      "failed-checks": "rule.age_range,drift.psi.income",
    });
    expect(readFileSync(r.summary, "utf8")).toContain("## ✖ mlgate/data failed");
    const lines = processOut.split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith("::warning "))).toHaveLength(10);
    expect(lines.find((l) => l.startsWith("::error "))).toBe(
      "::error title=age is between 0 and 120 (rule.age_range),file=data/train.csv,line=2::100 rows have an age outside 0..120.; observed 100 rows outside, expected 0 <= age <= 120; value: -1",
    );
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
    expect(gh.apiRequests().every((q) => q.valid)).toBe(true);
  });

  it("keeps the gate's exit code with a read-only token: one warning, summary and report written", async () => {
    gh.setMode({ kind: "read-only" });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent({ headRepo: "forker/octo-repo" }));
    const res = await run(
      gate(() => fixture("data.json")),
      r.env,
      r.dir,
    );
    expect(res.code).toBe(1);
    const warnings = processOut.split("\n").filter((l) => l.startsWith("::warning::"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^::warning::mlgate: the GitHub token may not write check runs or comments \(HTTP 403: /);
    expect(gh.apiRequests().map((q) => `${q.method} ${q.status}`)).toEqual(["POST 403"]);
    expect(readFileSync(r.summary, "utf8")).toContain("2 of 4 checks failed on data/train.csv");
    expect((JSON.parse(readFileSync(path.join(r.dir, "mlgate-report/data.json"), "utf8")) as Report).status).toBe("fail");
    expect(parseOutputs(readFileSync(r.output, "utf8")).status).toBe("fail");
  });

  it("keeps the gate's exit code when GitHub keeps failing: retried, then one warning naming the call", async () => {
    gh.addFault({ operationId: "checks/create", status: 503, times: 10 });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await run(
      gate(() => fixture("model.json")),
      r.env,
      r.dir,
    );
    expect(res.code).toBe(0);
    expect(processOut.split("\n").filter((l) => l.startsWith("::warning::"))).toEqual([
      "::warning::mlgate: GitHub API call POST /repos/octo-org/octo-repo/check-runs failed 4 times; the last answer was HTTP 503 (Server Error). The verdict is unchanged; results are in the job summary and the report artifact.",
    ]);
    // Degraded after the first call: nothing more is sent, the summary still is written.
    expect(gh.apiRequests().map((q) => q.status)).toEqual([503, 503, 503, 503]);
    expect(readFileSync(r.summary, "utf8")).toContain("mlgate/model passed");
  });

  it("sets the gate's own outputs from metrics.outputs and passes with conclusion success", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await run(
      gate(() => fixture("model.json")),
      r.env,
      r.dir,
      ["--name", "shard 1"],
    );
    expect(res.code).toBe(0);
    expect(gh.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([["mlgate/model (shard 1)", "success"]]);
    expect(gh.state.commentsOn(PR)[0]!.body.split("\n")[0]).toBe("<!-- mlgate:model:shard 1 -->");
    expect(parseOutputs(readFileSync(r.output, "utf8"))).toMatchObject({
      status: "pass",
      "failed-checks": "",
      "primary-metric": "roc_auc",
      "candidate-value": "0.912",
      "baseline-value": "0.905",
      delta: "0.007",
    });
  });

  it("completes the started check run as a failure when the gate cannot run (exit 2)", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const cmd: Command = {
      ...gate(() => fixture("data.json")),
      run: () => Promise.reject(new ConfigurationError("--data missing.csv: file not found")),
    };
    const res = await run(cmd, r.env, r.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe("mlgate test-gate: --data missing.csv: file not found\n");
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    const written = JSON.parse(readFileSync(path.join(r.dir, "mlgate-report/data.json"), "utf8")) as Report;
    expect(written).toMatchObject({ status: "error", error: "--data missing.csv: file not found" });
    expect(written.provenance.headSha).toBe(HEAD_SHA);
  });

  it("sends nothing with --no-publish or outside GitHub Actions", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const model = gate(() => fixture("model.json"));
    expect((await run(model, r.env, r.dir, ["--no-publish"])).code).toBe(0);
    const outside = path.join(r.dir, "outside.json");
    expect((await run(model, { ...r.env, GITHUB_ACTIONS: undefined }, r.dir, ["--json", outside])).code).toBe(0);
    expect(gh.requests).toEqual([]);
    expect(readFileSync(r.summary, "utf8")).toBe("");
    expect(readFileSync(r.output, "utf8")).toBe("");
    // Not publishing in Actions still ties the report to its commit, so a later `mlgate publish` can check it.
    const stamped = JSON.parse(readFileSync(path.join(r.dir, "mlgate-report/model.json"), "utf8")) as Report;
    expect(stamped.provenance).toMatchObject({ headSha: HEAD_SHA, pullRequest: PR });
    const local = JSON.parse(readFileSync(outside, "utf8")) as Report;
    expect(local.provenance.headSha).toBeUndefined();
    expect(local.provenance.pullRequest).toBeUndefined();
  });

  it("opens no check run for an invocation that yields no verdict (a model shard)", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const shard: Command = {
      ...gate(() => fixture("model.json")),
      options: { shard: { type: "string", description: "i/n" } },
      publishes: (ctx) => ctx.str("shard") === undefined,
      run: (ctx) => Promise.resolve(ctx.str("shard") === undefined ? fixture("model.json") : 0),
    };
    expect((await run(shard, r.env, r.dir, ["--shard", "1/2"])).code).toBe(0);
    expect(gh.requests).toEqual([]);
    expect((await run(shard, r.env, r.dir)).code).toBe(0);
    // Without --shard the same command publishes as any gate.
    expect(gh.state.checkRuns.map((c) => c.status)).toEqual(["completed"]);
  });
});
