import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAliases, readHistory, readServerStatuses, stageVersion, writeAliases } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { runMain } from "../support/cli.js";
import { startServe, until, type ServeProcess } from "../serve/support.js";
import { brokenModel, renamedInputModel, scaleModel, slowModel, tmpDir, traffic, deployArgs, greenReports } from "./support.js";

// End to end on loopback: a real `mlgate serve --registry` child process, real traffic from distinct
// users, and the deploy gate moving that traffic through the registry folder the server follows.

let dir: string;
let reg: string;
let serve: ServeProcess;

const deploy = (file: string, version: string, args: string[]) =>
  runMain(deployArgs(file, version, "registry:registry", greenReports(dir, file), args), { cwd: dir });

const report = (version: string): Report => JSON.parse(readFileSync(path.join(dir, `${version}.json`), "utf8")) as Report;

beforeAll(async () => {
  dir = tmpDir("mlgate-deploy-e2e-");
  reg = path.join(dir, "registry");
  mkdirSync(reg);
  mkdirSync(path.join(dir, "models"));
  writeFileSync(
    path.join(dir, "mlgate.yml"),
    "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    max_p95_ms: 1000\n    min_requests: 10\n",
  );
  // The latency test's own budgets: a strict p95 only the slow model breaks, and fewer requests needed, so a
  // busy machine (slow answers, few of them in the window) still gives evidence. The shared config's p95
  // budget is lenient, so healthy canaries never fail on a loaded machine's latency.
  writeFileSync(
    path.join(dir, "latency.yml"),
    "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    max_p95_ms: 20\n    min_requests: 3\n",
  );
  serve = await startServe(["--registry", reg, "--window", "2s", "--allow-outside-workspace"]);
  writeFileSync(path.join(dir, "models", "v1.onnx"), scaleModel(1));
  const first = await deploy("v1.onnx", "v1", []);
  expect(first.code, first.stderr).toBe(0);
});

afterAll(async () => {
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("mlgate deploy against mlgate serve --registry under traffic", () => {
  it("deployed v1 directly after serving parity through the server's prediction API", () => {
    const r = report("v1");
    expect(r.checks.find((c) => c.id === "rollout.parity")).toMatchObject({ status: "pass" });
    expect(r.checks.find((c) => c.id === "rollout.parity")?.message).toMatch(
      /^8 output elements from 1 server\(s\) match onnxruntime offline on synthesised rows; max abs error 0\.$/,
    );
  });

  it("takes a healthy candidate through every canary step to champion", async () => {
    writeFileSync(path.join(dir, "models", "v2.onnx"), scaleModel(2));
    const load = traffic(serve.url, "churn");
    const r = await deploy("v2.onnx", "v2", ["--strategy", "canary", "--steps", "10,50,100", "--watch", "1500ms"]);
    const seen = await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain("mlgate deploy: step 1/3 (10%): v2 gets 10% of traffic");
    expect(r.stderr).toMatch(/mlgate deploy: step 2\/3 \(50%\): pass — v2: \d+ requests, 0 errors/);
    const rep = report("v2");
    expect(rep.status).toBe("pass");
    expect(rep.checks.filter((c) => c.id.startsWith("rollout.")).map((c) => `${c.id}:${c.status}`)).toEqual([
      "rollout.lock:pass",
      "rollout.stage:pass",
      "rollout.parity:pass",
      "rollout.step.1:pass",
      "rollout.step.2:pass",
      "rollout.promote:pass",
    ]);
    const steps = (rep.metrics?.audit as { steps: { phase: string; weight?: number; requests?: number }[] }).steps;
    expect(steps.map((s) => [s.phase, s.weight])).toEqual([
      ["stage", 0],
      ["parity", undefined],
      ["step 1/3 (10%)", 10],
      ["step 2/3 (50%)", 50],
      ["promote", 100],
    ]);
    // Each step's count is its own window, not the servers' running total.
    expect(steps[2]!.requests).toBeGreaterThanOrEqual(10);
    expect(steps[3]!.requests).toBeGreaterThan(steps[2]!.requests!);
    const a = readAliases(reg, "churn");
    expect([a.champion, a.challenger, a.weight, a.previous]).toEqual(["v2", null, 0, "v1"]);
    expect(seen.byStatus[200]).toBeGreaterThan(100);
    expect(Object.keys(seen.byStatus)).toEqual(["200"]);
    expect(seen.byVersion.v2).toBeGreaterThan(0);
    expect(seen.byVersion.v1).toBeGreaterThan(0);
  });

  it("rolls back a candidate that fails its clients at 50%: the previous version serves, exit 1", async () => {
    writeFileSync(path.join(dir, "models", "v3.onnx"), renamedInputModel());
    const load = traffic(serve.url, "churn");
    const r = await deploy("v3.onnx", "v3", ["--strategy", "canary", "--steps", "50,100", "--watch", "1s"]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const rep = report("v3");
    expect(rep.status).toBe("fail");
    const step = rep.checks.find((c) => c.id === "rollout.step.1");
    expect(step?.status).toBe("fail");
    expect(step?.message).toMatch(/^v3 failed (\d+) of \1 requests \(error rate 1\.0000 > max_error_rate 0\.02\)$/);
    expect(rep.checks.find((c) => c.id === "rollback.auto")).toMatchObject({ status: "pass", observed: "v2" });
    expect(rep.summary).toMatch(/^rolled back churn v3 \([0-9a-f]{12}\) to production: step 1\/2 \(50%\) failed: v3 failed/);
    expect(rep.summary).toMatch(/; v2 serves production again$/);
    const a = readAliases(reg, "churn");
    expect([a.champion, a.challenger, a.weight, a.previous]).toEqual(["v2", null, 0, "v1"]);
    // The server follows: every answer after the rollback comes from v2.
    const after = traffic(serve.url, "churn", 2);
    await new Promise((res) => setTimeout(res, 1500));
    const seen = await after.stop();
    expect(Object.keys(seen.byVersion)).toEqual(["v2"]);
    expect(
      readHistory(reg, "churn")
        .slice(-2)
        .map((h) => h.event),
    ).toEqual(["rolled-back", "rolled-back"]);
  });

  it("rolls back a candidate whose p95 breaks max_p95_ms under traffic", async () => {
    writeFileSync(path.join(dir, "models", "v4.onnx"), slowModel());
    const load = traffic(serve.url, "churn", 8);
    const r = await deploy("v4.onnx", "v4", [
      "--strategy",
      "canary",
      "--steps",
      "50,100",
      "--watch",
      "3s",
      "--config",
      "latency.yml",
    ]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const step = report("v4").checks.find((c) => c.id === "rollout.step.1");
    expect(step?.status).toBe("fail");
    expect(step?.message).toMatch(/^v4's p95 \d+\.\d ms > max_p95_ms 20$/);
    expect(readAliases(reg, "churn").champion).toBe("v2");
  });

  it("fails safe when the new version gets fewer than min_requests (no traffic at all)", async () => {
    writeFileSync(path.join(dir, "models", "v5.onnx"), scaleModel(5));
    const r = await deploy("v5.onnx", "v5", ["--strategy", "canary", "--steps", "10,100", "--watch", "500ms"]);
    expect(r.code).toBe(1);
    expect(report("v5").checks.find((c) => c.id === "rollout.step.1")?.message).toBe(
      "only 0 request(s) reached v5 in the window, fewer than min_requests 10: no evidence, so the step fails safe",
    );
    expect(readAliases(reg, "churn").champion).toBe("v2");
  });

  it("a version the server cannot load fails at staging and never gets traffic", async () => {
    writeFileSync(path.join(dir, "models", "broken.onnx"), brokenModel());
    const r = await deploy("broken.onnx", "v7", ["--strategy", "canary", "--steps", "10,100", "--watch", "500ms"]);
    expect(r.code).toBe(1);
    const rep = report("v7");
    expect(rep.checks.map((c) => c.id)).not.toContain("rollout.step.1");
    const stage = (rep.metrics?.audit as { steps: { phase: string; status: string; message?: string }[] }).steps[0];
    expect(stage?.phase).toBe("stage");
    expect(stage?.status).toBe("fail");
    expect(stage?.message).toMatch(new RegExp(`^${serve.url.replace(/[.]/g, "\\.")} could not apply generation \\d+: .*v7`));
    expect(readAliases(reg, "churn").challenger).toBe(null);
  });

  it("does not read a failed generation's stale error as the next version's health", async () => {
    // Someone points the challenger at a version the server refuses, and leaves it there.
    const bad = await stageVersion(reg, path.join(dir, "models", "broken.onnx"), { name: "churn", version: "v7b", gates: [] });
    expect(bad.created).toBe(true);
    const cur = readAliases(reg, "churn");
    const g = writeAliases(reg, "churn", { ...cur, challenger: "v7b", weight: 0 }).generation;
    await until(() => readServerStatuses(reg)[0]?.models.churn?.error, 10_000, "the server's error");
    expect(readServerStatuses(reg)[0]?.models.churn?.generation).toBeLessThan(g);
    writeFileSync(path.join(dir, "models", "v8.onnx"), scaleModel(8));
    const r = await deploy("v8.onnx", "v8", []);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readAliases(reg, "churn").champion).toBe("v8");
  });

  it("blue-green: stages the idle colour, switches all traffic, keeps the old colour as previous", async () => {
    writeFileSync(path.join(dir, "models", "v6.onnx"), scaleModel(6));
    const load = traffic(serve.url, "churn");
    const r = await deploy("v6.onnx", "v6", ["--strategy", "blue-green", "--watch", "1s"]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(report("v6").checks.find((c) => c.id === "rollout.switch")?.status).toBe("pass");
    const a = readAliases(reg, "churn");
    expect([a.champion, a.challenger, a.previous]).toEqual(["v6", null, "v8"]);
  });
});
