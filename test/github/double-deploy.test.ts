// The GitHub API double's deploy routes (tags, commits' pulls, check runs by app, approvals, release
// uploads), through Octokit as mlgate uses it; every request and answer is checked against GitHub's
// OpenAPI description.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, httpStatusOf, type Octokit } from "../../src/github/client.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";

const repo = { owner: "octo-org", repo: "octo-repo" };
const C1 = "c".repeat(40);
const HEAD = "d".repeat(40);

let gh: GitHubDouble;
let octokit: Octokit;
beforeAll(async () => {
  gh = await startGitHubDouble();
});
afterAll(async () => {
  await gh.close();
});
beforeEach(async () => {
  await gh.close();
  gh = await startGitHubDouble();
  octokit = createClient({ token: "t", env: { GITHUB_API_URL: gh.url, MLGATE_RETRY_SCALE: "0" } });
});

/** Every request of the test was a documented one and every answer matched GitHub's schema. */
function expectFaithful(ops: string[]): void {
  expect(gh.apiRequests().map((q) => q.operationId)).toEqual(ops);
  expect(gh.apiRequests().filter((q) => !q.valid || (q.responseErrors ?? []).length > 0)).toEqual([]);
}

async function statusOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return 200;
  } catch (e) {
    return httpStatusOf(e);
  }
}

describe("GitHub double: deploy routes", () => {
  it("resolves a lightweight tag to its commit and an annotated one through its tag object; 404 for an unknown tag", async () => {
    gh.state.addTag("v1.0.0", C1);
    const tagSha = gh.state.addTag("v1.1.0", HEAD, true);
    const light = await octokit.rest.git.getRef({ ...repo, ref: "tags/v1.0.0" });
    expect(light.data.ref).toBe("refs/tags/v1.0.0");
    expect(light.data.object).toMatchObject({ type: "commit", sha: C1 });
    const annotated = await octokit.rest.git.getRef({ ...repo, ref: "tags/v1.1.0" });
    expect(annotated.data.object).toMatchObject({ type: "tag", sha: tagSha });
    const tag = await octokit.rest.git.getTag({ ...repo, tag_sha: tagSha });
    expect(tag.data.tag).toBe("v1.1.0");
    expect(tag.data.object).toMatchObject({ type: "commit", sha: HEAD });
    expect(await statusOf(octokit.rest.git.getRef({ ...repo, ref: "tags/v9" }))).toBe(404);
    // Octokit sends tags%2Fv1.0.0: the slash of the ref is encoded, as GitHub accepts it.
    expect(gh.apiRequests()[0]!.url).toBe("/repos/octo-org/octo-repo/git/ref/tags%2Fv1.0.0");
    expectFaithful(["git/get-ref", "git/get-ref", "git/get-tag", "git/get-ref"]);
  });

  it("lists a commit's pull requests: the one it is the head of and the one whose merge made it", async () => {
    gh.state.addPull({
      number: 12,
      state: "closed",
      head: { sha: HEAD, ref: "feature", label: "octo-org:feature", repo: "octo-org/octo-repo" },
      base: { sha: "b".repeat(40), ref: "main" },
      merged_at: "2026-01-02T03:04:05Z",
      merge_commit_sha: C1,
    });
    gh.state.addPull({
      number: 13,
      state: "open",
      head: { sha: "e".repeat(40), ref: "other", label: "octo-org:other", repo: "octo-org/octo-repo" },
      base: { sha: "b".repeat(40), ref: "main" },
    });
    const merged = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: C1 });
    expect(merged.data.map((p) => [p.number, p.merged_at, p.merge_commit_sha, p.head.sha])).toEqual([
      [12, "2026-01-02T03:04:05Z", C1, HEAD],
    ]);
    expect(merged.data[0]!.head.repo?.full_name).toBe("octo-org/octo-repo");
    const byHead = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: HEAD });
    expect(byHead.data.map((p) => p.number)).toEqual([12]);
    const none = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: "f".repeat(40) });
    expect(none.data).toEqual([]);
    expectFaithful(Array(3).fill("repos/list-pull-requests-associated-with-commit") as string[]);
  });

  it("lists check runs by commit, latest per name, with the app that wrote each", async () => {
    gh.state.addCheckRun({ name: "mlgate/model", head_sha: C1, conclusion: "failure", summary: "first" });
    gh.state.addCheckRun({ name: "mlgate/model", head_sha: C1, conclusion: "success", summary: "second" });
    gh.state.addCheckRun({
      name: "mlgate/onnx",
      head_sha: C1,
      conclusion: "success",
      app: { id: 999, slug: "someone-elses-app", name: "Someone" },
    });
    gh.state.addCheckRun({ name: "mlgate/model", head_sha: HEAD, conclusion: "success" });
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: C1, filter: "latest", per_page: 100 });
    expect(data.check_runs.map((c) => [c.name, c.conclusion, c.output.summary, c.app?.slug])).toEqual([
      ["mlgate/onnx", "success", null, "someone-elses-app"],
      ["mlgate/model", "success", "second", "github-actions"],
    ]);
    const all = await octokit.rest.checks.listForRef({ ...repo, ref: C1, filter: "all" });
    expect(all.data.total_count).toBe(3);
    expectFaithful(["checks/list-for-ref", "checks/list-for-ref"]);
  });

  it("records a deployment's auto_merge and required_contexts, and its statuses newest first", async () => {
    const { data } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: C1,
      environment: "production",
      auto_merge: false,
      required_contexts: [],
      payload: { version: "v1.0.0", digest: "sha256:" + "a".repeat(64), strategy: "canary" },
    });
    const id = "id" in data ? data.id : 0;
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: "in_progress", log_url: "https://x/1" });
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: id,
      state: "success",
      environment_url: "http://127.0.0.1:8080/v2/models/churn",
    });
    const d = gh.state.deployments[0]!;
    expect([d.sha, d.auto_merge, d.required_contexts, d.environment]).toEqual([C1, false, [], "production"]);
    expect(d.statuses.map((s) => [s.state, s.log_url, s.environment_url])).toEqual([
      ["in_progress", "https://x/1", ""],
      ["success", "", "http://127.0.0.1:8080/v2/models/churn"],
    ]);
    // A tag is resolved to its commit, as GitHub does; a ref GitHub does not know is refused.
    gh.state.addTag("v1.0.0", C1, true);
    await octokit.rest.repos.createDeployment({ ...repo, ref: "v1.0.0" });
    expect(gh.state.deployments[1]).toMatchObject({ sha: C1, ref: "v1.0.0", auto_merge: true, environment: "production" });
    expect(gh.state.deployments[1]!.required_contexts).toBeUndefined();
    const err = await octokit.rest.repos.createDeployment({ ...repo, ref: "v9" }).catch((e: unknown) => e);
    expect([httpStatusOf(err), (err as Error).message]).toEqual([422, expect.stringContaining("No ref found for: v9")]);
    expectFaithful([
      "repos/create-deployment",
      "repos/create-deployment-status",
      "repos/create-deployment-status",
      "repos/create-deployment",
      "repos/create-deployment",
    ]);
  });

  it("answers a run's approvals with who approved which environment", async () => {
    gh.state.addApproval(77, { user: "release-manager", state: "approved", comment: "Ship it", environments: ["production"] });
    const { data } = await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 77 });
    expect(data.map((a) => [a.user.login, a.state, a.comment, a.environments.map((e) => e.name)])).toEqual([
      ["release-manager", "approved", "Ship it", ["production"]],
    ]);
    expect((await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 78 })).data).toEqual([]);
    expectFaithful(["actions/get-reviews-for-run", "actions/get-reviews-for-run"]);
  });

  it("creates a release, takes raw uploads at the release's upload_url, refuses a duplicate name, deletes assets", async () => {
    const { data: rel } = await octokit.rest.repos.createRelease({ ...repo, tag_name: "v1.0.0", target_commitish: C1 });
    expect(rel.upload_url).toBe(`${gh.url}/repos/octo-org/octo-repo/releases/${rel.id}/assets{?name,label}`);
    expect(await statusOf(octokit.rest.repos.createRelease({ ...repo, tag_name: "v1.0.0" }))).toBe(422);
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    const upload = (name: string): Promise<{ data: { id: number; name: string; size: number; digest: string | null } }> =>
      octokit.request({
        method: "POST",
        url: rel.upload_url,
        name,
        data: bytes,
        headers: { "content-type": "application/octet-stream", "content-length": bytes.length },
      });
    const { data: asset } = await upload("churn.onnx");
    expect([asset.name, asset.size, asset.digest]).toEqual([
      "churn.onnx",
      7,
      `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    ]);
    expect(gh.state.releases[0]!.assets[0]!.data.equals(bytes)).toBe(true);
    expect(await statusOf(upload("churn.onnx"))).toBe(422);
    const listed = await octokit.rest.repos.listReleaseAssets({ ...repo, release_id: rel.id });
    expect(listed.data.map((a) => a.name)).toEqual(["churn.onnx"]);
    await octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset.id });
    expect(gh.state.releases[0]!.assets).toEqual([]);
    const byTag = await octokit.rest.repos.getReleaseByTag({ ...repo, tag: "v1.0.0" });
    expect([byTag.data.id, byTag.data.target_commitish]).toEqual([rel.id, C1]);
    expectFaithful([
      "repos/create-release",
      "repos/create-release",
      "repos/upload-release-asset",
      "repos/upload-release-asset",
      "repos/list-release-assets",
      "repos/delete-release-asset",
      "repos/get-release-by-tag",
    ]);
  });

  it("answers 403 to writes with a read-only token (a fork's): deployments and uploads", async () => {
    gh.state.addRelease("v1.0.0", {});
    gh.setMode({ kind: "read-only" });
    const err = await octokit.rest.repos
      .createDeployment({ ...repo, ref: C1, environment: "production" })
      .catch((e: unknown) => e);
    expect(httpStatusOf(err)).toBe(403);
    expect((err as Error).message).toContain("Resource not accessible by integration");
    expect(gh.state.deployments).toEqual([]);
    const rel = (await octokit.rest.repos.getReleaseByTag({ ...repo, tag: "v1.0.0" })).data;
    const upload = octokit.request({
      method: "POST",
      url: rel.upload_url,
      name: "m.onnx",
      data: Buffer.from("x"),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(await statusOf(upload)).toBe(403);
    expect(gh.state.releases[0]!.assets).toEqual([]);
  });
});
