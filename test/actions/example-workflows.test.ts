import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runJob } from "../action-runner/runner.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, MERGE_SHA, PR, REPO, pullRequestEvent, workflowRunEvent } from "../github/runner-env.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * The copy-paste workflows themselves, job by job, with `mlgate/mlgate/actions/*@v1` resolved to
 * this checkout's actions and bundle: what a user pastes is what is tested.
 */
const DATA = path.join(import.meta.dirname, "fixtures/data");
const FORK = "forker/octo-repo";

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

const common = () => ({
  workspace,
  actionRepos: { "mlgate/mlgate": repo.root },
  env: { MLGATE_RETRY_SCALE: "0.01" },
});

describe("workflows-examples/pr-gates.yml", () => {
  it("job data: runs the data gate on the paths the example names and publishes on the PR head", async () => {
    // The example's layout: data/train.csv checked against data/schema.yml, drift from data/reference.csv.
    cpSync(path.join(DATA, "reference.csv"), path.join(workspace, "data/train.csv"));
    cpSync(path.join(DATA, "reference.csv"), path.join(workspace, "data/reference.csv"));
    cpSync(path.join(DATA, "schema.yml"), path.join(workspace, "data/schema.yml"));
    const r = await runJob(path.join(ROOT, "workflows-examples/pr-gates.yml"), "data", {
      ...common(),
      github: {
        repository: REPO,
        event_name: "pull_request",
        event: pullRequestEvent(),
        sha: MERGE_SHA,
        api_url: gh.url,
        token: "ghs_x",
      },
    });
    expect(r.steps.map((s) => [s.uses?.split("@")[0], s.outcome])).toEqual([
      ["actions/checkout", "success"],
      ["mlgate/mlgate/actions/data-validation", "success"],
    ]);
    expect(r.steps[1]?.nested?.map((s) => s.outcome)).toEqual(["success", "success", "success", "success", "success"]);
    expect(r.conclusion).toBe("success");
    expect(Object.keys(r.artifacts)).toEqual(["mlgate-data"]);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/data", head_sha: HEAD_SHA, conclusion: "success" });
  });
});

describe("workflows-examples/publish.yml", () => {
  const report = (): string => {
    const r = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/model-report.json"), "utf8")) as {
      provenance: Record<string, unknown>;
    };
    r.provenance.pullRequest = PR;
    return JSON.stringify(r);
  };

  it("is skipped after a same-repository PR's run, which published from its own jobs", async () => {
    const r = await runJob(path.join(ROOT, "workflows-examples/publish.yml"), "publish", {
      ...common(),
      github: {
        repository: REPO,
        event_name: "workflow_run",
        event: workflowRunEvent({ runId: 55, headSha: HEAD_SHA, pr: PR }),
        api_url: gh.url,
        token: "ghs_x",
      },
    });
    expect(r.conclusion).toBe("skipped");
    expect(gh.requests).toEqual([]);
  });

  it("after a fork PR's run, posts its reports on the PR head", async () => {
    gh.state.addArtifact(56, "mlgate-model", { "model.json": report() });
    gh.state.addPull({
      number: PR,
      state: "open",
      head: { sha: HEAD_SHA, ref: "feature", label: "forker:feature", repo: FORK },
      base: { sha: "2".repeat(40), ref: "main" },
    });
    const r = await runJob(path.join(ROOT, "workflows-examples/publish.yml"), "publish", {
      ...common(),
      github: {
        repository: REPO,
        event_name: "workflow_run",
        event: workflowRunEvent({ runId: 56, headSha: HEAD_SHA, headRepo: FORK }),
        api_url: gh.url,
        token: "ghs_x",
      },
    });
    expect(r.conclusion).toBe("success");
    expect(r.steps[0]?.outputs).toEqual({ status: "fail", reports: "1" });
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/model", head_sha: HEAD_SHA, conclusion: "failure" });
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
  });
});
