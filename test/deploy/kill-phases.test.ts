import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliasesView, readAliases, readHistory, readLock, type AliasesView, type ServerStatus } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { distDir, runMain } from "../support/cli.js";
import { getJson, startServe, until, type ServeProcess } from "../serve/support.js";
import { aliasesChange, startAdminProxy, type ProxyRule } from "./admin-proxy.js";
import { deployArgs, greenReports, renamedInputModel, scaleModel, tmpDir, traffic, type Traffic } from "./support.js";

// kill -9 of a deploy at each phase of its rollout, then the next `mlgate deploy status` (or the next
// `mlgate deploy`) resolves what it left: traffic back to where the rollout started, the lock removed,
// the history saying so, the server serving the previous version. The deploy drives a real `mlgate
// serve` through its admin API (http:// target) behind a loopback proxy that holds the request (or
// its answer) of the phase under test: the deploy is then provably at that phase when it is killed.

const TOKEN = "kill-phases-admin-token";
let dir: string;
let reg: string;
let serve: ServeProcess;
let load: Traffic;
let k = 1;

const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1", MLGATE_ADMIN_TOKEN: TOKEN };
const view = (a: AliasesView): AliasesView => aliasesView(a);

/** Waits until the server has applied the registry's current generation; returns what it serves. */
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

beforeAll(async () => {
  dir = tmpDir("mlgate-deploy-kill-");
  reg = path.join(dir, "registry");
  mkdirSync(reg);
  mkdirSync(path.join(dir, "models"));
  writeFileSync(
    path.join(dir, "mlgate.yml"),
    "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    max_p95_ms: 2000\n    min_requests: 3\n",
  );
  serve = await startServe(["--registry", reg, "--window", "2s", "--allow-outside-workspace"], { MLGATE_ADMIN_TOKEN: TOKEN });
  writeFileSync(path.join(dir, "models", "v0.onnx"), scaleModel(1));
  const first = await runMain(deployArgs("v0.onnx", "v0", serve.url, greenReports(dir, "v0.onnx"), []), { cwd: dir, env });
  expect(first.code, first.stderr).toBe(0);
  load = traffic(serve.url, "churn");
});

afterAll(async () => {
  await load.stop();
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Phase {
  name: string;
  strategy: "canary" | "blue-green";
  /** The request (or answer) the proxy holds: the deploy is at this phase while it waits. */
  hold: (version: string, before: AliasesView) => ProxyRule;
  /** The rollout lock's phase at that moment. */
  lockPhase: string;
  /** The traffic the killed deploy leaves behind (before: what it started from). */
  left: (version: string, before: AliasesView) => Partial<AliasesView>;
  /** The candidate's bytes (default: a healthy y = kx). */
  model?: () => Uint8Array;
  /** Resolved by the next `mlgate deploy` (of the same version, direct) instead of `deploy status`. */
  byNextDeploy?: boolean;
}

const strategyArgs = (p: Phase): string[] =>
  p.strategy === "canary"
    ? ["--strategy", "canary", "--steps", "25,50,100", "--watch", "1500ms"]
    : ["--strategy", p.strategy, "--watch", "1s"];

const PHASES: Phase[] = [
  {
    name: "lock taken, nothing moved yet",
    strategy: "canary",
    hold: () => ({ match: (r) => r.method === "POST" && r.path.endsWith("/lock"), action: "hold-response" }),
    lockPhase: "verify",
    left: (_v, b) => b,
  },
  {
    name: "version uploaded, no traffic change yet",
    strategy: "canary",
    hold: (v) => ({ match: (r) => r.method === "PUT" && r.path.endsWith(`/versions/${v}`), action: "hold-response" }),
    lockPhase: "stage",
    left: (_v, b) => b,
  },
  {
    name: "staged as challenger at 0%",
    strategy: "canary",
    hold: (v) => ({ match: aliasesChange((b) => b.challenger === v && b.weight === 0), action: "hold-response" }),
    lockPhase: "stage",
    left: (v) => ({ challenger: v, weight: 0 }),
    byNextDeploy: true,
  },
  {
    name: "canary step 1 (25%)",
    strategy: "canary",
    hold: (v) => ({ match: aliasesChange((b) => b.challenger === v && b.weight === 25), action: "hold-response" }),
    lockPhase: "step 1/3 (25%)",
    left: (v) => ({ challenger: v, weight: 25 }),
  },
  {
    name: "canary step 2 (50%)",
    strategy: "canary",
    hold: (v) => ({ match: aliasesChange((b) => b.challenger === v && b.weight === 50), action: "hold-response" }),
    lockPhase: "step 2/3 (50%)",
    left: (v) => ({ challenger: v, weight: 50 }),
  },
  {
    name: "before promote (the promotion not yet sent)",
    strategy: "canary",
    hold: (v) => ({ match: aliasesChange((b) => b.champion === v), action: "hold-request" }),
    lockPhase: "promote",
    left: (v) => ({ challenger: v, weight: 50 }),
  },
  {
    name: "at promote (applied, not yet recorded)",
    strategy: "canary",
    hold: (v) => ({ match: aliasesChange((b) => b.champion === v), action: "hold-response" }),
    lockPhase: "promote",
    left: (v, b) => ({ champion: v, challenger: null, previous: b.champion }),
    byNextDeploy: true,
  },
  {
    name: "at the blue-green switch",
    strategy: "blue-green",
    hold: (v) => ({ match: aliasesChange((b) => b.champion === v), action: "hold-response" }),
    lockPhase: "switch",
    left: (v, b) => ({ champion: v, challenger: null, previous: b.champion }),
  },
  {
    name: "during the automatic rollback of a failing canary",
    strategy: "canary",
    model: renamedInputModel,
    hold: (_v, b) => ({
      match: aliasesChange((x) => x.champion === b.champion && x.challenger === null),
      action: "hold-request",
    }),
    lockPhase: "rollback",
    left: (v) => ({ challenger: v, weight: 25 }),
  },
];

describe("a deploy killed (kill -9) at each phase is resolved by the next run", () => {
  it.each(PHASES)(
    "$name",
    async (phase) => {
      const version = `v${k++}`;
      const file = `${version}.onnx`;
      writeFileSync(path.join(dir, "models", file), (phase.model ?? (() => scaleModel(k)))());
      const reports = greenReports(dir, file);
      const before = view(readAliases(reg, "churn"));
      const proxy = await startAdminProxy(serve.url);
      try {
        const held = proxy.rule(phase.hold(version, before));
        const child = spawn(
          process.execPath,
          [path.join(distDir(), "cli.js"), ...deployArgs(file, version, proxy.url, reports, strategyArgs(phase))],
          { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] },
        );
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<NodeJS.Signals | null>((r) =>
          child.on("exit", (_c, s) => {
            r(s);
          }),
        );
        // The deploy reaches the held request (or ends first, which is the test failing, with its output).
        const first = await Promise.race([held.then(() => "held"), exited.then(() => "exited")]);
        expect(first, stderr).toBe("held");
        expect(readLock(reg, "churn")?.phase).toBe(phase.lockPhase);
        expect(view(readAliases(reg, "churn"))).toEqual({ ...before, ...phase.left(version, before) });
        child.kill("SIGKILL");
        expect(await exited).toBe("SIGKILL");
        expect(readLock(reg, "churn")?.version).toBe(version);

        const changed = JSON.stringify(view(readAliases(reg, "churn"))) !== JSON.stringify(before);
        const what = `the rollout of ${version} \\(pid ${child.pid} on .+, last heartbeat \\S+\\) stopped at ${phase.lockPhase.replace(/[()/]/g, "\\$&")}`;
        const resolved = new RegExp(
          changed
            ? `^${what}; rolled back to champion ${before.champion}, lock removed\\.$`
            : `^${what}; traffic was as it started \\(champion ${before.champion}\\), lock removed\\.$`,
        );
        if (phase.byNextDeploy) {
          // The re-run of the killed job: it resolves the half-finished rollout first, then deploys directly.
          const again = await runMain(deployArgs(file, version, serve.url, reports, []), { cwd: dir, env });
          const rep = JSON.parse(readFileSync(path.join(dir, `${version}.json`), "utf8")) as Report;
          expect(again.code, again.stderr).toBe(0);
          const check = rep.checks.find((c) => c.id === "rollback.resolved");
          expect(check?.status).toBe("warn");
          expect(check?.message).toMatch(resolved);
          const events = readHistory(reg, "churn").map((h) => h.event);
          expect(events.slice(events.lastIndexOf("resolved"), events.lastIndexOf("resolved") + 2)).toEqual([
            "resolved",
            "staged",
          ]);
          const r = readHistory(reg, "churn").find((h) => h.event === "resolved" && h.version === version);
          expect(r?.to).toEqual(before);
        } else {
          const st = await runMain(
            ["deploy", "status", "--environment", "production", "--name", "churn", "--target", serve.url],
            {
              cwd: dir,
              env,
            },
          );
          expect(st.code, st.stderr).toBe(0);
          const line = st.stdout.split("\n").find((l) => l.startsWith("resolved"));
          expect(line?.replace(/^resolved +/, "")).toMatch(resolved);
          expect(st.stdout).toContain("challenger  none");
          expect(st.stdout).toContain("lock        none");
          expect(view(readAliases(reg, "churn"))).toEqual(before);
          expect(readHistory(reg, "churn").at(-1)).toMatchObject({ event: "resolved", version, to: before });
          expect(await serverServes()).toEqual({ champion: before.champion, challenger: null });
        }
        expect(readLock(reg, "churn")).toBeUndefined();
      } finally {
        await proxy.close();
      }
    },
    120_000,
  );
});
