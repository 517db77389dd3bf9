import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, MERGE_SHA, PR, pullRequestEvent, runnerEnv } from "./runner-env.js";

const FIXTURE = "test/fixtures/reports/data.json";
const MARKER = "<!-- mlgate:data:default -->";

let gh: GitHubDouble;
const allRequests: GitHubDouble["requests"] = [];

beforeAll(async () => {
  gh = await startGitHubDouble();
});
beforeEach(async () => {
  // A fresh double per test; the records of all of them are checked against the OpenAPI at the end.
  allRequests.push(...gh.requests);
  await gh.close();
  gh = await startGitHubDouble();
});
afterAll(async () => {
  allRequests.push(...gh.requests);
  await gh.close();
});

const ops = (op: string): GitHubDouble["requests"] => gh.apiRequests().filter((r) => r.operationId === op);

describe("mlgate publish --report against the GitHub API double", () => {
  it("creates one check run on the PR head with 120 annotations in 3 updates, and one comment; a re-run creates nothing", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const first = await runCli(["publish", "--report", FIXTURE], { env: r.env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);

    expect(ops("checks/create")).toHaveLength(1);
    expect(ops("checks/update")).toHaveLength(3);
    expect(
      ops("checks/update").map((u) => ((u.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length),
    ).toEqual([50, 50, 20]);
    expect(gh.state.checkRuns).toHaveLength(1);
    const run = gh.state.checkRuns[0]!;
    expect(run.head_sha).toBe(HEAD_SHA);
    expect(run.head_sha).not.toBe(MERGE_SHA);
    expect(run.name).toBe("mlgate/data");
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toHaveLength(120);
    // Most severe first: the 100 failures, then the 20 warnings.
    expect(run.annotations.slice(0, 100).every((a) => a.annotation_level === "failure")).toBe(true);
    expect(run.annotations.slice(100).every((a) => a.annotation_level === "warning")).toBe(true);
    expect(run.annotations[0]).toMatchObject({ path: "data/train.csv", start_line: 2, end_line: 2 });
    expect(run.annotations[100]).toMatchObject({ path: "data/train.csv", start_line: 200 });
    expect(run.output.summary).toContain("2 failed · 1 warnings · 1 passed · 0 skipped");

    const comments = gh.state.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(comments[0]!.body).toContain(`https://github.com/octo-org/octo-repo/runs/${run.id}`);
    expect(first.stdout).toContain(
      `${FIXTURE}: mlgate/data fail: check run https://github.com/octo-org/octo-repo/runs/${run.id}, comment created`,
    );

    // The same report again: the check run is updated in place (its annotations are already there)
    // and the comment, identical, is left alone.
    const before = gh.apiRequests().length;
    const second = await runCli(["publish", "--report", FIXTURE], { env: r.env });
    expect(second.code).toBe(0);
    const again = gh.apiRequests().slice(before);
    expect(again.filter((q) => q.method === "POST")).toEqual([]);
    expect(again.filter((q) => q.operationId === "checks/update")).toHaveLength(1);
    expect(again.filter((q) => q.operationId === "issues/update-comment")).toHaveLength(0);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]!.annotations).toHaveLength(120);
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
    expect(second.stdout).toContain("comment unchanged");
  });

  it("updates both in place when the report changed, and creates nothing new", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    expect((await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env })).code).toBe(0);
    const changed = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/reports/model.json"), "utf8")) as {
      status: string;
      summary: string;
      checks: { status: string }[];
    };
    changed.status = "fail";
    changed.summary = "candidate roc_auc 0.880 vs baseline 0.905 (-0.025)";
    changed.checks[0]!.status = "fail";
    const file = path.join(r.dir, "model.json");
    writeFileSync(file, JSON.stringify(changed));
    const before = gh.apiRequests().length;
    const res = await runCli(["publish", "--report", file, "--allow-outside-workspace"], { env: r.env });
    expect(res.code).toBe(0);
    const again = gh.apiRequests().slice(before);
    expect(again.filter((q) => q.method === "POST")).toEqual([]);
    expect(again.map((q) => q.operationId)).toEqual([
      "checks/list-for-ref",
      "checks/update",
      "pulls/get",
      "issues/list-comments",
      "issues/update-comment",
    ]);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]!.conclusion).toBe("failure");
    const comments = gh.state.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("candidate roc&#95;auc 0.880 vs baseline 0.905 (-0.025)");
    expect(comments[0]!.body.startsWith("<!-- mlgate:model:default -->\n")).toBe(true);
  });

  it("finds its comment on page 2 of 150 and updates it instead of adding one", async () => {
    const bodies = Array.from({ length: 150 }, (_, i) => `review comment ${i}`);
    gh.state.addComments(PR, bodies.slice(0, 120));
    // mlgate's own earlier comment: written by the workflow token's bot, like the check runs.
    gh.state.addComments(PR, [`${MARKER}\nan old verdict`], "github-actions[bot]");
    gh.state.addComments(PR, bodies.slice(121));
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await runCli(["publish", "--report", FIXTURE], { env: r.env });
    expect(res.code).toBe(0);
    const lists = ops("issues/list-comments");
    expect(lists.map((q) => q.query.page ?? "1")).toEqual(["1", "2"]);
    expect(lists[1]!.query.per_page).toBe("100");
    expect(ops("issues/create-comment")).toHaveLength(0);
    expect(ops("issues/update-comment")).toHaveLength(1);
    const comments = gh.state.commentsOn(PR);
    expect(comments).toHaveLength(150);
    expect(comments[120]!.body).toContain("2 of 4 checks failed on data/train.csv");
  });

  it("escapes hostile text in the comment: no HTML, no mention, no table break", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    expect((await runCli(["publish", "--report", FIXTURE], { env: r.env })).code).toBe(0);
    const body = gh.state.commentsOn(PR)[0]!.body;
    expect(body).not.toContain("<img");
    expect(body).not.toContain("@team");
    expect(body).toContain("&#124;&lt;img src=x onerror=1&gt;@&#8203;team");
  });

  it("degrades to the job summary with exactly one warning when the token is read-only", async () => {
    gh.setMode({ kind: "read-only" });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent({ headRepo: "fork-owner/octo-repo" }));
    const hash = (): string =>
      createHash("sha256")
        .update(readFileSync(path.join(ROOT, FIXTURE)))
        .digest("hex");
    const before = hash();
    const res = await runCli(["publish", "--report", FIXTURE], { env: r.env });
    expect(res.code).toBe(0);
    const warnings = res.stdout.split("\n").filter((l) => l.startsWith("::warning"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "the GitHub token may not write check runs or comments (HTTP 403: Resource not accessible by integration",
    );
    expect(warnings[0]).toContain("expected on pull requests from forks");
    expect(readFileSync(r.summary, "utf8")).toContain("2 of 4 checks failed on data/train.csv");
    expect(hash()).toBe(before);
    // One attempt, no retries of a 403 that is not a rate limit.
    expect(gh.apiRequests().map((q) => `${q.method} ${q.status}`)).toEqual(["GET 200", "POST 403"]);
  });

  it("retries 500 answers and succeeds", async () => {
    gh.setMode({ kind: "server-error", times: 2 });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain("::warning");
    const first = gh.apiRequests().slice(0, 3);
    expect(first.map((q) => `${q.operationId ?? ""} ${q.status}`)).toEqual([
      "checks/list-for-ref 500",
      "checks/list-for-ref 500",
      "checks/list-for-ref 200",
    ]);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]!.conclusion).toBe("success");
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
  });

  it("gives up after 3 retries of a failing server: exit 2 with one sentence, the job summary still written", async () => {
    gh.setMode({ kind: "server-error", times: 100, status: 502 });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stdout).not.toContain("::warning");
    expect(res.stderr.trimEnd().split("\n").at(-1)).toBe(
      `mlgate publish: test/fixtures/reports/model.json was not posted as mlgate/model: GitHub API call GET /repos/octo-org/octo-repo/commits/${HEAD_SHA}/check-runs failed 4 times; the last answer was HTTP 502 (Server Error)`,
    );
    expect(gh.apiRequests().map((q) => q.status)).toEqual([502, 502, 502, 502]);
    expect(readFileSync(r.summary, "utf8")).toContain("mlgate/model passed");
  });

  it("waits out a secondary rate limit for its retry-after and succeeds", async () => {
    // retry-after 5 s at MLGATE_RETRY_SCALE 0.04 is a 200 ms wait.
    gh.setMode({ kind: "secondary-rate-limit", times: 1, retryAfter: 5 });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent(), { MLGATE_RETRY_SCALE: "0.04" });
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(res.code).toBe(0);
    const [limited, retried] = gh.apiRequests();
    expect(limited!.status).toBe(403);
    expect(retried!.status).toBe(200);
    expect(retried!.operationId).toBe(limited!.operationId);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(190);
    expect(gh.state.checkRuns[0]!.conclusion).toBe("success");
  });

  it("refuses a report for another commit", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent({ headSha: "4".repeat(40) }));
    const res = await runCli(["publish", "--report", FIXTURE], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `mlgate publish: ${FIXTURE}: was made for commit ${HEAD_SHA}, but this run ran on commit ${"4".repeat(40)}; refusing to publish it\n`,
    );
    expect(gh.apiRequests()).toEqual([]);
  });

  it("sent only requests that pass GitHub's OpenAPI description", () => {
    const all = [...allRequests, ...gh.requests].filter((q) => q.kind === "api");
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((q) => !q.valid).map((q) => `${q.method} ${q.url}: ${q.errors.join("; ")}`)).toEqual([]);
    expect(all.every((q) => q.operationId !== undefined)).toBe(true);
    // And the double answered in GitHub's documented shapes, so the client code saw what GitHub sends.
    expect(
      all
        .filter((q) => (q.responseErrors ?? []).length > 0)
        .map((q) => `${q.operationId ?? ""}: ${(q.responseErrors ?? []).join("; ")}`),
    ).toEqual([]);
  });
});
