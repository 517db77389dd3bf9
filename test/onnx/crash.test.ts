import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, pullRequestEvent, runnerEnv } from "../github/runner-env.js";
import { distDir, runCli } from "../support/cli.js";
import { check } from "./harness.js";
import { crashesRuntime, relu, tmpDir, write } from "./models.js";

/**
 * A model that crashes onnxruntime itself (SIGSEGV in native code) fails the gate like any other
 * failed check: the bundled CLI reruns the gate in a child without that model (src/cli/crash-guard.ts).
 */
const dir = tmpDir("mlgate-crash-");
beforeAll(() => {
  write(dir, "models/boom.onnx", crashesRuntime());
  write(dir, "models/relu.onnx", relu());
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SENTENCE = "onnxruntime crashed (SIGSEGV) loading/running models/boom.onnx: it would crash the server too";

function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, "utf8")) as Report;
}

describe("a model that crashes onnxruntime", () => {
  it("really kills the process without the guard (the reason it exists)", () => {
    const r = spawnSync(process.execPath, [path.join(distDir(), "cli.js"), "onnx", "--model", "models/boom.onnx", "--quiet"], {
      cwd: dir,
      env: { ...process.env, MLGATE_CRASH_GUARD: "off", GITHUB_ACTIONS: "" },
      encoding: "utf8",
    });
    expect(r.signal).toBe("SIGSEGV");
    expect(r.stdout).toBe("");
  });

  it("fails the gate (exit 1) naming the file and the signal; the healthy model keeps its checks", async () => {
    const r = await runCli(
      ["onnx", "--model", "models/boom.onnx", "--model", "models/relu.onnx", "--json", "r.json", "--markdown", "r.md"],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `mlgate onnx: onnxruntime crashed (SIGSEGV) on models/boom.onnx; checking again without running it\n`,
    );
    const report = readReport(path.join(dir, "r.json"));
    expect(report.status).toBe("fail");
    expect(report.summary).toBe("2 models: 1 of 2 models failed; 1 check(s) failed (load.crash[boom]) against onnxruntime 1.30");
    expect(check(report, "load.crash[boom]")).toMatchObject({
      status: "fail",
      observed: "crashed (SIGSEGV)",
      message: SENTENCE,
      file: "models/boom.onnx",
    });
    // Nothing else of boom.onnx reached onnxruntime: only its static policy checks and the crash.
    expect(report.checks.filter((c) => c.id.endsWith("[boom]")).map((c) => c.id)).toEqual([
      "policy.ir_version[boom]",
      "policy.opset.ai_onnx[boom]",
      "policy.domain.ai_onnx[boom]",
      "load.crash[boom]",
    ]);
    for (const id of ["load.disabled[relu]", "load.all[relu]", "numeric.y[relu]", "determinism.y[relu]", "batch.y[relu]"])
      expect(check(report, id).status, id).toBe("pass");
    expect(readFileSync(path.join(dir, "r.md"), "utf8")).toContain(SENTENCE.replace(":", "&#58;"));
  });

  it("--quiet: one line on stdout, the verdict, and nothing from the guard", async () => {
    const r = await runCli(["onnx", "--model", "models/boom.onnx", "--quiet"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("fail: models/boom.onnx: 1 check(s) failed (load.crash) against onnxruntime 1.30\n");
    expect(r.stderr).toBe("");
  });

  it("the models after the crashing one are checked too (a glob)", async () => {
    const r = await runCli(["onnx", "--model", "models/*.onnx", "--json", "g.json", "--quiet"], { cwd: dir });
    expect(r.code).toBe(1);
    const report = readReport(path.join(dir, "g.json"));
    expect(check(report, "load.crash[boom]").message).toBe(SENTENCE);
    expect(check(report, "load.all[relu]").status).toBe("pass");
  });
});

describe("a baseline that crashes onnxruntime", () => {
  it("exit 2 and one sentence naming the baseline file (its first run is inside the candidate's checks)", async () => {
    const r = await runCli(
      ["onnx", "--model", "models/relu.onnx", "--baseline", "models/boom.onnx", "--json", "b.json", "--quiet"],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "mlgate onnx: --baseline models/boom.onnx: onnxruntime crashed (SIGSEGV) loading/running it, so the candidate cannot be compared with it\n",
    );
    expect(readReport(path.join(dir, "b.json")).status).toBe("error");
  });
});

describe("inside GitHub Actions", () => {
  let gh: GitHubDouble;
  beforeAll(async () => {
    gh = await startGitHubDouble();
  });
  afterAll(async () => {
    await gh.close();
  });

  it("completes the one check run the crashed child opened, as failure", async () => {
    const runner = runnerEnv(gh, "pull_request", pullRequestEvent(), { GITHUB_WORKSPACE: dir });
    const r = await runCli(["onnx", "--model", "models/boom.onnx", "--model", "models/relu.onnx", "--quiet"], {
      cwd: dir,
      env: runner.env,
    });
    expect(r.code).toBe(1);
    expect(gh.apiRequests().filter((q) => !q.valid)).toEqual([]);
    expect(gh.state.checkRuns.map((c) => [c.name, c.head_sha, c.status, c.conclusion])).toEqual([
      ["mlgate/onnx", HEAD_SHA, "completed", "failure"],
    ]);
    expect(gh.apiRequests().filter((q) => q.operationId === "checks/create")).toHaveLength(1);
    expect(readReport(path.join(dir, "mlgate-report/onnx.json")).status).toBe("fail");
    rmSync(runner.dir, { recursive: true, force: true });
  });

  it("a cancelled job: SIGINT reaches the child through the guard, and the check run is marked cancelled", async () => {
    gh.state.checkRuns.length = 0;
    const runner = runnerEnv(gh, "pull_request", pullRequestEvent(), { GITHUB_WORKSPACE: dir });
    // Latency timed for ever: the gate is still running when the runner cancels the job.
    writeFileSync(path.join(dir, "slow.yml"), "gates:\n  onnx:\n    latency:\n      runs: 100000000\n");
    const child = spawn(
      process.execPath,
      [path.join(distDir(), "cli.js"), "onnx", "--model", "models/relu.onnx", "--config", "slow.yml"],
      {
        cwd: dir,
        env: { ...process.env, ...runner.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        resolve(code);
      }),
    );
    for (let i = 0; i < 300 && !gh.state.checkRuns.some((c) => c.status === "in_progress"); i++)
      await new Promise((r) => setTimeout(r, 50));
    // The first session is created after the check run: give the gate a moment to be inside onnxruntime.
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("mlgate onnx: cancelled (SIGINT); the check run is marked cancelled\n");
    expect(gh.state.checkRuns.map((c) => [c.name, c.status, c.conclusion])).toEqual([["mlgate/onnx", "completed", "cancelled"]]);
    rmSync(runner.dir, { recursive: true, force: true });
  });
});
