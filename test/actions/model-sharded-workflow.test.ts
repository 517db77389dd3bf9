import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB, sqlString } from "../../src/core/duckdb.js";
import { buildMlp, seededRandom } from "../../src/core/onnx/build.js";
import { interpolate, type Contexts } from "../action-runner/expressions.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, PR, pullRequestEvent, runnerEnv } from "../github/runner-env.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * workflows-examples/model-sharded.yml's own scripts, run as its matrix would run them: four shard
 * jobs, then the merge job publishing to the API double. The merged verdict must equal one unsharded
 * run's, and the flags the example uses must exist.
 */
interface Job {
  env?: Record<string, string>;
  steps: { name?: string; run?: string; env?: Record<string, string | number>; "working-directory"?: string }[];
}
const workflow = parse(readFileSync(path.join(ROOT, "workflows-examples/model-sharded.yml"), "utf8")) as {
  env: Record<string, string | number>;
  jobs: Record<string, Job>;
};

let repo: ActionRepo;
let gh: GitHubDouble;
let workspace: string;

beforeAll(async () => {
  repo = makeActionRepo();
  gh = await startGitHubDouble();
  workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-sharded-"));
  symlinkSync(repo.root, path.join(workspace, ".mlgate"), "dir");
  const rand = seededRandom(7);
  const rows = ["x0,x1,x2,label"];
  for (let i = 0; i < 600; i++) {
    const x = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    rows.push(`${x.map((v) => v.toFixed(4)).join(",")},${x[0]! + 0.5 * x[1]! + (rand() - 0.5) > 0 ? 1 : 0}`);
  }
  mkdirSync(path.join(workspace, "data"));
  mkdirSync(path.join(workspace, "models"));
  writeFileSync(path.join(workspace, "data/eval.csv"), rows.join("\n") + "\n");
  // The example reads Parquet, as large evaluation sets are kept.
  const db = await openDuckDB({ threads: 1, reads: "unrestricted" });
  try {
    const src = sqlString(path.join(workspace, "data/eval.csv"));
    await db.connection.run(
      `COPY (SELECT * FROM read_csv(${src})) TO ${sqlString(path.join(workspace, "data/eval.parquet"))} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
  writeFileSync(
    path.join(workspace, "models/model.onnx"),
    buildMlp({ inputs: 3, hidden: [4], outputs: 1, seed: 1, head: "sigmoid" }),
  );
  writeFileSync(
    path.join(workspace, "models/production.onnx"),
    buildMlp({ inputs: 3, hidden: [4], outputs: 1, seed: 2, head: "sigmoid" }),
  );
});
afterAll(async () => {
  await gh.close();
  repo.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
      { cwd: workspace, env },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A step's env: evaluated with the runner's expression engine for one matrix cell. */
function stepEnv(job: Job, stepName: string, matrix: Record<string, unknown>): { run: string; env: Record<string, string> } {
  const step = job.steps.find((s) => s.name?.startsWith(stepName));
  if (!step?.run) throw new Error(`no step "${stepName}"`);
  const wfEnv = Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, String(v)]));
  const contexts: Contexts = {
    github: { token: "ghs_x" },
    inputs: {},
    env: wfEnv,
    steps: {},
    runner: {},
    job: {},
    strategy: {},
    matrix,
  };
  const env: Record<string, string> = { ...wfEnv };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(String(v), contexts, { failed: false, workspace });
  return { run: step.run, env };
}

const plainEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" });

describe("workflows-examples/model-sharded.yml", () => {
  it("its shard and merge scripts give the unsharded verdict and publish one check run", async () => {
    const shardJob = workflow.jobs.shard;
    const mergeJob = workflow.jobs.merge;
    expect(shardJob && mergeJob).toBeTruthy();
    const cells = (shardJob as unknown as { strategy: { matrix: { shard: number[] } } }).strategy.matrix.shard;
    expect(cells).toEqual([1, 2, 3, 4]);
    for (const shard of cells) {
      const { run, env } = stepEnv(shardJob as Job, "Evaluate shard", { shard });
      const r = await bash(run, { ...plainEnv(), ...env });
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`^shard ${shard}/4: \\d+ rows scored; statistics written to shards/model-shard-${shard}-of-4\\.json`),
      );
    }
    expect(readdirSync(path.join(workspace, "shards")).sort()).toEqual([1, 2, 3, 4].map((i) => `model-shard-${i}-of-4.json`));

    const merge = stepEnv(mergeJob as Job, "Merge the shards", {});
    const gha = runnerEnv(gh, "pull_request", pullRequestEvent());
    const merged = await bash(merge.run, { ...plainEnv(), ...gha.env, GITHUB_WORKSPACE: workspace, GITHUB_TOKEN: "ghs_x" });
    const whole = await bash(
      "node .mlgate/dist/cli.js model --candidate models/model.onnx --baseline models/production.onnx --data data/eval.parquet --label label --task binary --json whole.json",
      plainEnv(),
    );
    expect([0, 1]).toContain(merged.code);
    expect(merged.code).toBe(whole.code);
    const a = JSON.parse(readFileSync(path.join(workspace, "mlgate-report/model.json"), "utf8")) as {
      status: string;
      metrics: { candidate: unknown; baseline: unknown };
    };
    const b = JSON.parse(readFileSync(path.join(workspace, "whole.json"), "utf8")) as typeof a;
    expect(a.status).toBe(b.status);
    expect(a.metrics.candidate).toEqual(b.metrics.candidate);
    expect(a.metrics.baseline).toEqual(b.metrics.baseline);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/model", head_sha: HEAD_SHA, status: "completed" });
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
  });

  it("a crashed shard still gives mlgate/model a conclusion: the merge job runs and fails the check naming the shard", async () => {
    const mergeJob = workflow.jobs.merge as Job & { if?: string; needs?: string };
    expect(mergeJob.needs).toBe("shard");
    expect(mergeJob.if).toBe("${{ !cancelled() }}");
    // Shard 3's job crashed: its statistics never reached the merge job.
    rmSync(path.join(workspace, "shards/model-shard-3-of-4.json"), { force: true });
    const fresh = await startGitHubDouble();
    try {
      const merge = stepEnv(mergeJob, "Merge the shards", {});
      const gha = runnerEnv(fresh, "pull_request", pullRequestEvent());
      const r = await bash(merge.run, { ...plainEnv(), ...gha.env, GITHUB_WORKSPACE: workspace, GITHUB_TOKEN: "ghs_x" });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("shard 3/4 is missing; pass all 4 shard files");
      expect(fresh.state.checkRuns).toHaveLength(1);
      expect(fresh.state.checkRuns[0]).toMatchObject({
        name: "mlgate/model",
        head_sha: HEAD_SHA,
        status: "completed",
        conclusion: "failure",
      });
      expect(fresh.state.checkRuns[0]?.output.summary).toContain("shard 3/4 is missing");
    } finally {
      await fresh.close();
    }
  });
});
