import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAction } from "../action-runner/runner.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, REPO, workflowRunEvent } from "../github/runner-env.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * actions/publish run from its action.yml by the local runner, in a workflow_run job after a fork
 * PR's run, against the GitHub API double: the real plumbing, the real bundle, real HTTP.
 */
const FORK_RUN = 9001;
const FORK_PR = 31;
const FORK = "forker/octo-repo";
const REPORT = readFileSync(path.join(import.meta.dirname, "fixtures/model-report.json"), "utf8");

let repo: ActionRepo;
let gh: GitHubDouble;
let workspace: string;

beforeAll(() => {
  repo = makeActionRepo();
});
afterAll(() => {
  repo.dispose();
});
beforeEach(async () => {
  gh = await startGitHubDouble();
  workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-ws-"));
});
afterEach(async () => {
  await gh.close();
  rmSync(workspace, { recursive: true, force: true });
});

function forkReport(pr: number): string {
  const r = JSON.parse(REPORT) as { provenance: Record<string, unknown> };
  r.provenance.pullRequest = pr;
  r.provenance.headSha = HEAD_SHA;
  return JSON.stringify(r);
}

function publish(inputs: Record<string, string> = {}, headRepo = FORK) {
  return runAction({
    actionDir: repo.actionDir("publish"),
    workspace,
    inputs,
    github: {
      repository: REPO,
      repository_owner: "octo-org",
      event_name: "workflow_run",
      event: workflowRunEvent({ runId: FORK_RUN, headSha: HEAD_SHA, headRepo, ...(headRepo === FORK ? {} : { pr: FORK_PR }) }),
      run_id: "5000",
      api_url: gh.url,
      token: "ghs_publishtoken",
    },
    env: { MLGATE_RETRY_SCALE: "0.01" },
  });
}

describe("actions/publish through the composite runner", () => {
  it("judges the fork PR's checked-out files with the base's config, finds its PR and posts one check run and one comment", async () => {
    // The base branch names the subject and the contract; the fork's head has data that breaks it.
    const data = path.join(import.meta.dirname, "fixtures/data");
    writeFileSync(path.join(workspace, "mlgate.yml"), "version: 1\ngates:\n  data:\n    data: d.csv\n    schema: schema.yml\n");
    cpSync(path.join(data, "schema.yml"), path.join(workspace, "schema.yml"));
    cpSync(path.join(data, "current.csv"), path.join(workspace, "pr/d.csv"));
    // The fork's claim says the model gate failed; it is shown, and judged nowhere (no gates.model).
    gh.state.addArtifact(FORK_RUN, "mlgate-model", { "model.json": forkReport(FORK_PR) });
    // Another run's artifact and a non-matching name must be left alone.
    gh.state.addArtifact(FORK_RUN + 1, "mlgate-data", { "data.json": forkReport(FORK_PR) });
    gh.state.addArtifact(FORK_RUN, "coverage", { "x.json": "{}" });
    gh.state.addPull({
      number: FORK_PR,
      state: "open",
      head: { sha: HEAD_SHA, ref: "feature", label: "forker:feature", repo: FORK },
      base: { sha: "2".repeat(40), ref: "main" },
    });

    const r = await publish({ "pr-checkout": "pr" });
    const run = r.steps.find((s) => s.id === "run");
    expect(run?.stderr ?? "").not.toMatch(/internal error/);
    expect(r.conclusion).toBe("success");
    expect(r.outputs).toEqual({ status: "error", reports: "2" });
    expect(r.steps.map((s) => [s.name, s.outcome])).toEqual([
      ["Check the runner and locate mlgate's runtime dependencies", "success"],
      ["Restore cached mlgate runtime dependencies", "success"],
      ["Install mlgate runtime dependencies when missing", "success"],
      ["Save mlgate runtime dependencies to the cache", "success"],
      ["Run mlgate", "success"],
    ]);
    expect(r.steps[2]?.stdout).toBe(`mlgate: runtime dependencies present in ${repo.root}/node_modules\n`);

    expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.status, c.conclusion])).toEqual([
      ["mlgate/data", HEAD_SHA, "completed", "failure"],
      ["mlgate/model", HEAD_SHA, "completed", "failure"],
    ]);
    expect(gh.state.checkRuns[0]?.output.text).toContain("rule.age.required");
    expect(gh.state.commentsOn(FORK_PR).map((c) => c.body.split("\n")[0])).toEqual([
      "<!-- mlgate:data:default -->",
      "<!-- mlgate:model:default -->",
    ]);
    // The token reached the API through env:, never through a script.
    expect(
      gh
        .apiRequests()
        .every((q) => q.authorization === "token ghs_publishtoken" || q.authorization === "Bearer ghs_publishtoken"),
    ).toBe(true);
    expect(gh.requests.filter((q) => !q.valid).map((q) => `${q.method} ${q.url}: ${q.errors.join("; ")}`)).toEqual([]);
  });

  it("refuses a fork's reports without pr-checkout, posts nothing and fails the step", async () => {
    gh.state.addArtifact(FORK_RUN, "mlgate-model", { "model.json": forkReport(FORK_PR) });
    gh.state.addPull({
      number: FORK_PR,
      state: "open",
      head: { sha: HEAD_SHA, ref: "feature", label: "forker:feature", repo: FORK },
      base: { sha: "2".repeat(40), ref: "main" },
    });
    const r = await publish();
    expect(r.conclusion).toBe("failure");
    const run = r.steps.find((s) => s.id === "run");
    expect(run?.exitCode).toBe(2);
    expect(run?.stderr).toMatch(
      /the triggering run 9001 ran a fork's workflow, so its reports are the fork's claims, not verdicts/,
    );
    expect(gh.state.checkRuns).toHaveLength(0);
    expect(gh.state.comments).toHaveLength(0);
  });

  it("publishes a same-repository run's reports already on disk through the report input, without downloading anything", async () => {
    writeFileSync(path.join(workspace, "model.json"), forkReport(FORK_PR));
    const r = await publish({ report: "model.json" }, REPO);
    expect(r.outputs).toEqual({ status: "fail", reports: "1" });
    expect(gh.apiRequests().filter((q) => q.operationId?.includes("artifact"))).toEqual([]);
    expect(gh.state.checkRuns).toHaveLength(1);
  });

  it("rejects a run-id that is not a number before anything runs", async () => {
    const r = await publish({ "run-id": "1; touch pwned" });
    expect(r.conclusion).toBe("failure");
    expect(r.steps.find((s) => s.id === "run")?.stderr).toBe(
      'mlgate: input "run-id" must be a workflow run id (a positive integer), not "1; touch pwned"\n',
    );
    expect(gh.apiRequests()).toEqual([]);
  });
});
