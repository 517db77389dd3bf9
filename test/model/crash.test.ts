import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, pullRequestEvent, runnerEnv } from "../github/runner-env.js";
import { stftZeroLength } from "../onnx/models.js";
import { runCli } from "../support/cli.js";
import { writeModel } from "./fixtures.js";
import { binaryWorkspace, FEATURES } from "./harness.js";

/**
 * The model gate with a model that crashes onnxruntime (SIGFPE on its first run): the bundled CLI runs
 * the gate in a child and reruns it knowing which model crashed (src/cli/crash-guard.ts). Candidate
 * and baseline are run side by side, so this also checks that the crash is pinned on the right one.
 */
let dir: string;
beforeAll(() => {
  dir = binaryWorkspace();
  writeModel(path.join(dir, "fpe.onnx"), stftZeroLength("input", 7));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const args = (candidate: string, baseline: string) => [
  "model",
  "--candidate",
  candidate,
  "--baseline",
  baseline,
  "--data",
  "eval.csv",
  "--label",
  "y",
  "--task",
  "binary",
  "--features",
  FEATURES,
  "--quiet",
];

describe("the model gate and a model that crashes onnxruntime", () => {
  it("a crashing candidate fails the gate (exit 1) with load.crash naming the file and the signal", async () => {
    const r = await runCli([...args("fpe.onnx", "baseline.onnx"), "--json", "cand.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "fail: the candidate was not evaluated: onnxruntime crashed (SIGFPE) loading/running fpe.onnx: it would crash the server too\n",
    );
    expect(r.stderr).toBe("");
    const report = JSON.parse(readFileSync(path.join(dir, "cand.json"), "utf8")) as Report;
    expect(report.status).toBe("fail");
    expect(report.checks).toEqual([
      {
        id: "load.crash",
        title: "onnxruntime survives the candidate",
        status: "fail",
        observed: "crashed (SIGFPE)",
        expected: "loads and runs, or fails with an error",
        message: "onnxruntime crashed (SIGFPE) loading/running fpe.onnx: it would crash the server too",
        file: "fpe.onnx",
      },
    ]);
    expect(report.subject).toMatchObject({ path: "fpe.onnx", role: "candidate" });
  });

  it("a crashing baseline: exit 2 and one sentence naming the baseline file", async () => {
    const r = await runCli([...args("baseline.onnx", "fpe.onnx"), "--json", "base.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "mlgate model: --baseline fpe.onnx: onnxruntime crashed (SIGFPE) loading/running it, so the candidate cannot be compared with it\n",
    );
    const report = JSON.parse(readFileSync(path.join(dir, "base.json"), "utf8")) as Report;
    expect(report.status).toBe("error");
  });

  it("inside Actions: one check run, completed as failure", async () => {
    const gh: GitHubDouble = await startGitHubDouble();
    try {
      const runner = runnerEnv(gh, "pull_request", pullRequestEvent(), { GITHUB_WORKSPACE: dir });
      const r = await runCli(args("fpe.onnx", "baseline.onnx"), { cwd: dir, env: runner.env });
      expect(r.code).toBe(1);
      expect(gh.apiRequests().filter((q) => !q.valid)).toEqual([]);
      expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.status, c.conclusion])).toEqual([
        ["mlgate/model", HEAD_SHA, "completed", "failure"],
      ]);
      rmSync(runner.dir, { recursive: true, force: true });
    } finally {
      await gh.close();
    }
  });
});
