// The deploy gate's evidence from GitHub: tag -> commit -> mlgate check runs (or the merged pull
// request's head's), digests from the evidence markers, only check runs of the trusted app.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { createClient } from "../../src/github/client.js";
import { evidenceMarker } from "../../src/github/evidence-marker.js";
import { GitHubEvidence } from "../../src/github/deploy-evidence.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";

const REPO = "octo-org/octo-repo";
const context = { owner: "octo-org", repo: "octo-repo", repository: REPO };
const MERGE = "a".repeat(40);
const HEAD = "b".repeat(40);
const MODEL = "1".repeat(64);
const BASE = "2".repeat(64);

let gh: GitHubDouble;
beforeEach(async () => {
  gh = await startGitHubDouble({ repository: REPO });
});
afterEach(async () => {
  await gh.close();
});

const octokit = (): ReturnType<typeof createClient> =>
  createClient({ token: "t", env: { GITHUB_API_URL: gh.url, MLGATE_RETRY_SCALE: "0" } });

function summary(gate: Report["gate"], status: Report["status"], subjects: Report["subjects"]): string {
  const r: Report = {
    schemaVersion: 1,
    gate,
    status,
    summary: "s",
    subjects,
    checks: [],
    provenance: { tool: "mlgate", inputs: {} },
  };
  return `${evidenceMarker(r)}\n**s**`;
}

const modelRun = (sha: string, conclusion = "success", digest = MODEL): void => {
  gh.state.addCheckRun({
    name: "mlgate/model",
    head_sha: sha,
    conclusion,
    summary: summary("model", conclusion === "success" ? "pass" : "fail", [
      { path: "models/churn.onnx", sha256: digest, role: "candidate" },
      { path: "release:v1:churn.onnx", sha256: BASE, role: "baseline" },
    ]),
  });
};
const onnxRun = (sha: string): void => {
  gh.state.addCheckRun({
    name: "mlgate/onnx",
    head_sha: sha,
    conclusion: "success",
    summary: summary("onnx", "pass", [{ path: "models/churn.onnx", sha256: MODEL, role: "candidate" }]),
  });
};
const mergedPull = (headRepo = REPO): void => {
  gh.state.addPull({
    number: 12,
    state: "closed",
    head: { sha: HEAD, ref: "better-model", label: `${headRepo.split("/")[0]!}:better-model`, repo: headRepo },
    base: { sha: "c".repeat(40), ref: "main" },
    merged_at: "2026-01-02T03:04:05Z",
    merge_commit_sha: MERGE,
  });
};

describe("GitHubEvidence", () => {
  it("reads the tagged commit's own check runs: latest per name, digests from the markers, links", async () => {
    gh.state.addTag("v1.4.0", MERGE);
    modelRun(MERGE, "failure", "9".repeat(64));
    modelRun(MERGE);
    onnxRun(MERGE);
    const set = await new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    expect(set.commit).toBe(MERGE);
    expect(set.tag).toBe("v1.4.0");
    expect(set.pullRequest).toBeUndefined();
    const [model, onnx] = set.evidence;
    expect(set.evidence.map((e) => [e.check, e.gate, e.conclusion, e.commit, e.source])).toEqual([
      ["mlgate/model", "model", "success", MERGE, "check-run"],
      ["mlgate/onnx", "onnx", "success", MERGE, "check-run"],
    ]);
    expect(model!.subjects).toEqual([
      { path: "models/churn.onnx", sha256: MODEL, role: "candidate" },
      { path: "release:v1:churn.onnx", sha256: BASE, role: "baseline" },
    ]);
    const latest = gh.state.checkRuns.filter((c) => c.name === "mlgate/model").at(-1)!;
    expect(model!.url).toBe(`https://github.com/${REPO}/runs/${latest.id}`);
    expect(onnx!.subjects.map((s) => s.sha256)).toEqual([MODEL]);
    expect(set.notes).toEqual(["Tag v1.4.0 is commit aaaaaaa.", "Found 2 mlgate check run(s) on aaaaaaa."]);
    expect(gh.apiRequests().map((q) => q.operationId)).toEqual(["git/get-ref", "checks/list-for-ref"]);
    expect(gh.apiRequests().every((q) => q.valid && (q.responseErrors ?? []).length === 0)).toBe(true);
  });

  it("follows an annotated tag on a merge commit without check runs to the merged pull request's head", async () => {
    gh.state.addTag("v1.4.0", MERGE, true);
    mergedPull();
    modelRun(HEAD);
    onnxRun(HEAD);
    const set = await new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    expect([set.commit, set.pullRequest, set.headSha]).toEqual([MERGE, 12, HEAD]);
    expect(set.evidence.map((e) => [e.check, e.conclusion, e.commit])).toEqual([
      ["mlgate/model", "success", HEAD],
      ["mlgate/onnx", "success", HEAD],
    ]);
    expect(set.notes).toEqual([
      "Tag v1.4.0 is commit aaaaaaa (annotated tag).",
      "Commit aaaaaaa has no mlgate check runs; it merged pull request #12, whose head bbbbbbb has 2.",
    ]);
    expect(gh.apiRequests().map((q) => q.operationId)).toEqual([
      "git/get-ref",
      "git/get-tag",
      "checks/list-for-ref",
      "repos/list-pull-requests-associated-with-commit",
      "checks/list-for-ref",
    ]);
  });

  it("trusts only check runs of GitHub Actions: a same-named run by another app is ignored and said so", async () => {
    gh.state.addTag("v1.4.0", MERGE);
    modelRun(MERGE, "failure");
    gh.state.addCheckRun({
      name: "mlgate/model",
      head_sha: MERGE,
      conclusion: "success",
      summary: summary("model", "pass", [{ path: "models/churn.onnx", sha256: MODEL }]),
      app: { id: 777, slug: "helpful-bot", name: "Helpful bot" },
    });
    const set = await new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    expect(set.evidence.map((e) => [e.check, e.conclusion])).toEqual([["mlgate/model", "failure"]]);
    expect(set.notes).toContain(
      'Ignored mlgate/model on aaaaaaa: written by the app "helpful-bot", and only check runs of "github-actions" are trusted.',
    );
  });

  it("does not follow a pull request from a fork, and says why", async () => {
    gh.state.addTag("v1.4.0", MERGE);
    mergedPull("evil/octo-repo");
    modelRun(HEAD);
    const set = await new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    expect(set.evidence).toEqual([]);
    expect(set.notes.at(-1)).toBe(
      "Commit aaaaaaa has no mlgate check runs; it merged pull request #12 from evil/octo-repo, whose check runs are not trusted (they were posted from the fork's own reports): run the gates on aaaaaaa itself, for example on push to the default branch.",
    );
  });

  it("finds nothing on a commit that no pull request made, and ignores the deploy gate's own check run", async () => {
    gh.state.addTag("v1.4.0", MERGE);
    gh.state.addCheckRun({ name: "mlgate/deploy (production)", head_sha: MERGE, conclusion: "success" });
    gh.state.addCheckRun({ name: "lint", head_sha: MERGE, conclusion: "success" });
    const set = await new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    expect(set.evidence).toEqual([]);
    expect(set.notes.at(-1)).toBe("Commit aaaaaaa has no mlgate check runs and was not made by merging a pull request.");
  });

  it("keeps a run without a marker (no digests) and an unfinished run (its status as conclusion)", async () => {
    gh.state.addTag("v1.4.0", MERGE);
    gh.state.addCheckRun({ name: "mlgate/model", head_sha: MERGE, conclusion: "success", summary: "made by an old mlgate" });
    const running = gh.state.addCheckRun({ name: "mlgate/onnx", head_sha: MERGE, conclusion: "success" });
    running.status = "in_progress";
    running.conclusion = null;
    const set = await new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    expect(set.evidence.map((e) => [e.check, e.conclusion, e.subjects])).toEqual([
      ["mlgate/model", "success", []],
      ["mlgate/onnx", "in_progress", []],
    ]);
    expect(set.notes).toContain("mlgate/model has no evidence marker in its summary, so it proves no digest.");
  });

  it("says which tag does not exist, and which permission a 403 needs", async () => {
    const missing = new GitHubEvidence({ octokit: octokit(), context, tag: "v9" }).collect();
    await expect(missing).rejects.toThrow('tag "v9" does not exist in octo-org/octo-repo');
    gh.state.addTag("v1.4.0", MERGE);
    gh.setMode({ kind: "server-error", times: 10, status: 403 });
    const denied = new GitHubEvidence({ octokit: octokit(), context, tag: "v1.4.0" }).collect();
    await expect(denied).rejects.toThrow(/^could not read tag v1\.4\.0 \(HTTP 403: .*\); the token needs contents: read$/);
  });
});
