import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAliases, readHistory, readLock, type ServerStatus } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { runCli, runMain } from "../support/cli.js";
import { getJson, startServe, until, type ServeProcess } from "../serve/support.js";
import { aliasesChange, startAdminProxy, type AdminProxy } from "./admin-proxy.js";
import { deployArgs, greenReports, scaleModel, tmpDir, traffic, type Traffic } from "./support.js";

// An http(s):// target that fails in the middle of a canary: a loopback proxy in front of a real
// `mlgate serve`'s admin API answers 503 to (or drops) the second traffic change. The deploy rolls
// back (exit 1); when even the rollback cannot get through it stops with one sentence naming the
// half-finished state (exit 2), keeps the lock, and the next `deploy status` resolves it.

const TOKEN = "target-faults-admin-token";
const env = { PATH: process.env.PATH ?? "", MLGATE_ADMIN_TOKEN: TOKEN };
let dir: string;
let reg: string;
let serve: ServeProcess;
let proxy: AdminProxy;
let load: Traffic;

const canary = ["--strategy", "canary", "--steps", "25,50,100", "--watch", "1500ms"];
const report = (version: string): Report => JSON.parse(readFileSync(path.join(dir, `${version}.json`), "utf8")) as Report;
const lastLine = (text: string): string => text.trimEnd().split("\n").at(-1) ?? "";

/** What the server serves once it has applied the registry's current generation. */
async function serverServes(): Promise<{ champion: string | null; challenger: string | null }> {
  const generation = readAliases(reg, "churn").generation;
  return until(
    async () => {
      const m = ((await getJson(`${serve.url}/v1/status`)).body as ServerStatus).models.churn;
      return m && m.generation >= generation ? { champion: m.champion, challenger: m.challenger } : undefined;
    },
    30_000,
    `the server at generation ${generation}`,
  );
}

const model = (version: string, k: number): string => {
  writeFileSync(path.join(dir, "models", `${version}.onnx`), scaleModel(k));
  return `${version}.onnx`;
};

beforeAll(async () => {
  dir = tmpDir("mlgate-deploy-faults-");
  reg = path.join(dir, "registry");
  mkdirSync(reg);
  mkdirSync(path.join(dir, "models"));
  writeFileSync(
    path.join(dir, "mlgate.yml"),
    "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    max_p95_ms: 2000\n    min_requests: 3\n",
  );
  serve = await startServe(["--registry", reg, "--window", "2s", "--allow-outside-workspace"], { MLGATE_ADMIN_TOKEN: TOKEN });
  const first = await runMain(deployArgs(model("v1", 1), "v1", serve.url, greenReports(dir, "v1.onnx"), []), { cwd: dir, env });
  expect(first.code, first.stderr).toBe(0);
  proxy = await startAdminProxy(serve.url);
  load = traffic(serve.url, "churn");
});

afterAll(async () => {
  await load.stop();
  await proxy.close();
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a deploy target failing mid-canary", () => {
  it("503 on the second traffic change: the step fails, traffic rolls back through the target, exit 1", async () => {
    const failed = proxy.rule({ match: aliasesChange((b) => b.challenger === "v2" && b.weight === 50), action: "503" });
    const file = model("v2", 2);
    const r = await runMain(deployArgs(file, "v2", proxy.url, greenReports(dir, file), canary), { cwd: dir, env });
    await failed;
    expect(r.code, r.stderr).toBe(1);
    const rep = report("v2");
    expect(rep.checks.find((c) => c.id === "rollout.step.1")?.status).toBe("pass");
    expect(rep.checks.find((c) => c.id === "rollout.target")).toMatchObject({
      status: "fail",
      observed: "step 2/3 (50%)",
      message: `step 2/3 (50%): ${proxy.url} failed on PUT /v1/admin/models/churn/aliases with 503: upstream unavailable.`,
    });
    expect(rep.checks.find((c) => c.id === "rollback.auto")).toMatchObject({ status: "pass", observed: "v1" });
    expect(rep.summary).toBe(
      `rolled back churn v2 (${rep.subject?.sha256?.slice(0, 12)}) to production: step 2/3 (50%) failed: ${proxy.url} failed on PUT /v1/admin/models/churn/aliases with 503: upstream unavailable; v1 serves production again`,
    );
    expect(readAliases(reg, "churn")).toMatchObject({ champion: "v1", challenger: null, weight: 0 });
    expect(readLock(reg, "churn")).toBeUndefined();
    expect(readHistory(reg, "churn").at(-1)).toMatchObject({ event: "rolled-back", version: "v2" });
    expect(await serverServes()).toEqual({ champion: "v1", challenger: null });
  });

  it("connections dropped from the second traffic change on, the rollback's too: exit 2, one sentence, the lock kept; deploy status resolves it", async () => {
    const dropped = proxy.rule({
      match: aliasesChange((b) => !(b.challenger === "v3" && (b.weight === 0 || b.weight === 25))),
      action: "drop",
      times: 2,
    });
    const file = model("v3", 3);
    // A child process, as a CI job is: once it has exited, its lock is stale on this host.
    const r = await runCli(deployArgs(file, "v3", proxy.url, greenReports(dir, file), canary), { cwd: dir, env });
    await dropped;
    expect(r.code, r.stderr).toBe(2);
    const cut = `cannot reach mlgate serve at ${proxy.url} \\(\\S+ on PUT /v1/admin/models/churn/aliases\\): is it running at that address\\?`;
    expect(lastLine(r.stderr)).toMatch(
      new RegExp(
        `^mlgate deploy: the rollout of churn v3 to production failed \\(step 2/3 \\(50%\\) failed: ${cut}\\) and so did its rollback \\(rollback failed: ${cut}\\): traffic may still be as last confirmed \\(champion v1, challenger v3 at 25%\\); the rollout lock stays, so the next mlgate deploy or mlgate deploy status rolls it back once ${proxy.url.replace(/[.]/g, "\\.")} answers$`,
      ),
    );
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readAliases(reg, "churn")).toMatchObject({ champion: "v1", challenger: "v3", weight: 25 });
    expect(readLock(reg, "churn")).toMatchObject({ version: "v3", phase: "rollback" });
    expect(readHistory(reg, "churn").at(-1)).toMatchObject({ event: "failed", version: "v3" });

    const st = await runMain(["deploy", "status", "--environment", "production", "--name", "churn", "--target", proxy.url], {
      cwd: dir,
      env,
    });
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toMatch(
      /resolved {4}the rollout of v3 \(pid \d+ on .+, last heartbeat \S+\) stopped at rollback; rolled back to champion v1, lock removed\./,
    );
    expect(readAliases(reg, "churn")).toMatchObject({ champion: "v1", challenger: null, weight: 0 });
    expect(readLock(reg, "churn")).toBeUndefined();
    expect(readHistory(reg, "churn").at(-1)).toMatchObject({ event: "resolved", version: "v3" });
    expect(await serverServes()).toEqual({ champion: "v1", challenger: null });
  });
});
