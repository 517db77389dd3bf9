import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildMlp, buildModel, seededRandom, tensor } from "../../src/core/onnx/build.js";
import { onnx } from "../../src/core/onnx/proto.js";
import { runJob } from "../action-runner/runner.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, MERGE_SHA, PR, REPO, pullRequestEvent, workflowRunEvent } from "../github/runner-env.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * The copy-paste workflows themselves, job by job, with `mlgate/mlgate/actions/*@v1` resolved to
 * this checkout's actions and bundle: what a user pastes is what is tested.
 */
const DATA = path.join(import.meta.dirname, "fixtures/data");
const FORK = "forker/octo-repo";

let repo: ActionRepo;
let gh: GitHubDouble;
let workspace: string;

beforeAll(() => {
  repo = makeActionRepo();
});
afterAll(() => {
  repo.dispose();
});
beforeEach(async () => {
  gh = await startGitHubDouble();
  workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-ws-"));
});
afterEach(async () => {
  await gh.close();
  rmSync(workspace, { recursive: true, force: true });
});

const common = () => ({
  workspace,
  actionRepos: { "mlgate/mlgate": repo.root },
  env: { MLGATE_RETRY_SCALE: "0.01" },
});

describe("workflows-examples/pr-gates.yml", () => {
  it("job data: runs the data gate on the paths the example names and publishes on the PR head", async () => {
    // The example's layout: data/train.csv checked against data/schema.yml, drift from data/reference.csv.
    cpSync(path.join(DATA, "reference.csv"), path.join(workspace, "data/train.csv"));
    cpSync(path.join(DATA, "reference.csv"), path.join(workspace, "data/reference.csv"));
    cpSync(path.join(DATA, "schema.yml"), path.join(workspace, "data/schema.yml"));
    const r = await runJob(path.join(ROOT, "workflows-examples/pr-gates.yml"), "data", {
      ...common(),
      github: {
        repository: REPO,
        event_name: "pull_request",
        event: pullRequestEvent(),
        sha: MERGE_SHA,
        api_url: gh.url,
        token: "ghs_x",
      },
    });
    expect(r.steps.map((s) => [s.uses?.split("@")[0], s.outcome])).toEqual([
      ["actions/checkout", "success"],
      ["mlgate/mlgate/actions/data-validation", "success"],
    ]);
    expect(r.steps[1]?.nested?.map((s) => s.outcome)).toEqual(["success", "success", "success", "success", "success", "success"]);
    expect(r.conclusion).toBe("success");
    expect(Object.keys(r.artifacts)).toEqual(["mlgate-data"]);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/data", head_sha: HEAD_SHA, conclusion: "success" });
  });
});

/** A git history in the workspace: the base commit holds the production model, the PR head a new one. */
function gitPullRequest(base: number[], head: number[]): { baseSha: string; headSha: string } {
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: workspace,
      encoding: "utf8",
    }).trim();
  const logistic = (w: number[]): Uint8Array =>
    buildMlp({ inputs: 3, hidden: [], outputs: 1, seed: 1, head: "sigmoid", weights: [{ w, b: [0] }] });
  const rand = seededRandom(5);
  const rows = ["x0,x1,x2,label"];
  for (let i = 0; i < 400; i++) {
    const x = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    rows.push(`${x.map((v) => v.toFixed(4)).join(",")},${(x[0] ?? 0) + 0.5 * (x[1] ?? 0) + (rand() - 0.5) * 0.8 > 0 ? 1 : 0}`);
  }
  mkdirSync(path.join(workspace, "data"), { recursive: true });
  mkdirSync(path.join(workspace, "models"), { recursive: true });
  writeFileSync(path.join(workspace, "data/eval.csv"), rows.join("\n") + "\n");
  git("init", "-q", "-b", "main");
  writeFileSync(path.join(workspace, "models/model.onnx"), logistic(base));
  git("add", "-A");
  git("commit", "-qm", "production model");
  const baseSha = git("rev-parse", "HEAD");
  writeFileSync(path.join(workspace, "models/model.onnx"), logistic(head));
  git("commit", "-qam", "retrained model");
  return { baseSha, headSha: git("rev-parse", "HEAD") };
}

describe("workflows-examples/pr-gates.yml job model", () => {
  async function modelJob(shas: { baseSha: string; headSha: string }) {
    const event = pullRequestEvent({ headSha: shas.headSha }) as { pull_request: { base: { sha: string } } };
    event.pull_request.base.sha = shas.baseSha;
    return runJob(path.join(ROOT, "workflows-examples/pr-gates.yml"), "model", {
      ...common(),
      github: { repository: REPO, event_name: "pull_request", event, sha: MERGE_SHA, api_url: gh.url, token: "ghs_x" },
    });
  }

  it("compares with the model at the PR's base commit without any baseline setting, and fails a worse one", async () => {
    const shas = gitPullRequest([2, 1, 0], [0.3, 0, 2]);
    const r = await modelJob(shas);
    expect(r.conclusion).toBe("failure");
    const gate = r.steps.find((s) => s.id === "model");
    expect(gate?.outcome).toBe("failure");
    expect(gate?.outputs["primary-metric"]).toBe("roc_auc");
    expect(Number(gate?.outputs.delta)).toBeLessThan(-0.05);
    const report = JSON.parse(readFileSync(path.join(workspace, "mlgate-report/model.json"), "utf8")) as {
      subject: unknown;
      summary: string;
    };
    expect(JSON.stringify(report)).toContain(`git:${shas.baseSha}:models/model.onnx`);
    // The example's last step reads the outputs although the gate failed (if: always()).
    const show = r.steps.at(-1);
    expect(show?.outcome).toBe("success");
    expect(show?.stdout).toBe(`roc_auc candidate=${gate?.outputs["candidate-value"] ?? ""} delta=${gate?.outputs.delta ?? ""}\n`);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/model", head_sha: shas.headSha, conclusion: "failure" });
  });

  it("passes a retrained model that is as good", async () => {
    const r = await modelJob(gitPullRequest([2, 1, 0], [2, 1, 0.01]));
    expect(r.conclusion).toBe("success");
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/model", conclusion: "success" });
  });
});

describe("workflows-examples/pr-gates.yml job onnx", () => {
  /** models/relu.onnx and reference data in the ONNX test layout under models/test_data, as the example names them. */
  function onnxProject(outputs: number[]): void {
    const io = (name: string) => ({ name, type: "FLOAT" as const, shape: ["batch", 3] });
    mkdirSync(path.join(workspace, "models/test_data/test_data_set_0"), { recursive: true });
    writeFileSync(
      path.join(workspace, "models/relu.onnx"),
      buildModel({ inputs: [io("x")], outputs: [io("y")], nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }] }),
    );
    const pb = (name: string, values: number[]): Uint8Array =>
      onnx.TensorProto.encode(tensor({ name, type: "FLOAT", dims: [2, 3], values })).finish();
    writeFileSync(path.join(workspace, "models/test_data/test_data_set_0/input_0.pb"), pb("x", [-1, 0.5, 2, 3, -0.25, 0]));
    writeFileSync(path.join(workspace, "models/test_data/test_data_set_0/output_0.pb"), pb("y", outputs));
    writeFileSync(path.join(workspace, "mlgate.yml"), "version: 1\n");
  }
  const job = () =>
    runJob(path.join(ROOT, "workflows-examples/pr-gates.yml"), "onnx", {
      ...common(),
      github: {
        repository: REPO,
        event_name: "pull_request",
        event: pullRequestEvent(),
        sha: MERGE_SHA,
        api_url: gh.url,
        token: "ghs_x",
      },
    });

  it("passes a model whose outputs match the reference data", async () => {
    onnxProject([0, 0.5, 2, 3, 0, 0]);
    const r = await job();
    expect(r.steps[1]?.nested?.find((s) => s.id === "run")?.stderr ?? "").not.toMatch(/error/);
    expect(r.conclusion).toBe("success");
    expect(r.steps[1]?.outputs.status).toBe("pass");
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/onnx", head_sha: HEAD_SHA, conclusion: "success" });
  });

  it("fails when the reference outputs disagree", async () => {
    onnxProject([0, 0.5, 2, 3, 0, 0.5]);
    const r = await job();
    expect(r.conclusion).toBe("failure");
    expect(r.steps[1]?.outputs.status).toBe("fail");
    const report = JSON.parse(readFileSync(path.join(workspace, "mlgate-report/onnx.json"), "utf8")) as {
      checks: { id: string; status: string }[];
    };
    expect(report.checks.filter((c) => c.status === "fail").map((c) => c.id.split(".")[0])).toContain("parity");
  });
});

describe("workflows-examples/publish.yml", () => {
  const report = (): string => {
    const r = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/model-report.json"), "utf8")) as {
      provenance: Record<string, unknown>;
    };
    r.provenance.pullRequest = PR;
    return JSON.stringify(r);
  };

  it("is skipped after a same-repository PR's run, which published from its own jobs", async () => {
    const r = await runJob(path.join(ROOT, "workflows-examples/publish.yml"), "publish", {
      ...common(),
      github: {
        repository: REPO,
        event_name: "workflow_run",
        event: workflowRunEvent({ runId: 55, headSha: HEAD_SHA, pr: PR }),
        api_url: gh.url,
        token: "ghs_x",
      },
    });
    expect(r.conclusion).toBe("skipped");
    expect(gh.requests).toEqual([]);
  });

  it("after a fork PR's run, judges the PR's files with the base's rules: a forged green report fails", async () => {
    // Base branch (the workspace): the config and the contract. The fork's head: data breaking it.
    mkdirSync(path.join(workspace, "data"), { recursive: true });
    writeFileSync(
      path.join(workspace, "mlgate.yml"),
      "version: 1\ngates:\n  data:\n    data: data/train.csv\n    schema: data/schema.yml\n",
    );
    cpSync(path.join(DATA, "schema.yml"), path.join(workspace, "data/schema.yml"));
    const forkHead = mkdtempSync(path.join(os.tmpdir(), "mlgate-fork-"));
    cpSync(path.join(DATA, "current.csv"), path.join(forkHead, "data/train.csv"));
    const forged = JSON.parse(report()) as Record<string, unknown> & { provenance: Record<string, unknown> };
    forged.gate = "data";
    forged.status = "pass";
    forged.checks = [];
    forged.metrics = {};
    gh.state.addArtifact(56, "mlgate-data", { "data.json": JSON.stringify(forged) });
    gh.state.addPull({
      number: PR,
      state: "open",
      head: { sha: HEAD_SHA, ref: "feature", label: "forker:feature", repo: FORK },
      base: { sha: "2".repeat(40), ref: "main" },
    });
    try {
      const r = await runJob(path.join(ROOT, "workflows-examples/publish.yml"), "publish", {
        ...common(),
        repoCheckouts: { [FORK]: forkHead },
        github: {
          repository: REPO,
          event_name: "workflow_run",
          event: workflowRunEvent({ runId: 56, headSha: HEAD_SHA, headRepo: FORK }),
          api_url: gh.url,
          token: "ghs_x",
        },
      });
      expect(r.steps.map((s) => [s.uses?.split("@")[0], s.outcome])).toEqual([
        ["actions/checkout", "success"],
        ["actions/checkout", "success"],
        ["mlgate/mlgate/actions/publish", "success"],
      ]);
      expect(r.steps[1]?.stdout).toBe(`Copied ${FORK} at ${HEAD_SHA} to ${workspace}/.mlgate-pr`);
      expect(r.steps[2]?.outputs).toEqual({ status: "fail", reports: "1" });
      expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion])).toEqual([["mlgate/data", HEAD_SHA, "failure"]]);
      expect(gh.state.checkRuns[0]?.output.summary).toContain("_The fork's claim (not used): pass: ");
      expect(gh.state.commentsOn(PR)).toHaveLength(1);
    } finally {
      rmSync(forkHead, { recursive: true, force: true });
    }
  });
});
