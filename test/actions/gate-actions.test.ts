import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildMlp, buildModel, seededRandom } from "../../src/core/onnx/build.js";
import { runAction, type RunActionOptions } from "../action-runner/runner.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, MERGE_SHA, PR, REPO, pullRequestEvent, workflowRunEvent } from "../github/runner-env.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * The gate actions run from their real action.yml files by the local composite runner, on the
 * bundle built for this test run, in a pull_request job pointed at the GitHub API double.
 */
const DATA = path.join(import.meta.dirname, "fixtures/data");

let repo: ActionRepo;
let gh: GitHubDouble;
let workspace: string;
const temps: string[] = [];

beforeAll(() => {
  repo = makeActionRepo();
});
afterAll(() => {
  repo.dispose();
});
beforeEach(async () => {
  gh = await startGitHubDouble();
  workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-ws-"));
  temps.push(workspace);
  cpSync(DATA, path.join(workspace, "data"), { recursive: true });
});
afterEach(async () => {
  await gh.close();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(action: string, inputs: Record<string, string>, extra: Partial<RunActionOptions> = {}) {
  return runAction({
    actionDir: repo.actionDir(action),
    workspace,
    inputs,
    github: {
      repository: REPO,
      repository_owner: "octo-org",
      event_name: "pull_request",
      event: pullRequestEvent(),
      sha: MERGE_SHA,
      run_id: "4242",
      api_url: gh.url,
      token: "ghs_gatetoken",
    },
    env: { MLGATE_RETRY_SCALE: "0.01" },
    ...extra,
  });
}

const invalidRequests = (): string[] =>
  gh.requests.filter((q) => !q.valid).map((q) => `${q.method} ${q.url}: ${q.errors.join("; ")}`);

describe("actions/data-validation", () => {
  it("fails on the contract, with outputs, the report artifact, the job summary and a check run on the PR head", async () => {
    const r = await run("data-validation", {
      data: "data/current.csv",
      schema: "data/schema.yml",
      reference: "data/reference.csv",
    });
    expect(r.conclusion).toBe("failure");
    const step = r.steps.find((s) => s.id === "run");
    expect(step?.exitCode).toBe(1);
    expect(r.outputs).toEqual({
      status: "fail",
      "report-path": path.join(workspace, "mlgate-report/data.json"),
      "failed-checks": "rule.age.required",
    });
    // The upload ran although the gate failed, and holds exactly this gate's report.
    expect(r.steps.at(-1)).toMatchObject({ name: "Upload the mlgate report", outcome: "success" });
    expect(readdirSync(r.artifacts["mlgate-data"] ?? "")).toEqual(["data.json"]);
    const report = JSON.parse(readFileSync(path.join(r.artifacts["mlgate-data"] ?? "", "data.json"), "utf8")) as {
      gate: string;
      status: string;
      provenance: { headSha?: string; pullRequest?: number };
      checks: { id: string; examples?: { line: number }[] }[];
    };
    expect(report).toMatchObject({ gate: "data", status: "fail", provenance: { headSha: HEAD_SHA, pullRequest: PR } });
    expect(report.checks.find((c) => c.id === "rule.age.required")?.examples?.[0]?.line).toBe(4);
    expect(r.summary).toContain("rule.age.required");

    expect(gh.state.checkRuns).toHaveLength(1);
    const check = gh.state.checkRuns[0];
    expect(check).toMatchObject({ name: "mlgate/data", head_sha: HEAD_SHA, status: "completed", conclusion: "failure" });
    expect(check?.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ["data/current.csv", 4, "failure"],
    ]);
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
    expect(invalidRequests()).toEqual([]);
  });

  it("with a fork's read-only token keeps the exit code, warns once, and still writes the summary and the artifact", async () => {
    gh.setMode({ kind: "read-only" });
    // A name with a space: the report file says "fork_ci", the check runs say "fork ci".
    const r = await run(
      "data-validation",
      { data: "data/current.csv", schema: "data/schema.yml", name: "fork ci" },
      {
        github: {
          repository: REPO,
          repository_owner: "octo-org",
          event_name: "pull_request",
          event: pullRequestEvent({ headRepo: "forker/octo-repo" }),
          sha: MERGE_SHA,
          run_id: "4242",
          api_url: gh.url,
          token: "ghs_gatetoken",
        },
      },
    );
    expect(r.conclusion).toBe("failure");
    expect(r.steps.find((s) => s.id === "run")?.exitCode).toBe(1);
    expect(r.outputs.status).toBe("fail");
    expect(r.outputs["report-path"]).toBe(path.join(workspace, "mlgate-report/data-fork_ci.json"));
    expect(Object.keys(r.artifacts)).toEqual(["mlgate-data-fork ci"]);
    expect(r.summary).toContain("rule.age.required");
    expect(r.annotations.filter((a) => a.level === "warning").map((a) => a.message)).toHaveLength(1);
    expect(gh.state.checkRuns).toHaveLength(0);

    // The same read-only token on a same-repository PR is a missing permission: the step fails (exit 2)
    // instead of leaving a required check that never arrives.
    const same = await run("data-validation", { data: "data/current.csv", schema: "data/schema.yml", name: "fork ci" });
    expect(same.steps.find((s) => s.id === "run")?.exitCode).toBe(2);
    expect(same.steps.find((s) => s.id === "run")?.stderr).toContain("`checks: write`");

    // The second half of the fork-safe pair: actions/publish posts that artifact from workflow_run.
    const artifact = r.artifacts["mlgate-data-fork ci"] ?? "";
    gh.setMode({ kind: "normal" });
    gh.state.addArtifact(777, "mlgate-data-fork ci", {
      "data-fork_ci.json": readFileSync(path.join(artifact, "data-fork_ci.json")),
    });
    const published = await run(
      "publish",
      {},
      {
        github: {
          repository: REPO,
          repository_owner: "octo-org",
          event_name: "workflow_run",
          event: workflowRunEvent({ runId: 777, headSha: HEAD_SHA, pr: PR }),
          run_id: "778",
          api_url: gh.url,
          token: "ghs_publishtoken",
        },
      },
    );
    expect(published.steps.find((s) => s.id === "run")?.stderr).not.toMatch(/error/);
    expect(published.outputs).toEqual({ status: "fail", reports: "1" });
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/data (fork ci)", head_sha: HEAD_SHA, conclusion: "failure" });
    expect(invalidRequests()).toEqual([]);
  });

  it("passes a hostile input to the gate as data: it never reaches a shell as code", async () => {
    const marker = path.join(workspace, "pwned");
    const hostile = `x.csv"; touch "${marker}"; echo "`;
    const r = await run("data-validation", { data: hostile, name: "$(touch pwned2)" });
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(workspace, "pwned2"))).toBe(false);
    const step = r.steps.find((s) => s.id === "run");
    // The script the shell ran is the action's text with nothing substituted in.
    expect(step?.script).toBe('node "$GITHUB_ACTION_PATH/../../dist/action.js" data-validation');
    expect((JSON.parse(step?.env.INPUTS_JSON ?? "{}") as Record<string, string>).data).toBe(hostile);
    expect(step?.exitCode).toBe(2);
    expect(step?.stderr).toBe(
      'mlgate: input "name" must be 1-60 letters, digits, spaces, dots, dashes or underscores, not "$(touch pwned2)"\n',
    );
    const again = await run("data-validation", { data: hostile });
    expect(existsSync(marker)).toBe(false);
    expect(again.steps.find((s) => s.id === "run")?.stderr).toContain(hostile);
  });

  it("saves the runtime dependencies even when the gate fails, and restores them on the next run", async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "mlgate-cache-"));
    temps.push(cacheDir);
    // A contract the data breaks: the gate fails after the cache was saved.
    writeFileSync(path.join(workspace, "data/strict.yml"), "version: 1\ndataset:\n  min_rows: 1000000\n");
    const inputs = { data: "data/reference.csv", schema: "data/strict.yml" };
    const cold = await run("data-validation", inputs, { cacheDir });
    expect(cold.conclusion).toBe("failure");
    expect(cold.outputs.status).toBe("fail");
    const key = cold.steps[0]?.outputs.key ?? "";
    expect(key).toMatch(/^mlgate-runtime-v2-Linux-(X64|ARM64)-node\d+-[0-9a-f]{64}$/);
    expect(cold.steps[1]?.outputs).toEqual({ "cache-hit": "false", "cache-primary-key": key, "cache-matched-key": "" });
    expect(cold.steps.map((s) => s.outcome)).toEqual(["success", "success", "success", "success", "failure", "success"]);
    expect(cold.savedCaches).toEqual([key]);
    rmSync(path.join(workspace, "mlgate-report"), { recursive: true });
    const warm = await run("data-validation", inputs, { cacheDir });
    expect(warm.steps[1]?.outputs).toEqual({ "cache-hit": "true", "cache-primary-key": key, "cache-matched-key": key });
    expect(warm.steps[3]?.outcome).toBe("skipped");
    expect(warm.savedCaches).toEqual([]);
    expect(warm.outputs.status).toBe("fail");
  });
});

describe("actions/onnx-compat", () => {
  it("checks every model a glob matches in one report and one check run", async () => {
    const x = { name: "x", type: "FLOAT" as const, shape: ["batch", 3] };
    const y = { name: "y", type: "FLOAT" as const, shape: ["batch", 3] };
    mkdirSync(path.join(workspace, "models"));
    writeFileSync(
      path.join(workspace, "models/good.onnx"),
      buildModel({ inputs: [x], outputs: [y], nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }] }),
    );
    writeFileSync(
      path.join(workspace, "models/bad.onnx"),
      buildModel({ inputs: [x], outputs: [y], nodes: [{ op: "Frobnicate", inputs: ["x"], outputs: ["y"] }] }),
    );
    const r = await run("onnx-compat", { model: "models/*.onnx" });
    expect(r.conclusion).toBe("failure");
    expect(r.steps.find((s) => s.id === "run")?.exitCode).toBe(1);
    expect(r.outputs).toEqual({ status: "fail", "report-path": path.join(workspace, "mlgate-report/onnx.json") });
    expect(readdirSync(r.artifacts["mlgate-onnx"] ?? "")).toEqual(["onnx.json"]);
    const report = JSON.parse(readFileSync(path.join(workspace, "mlgate-report/onnx.json"), "utf8")) as {
      checks: { id: string; status: string }[];
    };
    expect(report.checks.filter((c) => c.status === "fail").length).toBeGreaterThan(0);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/onnx", head_sha: HEAD_SHA, conclusion: "failure" });
    expect(invalidRequests()).toEqual([]);
  });
});

/** 400 rows whose label follows x0 + 0.5·x1 plus noise, and one-layer logistic models over x0..x2. */
function modelWorkspace(): void {
  const rand = seededRandom(11);
  const rows = ["x0,x1,x2,label"];
  for (let i = 0; i < 400; i++) {
    const x = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    rows.push(`${x.map((v) => v.toFixed(4)).join(",")},${(x[0] ?? 0) + 0.5 * (x[1] ?? 0) + (rand() - 0.5) * 0.8 > 0 ? 1 : 0}`);
  }
  writeFileSync(path.join(workspace, "data/eval.csv"), rows.join("\n") + "\n");
  mkdirSync(path.join(workspace, "models"));
  const logistic = (w: number[]): Uint8Array =>
    buildMlp({ inputs: 3, hidden: [], outputs: 1, seed: 1, head: "sigmoid", weights: [{ w, b: [0] }] });
  writeFileSync(path.join(workspace, "models/baseline.onnx"), logistic([2, 1, 0]));
  writeFileSync(path.join(workspace, "models/same.onnx"), logistic([2, 1, 0]));
  // Ignores x1 and listens to noise: clearly worse than the baseline.
  writeFileSync(path.join(workspace, "models/worse.onnx"), logistic([0.3, 0, 2]));
}

describe("actions/model-validation", () => {
  const inputs = (candidate: string) => ({
    candidate,
    baseline: "models/baseline.onnx",
    data: "data/eval.csv",
    label: "label",
    task: "binary",
  });

  it("passes a candidate equal to the baseline, with the primary metric in the outputs", async () => {
    modelWorkspace();
    const r = await run("model-validation", inputs("models/same.onnx"));
    expect(r.steps.find((s) => s.id === "run")?.stderr ?? "").not.toMatch(/internal error/);
    expect(r.conclusion).toBe("success");
    const report = JSON.parse(readFileSync(path.join(workspace, "mlgate-report/model.json"), "utf8")) as {
      status: string;
      metrics: { candidate: Record<string, number>; baseline: Record<string, number> };
    };
    const auc = report.metrics.candidate.roc_auc ?? NaN;
    expect(auc).toBeGreaterThan(0.8);
    expect(report.metrics.baseline.roc_auc).toBe(auc);
    expect(r.outputs).toEqual({
      status: report.status,
      "report-path": path.join(workspace, "mlgate-report/model.json"),
      "primary-metric": "roc_auc",
      "candidate-value": String(auc),
      "baseline-value": String(auc),
      delta: "0",
    });
    expect(["pass", "warn"]).toContain(report.status);
    expect(readdirSync(r.artifacts["mlgate-model"] ?? "")).toEqual(["model.json"]);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({
      name: "mlgate/model",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "success",
    });
    expect(invalidRequests()).toEqual([]);
  });

  it("fails a clearly worse candidate: exit 1, a negative delta, a failed check run", async () => {
    modelWorkspace();
    const r = await run("model-validation", { ...inputs("models/worse.onnx"), name: "worse" });
    expect(r.conclusion).toBe("failure");
    expect(r.steps.find((s) => s.id === "run")?.exitCode).toBe(1);
    expect(r.outputs.status).toBe("fail");
    expect(r.outputs["primary-metric"]).toBe("roc_auc");
    const delta = Number(r.outputs.delta);
    expect(delta).toBeCloseTo(Number(r.outputs["candidate-value"]) - Number(r.outputs["baseline-value"]), 12);
    expect(delta).toBeLessThan(-0.05);
    expect(Object.keys(r.artifacts)).toEqual(["mlgate-model-worse"]);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/model (worse)", head_sha: HEAD_SHA, conclusion: "failure" });
    expect(invalidRequests()).toEqual([]);
  });

  it("compares with the model of the latest release: baseline: release:<asset>", async () => {
    modelWorkspace();
    gh.state.addRelease("v3.1.0", { "model.onnx": readFileSync(path.join(workspace, "models/baseline.onnx")) });
    const r = await run("model-validation", { ...inputs("models/worse.onnx"), baseline: "release:model.onnx" });
    expect(r.steps.find((s) => s.id === "run")?.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(path.join(workspace, "mlgate-report/model.json"), "utf8")) as {
      subjects: { path: string; role: string }[];
    };
    expect(report.subjects.map((s) => [s.role, s.path])).toEqual([
      ["candidate", "models/worse.onnx"],
      ["baseline", "release:v3.1.0:model.onnx"],
    ]);
    expect(Number(r.outputs.delta)).toBeLessThan(-0.05);
    expect(gh.apiRequests().map((q) => q.operationId)).toContain("repos/get-release-asset");
    expect(invalidRequests()).toEqual([]);
  });
});
