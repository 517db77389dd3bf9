import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireLock, readAliases, readHistory, readLock, registryPaths, writeAliases } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { runMain } from "../support/cli.js";
import { project, sha256Of, writeReport } from "./support.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const p = project();
  dirs.push(p.dir);
  return p;
}

const deploy = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runMain(["deploy", "--environment", "production", "--target", "registry:registry", "--reports", "mlgate-report", ...args], {
    cwd,
    env,
  });

const readReport = (file: string): Report => JSON.parse(readFileSync(file, "utf8")) as Report;

describe("mlgate deploy --reports (offline verification, registry: target, direct)", () => {
  it("deploys a model whose digest every gate validated, then is a no-op for the same model", async () => {
    const p = setup();
    const r = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1.0.0", "--json", "deploy.json"]);
    expect(r.stderr).toContain(
      `mlgate deploy: verifying models/candidate.onnx (${p.sha.slice(0, 12)}) against reports in mlgate-report`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`deployed production v1.0.0 (${p.sha.slice(0, 12)}) to production via direct`);
    const a = readAliases(path.join(p.dir, "registry"), "production");
    expect([a.champion, a.challenger, a.weight, a.previous]).toEqual(["v1.0.0", null, 0, null]);
    const staged = registryPaths(path.join(p.dir, "registry"), "production").version("v1.0.0");
    expect(sha256Of(staged.model)).toBe(p.sha);
    const manifest = JSON.parse(readFileSync(staged.manifest, "utf8")) as { gates: { check: string }[]; source: string };
    expect(manifest.source).toBe("models/candidate.onnx");
    expect(manifest.gates.map((g) => g.check)).toEqual(["mlgate/model", "mlgate/onnx"]);
    const report = readReport(path.join(p.dir, "deploy.json"));
    expect(report.gate).toBe("deploy");
    expect(report.status).toBe("pass");
    expect(report.name).toBe("production");
    expect(report.subject).toMatchObject({ path: "models/candidate.onnx", sha256: p.sha, role: "shipped" });
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      "verify.evidence:pass",
      "verify.gate.model:pass",
      "verify.gate.onnx:pass",
      "verify.digest:pass",
      "rollout.lock:pass",
      "rollout.stage:pass",
      "rollout.parity:skip",
      "rollout.promote:pass",
    ]);
    const history = readHistory(path.join(p.dir, "registry"), "production");
    expect(history.map((h) => h.event)).toEqual(["staged", "promoted", "deployed"]);
    expect((history[2]?.audit as { outcome: string; sha256: string }).outcome).toBe("deployed");
    expect(existsSync(registryPaths(path.join(p.dir, "registry"), "production").lock)).toBe(false);

    const again = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1.0.0"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`v1.0.0 (${p.sha.slice(0, 12)}) already serves production: nothing to do`);
    // The same bytes under a new version number are already serving too.
    const renamed = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1.0.1", "--quiet"]);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toBe(`pass: v1.0.0 (${p.sha.slice(0, 12)}) already serves production: nothing to do\n`);
    expect(readAliases(path.join(p.dir, "registry"), "production").generation).toBe(a.generation);
  });

  it("refuses a model the gates did not validate, with the evidence table, and leaves the registry untouched", async () => {
    const p = setup();
    const r = await deploy(p.dir, ["--model", "models/other.onnx", "--version", "v2", "--markdown", "deploy.md"]);
    expect(r.code).toBe(1);
    const other = sha256Of(p.other);
    expect(r.stdout).toContain(
      `refused to deploy production v2 (${other.slice(0, 12)}) to production: The model being shipped (SHA-256 ${other.slice(0, 12)}) is not the one the gates validated: mlgate/model validated ${p.sha.slice(0, 12)}; mlgate/onnx validated ${p.sha.slice(0, 12)}.`,
    );
    const md = readFileSync(path.join(p.dir, "deploy.md"), "utf8");
    expect(md).toContain("| gate | conclusion | digest validated | digest shipped | link |");
    expect(md).toContain(`| mlgate/onnx | success | ${p.sha.slice(0, 12)} | ${other.slice(0, 12)} | mlgate-report/onnx.json |`);
    expect(existsSync(path.join(p.dir, "registry"))).toBe(false);
  });

  it("refuses when a required gate failed or is missing, and when only a baseline matches", async () => {
    const p = setup();
    writeReport(path.join(p.dir, "mlgate-report"), "model", "fail", [
      { path: "models/candidate.onnx", sha256: p.sha, role: "candidate" },
    ]);
    const red = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1", "--json", "d.json"]);
    expect(red.code).toBe(1);
    const report = readReport(path.join(p.dir, "d.json"));
    expect(report.checks.find((c) => c.id === "verify.gate.model")).toMatchObject({
      status: "fail",
      observed: "failure",
      message: "mlgate/model concluded failure: a model that failed a gate is not shipped.",
    });
    expect(report.metrics?.deploy).toMatchObject({ outcome: "refused" });

    const missing = await deploy(p.dir, [
      "--model",
      "models/candidate.onnx",
      "--version",
      "v1",
      "--require",
      "mlgate/onnx,data",
      "--quiet",
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("mlgate/data is required but has no result in reports in mlgate-report.");

    // A file that the gates saw only as the baseline is not proven by them.
    const q = setup();
    const base = path.join(q.dir, "models", "baseline.onnx");
    writeFileSync(base, readFileSync(q.other));
    writeReport(path.join(q.dir, "mlgate-report"), "model", "pass", [
      { path: "models/candidate.onnx", sha256: q.sha, role: "candidate" },
      { path: "models/baseline.onnx", sha256: sha256Of(base), role: "baseline" },
    ]);
    const asBaseline = await deploy(q.dir, [
      "--model",
      "models/baseline.onnx",
      "--version",
      "v1",
      "--require",
      "model",
      "--quiet",
    ]);
    expect(asBaseline.code).toBe(1);
    expect(asBaseline.stdout).toContain(`mlgate/model validated ${q.sha.slice(0, 12)}`);
  });

  it("needs at least one gate result, and a model gate among the required", async () => {
    const p = setup();
    rmSync(path.join(p.dir, "mlgate-report"), { recursive: true });
    writeReport(path.join(p.dir, "mlgate-report"), "data", "pass", [{ path: "data.csv", sha256: "d".repeat(64), role: "data" }]);
    const dataOnly = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1", "--quiet"]);
    expect(dataOnly.code).toBe(1);
    expect(dataOnly.stdout).toContain("None of the required gates validated a model");
    rmSync(path.join(p.dir, "mlgate-report", "data.json"));
    const none = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1", "--quiet"]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain(
      "No gate results in reports in mlgate-report: run the model and ONNX gates on this model first.",
    );
  });

  it("takes the version from a tag build, requires --version otherwise, and stops on unreadable input with exit 2", async () => {
    const p = setup();
    const noVersion = await deploy(p.dir, ["--model", "models/candidate.onnx"], {
      GITHUB_REF_NAME: "main",
      GITHUB_REF_TYPE: "branch",
    });
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toBe(
      "mlgate deploy: --version is required outside a tag build (GITHUB_REF_NAME names no tag); give the version to deploy, such as --version v1.4.0\n",
    );
    const tagged = await deploy(p.dir, ["--model", "models/candidate.onnx", "--quiet"], {
      GITHUB_REF_NAME: "v3.1.0",
      GITHUB_REF_TYPE: "tag",
    });
    expect(tagged.code).toBe(0);
    expect(readAliases(path.join(p.dir, "registry"), "production").champion).toBe("v3.1.0");

    const badVersion = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "../x"]);
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toContain('--version "../x" is not a valid version');
    const badSteps = await deploy(p.dir, [
      "--model",
      "models/candidate.onnx",
      "--version",
      "v9",
      "--strategy",
      "canary",
      "--steps",
      "50,10",
    ]);
    expect(badSteps.code).toBe(2);
    expect(badSteps.stderr).toBe('mlgate deploy: --steps "50,10": the shares must increase (10 follows 50)\n');
    const badStrategy = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v9", "--strategy", "yolo"]);
    expect(badStrategy.stderr).toBe('mlgate deploy: --strategy "yolo" is not a strategy; use direct, canary or blue-green\n');
    const noTarget = await runMain(
      [
        "deploy",
        "--model",
        "models/candidate.onnx",
        "--environment",
        "production",
        "--reports",
        "mlgate-report",
        "--version",
        "v1",
      ],
      { cwd: p.dir },
    );
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toBe("mlgate deploy: --target is required; see mlgate deploy --help\n");

    writeFileSync(path.join(p.dir, "mlgate-report", "broken.json"), '{"schemaVersion": 1, "gate": "mo');
    const broken = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v4"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/\nmlgate deploy: --reports mlgate-report\/broken\.json: is not valid JSON \(.+\)\n$/);
    expect(broken.stderr).not.toContain("    at ");
  });

  it("refuses to reuse a version for another model (versions are immutable)", async () => {
    const p = setup();
    expect((await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1", "--quiet"])).code).toBe(0);
    writeReport(path.join(p.dir, "mlgate-report"), "model", "pass", [
      { path: "models/other.onnx", sha256: sha256Of(p.other), role: "candidate" },
    ]);
    writeReport(path.join(p.dir, "mlgate-report"), "onnx", "pass", [
      { path: "models/other.onnx", sha256: sha256Of(p.other), role: "candidate" },
    ]);
    const r = await deploy(p.dir, ["--model", "models/other.onnx", "--version", "v1", "--json", "d.json", "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("version v1 already exists with another model (a version is immutable)");
    const c = readReport(path.join(p.dir, "d.json")).checks.find((x) => x.id === "rollout.version");
    expect(c?.status).toBe("fail");
    expect(readAliases(path.join(p.dir, "registry"), "production").champion).toBe("v1");
  });

  it("refuses while another rollout holds the lock, and resolves a dead one's half-finished rollout", async () => {
    const p = setup();
    const reg = path.join(p.dir, "registry");
    expect((await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1", "--quiet"])).code).toBe(0);
    const before = readAliases(reg, "production");
    const live = acquireLock(reg, "production", {
      version: "v0",
      environment: "production",
      strategy: "canary",
      phase: "step 1/2 (10%)",
      before,
    });
    expect(live.acquired).toBe(true);
    writeReport(path.join(p.dir, "mlgate-report"), "model", "pass", [
      { path: "models/other.onnx", sha256: sha256Of(p.other), role: "candidate" },
    ]);
    writeReport(path.join(p.dir, "mlgate-report"), "onnx", "pass", [
      { path: "models/other.onnx", sha256: sha256Of(p.other), role: "candidate" },
    ]);
    const refused = await deploy(p.dir, ["--model", "models/other.onnx", "--version", "v2", "--quiet"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("Another rollout of production is running (version v0, step 1/2 (10%)");
    expect(readLock(reg, "production")?.version).toBe("v0");

    // The holder died mid-canary with v1-bis at 10%: its pid is gone, so the lock is stale.
    rmSync(registryPaths(reg, "production").lock);
    writeAliases(reg, "production", { champion: "v1", challenger: "v1", weight: 10, mode: "split", previous: null });
    const lockFile = registryPaths(reg, "production").lock;
    writeFileSync(
      lockFile,
      JSON.stringify({
        schemaVersion: 1,
        id: "dead",
        version: "v1.5",
        environment: "production",
        strategy: "canary",
        phase: "step 1/2 (10%)",
        pid: 2 ** 22 + 12345,
        host: (await import("node:os")).hostname(),
        startedAt: new Date().toISOString(),
        heartbeatAt: new Date().toISOString(),
        before: { champion: "v1", challenger: null, weight: 0, mode: "split", previous: null },
      }),
    );
    const r = await deploy(p.dir, ["--model", "models/other.onnx", "--version", "v2", "--json", "d.json"]);
    expect(r.code).toBe(0);
    const report = readReport(path.join(p.dir, "d.json"));
    expect(report.checks.find((c) => c.id === "rollback.resolved")?.message).toMatch(
      /^the rollout of v1\.5 \(pid \d+ on .+, last heartbeat .+\) stopped at step 1\/2 \(10%\); rolled back to champion v1, lock removed\.$/,
    );
    const events = readHistory(reg, "production").map((h) => h.event);
    expect(events.slice(-4)).toEqual(["resolved", "staged", "promoted", "deployed"]);
    const a = readAliases(reg, "production");
    expect([a.champion, a.previous, a.challenger]).toEqual(["v2", "v1", null]);
  });

  it("in Actions without --json, writes mlgate-report/deploy-<name>.json, the name defaulting to the environment", async () => {
    const p = setup();
    const env = { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: p.dir };
    const r = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1.0.0"], env);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(p.dir, "mlgate-report", "deploy.json"))).toBe(false);
    const report = readReport(path.join(p.dir, "mlgate-report", "deploy-production.json"));
    expect([report.gate, report.status, report.name]).toEqual(["deploy", "pass", "production"]);
    const named = await deploy(p.dir, ["--model", "models/candidate.onnx", "--version", "v1.0.0", "--name", "churn"], env);
    expect(named.code).toBe(0);
    const churn = readReport(path.join(p.dir, "mlgate-report", "deploy-churn.json"));
    expect([churn.gate, churn.status, churn.subject?.sha256]).toEqual(["deploy", "pass", p.sha]);
  });
});
