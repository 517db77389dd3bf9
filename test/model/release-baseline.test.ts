/**
 * `--baseline release:<asset>`: the baseline is downloaded from a GitHub release, here from the
 * loopback GitHub API double (every request checked against GitHub's OpenAPI description).
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { binaryWorkspace, check, FEATURES, runModel } from "./harness.js";

let dir: string;
let gh: GitHubDouble;
let env: NodeJS.ProcessEnv;
const args = (baseline: string): string[] => [
  "model",
  "--candidate",
  "same.onnx",
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
];

beforeAll(async () => {
  dir = binaryWorkspace();
  gh = await startGitHubDouble({ repository: "octo-org/octo-repo" });
  env = { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: "octo-org/octo-repo", GITHUB_TOKEN: "ghs_token" };
  const model = readFileSync(path.join(dir, "baseline.onnx"));
  gh.state.addRelease("v1.0.0", { "model.onnx": readFileSync(path.join(dir, "worse.onnx")), "notes.txt": Buffer.from("x") });
  gh.state.addRelease("v1.1.0", { "model.onnx": model, "card.md": Buffer.from("# model") });
  gh.state.addRelease("v2.0.0-rc", { "model.onnx": Buffer.from("draft") }, true);
});

afterAll(async () => {
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

const invalid = (): string[] =>
  gh.requests.filter((q) => !q.valid || q.responseErrors?.length).map((q) => `${q.method} ${q.url}`);

describe("a baseline from a GitHub release", () => {
  it("takes the latest published release's asset and records where it came from", async () => {
    const r = await runModel(args("release:model.onnx"), dir, env);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const sha = createHash("sha256")
      .update(readFileSync(path.join(dir, "baseline.onnx")))
      .digest("hex");
    expect(r.report?.subjects?.find((s) => s.role === "baseline")).toMatchObject({
      path: "release:v1.1.0:model.onnx",
      sha256: sha,
    });
    expect(check(r.report, "metric.roc_auc").status).toBe("pass");
    const api = gh.apiRequests().map((q) => `${q.operationId ?? "?"} ${q.authorization ?? ""}`);
    expect(api).toEqual(["repos/get-latest-release Bearer ghs_token", "repos/get-release-asset Bearer ghs_token"]);
    expect(invalid()).toEqual([]);
  });

  it("takes a tagged release's asset", async () => {
    const r = await runModel(args("release:v1.0.0:model.onnx"), dir, env);
    // v1.0.0 shipped the worse model: the candidate is clearly better, so it passes too.
    expect(r.code).toBe(0);
    expect(r.report?.subjects?.find((s) => s.role === "baseline")?.path).toBe("release:v1.0.0:model.onnx");
    expect(Number(check(r.report, "metric.roc_auc").details?.delta)).toBeGreaterThan(0.05);
  });

  it("says what is wrong in one sentence, exit 2", async () => {
    const cases: [string, NodeJS.ProcessEnv, string][] = [
      [
        "release:weights.onnx",
        env,
        "--baseline release:weights.onnx: release v1.1.0 of octo-org/octo-repo has no asset named weights.onnx (it has model.onnx, card.md)",
      ],
      ["release:v9:model.onnx", env, "--baseline release:v9:model.onnx: octo-org/octo-repo has no release tagged v9"],
      [
        "release:model.onnx",
        { ...env, GITHUB_REPOSITORY: "" },
        "--baseline release:model.onnx: needs GITHUB_REPOSITORY (owner/repo), which GitHub Actions sets; outside Actions set it yourself",
      ],
      ["release:", env, "--baseline release:: write release:<asset> (latest release) or release:<tag>:<asset>"],
    ];
    for (const [spec, e, message] of cases) {
      const r = await runModel(args(spec), dir, e);
      expect([r.code, r.stderr]).toEqual([2, `mlgate model: ${message}\n`]);
    }
  });
});
