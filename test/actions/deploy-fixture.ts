import type { Report } from "../../src/core/report.js";
import { evidenceMarker } from "../../src/github/evidence-marker.js";
import { runAction, type RunActionResult } from "../action-runner/runner.js";
import type { GitHubDouble } from "../github-double/server.js";
import type { CheckRunRecord } from "../github-double/state.js";
import { HEAD_SHA, PR, REPO } from "../github/runner-env.js";

/**
 * The release flow's GitHub side, shared by the actions/deploy tests: pull request #PR (head HEAD_SHA)
 * merged as MERGE, a tag on the merge commit, the release manager's approval of the deploy run, and
 * the gates' check runs on the pull request's head carrying the model's digest.
 */
export const MERGE = "4".repeat(40);
export const DEPLOY_RUN = 5151;
export const RUN_URL = `https://github.com/${REPO}/actions/runs/${DEPLOY_RUN}`;

/** The merged pull request, the (annotated) tag on its merge commit, and the environment's approval. */
export function releaseOnGitHub(gh: GitHubDouble, tag: string): void {
  gh.state.addPull({
    number: PR,
    state: "closed",
    head: { sha: HEAD_SHA, ref: "better-churn", label: "octo-org:better-churn", repo: REPO },
    base: { sha: "2".repeat(40), ref: "main" },
    merged_at: "2026-01-02T03:04:05Z",
    merge_commit_sha: MERGE,
  });
  gh.state.addTag(tag, MERGE, true);
  gh.state.addApproval(DEPLOY_RUN, {
    user: "release-manager",
    state: "approved",
    comment: "Ship it",
    environments: ["production"],
  });
}

/** A gate's check run on the pull request's head, as an earlier job left it, its marker naming `sha256`. */
export function gateCheckRun(
  gh: GitHubDouble,
  gate: "model" | "onnx",
  conclusion: "success" | "failure",
  sha256: string,
  app?: CheckRunRecord["app"],
): void {
  const report: Report = {
    schemaVersion: 1,
    gate,
    status: conclusion === "success" ? "pass" : "fail",
    summary: gate === "model" ? "candidate roc_auc vs baseline" : "onnx compatibility",
    subjects: [
      { path: "models/churn.onnx", sha256, role: "candidate" },
      ...(gate === "model" ? [{ path: "release:churn.onnx", sha256: "b".repeat(64), role: "baseline" }] : []),
    ],
    checks: [],
    provenance: { tool: "mlgate", inputs: {} },
  };
  gh.state.addCheckRun({
    name: `mlgate/${gate}`,
    head_sha: HEAD_SHA,
    conclusion,
    summary: `${evidenceMarker(report)}\n**x**`,
    ...(app ? { app } : {}),
  });
}

/** actions/deploy on the push of `tag`, through the composite runner, against the double. */
export function runDeployAction(
  actionDir: string,
  workspace: string,
  gh: GitHubDouble,
  tag: string,
  inputs: Record<string, string> = {},
): Promise<RunActionResult> {
  return runAction({
    actionDir,
    workspace,
    inputs: { model: "models/churn.onnx", environment: "production", name: "churn", target: "registry:registry", ...inputs },
    github: {
      repository: REPO,
      repository_owner: "octo-org",
      event_name: "push",
      event: { ref: `refs/tags/${tag}` },
      ref: `refs/tags/${tag}`,
      ref_name: tag,
      ref_type: "tag",
      sha: MERGE,
      run_id: String(DEPLOY_RUN),
      actor: "releaser",
      api_url: gh.url,
      token: "ghs_deploytoken",
    },
    env: { MLGATE_RETRY_SCALE: "0.01" },
  });
}

/** Requests the double found not to conform to GitHub's OpenAPI description. */
export const invalidRequests = (gh: GitHubDouble): string[] =>
  gh.requests.filter((q) => !q.valid).map((q) => `${q.method} ${q.url}: ${q.errors.join("; ")}`);
