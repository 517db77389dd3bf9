import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../src/github/client.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";

let gh: GitHubDouble;
beforeAll(async () => {
  gh = await startGitHubDouble();
});
afterAll(async () => {
  await gh.close();
});

const call = async (
  method: string,
  p: string,
  body?: unknown,
  auth = true,
): Promise<{ status: number; json: unknown; headers: Headers }> => {
  const res = await fetch(`${gh.url}${p}`, {
    method,
    headers: { ...(auth ? { authorization: "token t" } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
};

describe("the GitHub API double", () => {
  it("answers an invalid check run (conclusion: bogus) with GitHub's 422 and records why", async () => {
    const res = await call("POST", "/repos/octo-org/octo-repo/check-runs", {
      name: "mlgate/data",
      head_sha: "1".repeat(40),
      conclusion: "bogus",
    });
    expect(res.status).toBe(422);
    const body = res.json as { message: string; documentation_url: string; status: string };
    expect(body.status).toBe("422");
    expect(body.message).toMatch(/^Invalid request\.\n\n/);
    expect(body.message).toContain("body/conclusion must be equal to one of the allowed values");
    expect(body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest\/.*checks.*#create-a-check-run$/);
    const rec = gh.requests.at(-1)!;
    expect(rec).toMatchObject({ operationId: "checks/create", valid: false, status: 422 });
    expect(gh.state.checkRuns).toHaveLength(0);
  });

  it("rejects 51 annotations in one request (the API's limit is 50) and a query parameter of the wrong type", async () => {
    const annotations = Array.from({ length: 51 }, (_, i) => ({
      path: "a.csv",
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: "failure",
      message: "m",
    }));
    const res = await call("POST", "/repos/octo-org/octo-repo/check-runs", {
      name: "x",
      head_sha: "1".repeat(40),
      output: { title: "t", summary: "s", annotations },
    });
    expect(res.status).toBe(422);
    expect((res.json as { message: string }).message).toContain("body/output/annotations must NOT have more than 50 items");
    const list = await call("GET", "/repos/octo-org/octo-repo/issues/7/comments?per_page=lots");
    expect(list.status).toBe(422);
    expect((list.json as { message: string }).message).toContain("query/per_page must be integer");
  });

  it("answers 404 for routes GitHub does not have and for other repositories, 401 without a token", async () => {
    expect((await call("GET", "/repos/octo-org/octo-repo/no-such-thing")).status).toBe(404);
    expect((await call("GET", "/repos/someone/else/issues/7/comments")).status).toBe(404);
    const anon = await call("GET", "/repos/octo-org/octo-repo/issues/7/comments", undefined, false);
    expect(anon.status).toBe(401);
    expect((anon.json as { message: string }).message).toBe("Requires authentication");
  });

  it("paginates with Link headers: 30 by default, at most 100 per page", async () => {
    gh.state.addComments(
      9,
      Array.from({ length: 250 }, (_, i) => `c${i}`),
    );
    const first = await call("GET", "/repos/octo-org/octo-repo/issues/9/comments");
    expect((first.json as unknown[]).length).toBe(30);
    const link = first.headers.get("link") ?? "";
    expect(link).toContain(`<${gh.url}/repos/octo-org/octo-repo/issues/9/comments?per_page=30&page=2>; rel="next"`);
    expect(link).toContain(`page=9>; rel="last"`);
    // Like GitHub, a per_page above 100 is served as 100.
    const big = await call("GET", "/repos/octo-org/octo-repo/issues/9/comments?per_page=500&page=3");
    expect(big.status).toBe(200);
    expect((big.json as { body: string }[]).map((c) => c.body)).toEqual(Array.from({ length: 50 }, (_, i) => `c${200 + i}`));
    expect(big.headers.get("link")).not.toContain('rel="next"');
    expect(big.headers.get("link")).toContain('page=2>; rel="prev"');
  });

  it("serves deployments, statuses, artifacts and check runs to Octokit in GitHub's documented shapes", async () => {
    const octokit = createClient({ token: "t", env: { GITHUB_API_URL: gh.url, MLGATE_RETRY_SCALE: "0" } });
    const repo = { owner: "octo-org", repo: "octo-repo" };
    const before = gh.requests.length;
    gh.state.addTag("v1.2.0", "5".repeat(40));
    const { data: dep } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: "v1.2.0",
      environment: "production",
      auto_merge: false,
      required_contexts: [],
      payload: { model: "sha256:abc" },
    });
    expect("id" in dep && dep.environment).toBe("production");
    const id = "id" in dep ? dep.id : 0;
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: "in_progress" });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: "failure", description: "rolled back" });
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id });
    expect(statuses.data.map((x) => x.state)).toEqual(["failure", "in_progress"]);
    const deployments = await octokit.rest.repos.listDeployments({ ...repo, environment: "production" });
    expect(deployments.data.map((d) => d.ref)).toEqual(["v1.2.0"]);

    gh.state.addArtifact(31, "mlgate-data", { "data.json": "{}" });
    const artifacts = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 31 });
    expect(artifacts.data.artifacts.map((a) => [a.name, a.size_in_bytes])).toEqual([["mlgate-data", 2]]);
    const { data: run } = await octokit.rest.checks.create({ ...repo, name: "mlgate/x", head_sha: "1".repeat(40) });
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: run.id })).data.status).toBe("queued");
    const { data: c } = await octokit.rest.issues.createComment({ ...repo, issue_number: 3, body: "hi" });
    expect((await octokit.rest.issues.getComment({ ...repo, comment_id: c.id })).data.body).toBe("hi");
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: c.id });
    expect(gh.state.commentsOn(3)).toEqual([]);

    const sent = gh.requests.slice(before);
    expect(sent).toHaveLength(11);
    expect(sent.filter((q) => !q.valid || (q.responseErrors ?? []).length > 0)).toEqual([]);
  });
});
