import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAliases } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { ROOT, runCli, runMain } from "../support/cli.js";
import { startServe, until, type ServeProcess } from "../serve/support.js";
import { sha256Of, renamedInputModel, scaleModel, tmpDir, traffic, deployArgs, greenReports } from "./support.js";

// command:SCRIPT end to end: a real shell script (test/fixtures/deploy/command-target.sh) that records
// its calls and drives a real mlgate serve through its admin API, as a KServe script drives KServe;
// --health-url reads that server's /v1/status for the step health.

const TOKEN = "script-side-token";
let dir: string;
let served: string;
let serve: ServeProcess;

const calls = (): string[] => readFileSync(path.join(dir, "calls.log"), "utf8").trimEnd().split("\n");
const lastLine = (text: string): string => text.trimEnd().split("\n").at(-1) ?? "";
const report = (version: string): Report => JSON.parse(readFileSync(path.join(dir, `${version}.json`), "utf8")) as Report;

/** What the script is run with: where it records its calls and keeps its state, the server it drives. */
const scriptEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  MLGATE_ADMIN_TOKEN: "must-not-reach-the-script",
  TEST_CALLS: path.join(dir, "calls.log"),
  TEST_STATE: path.join(dir, "state.json"),
  TEST_SERVE_URL: serve.url,
  TEST_ADMIN_TOKEN: TOKEN,
});

const deploy = (bytes: Uint8Array, version: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  writeFileSync(path.join(dir, "models", `${version}.onnx`), bytes);
  rmSync(path.join(dir, "calls.log"), { force: true });
  return runMain(
    deployArgs(`${version}.onnx`, version, "command:deploy/command-target.sh", greenReports(dir, `${version}.onnx`), args),
    { cwd: dir, env: { ...scriptEnv(), ...env } },
  );
};

const status = () =>
  runMain(
    ["deploy", "status", "--environment", "production", "--name", "churn", "--target", "command:deploy/command-target.sh"],
    {
      cwd: dir,
      env: scriptEnv(),
    },
  );

beforeAll(async () => {
  dir = tmpDir("mlgate-deploy-command-");
  served = tmpDir("mlgate-deploy-command-served-");
  mkdirSync(path.join(dir, "models"));
  mkdirSync(path.join(dir, "deploy"));
  for (const f of ["command-target.sh", "admin-call.mjs"])
    copyFileSync(path.join(ROOT, "test/fixtures/deploy", f), path.join(dir, "deploy", f));
  chmodSync(path.join(dir, "deploy", "command-target.sh"), 0o755);
  writeFileSync(
    path.join(dir, "mlgate.yml"),
    "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    min_requests: 10\n    command_timeout: 3s\n",
  );
  serve = await startServe(["--registry", served, "--window", "2s", "--allow-outside-workspace"], {
    MLGATE_ADMIN_TOKEN: TOKEN,
  });
});

afterAll(async () => {
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(served, { recursive: true, force: true });
});

describe("mlgate deploy --target command:SCRIPT", () => {
  it("a first deploy calls status, stage and promote; the script's output is in the report", async () => {
    const r = await deploy(scaleModel(1), "v1", []);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(calls()).toEqual(["status|||||no admin token", "stage|v1|0||v1|no admin token", "promote|v1|100|v1||no admin token"]);
    const rep = report("v1");
    expect(rep.checks.find((c) => c.id === "rollout.parity")?.message).toBe(
      "No server is serving command:deploy/command-target.sh: nothing to call.",
    );
    const out = rep.sections?.find((s) => s.title === "Target output") as { text: string } | undefined;
    expect(out?.text).toBe(
      [
        "$ MLGATE_PHASE=status deploy/command-target.sh -> exit 0",
        "$ MLGATE_PHASE=stage deploy/command-target.sh -> exit 0",
        "applied stage: v1 at 0%",
        "$ MLGATE_PHASE=promote deploy/command-target.sh -> exit 0",
        "applied promote: v1 at 100%",
      ].join("\n"),
    );
    expect(readAliases(served, "churn").champion).toBe("v1");
    const state = JSON.parse(readFileSync(path.join(dir, "state.json"), "utf8")) as {
      champion: string;
      versions: { sha256: string }[];
    };
    expect(state.champion).toBe("v1");
    expect(state.versions.map((v) => v.sha256)).toEqual([sha256Of(path.join(dir, "models", "v1.onnx"))]);
  });

  it("canary with --health-url: each step judged from the server's status, then promoted", async () => {
    const load = traffic(serve.url, "churn");
    const r = await deploy(scaleModel(2), "v2", [
      "--strategy",
      "canary",
      "--steps",
      "30,100",
      "--watch",
      "1500ms",
      "--health-url",
      serve.url,
    ]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(calls().map((c) => c.split("|").slice(0, 5).join("|"))).toEqual([
      "status||||",
      "stage|v2|0|v1|v2",
      "canary|v2|30|v1|v2",
      "promote|v2|100|v2|",
    ]);
    const rep = report("v2");
    expect(rep.checks.find((c) => c.id === "rollout.parity")?.status).toBe("pass");
    expect(rep.checks.find((c) => c.id === "rollout.step.1")?.message).toMatch(/^v2: \d+ requests, 0 errors/);
    expect(readAliases(served, "churn").champion).toBe("v2");
  });

  it("the same model again is a no-op: the state the script printed says v2 serves", async () => {
    const r = await deploy(scaleModel(2), "v2", []);
    expect(r.code, r.stderr).toBe(0);
    expect(calls()).toEqual(["status|||||no admin token"]);
    expect(report("v2").summary).toMatch(/^v2 \([0-9a-f]{12}\) already serves production: nothing to do$/);
  });

  it("a phase the script fails (exit 3) rolls back: the rollback phase runs, exit 1", async () => {
    const r = await deploy(scaleModel(3), "v3", ["--strategy", "canary", "--steps", "30,100", "--watch", "500ms"], {
      TEST_FAIL_PHASE: "canary",
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(calls().map((c) => c.split("|").slice(0, 5).join("|"))).toEqual([
      "status||||",
      "stage|v3|0|v2|v3",
      "canary|v3|30|v2|v3",
      "rollback|v3|0|v2|",
    ]);
    const rep = report("v3");
    expect(rep.checks.find((c) => c.id === "rollback.auto")).toMatchObject({ status: "pass", observed: "v2" });
    expect(rep.summary).toBe(
      `rolled back churn v3 (${sha256Of(path.join(dir, "models", "v3.onnx")).slice(0, 12)}) to production: step 1/2 (30%) failed: command:deploy/command-target.sh exited with 3 in phase canary: the platform refused canary of v3; v2 serves production again`,
    );
    const a = readAliases(served, "churn");
    expect([a.champion, a.challenger]).toEqual(["v2", null]);
  });

  it("a canary whose health fails under traffic (read through --health-url) rolls back through the script", async () => {
    const load = traffic(serve.url, "churn");
    const r = await deploy(renamedInputModel(), "v4", [
      "--strategy",
      "canary",
      "--steps",
      "50,100",
      "--watch",
      "1s",
      "--health-url",
      serve.url,
    ]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(report("v4").checks.find((c) => c.id === "rollout.step.1")?.message).toMatch(
      /^v4 failed (\d+) of \1 requests \(error rate 1\.0000 > max_error_rate 0\.02\)$/,
    );
    expect(calls().at(-1)?.split("|").slice(0, 5).join("|")).toBe("rollback|v4|0|v2|");
    expect(readAliases(served, "churn").champion).toBe("v2");
  });

  it("a phase that hangs is stopped at command_timeout with everything it started, then rolled back", async () => {
    const started = Date.now();
    const r = await deploy(scaleModel(5), "v5", [], { TEST_HANG_PHASE: "promote" });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(report("v5").summary).toMatch(
      /: promote failed: command:deploy\/command-target\.sh did not finish within 3 s and was stopped in phase promote; v2 serves production again$/,
    );
    expect(calls().at(-1)?.split("|").slice(0, 5).join("|")).toBe("rollback|v5|0|v2|");
    const pid = Number(readFileSync(path.join(dir, "state.json.pid"), "utf8"));
    // The script led its own process group: none of it (the shell, its sleep) is left once the
    // signals have been delivered (a killed process takes a moment to go).
    const gone = await until(
      () => {
        try {
          process.kill(-pid, 0);
          return undefined;
        } catch (e) {
          return (e as NodeJS.ErrnoException).code;
        }
      },
      3000,
      "the script's process group to end",
    );
    expect(gone).toBe("ESRCH");
  });

  it("the script fails the second canary step: the rollback phase runs, exit 1, deploy status shows the previous version", async () => {
    const load = traffic(serve.url, "churn");
    const r = await deploy(
      scaleModel(7),
      "v7",
      ["--strategy", "canary", "--steps", "30,60,100", "--watch", "1500ms", "--health-url", serve.url],
      { TEST_FAIL_AT: "canary:2" },
    );
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(calls().map((c) => c.split("|").slice(0, 5).join("|"))).toEqual([
      "status||||",
      "stage|v7|0|v2|v7",
      "canary|v7|30|v2|v7",
      "canary|v7|60|v2|v7",
      "rollback|v7|0|v2|",
    ]);
    expect(report("v7").summary).toBe(
      `rolled back churn v7 (${sha256Of(path.join(dir, "models", "v7.onnx")).slice(0, 12)}) to production: step 2/3 (60%) failed: command:deploy/command-target.sh exited with 3 in phase canary: the platform refused canary call 2 of v7; v2 serves production again`,
    );
    const st = await status();
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toContain("champion    v2 (sha256 ");
    expect(st.stdout).toContain("challenger  none");
    expect(st.stdout).not.toContain("resolved");
    expect([readAliases(served, "churn").champion, readAliases(served, "churn").challenger]).toEqual(["v2", null]);
  });

  it("the rollback fails too: exit 2 naming the half-finished state; the lock stays in the platform's state and deploy status resolves it", async () => {
    const load = traffic(serve.url, "churn");
    writeFileSync(path.join(dir, "models", "v8.onnx"), scaleModel(8));
    rmSync(path.join(dir, "calls.log"), { force: true });
    // A child process, as a CI job is: once it has exited, its lock is stale on this host.
    const r = await runCli(
      deployArgs("v8.onnx", "v8", "command:deploy/command-target.sh", greenReports(dir, "v8.onnx"), [
        "--strategy",
        "canary",
        "--steps",
        "30,60,100",
        "--watch",
        "1500ms",
        "--health-url",
        serve.url,
      ]),
      { cwd: dir, env: { ...scriptEnv(), TEST_FAIL_AT: "canary:2", TEST_FAIL_PHASE: "rollback" } },
    );
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(lastLine(r.stderr)).toBe(
      "mlgate deploy: the rollout of churn v8 to production failed (step 2/3 (60%) failed: command:deploy/command-target.sh exited with 3 in phase canary: the platform refused canary call 2 of v8) and so did its rollback (rollback failed: command:deploy/command-target.sh exited with 3 in phase rollback: the platform refused rollback of v8): traffic may still be as last confirmed (champion v2, challenger v8 at 30%); the rollout lock stays, so the next mlgate deploy or mlgate deploy status rolls it back once command:deploy/command-target.sh answers",
    );
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    // The platform's state is the last step that succeeded, with the rollout's lock in it.
    const state = JSON.parse(readFileSync(path.join(dir, "state.json"), "utf8")) as {
      challenger: string;
      weight: number;
      lock?: { version: string; phase: string; before: { champion: string } };
    };
    expect([state.challenger, state.weight, state.lock?.version, state.lock?.phase, state.lock?.before.champion]).toEqual([
      "v8",
      30,
      "v8",
      "step 1/3 (30%)",
      "v2",
    ]);
    expect(readAliases(served, "churn")).toMatchObject({ champion: "v2", challenger: "v8", weight: 30 });

    rmSync(path.join(dir, "calls.log"), { force: true });
    const st = await status();
    expect(st.code, st.stderr).toBe(0);
    expect(st.stdout).toMatch(
      /resolved {4}the rollout of v8 \(pid \d+ on .+, last heartbeat \S+\) stopped at step 1\/3 \(30%\); rolled back to champion v2, lock removed\./,
    );
    expect(st.stdout).toContain("challenger  none");
    expect(calls().map((c) => c.split("|").slice(0, 5).join("|"))).toEqual(["status||||", "rollback||0|v2|"]);
    const after = JSON.parse(readFileSync(path.join(dir, "state.json"), "utf8")) as { challenger: unknown; lock?: unknown };
    expect([after.challenger, after.lock]).toEqual([null, undefined]);
    expect(readAliases(served, "churn")).toMatchObject({ champion: "v2", challenger: null, weight: 0 });
  });

  it("a script that is not executable: exit 2, one sentence", async () => {
    chmodSync(path.join(dir, "deploy", "command-target.sh"), 0o644);
    try {
      const r = await deploy(scaleModel(6), "v6", []);
      expect(r.code).toBe(2);
      expect(lastLine(r.stderr)).toBe(
        "mlgate deploy: --target command:deploy/command-target.sh is not executable (chmod +x it, with a #! line)",
      );
    } finally {
      chmodSync(path.join(dir, "deploy", "command-target.sh"), 0o755);
    }
    expect(existsSync(path.join(dir, "deploy", "command-target.sh"))).toBe(true);
  });
});
