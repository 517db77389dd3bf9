import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readGitHubContext } from "../../src/github/context.js";
import { isConfigurationError } from "../../src/core/errors.js";
import { BASE_SHA, HEAD_SHA, MERGE_SHA, pullRequestEvent, REPO, workflowRunEvent } from "./runner-env.js";

function envFor(eventName: string, event: object, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-ctx-"));
  const file = path.join(dir, "event.json");
  writeFileSync(file, JSON.stringify(event));
  return {
    GITHUB_REPOSITORY: REPO,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: file,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_RUN_ID: "4242",
    GITHUB_SERVER_URL: "https://github.example.com/",
    GITHUB_WORKSPACE: "/ws",
    ...extra,
  };
}

describe("readGitHubContext", () => {
  it("takes the PR head SHA from the pull_request payload, not the merge commit in GITHUB_SHA", () => {
    const ctx = readGitHubContext(envFor("pull_request", pullRequestEvent()));
    expect(ctx).toMatchObject({
      owner: "octo-org",
      repo: "octo-repo",
      eventName: "pull_request",
      pullRequest: 7,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      fork: false,
      runId: 4242,
      runUrl: "https://github.example.com/octo-org/octo-repo/actions/runs/4242",
      workspace: "/ws",
    });
  });

  it("detects a fork PR (head repository differs from the base), and a deleted fork", () => {
    expect(readGitHubContext(envFor("pull_request", pullRequestEvent({ headRepo: "someone/octo-repo" }))).fork).toBe(true);
    expect(readGitHubContext(envFor("pull_request_target", pullRequestEvent({ headRepo: null }))).fork).toBe(true);
    expect(readGitHubContext(envFor("pull_request", pullRequestEvent({ headRepo: "OCTO-ORG/octo-repo" }))).fork).toBe(false);
  });

  it("uses GITHUB_SHA on push and has no PR", () => {
    const ctx = readGitHubContext(envFor("push", { ref: "refs/heads/main" }));
    expect(ctx.headSha).toBe(MERGE_SHA);
    expect(ctx.pullRequest).toBeUndefined();
    expect(ctx.fork).toBe(false);
  });

  it("reads the triggering run of a workflow_run event, and the label that finds a fork's PR", () => {
    const ctx = readGitHubContext(
      envFor(
        "workflow_run",
        workflowRunEvent({ runId: 99, headSha: "5".repeat(40), headRepo: "forker/octo-repo", headBranch: "patch-1" }),
      ),
    );
    expect(ctx.headSha).toBe("5".repeat(40));
    expect(ctx.fork).toBe(true);
    expect(ctx.pullRequest).toBeUndefined();
    expect(ctx.triggeringRun).toEqual({ id: 99, headSha: "5".repeat(40), event: "pull_request", headLabel: "forker:patch-1" });
    const same = readGitHubContext(envFor("workflow_run", workflowRunEvent({ runId: 98, headSha: HEAD_SHA, pr: 7 })));
    expect(same.pullRequest).toBe(7);
    expect(same.triggeringRun?.pullRequest).toBe(7);
  });

  it("names the variable when the runner environment is unusable", () => {
    const bad = (env: NodeJS.ProcessEnv): string => {
      try {
        readGitHubContext(env);
        return "no error";
      } catch (e) {
        return isConfigurationError(e) ? e.message : `bug: ${String(e)}`;
      }
    };
    expect(bad({ GITHUB_REPOSITORY: "just-a-name" })).toBe('GITHUB_REPOSITORY must be "owner/repo", not "just-a-name"');
    expect(bad({ GITHUB_REPOSITORY: REPO, GITHUB_SHA: "main" })).toBe(
      'cannot tell which commit to report on: GITHUB_SHA is "main", not a 40-hex SHA',
    );
  });
});
