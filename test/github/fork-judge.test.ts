import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, PR, parseOutputs, pullRequestEvent, runnerEnv, workflowRunEvent } from "./runner-env.js";

/**
 * The fork path of `mlgate publish`: the workflow_run job judges the pull request's files itself
 * (--pr-checkout), with the base branch's config and rules, and shows the fork's report only as its
 * claim. Same data, same settings: the same conclusion as a same-repository PR's gate job.
 */
const FIXTURES = path.join(ROOT, "test/actions/fixtures/data");
const TRIGGER = 7070;
const FORK = "forker/octo-repo";

let gh: GitHubDouble;
let ws: string;
beforeEach(async () => {
  gh = await startGitHubDouble();
  ws = mkdtempSync(path.join(os.tmpdir(), "mlgate-judge-ws-"));
});
afterEach(async () => {
  await gh.close();
  rmSync(ws, { recursive: true, force: true });
});

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
  writeFileSync(path.join(ws, rel), text);
}

function forkRun(extra: NodeJS.ProcessEnv = {}) {
  gh.state.addPull({
    number: PR,
    state: "open",
    head: { sha: HEAD_SHA, ref: "patch-1", label: "forker:patch-1", repo: FORK },
    base: { sha: "2".repeat(40), ref: "main" },
  });
  const event = workflowRunEvent({ runId: TRIGGER, headSha: HEAD_SHA, headRepo: FORK, headBranch: "patch-1" });
  return runnerEnv(gh, "workflow_run", event, { GITHUB_WORKSPACE: ws, ...extra });
}

/** A report as a fork's edited workflow would upload it: green, for the right commit and PR. */
function forgedReport(gate: string, name?: string): string {
  return JSON.stringify({
    schemaVersion: 1,
    gate,
    status: "pass",
    summary: "all good, trust me",
    ...(name ? { name } : {}),
    subject: { path: "data/train.csv", sha256: "0".repeat(64) },
    checks: [],
    provenance: { tool: "mlgate 0.1.0", inputs: {}, commit: HEAD_SHA, headSha: HEAD_SHA, pullRequest: PR },
  });
}

describe("mlgate publish --pr-checkout (a fork's pull request judged in the trusted job)", () => {
  it("a forged green report cannot make the check pass: the gate runs on the PR's files with the base's contract", async () => {
    put("mlgate.yml", "version: 1\ngates:\n  data:\n    data: data/train.csv\n    schema: data/schema.yml\n");
    cpSync(path.join(FIXTURES, "schema.yml"), path.join(ws, "data/schema.yml"));
    cpSync(path.join(FIXTURES, "reference.csv"), path.join(ws, "data/train.csv"));
    // The fork: data with an empty required age (line 4), and a contract loosened to let it through.
    cpSync(path.join(FIXTURES, "current.csv"), path.join(ws, "pr/data/train.csv"));
    put("pr/data/schema.yml", "version: 1\ncolumns:\n  age:\n    type: integer\n");
    put("pr/mlgate.yml", "version: 1\ngates:\n  data:\n    data: data/reference.csv\n");
    gh.state.addArtifact(TRIGGER, "mlgate-data", { "data.json": forgedReport("data") });
    gh.state.addArtifact(TRIGGER, "mlgate-data-reference", { "data-reference.json": forgedReport("data", "reference") });
    const r = forkRun();
    const res = await runCli(["publish", "--pr-checkout", "pr"], { env: r.env, cwd: ws });
    expect(res.stderr).not.toMatch(/internal error|\bat \S+\.js/);
    expect(res.code).toBe(0);
    expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion])).toEqual([
      ["mlgate/data", HEAD_SHA, "failure"],
      ["mlgate/data (reference)", HEAD_SHA, "failure"],
    ]);
    const [judged, claimOnly] = gh.state.checkRuns;
    expect(judged?.output.title).toMatch(/^mlgate\/data failed: /);
    expect(judged?.output.text).toContain("rule.age.required");
    expect(judged?.output.summary).toContain(
      "_The fork's claim (not used): pass: all good, trust me._ A fork's run executes code the fork controls; this verdict is the base repository's mlgate on the pull request's files, with the base branch's rules.",
    );
    expect(claimOnly?.output.summary).toContain(
      "mlgate/data (reference) cannot be judged from a fork, because the base branch's config judges only mlgate/data (the unnamed check",
    );
    const comments = gh.state.commentsOn(PR);
    expect(comments.map((c) => c.body.split("\n")[0])).toEqual([
      "<!-- mlgate:data:default -->",
      "<!-- mlgate:data:reference -->",
    ]);
    expect(comments[0]?.body).toContain("_The fork's claim (not used): pass: all good, trust me._");
    expect(parseOutputs(readFileSync(r.output, "utf8"))).toEqual({ status: "error", reports: "2" });
    expect(res.stdout).toMatch(
      /^judged data: mlgate\/data fail: check run https:\/\/github\.com\/octo-org\/octo-repo\/runs\/\d+, comment created$/m,
    );
    expect(gh.apiRequests().every((q) => q.valid)).toBe(true);
  });

  it("judges the gates the base config names even when the fork uploaded no report at all", async () => {
    put("mlgate.yml", "version: 1\ngates:\n  data:\n    data: data/train.csv\n    schema: data/schema.yml\n");
    cpSync(path.join(FIXTURES, "schema.yml"), path.join(ws, "data/schema.yml"));
    cpSync(path.join(FIXTURES, "reference.csv"), path.join(ws, "pr/data/train.csv"));
    const res = await runCli(["publish", "--pr-checkout", "pr", "--quiet"], { env: forkRun().env, cwd: ws });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(gh.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([["mlgate/data", "success"]]);
    expect(gh.state.checkRuns[0]?.output.summary).toContain("_The fork's own run uploaded no report for this check._");
    // workflow_run.pull_requests is empty for a fork: the PR is found through the API.
    expect(gh.apiRequests().find((q) => q.operationId === "pulls/list")?.query).toMatchObject({
      head: "forker:patch-1",
      state: "open",
    });
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
  });

  it("refuses to read through a symbolic link leading out of the pull request's files", async () => {
    put("mlgate.yml", "version: 1\ngates:\n  data:\n    data: data/train.csv\n");
    cpSync(path.join(FIXTURES, "reference.csv"), path.join(ws, "data/train.csv"));
    mkdirSync(path.join(ws, "pr/data"), { recursive: true });
    symlinkSync("../../data/train.csv", path.join(ws, "pr/data/train.csv"));
    const res = await runCli(["publish", "--pr-checkout", "pr", "--quiet"], { env: forkRun().env, cwd: ws });
    expect(res.code).toBe(0);
    expect(gh.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([["mlgate/data", "failure"]]);
    expect(gh.state.checkRuns[0]?.output.title).toBe(
      "mlgate/data could not run: the pull request has a symbolic link leading out of its own files (data/train.csv -> ../../data/train.csv); mlgate does not judge a pull request through it",
    );
  });

  it("without --pr-checkout a fork's reports are refused (exit 2, nothing posted)", async () => {
    gh.state.addArtifact(TRIGGER, "mlgate-data", { "data.json": forgedReport("data") });
    const res = await runCli(["publish"], { env: forkRun().env, cwd: ws });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `mlgate publish: the triggering run ${TRIGGER} ran a fork's workflow, so its reports are the fork's claims, not verdicts; check out the pull request's head as data and pass --pr-checkout DIR (the pr-checkout input of actions/publish) to judge it here\n`,
    );
    expect(gh.state.checkRuns).toEqual([]);
    expect(gh.state.comments).toEqual([]);
  });

  it("--pr-checkout must be a folder other than the workspace", async () => {
    const res = await runCli(["publish", "--pr-checkout", "."], { env: forkRun().env, cwd: ws });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      "mlgate publish: --pr-checkout .: is the workspace itself; check out the pull request into a folder of its own (the workspace holds the base branch and its rules)\n",
    );
  });
});

describe("fork and same-repository paths agree on every verdict setting", () => {
  // examples/data/current.csv drifts from reference.csv (income): the data gate warns, nothing fails.
  function project(failOn: string | undefined): void {
    const config = `version: 1\ngates:\n  data:\n    data: data/current.csv\n    reference: data/reference.csv\n${
      failOn ? `    fail_on: ${failOn}\n` : ""
    }`;
    put("mlgate.yml", config);
    cpSync(path.join(ROOT, "examples/data/reference.csv"), path.join(ws, "data/reference.csv"));
    cpSync(path.join(ROOT, "examples/data/current.csv"), path.join(ws, "data/current.csv"));
    cpSync(path.join(ROOT, "examples/data/current.csv"), path.join(ws, "pr/data/current.csv"));
  }

  it.each([
    [undefined, "success"],
    ["warning", "failure"],
    ["error", "success"],
  ])("gates.data.fail_on %s: %s on both paths", async (failOn, conclusion) => {
    project(failOn);
    // Same repository: the gate job itself (actions/data-validation passes no --fail-on unless asked).
    const same = runnerEnv(gh, "pull_request", pullRequestEvent(), { GITHUB_WORKSPACE: ws });
    const gate = await runCli(["data", "--quiet"], { env: same.env, cwd: ws });
    expect(gate.stdout).toMatch(/^warn: /);
    expect(gate.code).toBe(conclusion === "failure" ? 1 : 0);
    const sameRepo = gh.state.checkRuns.map((c) => [c.name, c.conclusion]);
    gh.state.checkRuns = [];
    gh.state.comments = [];
    // Fork: judged by the workflow_run job with the base branch's config.
    const fork = await runCli(["publish", "--pr-checkout", "pr", "--quiet"], { env: forkRun().env, cwd: ws });
    expect(fork.code).toBe(0);
    expect(sameRepo).toEqual([["mlgate/data", conclusion]]);
    expect(gh.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([["mlgate/data", conclusion]]);
  });
});
