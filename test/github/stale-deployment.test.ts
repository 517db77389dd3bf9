// A deploy killed (kill -9) after it created its GitHub deployment: the next deploy resolves the stale
// lock it left and gives that deployment its final status `error`, which nothing else ever would
// (issue 12). A real `mlgate serve` behind the admin proxy that holds the deploy at its upload, the
// deploys as child processes in a runner's environment, GitHub as the OpenAPI-checked double.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAliases, readLock } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { gateCheckRun, invalidRequests, MERGE, releaseOnGitHub } from "../actions/deploy-fixture.js";
import { startAdminProxy } from "../deploy/admin-proxy.js";
import { sha256Of } from "../deploy/support.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { scaleModel, startServe, tmpDir, type ServeProcess } from "../serve/support.js";
import { distDir, runCli } from "../support/cli.js";
import { REPO, runnerEnv } from "./runner-env.js";

const TAG = "v1.4.0";
const TOKEN = "stale-deployment-admin-token";
const KILLED_RUN = 6001;
const NEXT_RUN = 6002;
const runUrl = (id: number): string => `https://github.com/${REPO}/actions/runs/${id}`;

let dir: string;
let reg: string;
let serve: ServeProcess;
let gh: GitHubDouble;

beforeAll(async () => {
  dir = tmpDir("mlgate-stale-deployment-");
  reg = path.join(dir, "registry");
  mkdirSync(reg);
  mkdirSync(path.join(dir, "models"));
  writeFileSync(path.join(dir, "models", "churn.onnx"), scaleModel(3));
  serve = await startServe(["--registry", reg, "--allow-outside-workspace"], { MLGATE_ADMIN_TOKEN: TOKEN });
  gh = await startGitHubDouble({ repository: REPO });
  releaseOnGitHub(gh, TAG);
  const sha = sha256Of(path.join(dir, "models", "churn.onnx"));
  gateCheckRun(gh, "model", "success", sha);
  gateCheckRun(gh, "onnx", "success", sha);
});

afterAll(async () => {
  await serve.stop();
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `mlgate deploy` on the push of TAG in run `runId`, through `target`. */
function deployRun(runId: number, target: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const { env } = runnerEnv(
    gh,
    "push",
    { ref: `refs/tags/${TAG}` },
    {
      GITHUB_RUN_ID: String(runId),
      GITHUB_SHA: MERGE,
      GITHUB_REF: `refs/tags/${TAG}`,
      GITHUB_REF_NAME: TAG,
      GITHUB_REF_TYPE: "tag",
      GITHUB_WORKSPACE: dir,
      MLGATE_ADMIN_TOKEN: TOKEN,
    },
  );
  const args = ["deploy", "--model", "models/churn.onnx", "--environment", "production", "--name", "churn"];
  return { args: [...args, "--target", target, "--json", `run-${runId}.json`], env };
}

describe("a deploy killed after it began its GitHub deployment", () => {
  it("is ended with state error by the next deploy, which rolls on and ends its own deployment in success", async () => {
    const proxy = await startAdminProxy(serve.url);
    let killedPid: number | undefined;
    try {
      // Held at the upload: the deployment is in progress and the lock names it.
      const held = proxy.rule({
        match: (r) => r.method === "PUT" && r.path.endsWith(`/versions/${TAG}`),
        action: "hold-response",
      });
      const first = deployRun(KILLED_RUN, proxy.url);
      const child = spawn(process.execPath, [path.join(distDir(), "cli.js"), ...first.args], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...first.env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      killedPid = child.pid;
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((r) =>
        child.on("exit", (_c, s) => {
          r(s);
        }),
      );
      expect(await Promise.race([held.then(() => "held"), exited.then(() => "exited")]), stderr).toBe("held");
      expect(gh.state.deployments).toHaveLength(1);
      const killed = gh.state.deployments[0]!;
      expect(readLock(reg, "churn")).toMatchObject({ version: TAG, phase: "stage", deploymentId: String(killed.id) });
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      expect(killed.statuses.map((s) => s.state)).toEqual(["in_progress"]);
    } finally {
      await proxy.close();
    }
    // The re-run of the killed job (a new run id, straight to the server).
    const next = deployRun(NEXT_RUN, serve.url);
    const r = await runCli(next.args, { cwd: dir, env: next.env });
    expect(r.code, r.stderr).toBe(0);
    const [killed, fresh] = gh.state.deployments;
    expect(gh.state.deployments).toHaveLength(2);
    expect(killed!.statuses.map((s) => [s.state, s.description, s.log_url, s.environment_url])).toEqual([
      ["in_progress", `mlgate: rolling out ${TAG}`, runUrl(KILLED_RUN), `${proxy.url}/v2/models/churn`],
      [
        "error",
        `mlgate: stopped before it finished (at stage); traffic untouched, lock cleared by ${runUrl(NEXT_RUN)}`,
        runUrl(NEXT_RUN),
        `${serve.url}/v2/models/churn`,
      ],
    ]);
    expect(fresh!.statuses.map((s) => [s.state, s.log_url])).toEqual([
      ["in_progress", runUrl(NEXT_RUN)],
      ["success", runUrl(NEXT_RUN)],
    ]);
    const report = JSON.parse(readFileSync(path.join(dir, `run-${NEXT_RUN}.json`), "utf8")) as Report;
    expect(report.checks.find((c) => c.id === "rollback.resolved")).toMatchObject({
      status: "warn",
      observed: `${TAG} at stage`,
      message: expect.stringMatching(
        new RegExp(
          `^the rollout of ${TAG} \\(pid ${killedPid} on .+\\) stopped at stage; traffic was as it started \\(champion none\\), lock removed\\.$`,
        ),
      ) as unknown,
    });
    expect(readAliases(reg, "churn")).toMatchObject({ champion: TAG, challenger: null });
    expect(readLock(reg, "churn")).toBeUndefined();
    expect(invalidRequests(gh)).toEqual([]);
  }, 60_000);
});
