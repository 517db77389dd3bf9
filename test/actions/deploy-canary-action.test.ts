import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  readAliases,
  readHistory,
  registryPaths,
  stageVersion,
  writeAliases,
  type ServerStatus,
} from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import type { AuditRecord } from "../../src/gates/deploy/ports.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { getJson, startServe, until, type ServeProcess } from "../serve/support.js";
import { renamedInputModel, scaleModel, sha256Of, traffic } from "../deploy/support.js";
import { RUN_URL, gateCheckRun, invalidRequests, releaseOnGitHub, runDeployAction } from "./deploy-fixture.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

/**
 * A canary rollout through actions/deploy itself: the composite action in the local runner, the
 * GitHub API double for the tag, the merged pull request's check runs, the deployment and the
 * release, and a real `mlgate serve --registry` child answering live traffic from distinct users
 * while the rollout moves it. The registry starts with v1.3.0 (y = x) serving.
 */
let repo: ActionRepo;
let workspace: string;
let reg: string;
let serve: ServeProcess;
let gh: GitHubDouble;

const model = (): string => path.join(workspace, "models/churn.onnx");

/** What the server itself says it serves: its status and the version behind /v2/models/churn. */
async function served(): Promise<{ champion: string | null; challenger: string | null; metadataVersion: string | null }> {
  const status = (await getJson(`${serve.url}/v1/status`)).body as ServerStatus;
  const meta = await fetch(`${serve.url}/v2/models/churn`);
  await meta.arrayBuffer();
  const m = status.models.churn!;
  return { champion: m.champion, challenger: m.challenger, metadataVersion: meta.headers.get("x-model-version") };
}

/** Waits until the server has applied the registry's current generation of churn. */
async function applied(): Promise<void> {
  const generation = readAliases(reg, "churn").generation;
  await until(
    async () => {
      const s = (await getJson(`${serve.url}/v1/status`)).body as ServerStatus;
      return (s.models.churn?.generation ?? -1) >= generation ? true : undefined;
    },
    30_000,
    `the server at generation ${generation}`,
  );
}

beforeAll(async () => {
  repo = makeActionRepo();
  workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-deploy-canary-ws-"));
  reg = path.join(workspace, "registry");
  mkdirSync(path.join(workspace, "models"));
  // Lenient latency (a loaded machine is slow for every version alike); errors and evidence are what decide.
  writeFileSync(
    path.join(workspace, "mlgate.yml"),
    "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    max_p95_ms: 2000\n    min_requests: 10\n",
  );
  const first = path.join(workspace, "v1.3.0.onnx");
  writeFileSync(first, scaleModel(1));
  await stageVersion(reg, first, { name: "churn", version: "v1.3.0", gates: [] });
  writeAliases(reg, "churn", { champion: "v1.3.0", challenger: null, weight: 0, mode: "split", previous: null });
  serve = await startServe(["--registry", reg, "--window", "2s", "--allow-outside-workspace"]);
  await applied();
});

afterAll(async () => {
  await serve.stop();
  repo.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

beforeEach(async () => {
  gh = await startGitHubDouble();
});
afterEach(async () => {
  await gh.close();
});

const canary = { strategy: "canary", watch: "1500ms", config: "mlgate.yml" };

describe("actions/deploy: a canary rollout against mlgate serve under live traffic", () => {
  it("a healthy candidate goes through every step to champion; GitHub 5xx on the deployment statuses change nothing", async () => {
    const tag = "v1.4.0";
    releaseOnGitHub(gh, tag);
    writeFileSync(model(), scaleModel(2));
    const sha = sha256Of(model());
    gateCheckRun(gh, "model", "success", sha);
    gateCheckRun(gh, "onnx", "success", sha);
    const previous = readAliases(reg, "churn").champion;
    expect(previous).toBe("v1.3.0");
    // The in_progress status meets a 502 once; the final one two 503s, queued once the canary runs
    // (the rollout is then past begin(), so only the final status can meet them).
    gh.addFault({ operationId: "repos/create-deployment-status", status: 502 });
    const faulted = until(() => (readAliases(reg, "churn").weight === 10 ? true : undefined), 120_000, "the canary at 10%").then(
      () => {
        gh.addFault({ operationId: "repos/create-deployment-status", status: 503, times: 2 });
      },
    );
    const load = traffic(serve.url, "churn");
    const r = await runDeployAction(repo.actionDir("deploy"), workspace, gh, tag, { ...canary, steps: "10,50,100" });
    const seen = await load.stop();
    await faulted;
    const run = r.steps.find((s) => s.id === "run")!;
    expect(run.exitCode, run.stderr).toBe(0);
    expect(r.conclusion).toBe("success");
    expect(run.stderr).toMatch(/step 1\/3 \(10%\): pass — v1\.4\.0: \d+ requests, 0 errors/);
    expect(run.stderr).toMatch(/step 2\/3 \(50%\): pass — v1\.4\.0: \d+ requests, 0 errors/);

    const d = gh.state.deployments;
    expect(d).toHaveLength(1);
    expect(d[0]!.payload).toEqual({ version: tag, digest: `sha256:${sha}`, strategy: "canary" });
    expect(d[0]!.statuses.map((s) => [s.state, s.log_url])).toEqual([
      ["in_progress", RUN_URL],
      ["success", RUN_URL],
    ]);
    // Each faulted POST was retried: 1 + 1 for in_progress, 2 + 1 for success.
    const posts = gh.apiRequests().filter((q) => q.operationId === "repos/create-deployment-status");
    expect(posts.map((q) => q.status)).toEqual([502, 201, 503, 503, 201]);

    const reportPath = r.outputs["report-path"]!;
    expect(path.dirname(reportPath)).toBe(path.join(workspace, "mlgate-report"));
    expect(r.outputs).toMatchObject({
      status: "pass",
      outcome: "deployed",
      version: tag,
      "deployed-digest": sha,
      "previous-version": "v1.3.0",
      "deployment-id": String(d[0]!.id),
    });
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as Report;
    const audit = report.metrics?.audit as AuditRecord;
    expect(audit.steps.map((s) => [s.phase, s.status, s.weight])).toEqual([
      ["stage", "pass", 0],
      ["parity", "pass", undefined],
      ["step 1/3 (10%)", "pass", 10],
      ["step 2/3 (50%)", "pass", 50],
      ["promote", "pass", 100],
    ]);
    expect(audit.steps[2]!.requests).toBeGreaterThanOrEqual(10);
    expect(audit.steps[3]!.requests).toBeGreaterThanOrEqual(10);

    // The server serves the new version to everyone; both versions answered during the canary.
    await applied();
    expect(await served()).toEqual({ champion: tag, challenger: null, metadataVersion: tag });
    expect(Object.keys(seen.byStatus)).toEqual(["200"]);
    expect(seen.byVersion[tag]).toBeGreaterThan(0);
    expect(seen.byVersion["v1.3.0"]).toBeGreaterThan(0);

    const release = gh.state.releases.find((x) => x.tag_name === tag)!;
    expect(release.assets.map((a) => a.name)).toEqual(["mlgate-deploy-production.json", "churn.onnx"]);
    expect(invalidRequests(gh)).toEqual([]);
  });

  it("a candidate that fails its clients at the 50% step: exit 1, failure status, the previous version serving, no model on the release", async () => {
    const tag = "v1.5.0";
    releaseOnGitHub(gh, tag);
    // y = 2x, but its input is named `features`: parity passes (it is called with its own signature),
    // every client sending `x` gets a 400 from it.
    writeFileSync(model(), renamedInputModel());
    const sha = sha256Of(model());
    gateCheckRun(gh, "model", "success", sha);
    gateCheckRun(gh, "onnx", "success", sha);
    const previous = readAliases(reg, "churn").champion!;
    const historyBefore = readHistory(reg, "churn").length;
    const load = traffic(serve.url, "churn");
    const r = await runDeployAction(repo.actionDir("deploy"), workspace, gh, tag, { ...canary, steps: "50,100" });
    const seen = await load.stop();
    const run = r.steps.find((s) => s.id === "run")!;
    expect(run.exitCode, run.stderr).toBe(1);
    expect(r.conclusion).toBe("failure");
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);

    const d = gh.state.deployments;
    expect(d).toHaveLength(1);
    expect(d[0]!.statuses.map((s) => [s.state, s.log_url])).toEqual([
      ["in_progress", RUN_URL],
      ["failure", RUN_URL],
    ]);
    expect(d[0]!.statuses[1]!.description).toMatch(
      /^mlgate: rolled-back: step 1\/2 \(50%\) failed: v1\.5\.0 failed \d+ of \d+ requests/,
    );

    expect(r.outputs).toMatchObject({
      status: "fail",
      outcome: "rolled-back",
      version: tag,
      "deployed-digest": "",
      "previous-version": previous,
      "deployment-id": String(d[0]!.id),
    });
    expect(path.dirname(r.outputs["report-path"]!)).toBe(path.join(workspace, "mlgate-report"));

    // The previous version serves again: the registry, and the server itself.
    const a = readAliases(reg, "churn");
    expect([a.champion, a.challenger, a.weight]).toEqual([previous, null, 0]);
    await applied();
    expect(await served()).toEqual({ champion: previous, challenger: null, metadataVersion: previous });
    expect(seen.byStatus[400]).toBeGreaterThan(0);
    // Every user now gets the previous version (distinct users: the canary's affinity would split them).
    const answers: string[] = [];
    for (let u = 0; u < 20; u++) {
      const res = await fetch(`${serve.url}/v2/models/churn/infer`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-user-id": `after-${u}` },
        body: JSON.stringify({ inputs: [{ name: "x", shape: [1, 2], datatype: "FP32", data: [1, 1] }] }),
      });
      await res.arrayBuffer();
      answers.push(`${res.status} ${res.headers.get("x-model-version") ?? "none"}`);
    }
    expect(new Set(answers)).toEqual(new Set([`200 ${previous}`]));

    // Nothing on the release: a rolled-back model is not what production runs.
    const release = gh.state.releases.find((x) => x.tag_name === tag);
    expect(release?.assets.map((x) => x.name) ?? []).not.toContain("churn.onnx");

    // The audit record (report and registry history) says rolled back, with the failed step's numbers.
    const report = JSON.parse(readFileSync(r.outputs["report-path"]!, "utf8")) as Report;
    const audit = report.metrics?.audit as AuditRecord;
    expect(audit).toMatchObject({ outcome: "rolled-back", version: tag, sha256: sha, previous, deploymentId: String(d[0]!.id) });
    const step = audit.steps.find((s) => s.phase === "step 1/2 (50%)")!;
    expect(step).toMatchObject({
      status: "fail",
      weight: 50,
      errorRate: 1,
      budget: { max_error_rate: 0.02, min_requests: 10, max_p95_ms: 2000 },
    });
    expect(step.requests).toBeGreaterThanOrEqual(10);
    expect(step.errors).toBe(step.requests);
    expect(step.message).toBe(
      `${tag} failed ${step.errors} of ${step.requests} requests (error rate 1.0000 > max_error_rate 0.02)`,
    );
    expect(audit.steps.at(-1)).toMatchObject({ phase: "rollback", status: "pass" });
    expect(report.checks.find((c) => c.id === "rollback.auto")).toMatchObject({ status: "pass", observed: previous });
    const history = readHistory(reg, "churn").slice(historyBefore);
    expect(history.map((h) => h.event)).toEqual(["staged", "traffic", "rolled-back", "rolled-back"]);
    expect(history.at(-1)!.audit).toMatchObject({ outcome: "rolled-back", steps: audit.steps });
    expect(existsSync(registryPaths(reg, "churn").lock)).toBe(false);
    expect(invalidRequests(gh)).toEqual([]);
  });
});
