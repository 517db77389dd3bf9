import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { runtimeLock } from "../../scripts/action/runtime.mjs";
import { runAction } from "../action-runner/runner.js";
import { startGitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, REPO, pullRequestEvent } from "../github/runner-env.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * What the actions install is enough: dist/ plus only the packages of the runtime lockfile
 * (scripts/action/runtime.mjs), no other node_modules. The packages are this checkout's, linked in
 * one by one; NODE_PRESERVE_SYMLINKS keeps Node resolving from the links, so a package the bundle
 * needs but the runtime lockfile lacks is not found through the full node_modules behind them.
 */
const lock = (runtimeLock as (lock: unknown) => { lock: { packages: Record<string, unknown> } })(
  JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")),
).lock;
const ENV = { NODE_PRESERVE_SYMLINKS: "1" };

let repo: ActionRepo;
beforeAll(() => {
  repo = makeActionRepo({ nodeModules: false });
  for (const key of Object.keys(lock.packages)) {
    if (key === "" || !existsSync(path.join(ROOT, key))) continue; // another platform's optional binding
    mkdirSync(path.dirname(path.join(repo.root, key)), { recursive: true });
    symlinkSync(path.join(ROOT, key), path.join(repo.root, key), "dir");
  }
  cpSync(path.join(ROOT, "examples"), path.join(repo.root, "examples"), { recursive: true });
});
afterAll(() => {
  repo.dispose();
});

function demo(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repo.root, "dist/cli.js"), "demo", "--quiet"],
      { cwd: repo.root, env: { PATH: process.env.PATH ?? "", TMPDIR: process.env.TMPDIR ?? "", NO_COLOR: "1", ...ENV } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("dist/ with only the runtime packages", () => {
  it("holds nothing but the runtime lockfile's packages in node_modules", () => {
    expect(Object.keys(lock.packages)).toHaveLength(28);
    expect(existsSync(path.join(repo.root, "node_modules/@duckdb/node-api"))).toBe(false);
    expect(existsSync(path.join(repo.root, "node_modules/@actions"))).toBe(false);
  });

  it("runs the demo: every gate, DuckDB and onnxruntime", async () => {
    const r = await demo();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split("\n")
        .filter((l) => /^(data|model|onnx) /.test(l))
        .map((l) => l.split(/\s+/).slice(0, 2)),
    ).toEqual([
      ["data", "1"],
      ["model", "0"],
      ["onnx", "0"],
    ]);
  }, 120_000);

  it("runs the data action and publishes to the GitHub API", async () => {
    const gh = await startGitHubDouble();
    try {
      const workspace = path.join(repo.root, "examples");
      const r = await runAction({
        actionDir: repo.actionDir("data-validation"),
        workspace,
        inputs: { data: "data/current.csv", schema: "contracts/churn.yml", reference: "data/reference.csv" },
        github: { repository: REPO, event_name: "pull_request", event: pullRequestEvent(), api_url: gh.url, token: "ghs_x" },
        env: ENV,
      });
      expect(r.steps.map((s) => s.outcome)).toEqual(["success", "success", "success", "success", "failure", "success"]);
      expect(r.steps[2]?.stdout).toBe(`mlgate: runtime dependencies present in ${repo.root}/node_modules\n`);
      expect(r.outputs.status).toBe("fail");
      expect(gh.state.checkRuns).toHaveLength(1);
      expect(gh.state.checkRuns[0]).toMatchObject({ name: "mlgate/data", head_sha: HEAD_SHA, conclusion: "failure" });
    } finally {
      await gh.close();
      rmSync(path.join(repo.root, "examples/mlgate-report"), { recursive: true, force: true });
    }
  }, 120_000);

  it("says in one sentence when a package is missing, and exits 2", async () => {
    rmSync(path.join(repo.root, "node_modules/onnxruntime-common"));
    try {
      const r = await demo();
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "mlgate: onnxruntime-common (a dependency of onnxruntime-node) is not installed; run `npm ci` in the mlgate folder (the actions install these packages in their install step)\n",
      );
    } finally {
      symlinkSync(
        path.join(ROOT, "node_modules/onnxruntime-common"),
        path.join(repo.root, "node_modules/onnxruntime-common"),
        "dir",
      );
    }
  });
});
