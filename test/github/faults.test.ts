// GitHub API faults: rate limits with and without retry-after, 5xx, a server that never answers and
// connections dropped before or in the middle of an answer. Every request goes over HTTP to the
// double, which injects the fault (addFault); the retry policy is src/github/api-retry.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/core/errors.js";
import { GitHubUnavailableError } from "../../src/github/api-retry.js";
import { createClient } from "../../src/github/client.js";
import { GitHubEvidence } from "../../src/github/deploy-evidence.js";
import { runCli } from "../support/cli.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, pullRequestEvent, runnerEnv } from "./runner-env.js";

const REPO = "octo-org/octo-repo";
const SHA = "a".repeat(40);
const CREATE = "POST /repos/octo-org/octo-repo/check-runs";
const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

let gh: GitHubDouble;
beforeEach(async () => {
  gh = await startGitHubDouble({ repository: REPO });
});
afterEach(async () => {
  await gh.close();
});

function client(env: Record<string, string> = {}, waits: string[] = []): ReturnType<typeof createClient> {
  return createClient({
    token: "t",
    env: { GITHUB_API_URL: gh.url, MLGATE_RETRY_SCALE: "0.01", ...env },
    onWait: (m) => waits.push(m),
  });
}

const createCheck = (o: ReturnType<typeof createClient>): Promise<unknown> =>
  o.rest.checks.create({ owner: "octo-org", repo: "octo-repo", name: "mlgate/data", head_sha: SHA, status: "in_progress" });

/** [status, fault] of each check-run creation the double saw, and the gaps between them in ms. */
function attempts(): { seen: string[]; gaps: number[] } {
  const q = gh.apiRequests().filter((r) => r.operationId === "checks/create");
  return {
    seen: q.map((r) => `${r.status}${r.fault ? ` ${r.fault}` : ""}`),
    gaps: q.slice(1).map((r, i) => r.at - q[i]!.at),
  };
}

async function failure(p: Promise<unknown>): Promise<GitHubUnavailableError> {
  const e: unknown = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(GitHubUnavailableError);
  expect(e).toBeInstanceOf(ConfigurationError);
  return e as GitHubUnavailableError;
}

describe("the retry policy against injected faults", () => {
  it("429 with retry-after: waits what GitHub asked (scaled), then succeeds", async () => {
    gh.addFault({ operationId: "checks/create", status: 429, headers: { "retry-after": "10" }, body: { message: SECONDARY } });
    const waits: string[] = [];
    await createCheck(client({}, waits));
    const a = attempts();
    expect(a.seen).toEqual(["429 status 429", "201"]);
    // retry-after 10 s at scale 0.01: 100 ms, not plugin-retry's fixed 1 s backoff (10 ms here).
    expect(a.gaps[0]).toBeGreaterThanOrEqual(95);
    expect(waits).toEqual([`GitHub API call ${CREATE}: a secondary rate limit; retry 1 of 3 in 10 s`]);
    expect(gh.state.checkRuns).toHaveLength(1);
  });

  it("a 429 without the secondary message is waited out too, retry-after as an HTTP date", async () => {
    const at = new Date(Date.now() + 20_000).toUTCString();
    gh.addFault({
      operationId: "checks/create",
      status: 429,
      headers: { "retry-after": at },
      body: { message: "Too Many Requests" },
    });
    const waits: string[] = [];
    await createCheck(client({}, waits));
    expect(attempts().seen).toEqual(["429 status 429", "201"]);
    expect(waits[0]).toMatch(
      /^GitHub API call POST \/repos\/octo-org\/octo-repo\/check-runs: HTTP 429 \(Too Many Requests\); retry 1 of 3 in (19|20|21) s$/,
    );
  });

  it("secondary rate limit as a 403 without retry-after: waits GitHub's advised minute (scaled)", async () => {
    gh.addFault({ operationId: "checks/create", status: 403, body: { message: SECONDARY } });
    await createCheck(client());
    const a = attempts();
    expect(a.seen).toEqual(["403 status 403", "201"]);
    expect(a.gaps[0]).toBeGreaterThanOrEqual(595);
  });

  it("a retry-after beyond 60 s is not waited: one attempt, one sentence naming the call", async () => {
    gh.addFault({ operationId: "checks/create", status: 403, headers: { "retry-after": "3600" }, body: { message: SECONDARY } });
    const t = Date.now();
    const e = await failure(createCheck(client({ MLGATE_RETRY_SCALE: "1" })));
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(e.message).toBe(
      `GitHub API call ${CREATE} got a secondary rate limit and was asked to wait 3600 s, longer than mlgate waits (60 s)`,
    );
    expect(attempts().seen).toEqual(["403 status 403"]);
  });

  it("an exhausted primary limit waits for x-ratelimit-reset", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 4);
    gh.addFault({
      operationId: "checks/create",
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      body: { message: "API rate limit exceeded for installation ID 1." },
    });
    const waits: string[] = [];
    await createCheck(client({}, waits));
    expect(attempts().seen).toEqual(["403 status 403", "201"]);
    expect(waits[0]).toMatch(/: the rate limit; retry 1 of 3 in [4-6] s$/);
  });

  it("5xx: 4 attempts with backoff 1, 2, 4 s (scaled), then GitHubUnavailableError", async () => {
    gh.addFault({ operationId: "checks/create", status: 503, times: 10 });
    const e = await failure(createCheck(client({ MLGATE_RETRY_SCALE: "0.05" })));
    expect(e.message).toBe(`GitHub API call ${CREATE} failed 4 times; the last answer was HTTP 503 (Server Error)`);
    expect(e.attempts).toBe(4);
    expect(e.lastStatus).toBe(503);
    const a = attempts();
    expect(a.seen).toEqual(["503 status 503", "503 status 503", "503 status 503", "503 status 503"]);
    // 50, 100, 200 ms; the upper bound keeps a loaded machine's slack but catches a wrong backoff.
    expect(a.gaps[0]).toBeGreaterThanOrEqual(45);
    expect(a.gaps[1]).toBeGreaterThanOrEqual(95);
    expect(a.gaps[2]).toBeGreaterThanOrEqual(195);
    expect(a.gaps.reduce((x, y) => x + y, 0)).toBeLessThan(3_000);
  });

  it("a 4xx that is not a limit is not retried and keeps its status", async () => {
    gh.addFault({ operationId: "checks/create", status: 404, body: { message: "Not Found" } });
    const e: unknown = await createCheck(client()).catch((x: unknown) => x);
    expect(e).not.toBeInstanceOf(GitHubUnavailableError);
    expect((e as { status: number }).status).toBe(404);
    expect(attempts().seen).toEqual(["404 status 404"]);
  });

  it("a server that never answers: each attempt has a deadline, the next one succeeds", async () => {
    gh.addFault({ operationId: "checks/create", hang: true });
    const t = Date.now();
    await createCheck(client({ MLGATE_API_TIMEOUT_MS: "300" }));
    expect(Date.now() - t).toBeGreaterThanOrEqual(300);
    expect(attempts().seen).toEqual(["0 hang", "201"]);
  });

  it("a server that never answers at all: 4 deadlines, then a sentence, no hang", async () => {
    gh.addFault({ operationId: "checks/create", hang: true, times: 10 });
    const t = Date.now();
    const e = await failure(createCheck(client({ MLGATE_API_TIMEOUT_MS: "300" })));
    const took = Date.now() - t;
    expect(e.message).toBe(`GitHub API call ${CREATE} failed 4 times; the last answer was no answer within 0.3 s`);
    expect(took).toBeGreaterThanOrEqual(1_200);
    expect(took).toBeLessThan(8_000);
    expect(e.lastStatus).toBe(500);
  });

  it("a connection dropped before the answer is retried", async () => {
    gh.addFault({ operationId: "checks/create", drop: "before", times: 2 });
    await createCheck(client());
    expect(attempts().seen).toEqual(["0 drop before", "0 drop before", "201"]);
    expect(gh.state.checkRuns).toHaveLength(1);
  });

  it("a connection dropped in the middle of the body is a failed attempt, not an empty answer", async () => {
    gh.state.addCheckRun({ name: "mlgate/model", head_sha: SHA, conclusion: "success" });
    gh.addFault({ operationId: "checks/list-for-ref", drop: "mid-body" });
    const o = client();
    const { data } = await o.rest.checks.listForRef({ owner: "octo-org", repo: "octo-repo", ref: SHA });
    expect(data.check_runs.map((c) => c.name)).toEqual(["mlgate/model"]);
    expect(gh.apiRequests().map((r) => `${r.status}${r.fault ? ` ${r.fault}` : ""}`)).toEqual(["200 drop mid-body", "200"]);
  });

  it("connections that keep dropping: the sentence says so", async () => {
    gh.addFault({ operationId: "checks/create", drop: "before", times: 10 });
    const e = await failure(createCheck(client()));
    expect(e.message).toMatch(
      /^GitHub API call POST \/repos\/octo-org\/octo-repo\/check-runs failed 4 times; the last answer was a failed connection \(.+\)$/,
    );
  });
});

describe("the deploy gate's GitHub calls", () => {
  it("evidence: a GitHub that keeps failing is one exit-2 sentence naming the call", async () => {
    gh.state.addTag("v1.4.0", SHA);
    gh.addFault({ status: 502, times: 10 });
    const e = await failure(
      new GitHubEvidence({
        octokit: client(),
        context: { owner: "octo-org", repo: "octo-repo", repository: REPO },
        tag: "v1.4.0",
      }).collect(),
    );
    expect(e.message).toMatch(
      /^GitHub API call GET \/repos\/octo-org\/octo-repo\/git\/ref\/\S+ failed 4 times; the last answer was HTTP 502 \(Server Error\)$/,
    );
  });
});

describe("mlgate publish when GitHub fails", () => {
  it("a check run that cannot be created fails the step: exit 2, one sentence, no stack, no warning", async () => {
    gh.addFault({ operationId: "checks/create", status: 502, times: 10 });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(res.code).toBe(2);
    // Progress lines for each wait (as the log shows them), then the one sentence of the failure.
    expect(res.stderr.split("\n")).toEqual([
      `mlgate publish: GitHub API call ${CREATE}: HTTP 502 (Server Error); retry 1 of 3 in 1 s`,
      `mlgate publish: GitHub API call ${CREATE}: HTTP 502 (Server Error); retry 2 of 3 in 2 s`,
      `mlgate publish: GitHub API call ${CREATE}: HTTP 502 (Server Error); retry 3 of 3 in 4 s`,
      `mlgate publish: test/fixtures/reports/model.json was not posted as mlgate/model: GitHub API call ${CREATE} failed 4 times; the last answer was HTTP 502 (Server Error)`,
      "",
    ]);
    expect(res.stdout).not.toContain("::warning");
    expect(gh.state.checkRuns).toHaveLength(0);
    expect(gh.apiRequests().filter((q) => q.operationId === "checks/create")).toHaveLength(4);
  });

  it("a GitHub that never answers: exit 2 within the deadlines, not a hang", async () => {
    gh.addFault({ operationId: "checks/update", hang: true, times: 10 });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent(), { MLGATE_API_TIMEOUT_MS: "400" });
    const t = Date.now();
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(res.code).toBe(2);
    const lines = res.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(
      /^mlgate publish: test\/fixtures\/reports\/model\.json was not posted as mlgate\/model: GitHub API call PATCH \/repos\/octo-org\/octo-repo\/check-runs\/\d+ failed 4 times; the last answer was no answer within 0\.4 s$/,
    );
    expect(res.stderr).not.toMatch(/\n\s+at /);
    // The check run exists but was never completed: the failed step is what tells the reviewer.
    expect(gh.state.checkRuns.map((c) => [c.head_sha, c.status])).toEqual([[HEAD_SHA, "in_progress"]]);
  });

  it("rate limited twice, then posted: exit 0, no warning", async () => {
    gh.addFault({
      operationId: "checks/create",
      status: 429,
      times: 2,
      headers: { "retry-after": "2" },
      body: { message: SECONDARY },
    });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const res = await runCli(["publish", "--report", "test/fixtures/reports/model.json"], { env: r.env });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain("::warning");
    expect(gh.state.checkRuns.map((c) => c.conclusion)).toEqual(["success"]);
  });
});
