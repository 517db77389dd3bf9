import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAliases } from "../../src/core/registry.js";
import type { Report } from "../../src/core/report.js";
import { runMain } from "../support/cli.js";
import { startServe, type ServeProcess } from "../serve/support.js";
import { scaleModel, tmpDir, traffic, deployArgs, greenReports } from "./support.js";

// --health-url: the step health comes from the named server's /v1/status, not from the target's own.
// Here the target is registry:DIR followed by a real mlgate serve; the health is read over HTTP.

let dir: string;
let reg: string;
let serve: ServeProcess;
let closedUrl: string;

const deploy = (k: number, version: string, args: string[]) => {
  writeFileSync(path.join(dir, "models", `${version}.onnx`), scaleModel(k));
  return runMain(deployArgs(`${version}.onnx`, version, "registry:registry", greenReports(dir, `${version}.onnx`), args), {
    cwd: dir,
  });
};

const lastLine = (text: string): string => text.trimEnd().split("\n").at(-1) ?? "";
const report = (version: string): Report => JSON.parse(readFileSync(path.join(dir, `${version}.json`), "utf8")) as Report;

beforeAll(async () => {
  dir = tmpDir("mlgate-deploy-health-url-");
  reg = path.join(dir, "registry");
  mkdirSync(reg);
  mkdirSync(path.join(dir, "models"));
  writeFileSync(path.join(dir, "mlgate.yml"), "version: 1\ngates:\n  deploy:\n    max_error_rate: 0.02\n    min_requests: 10\n");
  serve = await startServe(["--registry", reg, "--window", "2s", "--allow-outside-workspace"]);
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((r) => probe.close(r));
  const first = await deploy(1, "v1", []);
  expect(first.code, first.stderr).toBe(0);
});

afterAll(async () => {
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("mlgate deploy --health-url URL", () => {
  it("judges each canary step from that server's /v1/status", async () => {
    const load = traffic(serve.url, "churn");
    const r = await deploy(2, "v2", [
      "--strategy",
      "canary",
      "--steps",
      "50,100",
      "--watch",
      "1500ms",
      "--health-url",
      serve.url,
    ]);
    await load.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const step = report("v2").checks.find((c) => c.id === "rollout.step.1");
    expect(step?.status).toBe("pass");
    expect(step?.message).toMatch(/^v2: \d+ requests, 0 errors \(rate 0\.0000\)/);
    expect(Number(/^v2: (\d+) requests/.exec(step?.message ?? "")?.[1])).toBeGreaterThanOrEqual(10);
    expect(readAliases(reg, "churn").champion).toBe("v2");
  });

  it("a health URL nothing answers on: exit 2 naming it, traffic restored", async () => {
    const r = await deploy(3, "v3", ["--strategy", "canary", "--steps", "50,100", "--watch", "500ms", "--health-url", closedUrl]);
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(
      `mlgate deploy: cannot reach mlgate serve at ${closedUrl} (ECONNREFUSED on GET /v1/status): is it running at that address?`,
    );
    const a = readAliases(reg, "churn");
    expect([a.champion, a.challenger, a.weight]).toEqual(["v2", null, 0]);
  });

  it("refuses what is not an http(s) URL", async () => {
    const r = await deploy(4, "v4", ["--health-url", "ftp://127.0.0.1/status"]);
    expect(r.code).toBe(2);
    expect(lastLine(r.stderr)).toBe(`mlgate deploy: --health-url "ftp://127.0.0.1/status" is not an http(s):// URL`);
  });
});
