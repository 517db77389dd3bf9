/**
 * Issue 16 point 3 through the actions: each action has an `allow-paths` input that becomes
 * `--allow-path DIR`, and the data-validation action, run by the local composite runner, refuses data
 * outside the workspace until its folder is allowed.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dataValidationArgs } from "../../src/actions/data-validation-action.js";
import { modelValidationArgs } from "../../src/actions/model-validation-action.js";
import { onnxCompatArgs } from "../../src/actions/onnx-compat-action.js";
import { publishArgs } from "../../src/actions/publish-action.js";
import { runAction } from "../action-runner/runner.js";
import { makeActionRepo, type ActionRepo } from "../actions/layout.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { MERGE_SHA, REPO, pullRequestEvent } from "../github/runner-env.js";

const ALLOWED = ["--allow-path", "/data/cache", "--allow-path", "/mnt/a b", "--allow-path", "rel"];
const INPUT = "/data/cache\n/mnt/a b, rel\n";

describe("the allow-paths input of every action", () => {
  it("becomes one --allow-path per folder, lines or commas", () => {
    expect(dataValidationArgs({ data: "d.csv", "allow-paths": INPUT })).toEqual(["data", "--data", "d.csv", ...ALLOWED]);
    expect(
      modelValidationArgs({ candidate: "m.onnx", data: "d.csv", label: "y", task: "binary", "allow-paths": INPUT }).slice(-6),
    ).toEqual(ALLOWED);
    expect(onnxCompatArgs({ model: "m.onnx", "allow-paths": INPUT })).toEqual(["onnx", "--model", "m.onnx", ...ALLOWED]);
    expect(publishArgs({ report: "r.json", "allow-paths": INPUT })).toEqual(["publish", "--report", "r.json", ...ALLOWED]);
    expect(dataValidationArgs({ data: "d.csv", "allow-paths": " " })).toEqual(["data", "--data", "d.csv"]);
  });
});

describe("actions/data-validation with data outside the workspace", () => {
  let repo: ActionRepo;
  let gh: GitHubDouble;
  let workspace: string;
  let cache: string;

  beforeAll(() => {
    repo = makeActionRepo();
  });
  afterAll(() => {
    repo.dispose();
  });
  beforeEach(async () => {
    gh = await startGitHubDouble();
    workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-ws-"));
    cache = mkdtempSync(path.join(os.tmpdir(), "mlgate-cache-"));
    cpSync(path.join(import.meta.dirname, "../actions/fixtures/data"), cache, { recursive: true });
  });
  afterEach(async () => {
    await gh.close();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  const run = (inputs: Record<string, string>) =>
    runAction({
      actionDir: repo.actionDir("data-validation"),
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
    });

  it("is refused with exit 2 and one sentence, then read once its folder is in allow-paths", async () => {
    const data = path.join(cache, "reference.csv");
    const refused = await run({ data });
    const step = refused.steps.find((s) => s.id === "run");
    expect(step?.exitCode).toBe(2);
    expect(step?.stderr).toContain(
      `mlgate data: --data ${data}: is outside the allowed folders (the workspace ${workspace}, $RUNNER_TEMP `,
    );
    expect(step?.stderr).toContain(
      "); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace\n",
    );
    const allowed = await run({ data, "allow-paths": cache });
    expect(allowed.steps.find((s) => s.id === "run")?.exitCode).toBe(0);
    expect(allowed.outputs.status).toBe("pass");
  });
});
