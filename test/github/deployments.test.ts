// The deploy gate's record on GitHub: one deployment for the tag, statuses in_progress -> success or
// failure with the run's log URL, approvals of the run, and the audit record and model on the release.
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/gates/deploy/ports.js";
import { createClient } from "../../src/github/client.js";
import { auditAssetName, GitHubDeployments } from "../../src/github/deployments.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";

const REPO = "octo-org/octo-repo";
const COMMIT = "a".repeat(40);
const RUN = 4242;
const context = {
  owner: "octo-org",
  repo: "octo-repo",
  repository: REPO,
  serverUrl: "https://github.com",
  runId: RUN,
  runUrl: `https://github.com/${REPO}/actions/runs/${RUN}`,
  headSha: COMMIT,
};

let gh: GitHubDouble;
let model: string;
let sha: string;
beforeEach(async () => {
  gh = await startGitHubDouble({ repository: REPO });
  gh.state.addTag("v1.4.0", COMMIT);
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-deployments-"));
  model = path.join(dir, "churn.onnx");
  const bytes = Buffer.from("not really onnx, but bytes with a digest");
  writeFileSync(model, bytes);
  sha = createHash("sha256").update(bytes).digest("hex");
});
afterEach(async () => {
  await gh.close();
});

function recorder(o: { warn?: (m: string) => void } = {}): GitHubDeployments {
  return new GitHubDeployments({
    octokit: createClient({ token: "t", env: { GITHUB_API_URL: gh.url, MLGATE_RETRY_SCALE: "0" } }),
    context,
    tag: "v1.4.0",
    environmentUrl: "http://127.0.0.1:8080/v2/models/churn",
    ...o,
  });
}

function audit(outcome: AuditRecord["outcome"], message: string): AuditRecord {
  return {
    schemaVersion: 1,
    name: "churn",
    environment: "production",
    version: "v1.4.0",
    tag: "v1.4.0",
    commit: COMMIT,
    model: "models/churn.onnx",
    sha256: sha,
    target: "registry:registry",
    strategy: "canary",
    gates: [],
    approvals: [],
    previous: "v1.3.0",
    steps: [],
    outcome,
    message,
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:01:00.000Z",
  };
}

const info = (): Parameters<GitHubDeployments["begin"]>[0] => ({
  name: "churn",
  environment: "production",
  version: "v1.4.0",
  sha256: sha,
  strategy: "canary",
  commit: COMMIT,
});

describe("GitHubDeployments", () => {
  it("records a deployed release: one deployment, in_progress then success, audit record and model on a new release", async () => {
    const r = recorder();
    const begun = await r.begin(info());
    expect(gh.state.deployments).toHaveLength(1);
    const d = gh.state.deployments[0]!;
    expect(begun).toEqual({ deploymentId: String(d.id), url: `https://github.com/${REPO}/deployments/production` });
    expect([d.ref, d.sha, d.environment, d.auto_merge, d.required_contexts, d.task]).toEqual([
      "v1.4.0",
      COMMIT,
      "production",
      false,
      [],
      "deploy",
    ]);
    expect(d.payload).toEqual({ version: "v1.4.0", digest: `sha256:${sha}`, strategy: "canary" });
    expect(d.description).toBe(`mlgate: churn v1.4.0 (${sha.slice(0, 12)}), canary`);
    expect(d.statuses.map((s) => s.state)).toEqual(["in_progress"]);

    const a = audit("deployed", "v1.4.0 serves 100% of production");
    await r.end(a, model);
    expect(d.statuses.map((s) => [s.state, s.log_url, s.environment_url, s.description])).toEqual([
      ["in_progress", context.runUrl, "http://127.0.0.1:8080/v2/models/churn", "mlgate: rolling out v1.4.0"],
      ["success", context.runUrl, "http://127.0.0.1:8080/v2/models/churn", "mlgate: deployed: v1.4.0 serves 100% of production"],
    ]);
    const release = gh.state.releases.find((x) => x.tag_name === "v1.4.0")!;
    expect(release.assets.map((x) => [x.name, x.content_type])).toEqual([
      ["mlgate-deploy-production.json", "application/json"],
      ["churn.onnx", "application/octet-stream"],
    ]);
    expect(JSON.parse(release.assets[0]!.data.toString("utf8"))).toEqual(a);
    expect(createHash("sha256").update(release.assets[1]!.data).digest("hex")).toBe(sha);
    expect(gh.apiRequests().map((q) => q.operationId)).toEqual([
      "repos/create-deployment",
      "repos/create-deployment-status",
      "repos/get-release-by-tag",
      "repos/create-release",
      "repos/upload-release-asset",
      "repos/upload-release-asset",
      "repos/create-deployment-status",
    ]);
    expect(gh.apiRequests().every((q) => q.valid && (q.responseErrors ?? []).length === 0)).toBe(true);
  });

  it("re-run on an existing release: the same model is not uploaded again, a changed audit record replaces the old one", async () => {
    const bytes = Buffer.from("not really onnx, but bytes with a digest");
    gh.state.addRelease("v1.4.0", { "churn.onnx": bytes, [auditAssetName("production")]: Buffer.from("{}") });
    const r = recorder();
    await r.begin(info());
    await r.end(audit("deployed", "ok"), model);
    const release = gh.state.releases[0]!;
    expect(release.assets.map((x) => x.name).sort()).toEqual(["churn.onnx", "mlgate-deploy-production.json"]);
    const written = JSON.parse(
      release.assets.find((x) => x.name === "mlgate-deploy-production.json")!.data.toString(),
    ) as AuditRecord;
    expect(written.outcome).toBe("deployed");
    expect(gh.apiRequests().map((q) => q.operationId)).toEqual([
      "repos/create-deployment",
      "repos/create-deployment-status",
      "repos/get-release-by-tag",
      "repos/delete-release-asset",
      "repos/upload-release-asset",
      "repos/create-deployment-status",
    ]);
  });

  it("a rolled-back deploy ends in failure and attaches nothing", async () => {
    const r = recorder();
    await r.begin(info());
    await r.end(audit("rolled-back", "step 2/3 (50%): error rate 0.31 over budget 0.05; rolled back to v1.3.0"), model);
    expect(gh.state.deployments[0]!.statuses.map((s) => [s.state, s.description])).toEqual([
      ["in_progress", "mlgate: rolling out v1.4.0"],
      ["failure", "mlgate: rolled-back: step 2/3 (50%): error rate 0.31 over budget 0.05; rolled back to v1.3.0"],
    ]);
    expect(gh.state.releases).toEqual([]);
  });

  it("ending without a beginning (a refused deploy) sends nothing", async () => {
    await recorder().end(audit("refused", "mlgate/model concluded failure"), model);
    expect(gh.apiRequests()).toEqual([]);
  });

  it("reads who approved this run for this environment", async () => {
    gh.state.addApproval(RUN, { user: "release-manager", state: "approved", comment: "Ship it", environments: ["production"] });
    gh.state.addApproval(RUN, { user: "qa-lead", state: "approved", comment: "", environments: ["staging"] });
    const r = recorder();
    await r.begin(info());
    expect(await r.approvals()).toEqual([
      { user: "release-manager", state: "approved", comment: "Ship it", environments: ["production"] },
    ]);
  });

  it("a read-only token (a fork's) fails clearly, naming the permission, and leaves no deployment", async () => {
    gh.setMode({ kind: "read-only" });
    await expect(recorder().begin(info())).rejects.toThrow(
      "cannot create a deployment in octo-org/octo-repo (HTTP 403: Resource not accessible by integration); the workflow needs `permissions: deployments: write` (a pull request from a fork never gets it)",
    );
    expect(gh.state.deployments).toEqual([]);
  });

  it("a release it may not write to is a warning naming contents: write; the deployment still ends in success", async () => {
    const warnings: string[] = [];
    const r = recorder({ warn: (m) => warnings.push(m) });
    await r.begin(info());
    gh.setMode({ kind: "server-error", times: 1, status: 403 });
    await r.end(audit("deployed", "ok"), model);
    expect(warnings).toEqual([
      "mlgate: could not attach the audit record and the model to release v1.4.0 (HTTP 403: Server Error); the workflow needs `permissions: contents: write`",
    ]);
    expect(gh.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(["in_progress", "success"]);
  });
});
