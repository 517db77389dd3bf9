import { cpSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJob } from "../action-runner/runner.js";
import { startGitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, MERGE_SHA, REPO, pullRequestEvent, workflowRunEvent } from "../github/runner-env.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * This repository's own .github/workflows, job by job, in a checkout of it (actions/, dist/ = this
 * test run's bundle, examples/): `uses: ./actions/...` runs the actions this commit ships.
 */
let repo: ActionRepo;
beforeAll(() => {
  repo = makeActionRepo();
  cpSync(path.join(ROOT, "examples"), path.join(repo.root, "examples"), { recursive: true });
});
afterAll(() => {
  repo.dispose();
});

const GATES = path.join(ROOT, ".github/workflows/gates.yml");

describe(".github/workflows/gates.yml", () => {
  it.each([
    ["data", ["mlgate/data (reference)", "mlgate/data (drift)"]],
    ["model", ["mlgate/model"]],
    ["onnx", ["mlgate/onnx"]],
  ])(
    "job %s passes on examples/ and posts its check runs on the PR head",
    async (job, checks) => {
      const gh = await startGitHubDouble();
      try {
        const r = await runJob(GATES, job, {
          workspace: repo.root,
          github: {
            repository: REPO,
            event_name: "pull_request",
            event: pullRequestEvent(),
            sha: MERGE_SHA,
            api_url: gh.url,
            token: "ghs_x",
          },
          env: { MLGATE_RETRY_SCALE: "0.01" },
        });
        const failed = r.steps.filter((s) => s.outcome !== "success").map((s) => `${s.uses ?? s.name}: ${s.stderr}`);
        expect(failed).toEqual([]);
        expect(r.conclusion).toBe("success");
        expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion])).toEqual(
          checks.map((n) => [n, HEAD_SHA, "success"]),
        );
        expect(gh.requests.filter((q) => !q.valid)).toEqual([]);
      } finally {
        await gh.close();
      }
    },
    120_000,
  );
});

describe(".github/workflows/publish.yml", () => {
  it("skips a same-repository run (the gates published themselves)", async () => {
    const r = await runJob(path.join(ROOT, ".github/workflows/publish.yml"), "publish", {
      workspace: repo.root,
      github: {
        repository: REPO,
        event_name: "workflow_run",
        event: workflowRunEvent({ runId: 1, headSha: HEAD_SHA, pr: 7 }),
        token: "ghs_x",
      },
    });
    expect(r.conclusion).toBe("skipped");
  });
});
