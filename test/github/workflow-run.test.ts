import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, PR, parseOutputs, runnerEnv, workflowRunEvent } from "./runner-env.js";

const report = (name: string): string => readFileSync(path.join(ROOT, "test/fixtures/reports", name), "utf8");
const TRIGGER = 5150;

let gh: GitHubDouble;
beforeEach(async () => {
  gh = await startGitHubDouble();
});
afterEach(async () => {
  await gh.close();
});

describe("two-phase publishing from a workflow_run job", () => {
  it("downloads the triggering run's report artifacts with @actions/artifact and posts them on the head SHA", async () => {
    gh.state.addArtifact(TRIGGER, "mlgate-data", { "data.json": report("data.json") });
    gh.state.addArtifact(TRIGGER, "mlgate-model-shard_2", { "model-shard_2.json": report("model.json") });
    gh.state.addArtifact(TRIGGER, "coverage", { "lcov.info": "TN:\n" });
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: TRIGGER, headSha: HEAD_SHA, pr: PR }));
    const res = await runCli(["publish"], { env: r.env });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(
      `mlgate publish: downloading artifact mlgate-data (${Buffer.byteLength(report("data.json"))} bytes) from run ${TRIGGER}\n`,
    );
    expect(res.stderr).not.toContain("error");
    const downloads = gh.apiRequests().filter((q) => q.operationId === "actions/download-artifact");
    expect(downloads.map((q) => q.path).sort()).toHaveLength(2);
    expect(gh.requests.filter((q) => q.kind === "blob")).toHaveLength(2);
    expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion])).toEqual([
      ["mlgate/data", HEAD_SHA, "failure"],
      ["mlgate/model (shard_2)", HEAD_SHA, "success"],
    ]);
    const bodies = gh.state.commentsOn(PR).map((c) => c.body.split("\n")[0]);
    expect(bodies).toEqual(["<!-- mlgate:data:default -->", "<!-- mlgate:model:shard_2 -->"]);
    // Links lead to the gate run that holds the artifacts, not to this publishing run.
    expect(gh.state.commentsOn(PR)[0]!.body).toContain(
      `[workflow run and report artifact](https://github.com/octo-org/octo-repo/actions/runs/${TRIGGER})`,
    );
    expect(parseOutputs(readFileSync(r.output, "utf8"))).toEqual({ status: "fail", reports: "2" });
    expect(gh.apiRequests().every((q) => q.valid)).toBe(true);
  });

  it("refuses a report whose head SHA is not the triggering run's, naming both, and posts nothing", async () => {
    gh.state.addArtifact(TRIGGER, "mlgate-data", { "data.json": report("data.json") });
    const other = "9".repeat(40);
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: TRIGGER, headSha: other, pr: PR }));
    const res = await runCli(["publish"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      new RegExp(
        `\\nmlgate publish: .*data\\.json: was made for commit ${HEAD_SHA}, but the triggering run ${TRIGGER} ran on commit ${other}; refusing to publish it\\n$`,
      ),
    );
    expect(gh.state.checkRuns).toEqual([]);
    expect(gh.state.comments).toEqual([]);
  });

  it("refuses a report that claims another pull request", async () => {
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: TRIGGER, headSha: HEAD_SHA, pr: 8 }));
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `mlgate publish: test/fixtures/reports/model.json: claims pull request #7, but the triggering run ${TRIGGER} belongs to #8; refusing to publish it\n`,
    );
  });

  it("runs as actions/publish: inputs as INPUTS_JSON, the token in GITHUB_TOKEN, outputs for the action", async () => {
    gh.state.addArtifact(TRIGGER, "mlgate-model", { "model.json": report("model.json") });
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: TRIGGER, headSha: HEAD_SHA, pr: PR }), {
      INPUTS_JSON: JSON.stringify({
        "github-token": "ghs_loopbacktoken",
        "run-id": String(TRIGGER),
        "artifact-pattern": "mlgate-*",
        report: "",
        config: "",
      }),
    });
    const res = await runCli(["publish"], { env: r.env, entry: "action" });
    expect(res.code).toBe(0);
    expect(parseOutputs(readFileSync(r.output, "utf8"))).toEqual({ status: "pass", reports: "1" });
    expect(gh.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([["mlgate/model", "success"]]);
    expect(gh.apiRequests().every((q) => q.authorization === "token ghs_loopbacktoken")).toBe(true);
  });

  it("refuses two reports that would post to the same check run and comment", async () => {
    gh.state.addArtifact(TRIGGER, "mlgate-data-a", { "data.json": report("data.json") });
    gh.state.addArtifact(TRIGGER, "mlgate-data-b", { "data.json": report("data.json") });
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: TRIGGER, headSha: HEAD_SHA, pr: PR }));
    const res = await runCli(["publish", "--quiet"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /\nmlgate publish: \S*mlgate-data-a\/data\.json and \S*mlgate-data-b\/data\.json would both be posted as mlgate\/data; publish one of them\n$/,
    );
    expect(gh.state.checkRuns).toEqual([]);
  });

  it("says so when the run has no report artifact (exit 2)", async () => {
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: TRIGGER, headSha: HEAD_SHA, pr: PR }));
    const res = await runCli(["publish"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `mlgate publish: workflow run ${TRIGGER} has no artifact named like "mlgate-*"; did the gate job upload its report?\n`,
    );
  });
});
