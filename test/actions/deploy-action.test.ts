import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readAliases, readHistory } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import type { AuditRecord } from "../../src/gates/deploy/ports.js";
import { runAction, type RunActionResult } from "../action-runner/runner.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, PR, REPO, pullRequestEvent } from "../github/runner-env.js";
import { ROOT } from "../support/cli.js";
import { sha256Of } from "../deploy/support.js";
import {
  DEPLOY_RUN,
  MERGE,
  gateCheckRun,
  invalidRequests as invalidOf,
  releaseOnGitHub,
  runDeployAction,
} from "./deploy-fixture.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * The release flow end to end, each half through its real action.yml in the local composite runner,
 * against the GitHub API double: the ONNX gate runs on the pull request's head (its check run carries
 * the model's SHA-256), the pull request is merged, the merge commit is tagged, and actions/deploy on
 * the tag finds that evidence through the merged pull request and ships to a registry: target.
 */
const TAG = "v1.4.0";

let repo: ActionRepo;
let gh: GitHubDouble;
let workspace: string;
let modelSha: string;

beforeAll(() => {
  repo = makeActionRepo();
});
afterAll(() => {
  repo.dispose();
});
beforeEach(async () => {
  gh = await startGitHubDouble();
  workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-deploy-ws-"));
  mkdirSync(path.join(workspace, "models"));
  cpSync(path.join(ROOT, "examples/models/candidate.onnx"), path.join(workspace, "models/churn.onnx"));
  modelSha = sha256Of(path.join(workspace, "models/churn.onnx"));
  releaseOnGitHub(gh, TAG);
});
afterEach(async () => {
  await gh.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** The ONNX gate on the pull request, through actions/onnx-compat: a real check run with a real marker. */
async function onnxGateOnPullRequest(): Promise<void> {
  const r = await runAction({
    actionDir: repo.actionDir("onnx-compat"),
    workspace,
    inputs: { model: "models/churn.onnx" },
    github: {
      repository: REPO,
      repository_owner: "octo-org",
      event_name: "pull_request",
      event: pullRequestEvent(),
      sha: "3".repeat(40),
      run_id: "4242",
      api_url: gh.url,
      token: "ghs_prtoken",
    },
    env: { MLGATE_RETRY_SCALE: "0.01" },
  });
  expect(r.conclusion).toBe("success");
  rmSync(path.join(workspace, "mlgate-report"), { recursive: true, force: true });
}

/** The model gate's check run on the pull request's head, as an earlier job left it. */
function modelGate(conclusion: "success" | "failure", sha256 = modelSha): void {
  gateCheckRun(gh, "model", conclusion, sha256);
}

function deploy(extra: Record<string, string> = {}): Promise<RunActionResult> {
  return runDeployAction(repo.actionDir("deploy"), workspace, gh, TAG, extra);
}

const invalidRequests = (): string[] => invalidOf(gh);

describe("actions/deploy on a release tag", () => {
  it("green gates and the same digest: deployed, one GitHub deployment in_progress -> success, model and audit on the release", async () => {
    await onnxGateOnPullRequest();
    modelGate("success");
    const r = await deploy();
    const run = r.steps.find((s) => s.id === "run")!;
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode).toBe(0);
    expect(r.conclusion).toBe("success");

    const d = gh.state.deployments;
    expect(d).toHaveLength(1);
    expect([d[0]!.ref, d[0]!.sha, d[0]!.environment, d[0]!.auto_merge, d[0]!.required_contexts]).toEqual([
      TAG,
      MERGE,
      "production",
      false,
      [],
    ]);
    expect(d[0]!.payload).toEqual({ version: TAG, digest: `sha256:${modelSha}`, strategy: "direct" });
    const runUrl = `https://github.com/${REPO}/actions/runs/${DEPLOY_RUN}`;
    expect(d[0]!.statuses.map((s) => [s.state, s.log_url])).toEqual([
      ["in_progress", runUrl],
      ["success", runUrl],
    ]);
    expect(r.outputs).toEqual({
      status: "pass",
      outcome: "deployed",
      version: TAG,
      "deployed-digest": modelSha,
      "previous-version": "",
      "deployment-id": String(d[0]!.id),
      "report-path": path.join(workspace, "mlgate-report/deploy-churn.json"),
    });

    // The registry serves exactly the validated bytes.
    const aliases = readAliases(path.join(workspace, "registry"), "churn");
    expect(aliases.champion).toBe(TAG);
    expect(sha256Of(path.join(workspace, "registry/churn/versions", TAG, "model.onnx"))).toBe(modelSha);

    // The release (created: a tag push has none) holds the shipped model and the audit record.
    const release = gh.state.releases.find((x) => x.tag_name === TAG)!;
    expect(release.assets.map((a) => a.name)).toEqual(["mlgate-deploy-production.json", "churn.onnx"]);
    expect(sha256Of(path.join(workspace, "models/churn.onnx"))).toBe(modelSha);
    const audit = JSON.parse(release.assets[0]!.data.toString("utf8")) as AuditRecord;
    expect(audit).toMatchObject({
      outcome: "deployed",
      version: TAG,
      tag: TAG,
      commit: MERGE,
      sha256: modelSha,
      actor: "releaser",
    });
    expect(audit.approvals).toEqual([
      { user: "release-manager", state: "approved", comment: "Ship it", environments: ["production"] },
    ]);
    expect(audit.deploymentId).toBe(String(d[0]!.id));
    expect(audit.gates.map((g) => [g.check, g.conclusion, g.commit])).toEqual([
      ["mlgate/model", "success", HEAD_SHA],
      ["mlgate/onnx", "success", HEAD_SHA],
    ]);

    // The evidence was found through the merged pull request, and the report says so.
    const report = JSON.parse(
      readFileSync(path.join(r.artifacts["mlgate-deploy-production"]!, "deploy-churn.json"), "utf8"),
    ) as Report;
    expect(report.checks.filter((c) => c.id.startsWith("verify.")).map((c) => `${c.id}:${c.status}`)).toEqual([
      "verify.evidence:pass",
      "verify.gate.model:pass",
      "verify.gate.onnx:pass",
      "verify.digest:pass",
    ]);
    expect(JSON.stringify(report.sections)).toContain(
      `Commit 4444444 has no mlgate check runs; it merged pull request #${PR}, whose head 1111111 has 2.`,
    );
    const own = gh.state.checkRuns.find((c) => c.name === "mlgate/deploy (production)")!;
    expect([own.head_sha, own.conclusion]).toEqual([MERGE, "success"]);
    expect(invalidRequests()).toEqual([]);
  });

  it("one red gate: refused, exit 1, no deployment left behind, nothing in the registry or on a release", async () => {
    await onnxGateOnPullRequest();
    modelGate("failure");
    const r = await deploy();
    expect(r.conclusion).toBe("failure");
    expect(r.steps.find((s) => s.id === "run")?.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ status: "fail", outcome: "refused", "deployed-digest": "", "deployment-id": "" });
    expect(gh.state.deployments).toEqual([]);
    expect(gh.state.releases).toEqual([]);
    expect(existsSync(path.join(workspace, "registry"))).toBe(false);
    const report = JSON.parse(readFileSync(r.outputs["report-path"]!, "utf8")) as Report;
    expect(report.checks.find((c) => c.id === "verify.gate.model")).toMatchObject({
      status: "fail",
      observed: "failure",
      message: "mlgate/model concluded failure: a model that failed a gate is not shipped.",
    });
    expect(r.summary).toContain("| mlgate/model | failure | ");
    expect(gh.state.checkRuns.find((c) => c.name === "mlgate/deploy (production)")?.conclusion).toBe("failure");
    expect(invalidRequests()).toEqual([]);
  });

  it("a digest the gates did not validate: refused, the registry untouched, no deployment", async () => {
    await onnxGateOnPullRequest();
    modelGate("success");
    // A first deploy of another version already serves.
    const first = await deploy({ version: "v1.3.0" });
    expect(first.conclusion).toBe("success");
    const before = snapshot(path.join(workspace, "registry"));
    const deployments = gh.state.deployments.length;
    // The tagged commit ships a re-exported file: other bytes than the ones that passed.
    cpSync(path.join(ROOT, "examples/models/baseline.onnx"), path.join(workspace, "models/churn.onnx"));
    const r = await deploy();
    expect(r.conclusion).toBe("failure");
    expect(r.outputs).toMatchObject({ status: "fail", outcome: "refused", "previous-version": "" });
    const report = JSON.parse(readFileSync(r.outputs["report-path"]!, "utf8")) as Report;
    expect(report.checks.find((c) => c.id === "verify.digest")).toMatchObject({
      status: "fail",
      observed: sha256Of(path.join(workspace, "models/churn.onnx")).slice(0, 12),
      expected: modelSha.slice(0, 12),
    });
    expect(snapshot(path.join(workspace, "registry"))).toEqual(before);
    expect(readHistory(path.join(workspace, "registry"), "churn").map((h) => h.event)).toEqual([
      "staged",
      "promoted",
      "deployed",
    ]);
    expect(gh.state.deployments).toHaveLength(deployments);
  });

  it("a check run written by another GitHub App is ignored by default, and counted with trusted-app", async () => {
    const bot = { id: 77, slug: "mlgate-gates-bot", name: "mlgate gates bot" };
    gateCheckRun(gh, "model", "success", modelSha, bot);
    gateCheckRun(gh, "onnx", "success", modelSha, bot);
    const refused = await deploy();
    expect(refused.steps.find((s) => s.id === "run")?.exitCode).toBe(1);
    expect(refused.outputs).toMatchObject({ status: "fail", outcome: "refused" });
    const report = JSON.parse(readFileSync(refused.outputs["report-path"]!, "utf8")) as Report;
    expect(report.checks.find((c) => c.id === "verify.evidence")).toMatchObject({ status: "fail", observed: "none" });
    expect(JSON.stringify(report.sections)).toContain(
      'Ignored mlgate/model on 1111111: written by the app \\"mlgate-gates-bot\\", and only check runs of \\"github-actions\\" are trusted.',
    );
    expect(gh.state.deployments).toEqual([]);

    const trusted = await deploy({ "trusted-app": "mlgate-gates-bot" });
    const run = trusted.steps.find((s) => s.id === "run")!;
    expect(run.exitCode, run.stderr).toBe(0);
    // Through the step's env (INPUTS_JSON), never spliced into the script.
    expect(run.script).not.toContain("mlgate-gates-bot");
    expect(trusted.outputs).toMatchObject({ status: "pass", outcome: "deployed", "deployed-digest": modelSha });
    const used = (JSON.parse(readFileSync(trusted.outputs["report-path"]!, "utf8")) as Report).checks
      .filter((c) => c.id.startsWith("verify."))
      .map((c) => `${c.id}:${c.status}`);
    expect(used).toEqual(["verify.evidence:pass", "verify.gate.model:pass", "verify.gate.onnx:pass", "verify.digest:pass"]);
    expect(invalidRequests()).toEqual([]);
  });

  it("trusted-app: a value that is not an app slug is exit 2 with one sentence, and so is it next to reports", async () => {
    const bad = await deploy({ "trusted-app": "Evil App; rm -rf /" });
    const run = bad.steps.find((s) => s.id === "run")!;
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
      'mlgate deploy: --trusted-app "Evil App; rm -rf /" is not a GitHub App slug (lower-case letters, digits and inner hyphens, as in the app\'s URL github.com/apps/SLUG)',
    );
    const offline = await deploy({ "trusted-app": "mlgate-gates-bot", reports: "models" });
    expect(
      offline.steps
        .find((s) => s.id === "run")
        ?.stderr.trimEnd()
        .split("\n")
        .at(-1),
    ).toBe(
      "mlgate deploy: --trusted-app goes with the gates' check runs; with --reports DIR the evidence is the reports, and no app is involved",
    );
    expect(gh.state.deployments).toEqual([]);
  });

  it("a read-only token: a clear failed step naming deployments: write, before anything moves", async () => {
    await onnxGateOnPullRequest();
    modelGate("success");
    gh.setMode({ kind: "read-only" });
    const r = await deploy();
    const run = r.steps.find((s) => s.id === "run")!;
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      "cannot create a deployment in octo-org/octo-repo (HTTP 403: Resource not accessible by integration); the workflow needs `permissions: deployments: write`",
    );
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(gh.state.deployments).toEqual([]);
    // Refused before anything moved: no version staged, the rollout lock released.
    expect(readdirSync(path.join(workspace, "registry/churn"))).toEqual([]);
  });
});

/** Every file under a folder with its bytes, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}
