// Resolving a killed deploy's stale lock against the GitHub double (every request checked against
// GitHub's OpenAPI description): a lock naming a deployment gets that deployment its final status
// `error`; an older lock without one still resolves and posts nothing; a status GitHub refuses is a
// warning; `deploy status` posts it inside Actions only.
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  acquireLock,
  aliasesView,
  readAliases,
  readHistory,
  readLock,
  stageVersion,
  updateLock,
  writeAliases,
  type AliasesView,
  type RolloutLock,
} from "../../src/core/registry.js";
import { resolveStale } from "../../src/gates/deploy/resolve.js";
import { CommandTarget } from "../../src/gates/deploy/targets/command.js";
import { RegistryTarget } from "../../src/gates/deploy/targets/registry.js";
import { createClient } from "../../src/github/client.js";
import { GitHubDeployments } from "../../src/github/deployments.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { REPO } from "../github/runner-env.js";
import { runMain } from "../support/cli.js";
import { scaleModel, tmpDir } from "./support.js";

const COMMIT = "a".repeat(40);
const RUN = 7001;
const RUN_URL = `https://github.com/${REPO}/actions/runs/${RUN}`;

let gh: GitHubDouble;
let dir: string;
let reg: string;
let before: AliasesView;
beforeEach(async () => {
  gh = await startGitHubDouble({ repository: REPO });
  dir = tmpDir("mlgate-stale-record-");
  reg = path.join(dir, "registry");
  for (const [version, k] of [
    ["v1", 1],
    ["v2", 2],
  ] as const) {
    const file = path.join(dir, `${version}.onnx`);
    writeFileSync(file, scaleModel(k));
    await stageVersion(reg, file, { name: "churn", version, gates: [] });
  }
  before = aliasesView(
    writeAliases(reg, "churn", { champion: "v1", challenger: null, weight: 0, mode: "split", previous: null }),
  );
});
afterEach(async () => {
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

const warnings: string[] = [];
function recorder(): GitHubDeployments {
  warnings.length = 0;
  return new GitHubDeployments({
    octokit: createClient({ token: "t", env: { GITHUB_API_URL: gh.url, MLGATE_RETRY_SCALE: "0" } }),
    context: {
      owner: "octo-org",
      repo: "octo-repo",
      repository: REPO,
      serverUrl: "https://github.com",
      runId: RUN,
      runUrl: RUN_URL,
      headSha: COMMIT,
    },
    warn: (m) => warnings.push(m),
  });
}

/** A deployment in progress, as the killed run left it; its id. */
async function inProgress(): Promise<string> {
  const begun = await recorder().begin({
    name: "churn",
    environment: "production",
    version: "v2",
    sha256: "c".repeat(64),
    strategy: "canary",
    commit: COMMIT,
  });
  return begun.deploymentId!;
}

/** The lock a killed deploy of v2 left at `phase` with v2 at 25% (its pid is gone), naming `deploymentId` if given. */
function killedLock(phase: string, deploymentId?: string): RolloutLock {
  const gone = spawnSync(process.execPath, ["-e", ""]).pid;
  const r = acquireLock(reg, "churn", { version: "v2", environment: "production", strategy: "canary", phase, before, pid: gone });
  if (!r.acquired) throw new Error("the registry's lock is taken");
  writeAliases(reg, "churn", { ...before, challenger: "v2", weight: 25 });
  return deploymentId === undefined ? r.lock : updateLock(reg, "churn", r.lock.id, { deploymentId });
}

const progress = (): void => undefined;

describe("resolving a stale lock with a recorder", () => {
  it("gives the deployment the lock names state error, cut to GitHub's 140 characters, with this run's log", async () => {
    const id = await inProgress();
    const lock = killedLock("step 1/3 (25%)", id);
    const by =
      "https://github.example.com/a-rather-long-organisation-name/an-even-longer-repository-name/actions/runs/9876543210";
    const message = await resolveStale(new RegistryTarget(reg, "registry", "churn"), lock, progress, {
      recorder: recorder(),
      by,
    });
    expect(message).toMatch(/; rolled back to champion v1, lock removed\.$/);
    expect(aliasesView(readAliases(reg, "churn"))).toEqual(before);
    expect(readLock(reg, "churn")).toBeUndefined();
    const d = gh.state.deployments[0]!;
    expect(d.statuses.map((s) => [s.state, s.description, s.log_url])).toEqual([
      ["in_progress", "mlgate: rolling out v2", RUN_URL],
      [
        "error",
        "mlgate: stopped before it finished (at step 1/3 (25%)); rolled back by https://github.example.com/a-rather-long-organisation-name/an-even-l…",
        RUN_URL,
      ],
    ]);
    expect(d.statuses[1]!.description).toHaveLength(140);
    expect(warnings).toEqual([]);
    expect(gh.apiRequests().filter((q) => !q.valid || (q.responseErrors ?? []).length > 0)).toEqual([]);
  });

  it("resolves a lock written without deploymentId (an older mlgate, an older server) and posts nothing", async () => {
    const lock = killedLock("step 1/3 (25%)");
    expect(Object.keys(lock)).not.toContain("deploymentId");
    const message = await resolveStale(new RegistryTarget(reg, "registry", "churn"), lock, progress, {
      recorder: recorder(),
      by: RUN_URL,
    });
    expect(message).toMatch(
      /^the rollout of v2 \(pid \d+ on .+\) stopped at step 1\/3 \(25%\); rolled back to champion v1, lock removed\.$/,
    );
    expect(aliasesView(readAliases(reg, "churn"))).toEqual(before);
    expect(readLock(reg, "churn")).toBeUndefined();
    expect(readHistory(reg, "churn").at(-1)).toMatchObject({ event: "resolved", version: "v2", to: before });
    expect(gh.apiRequests()).toEqual([]);
  });

  it("refuses a lock.json whose deploymentId could steer an API path", () => {
    const lock = killedLock("stage", "4711");
    const file = path.join(reg, "churn", "lock.json");
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, ...lock, deploymentId: "../../repos" }));
    expect(() => readLock(reg, "churn")).toThrow(
      `${file}: is not a registry rollout lock of schema version 1 (field deploymentId is "../../repos"); was the registry written by another tool?`,
    );
  });

  it("warns, and still resolves, when GitHub refuses the status (a deployment it does not know)", async () => {
    const lock = killedLock("stage", "999999");
    const message = await resolveStale(new RegistryTarget(reg, "registry", "churn"), lock, progress, {
      recorder: recorder(),
      by: RUN_URL,
    });
    expect(message).toMatch(/stopped at stage; rolled back to champion v1, lock removed\.$/);
    expect(readLock(reg, "churn")).toBeUndefined();
    expect(warnings).toEqual([
      "mlgate: could not give deployment 999999 of the stopped deploy its final status; GitHub keeps showing it in progress (HTTP 404: Not Found)",
    ]);
  });
});

describe("mlgate deploy status resolving a stale lock that names a deployment", () => {
  const args = ["deploy", "status", "--environment", "production", "--name", "churn", "--target", "registry:registry"];

  it("inside GitHub Actions with GITHUB_TOKEN: state error, resolved by this run", async () => {
    const id = await inProgress();
    killedLock("step 1/3 (25%)", id);
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_TOKEN: "ghs_statustoken",
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: REPO,
      GITHUB_RUN_ID: String(RUN),
      GITHUB_SHA: COMMIT,
      MLGATE_RETRY_SCALE: "0",
    };
    const st = await runMain(args, { cwd: dir, env });
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toMatch(
      /^resolved +the rollout of v2 .+ stopped at step 1\/3 \(25%\); rolled back to champion v1, lock removed\.$/m,
    );
    expect(gh.state.deployments[0]!.statuses.map((s) => [s.state, s.description, s.log_url])).toEqual([
      ["in_progress", "mlgate: rolling out v2", RUN_URL],
      ["error", `mlgate: stopped before it finished (at step 1/3 (25%)); rolled back by ${RUN_URL}`, RUN_URL],
    ]);
    expect(readLock(reg, "churn")).toBeUndefined();
  });

  it("outside Actions: rolls back as before, leaves the deployment alone and names it", async () => {
    const id = await inProgress();
    killedLock("step 1/3 (25%)", id);
    const requests = gh.apiRequests().length;
    const st = await runMain(args, { cwd: dir, env: { GITHUB_TOKEN: "ghs_laptoptoken", GITHUB_API_URL: gh.url } });
    expect(st.code, st.stderr).toBe(0);
    const named = `GitHub deployment ${id} of that run stays in progress: no GitHub token here to close it.`;
    expect(st.stdout).toContain(`; rolled back to champion v1, lock removed. ${named}`);
    expect(readHistory(reg, "churn").at(-1)?.message).toMatch(new RegExp(`lock removed\\. ${named.replace(/[.()]/g, "\\$&")}$`));
    expect(gh.apiRequests()).toHaveLength(requests);
    expect(gh.state.deployments[0]!.statuses.map((s) => s.state)).toEqual(["in_progress"]);
    expect(aliasesView(readAliases(reg, "churn"))).toEqual(before);
    expect(readLock(reg, "churn")).toBeUndefined();
  });
});

describe("the command: target's lock in the platform's state", () => {
  it("carries deploymentId from the heartbeat into MLGATE_STATE, reads it back, and refuses a mangled one", async () => {
    const script = path.join(dir, "platform.sh");
    const state = path.join(dir, "state.json");
    // The smallest platform: keeps MLGATE_STATE, prints it back at status.
    writeFileSync(
      script,
      `#!/bin/sh\nif [ "$MLGATE_PHASE" = status ]; then cat "${state}" 2>/dev/null || true; else printf '%s\\n' "$MLGATE_STATE" > "${state}"; fi\n`,
    );
    chmodSync(script, 0o755);
    const open = () =>
      new CommandTarget({
        script,
        display: "platform.sh",
        name: "churn",
        environment: "production",
        strategy: "canary",
        cwd: dir,
        env: { PATH: process.env.PATH ?? "" },
        timeoutMs: 10_000,
        staleAfterMs: 60_000,
        progress,
      });
    const t = open();
    const r = await t.acquireLock({ version: "v2", environment: "production", strategy: "canary", phase: "verify", before });
    if (!r.acquired) throw new Error("the platform's lock is taken");
    await t.heartbeat(r.lock.id, "verify", "4711");
    await t.stage(path.join(dir, "v2.onnx"), { name: "churn", version: "v2", gates: [] });
    await t.setTraffic({ ...before, challenger: "v2", weight: 0 }, "stage");
    const kept = JSON.parse(readFileSync(state, "utf8")) as { lock: RolloutLock };
    expect([kept.lock.id, kept.lock.deploymentId]).toEqual([r.lock.id, "4711"]);
    expect((await open().state()).lock).toMatchObject({ id: r.lock.id, version: "v2", deploymentId: "4711" });

    writeFileSync(state, JSON.stringify({ ...kept, lock: { ...kept.lock, deploymentId: "../../repos" } }));
    await expect(open().state()).rejects.toThrow(
      "command:platform.sh printed a state in phase status whose lock is not the one mlgate handed it; print back exactly the last MLGATE_STATE",
    );
  });
});
