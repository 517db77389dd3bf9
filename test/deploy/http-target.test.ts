import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAliases, readHistory } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { runMain } from "../support/cli.js";
import { startServe, type ServeProcess } from "../serve/support.js";
import { sha256Of, brokenModel, renamedInputModel, scaleModel, tmpDir, traffic, deployArgs, greenReports } from "./support.js";

// End to end on loopback through the admin API: a real `mlgate serve --registry` child process with
// an admin token, and the deploy gate given only its URL. The registry folder the server follows is
// read here only to check what the server did; the deploy never sees it.

const TOKEN = "s3cret-admin-token";
let dir: string;
let served: string;
let serve: ServeProcess;

const deploy = (
  file: string,
  version: string,
  args: string[],
  env: NodeJS.ProcessEnv = { MLGATE_ADMIN_TOKEN: TOKEN },
  target = serve.url,
) => runMain(deployArgs(file, version, target, greenReports(dir, file), args), { cwd: dir, env });

/** The error line: progress lines (hashing, verifying) come before it on stderr. */
const lastLine = (text: string): string => text.trimEnd().split("\n").at(-1) ?? "";

const report = (version: string): Report => JSON.parse(readFileSync(path.join(dir, `${version}.json`), "utf8")) as Report;

beforeAll(async () => {
  dir = tmpDir("mlgate-deploy-http-");
  served = tmpDir("mlgate-deploy-http-served-");
  mkdirSync(path.join(dir, "models"));
  writeFileSync(path.join(dir, "mlgate.yml"), "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    min_requests: 10\n");
  serve = await startServe(["--registry", served, "--window", "2s", "--allow-outside-workspace"], {
    MLGATE_ADMIN_TOKEN: TOKEN,
  });
  writeFileSync(path.join(dir, "models", "v1.onnx"), scaleModel(1));
});

afterAll(async () => {
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(served, { recursive: true, force: true });
});

describe("mlgate deploy --target http://… (mlgate serve's admin API)", () => {
  it("deploys a first version directly: uploaded, loaded, parity through the server's prediction API", async () => {
    const r = await deploy("v1.onnx", "v1", []);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const rep = report("v1");
    expect(rep.checks.find((c) => c.id === "rollout.parity")?.message).toBe(
      "8 output elements from 1 server(s) match onnxruntime offline on synthesised rows; max abs error 0.",
    );
    expect((rep.metrics?.audit as { target: string }).target).toBe(serve.url);
    const a = readAliases(served, "churn");
    expect([a.champion, a.challenger]).toEqual(["v1", null]);
    expect(sha256Of(path.join(served, "churn", "versions", "v1", "model.onnx"))).toBe(
      sha256Of(path.join(dir, "models", "v1.onnx")),
    );
    expect(readHistory(served, "churn").at(-1)?.event).toBe("deployed");
  });

  it("takes a healthy candidate through every canary step, health from the server's /v1/status", async () => {
    writeFileSync(path.join(dir, "models", "v2.onnx"), scaleModel(2));
    const load = traffic(serve.url, "churn");
    const r = await deploy("v2.onnx", "v2", ["--strategy", "canary", "--steps", "20,60,100", "--watch", "1500ms"]);
    const seen = await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/mlgate deploy: step 2\/3 \(60%\): pass — v2: \d+ requests, 0 errors/);
    const rep = report("v2");
    expect(rep.checks.filter((c) => c.id.startsWith("rollout.")).map((c) => `${c.id}:${c.status}`)).toEqual([
      "rollout.lock:pass",
      "rollout.stage:pass",
      "rollout.parity:pass",
      "rollout.step.1:pass",
      "rollout.step.2:pass",
      "rollout.promote:pass",
    ]);
    const steps = (rep.metrics?.audit as { steps: { phase: string; requests?: number }[] }).steps;
    expect(steps[2]!.requests).toBeGreaterThanOrEqual(10);
    const a = readAliases(served, "churn");
    expect([a.champion, a.challenger, a.weight, a.previous]).toEqual(["v2", null, 0, "v1"]);
    expect(Object.keys(seen.byStatus)).toEqual(["200"]);
    expect(seen.byVersion.v2).toBeGreaterThan(0);
    expect(seen.byVersion.v1).toBeGreaterThan(0);
  });

  it("rolls back a canary that fails its clients at 50%: exit 1, v2 serves again", async () => {
    writeFileSync(path.join(dir, "models", "v3.onnx"), renamedInputModel());
    const load = traffic(serve.url, "churn");
    const r = await deploy("v3.onnx", "v3", ["--strategy", "canary", "--steps", "50,100", "--watch", "1s"]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const rep = report("v3");
    expect(rep.checks.find((c) => c.id === "rollout.step.1")?.message).toMatch(
      /^v3 failed (\d+) of \1 requests \(error rate 1\.0000 > max_error_rate 0\.02\)$/,
    );
    expect(rep.checks.find((c) => c.id === "rollback.auto")).toMatchObject({ status: "pass", observed: "v2" });
    const a = readAliases(served, "churn");
    expect([a.champion, a.challenger, a.weight]).toEqual(["v2", null, 0]);
    const after = traffic(serve.url, "churn", 2);
    await new Promise((res) => setTimeout(res, 1000));
    expect(Object.keys((await after.stop()).byVersion)).toEqual(["v2"]);
    expect(
      readHistory(served, "churn")
        .slice(-2)
        .map((h) => h.event),
    ).toEqual(["rolled-back", "rolled-back"]);
  });

  it("a version the server cannot load is refused at staging (422): exit 1, no traffic moved", async () => {
    writeFileSync(path.join(dir, "models", "broken.onnx"), brokenModel());
    const r = await deploy("broken.onnx", "v7", ["--strategy", "canary", "--steps", "10,100", "--watch", "500ms"]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const stage = (report("v7").metrics?.audit as { steps: { phase: string; status: string; message?: string }[] }).steps[0];
    expect(stage?.phase).toBe("stage");
    expect(stage?.status).toBe("fail");
    expect(stage?.message).toMatch(
      new RegExp(`^${serve.url.replace(/[.]/g, "\\.")} refused version v7 \\(422\\): version "v7" of model "churn" `),
    );
    expect(readAliases(served, "churn").champion).toBe("v2");
  });

  it("deploy status and deploy rollback work through the admin API", async () => {
    const env = { MLGATE_ADMIN_TOKEN: TOKEN };
    const s = await runMain(["deploy", "status", "--environment", "production", "--name", "churn", "--target", serve.url], {
      cwd: dir,
      env,
    });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(new RegExp(`^model +churn in ${serve.url.replace(/[.]/g, "\\.")}$`, "m"));
    expect(s.stdout).toMatch(/^champion +v2 \(sha256 [0-9a-f]{12}\)$/m);
    expect(s.stdout).toMatch(/^previous +v1 /m);
    const b = await runMain(["deploy", "rollback", "--environment", "production", "--name", "churn", "--target", serve.url], {
      cwd: dir,
      env,
    });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe("rolled back churn from v2 to v1\n");
    expect(readAliases(served, "churn").champion).toBe("v1");
  });
});

describe("mlgate deploy --target http://…: a server it cannot use is exit 2, one sentence naming the URL", () => {
  let failing: Server;
  let failingUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    failing = createServer((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "disk full" }));
    });
    await new Promise<void>((r) => failing.listen(0, "127.0.0.1", r));
    failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((r) => probe.close(r));
  });

  afterAll(() => {
    failing.close();
  });

  it("a wrong admin token: 401, named MLGATE_ADMIN_TOKEN", async () => {
    writeFileSync(path.join(dir, "models", "v9.onnx"), scaleModel(9));
    const r = await deploy("v9.onnx", "v9", [], { MLGATE_ADMIN_TOKEN: "wrong" });
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(
      `mlgate deploy: ${serve.url} refused the admin token (401 on GET /v1/admin/models/churn): set MLGATE_ADMIN_TOKEN (the action's admin-token input) to the token mlgate serve was started with`,
    );
  });

  it("no admin token at all", async () => {
    const r = await deploy("v9.onnx", "v9", [], {});
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(
      `mlgate deploy: --target ${serve.url} needs the admin API's bearer token: set MLGATE_ADMIN_TOKEN (the action's admin-token input); a token is never a flag`,
    );
  });

  it("nothing listening at the address", async () => {
    const r = await deploy("v9.onnx", "v9", [], { MLGATE_ADMIN_TOKEN: TOKEN }, closedUrl);
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(
      `mlgate deploy: cannot reach mlgate serve at ${closedUrl} (ECONNREFUSED on GET /v1/admin/models/churn): is it running at that address?`,
    );
  });

  it("a server that answers 500", async () => {
    const r = await deploy("v9.onnx", "v9", [], { MLGATE_ADMIN_TOKEN: TOKEN }, failingUrl);
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(`mlgate deploy: ${failingUrl} failed on GET /v1/admin/models/churn with 500: disk full`);
  });

  it("credentials in the URL are refused before anything is sent", async () => {
    const r = await deploy("v9.onnx", "v9", [], { MLGATE_ADMIN_TOKEN: TOKEN }, "http://me:pw@127.0.0.1:1");
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(
      `mlgate deploy: --target "127.0.0.1:1": credentials do not belong in the URL (it is printed in reports); the admin token comes from MLGATE_ADMIN_TOKEN`,
    );
  });
});
