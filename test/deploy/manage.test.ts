import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readAliases, readHistory, readLock, registryPaths } from "../../src/core/registry.js";
import { distDir, runMain } from "../support/cli.js";
import { until } from "../serve/support.js";
import { project, sha256Of, writeReport } from "./support.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const target = ["--environment", "production", "--target", "registry:registry"];

/** Green model/onnx reports for models/other.onnx too, so both models can be deployed. */
function setup() {
  const p = project();
  dirs.push(p.dir);
  const sha = sha256Of(p.other);
  writeReport(path.join(p.dir, "other-reports"), "model", "pass", [
    { path: "models/other.onnx", sha256: sha, role: "candidate" },
  ]);
  writeReport(path.join(p.dir, "other-reports"), "onnx", "pass", [{ path: "models/other.onnx", sha256: sha, role: "candidate" }]);
  return p;
}

describe("mlgate deploy status / rollback", () => {
  it("shows what serves, rolls back to the previous version and to --to, and refuses an unknown version", async () => {
    const p = setup();
    const reg = path.join(p.dir, "registry");
    const d1 = await runMain(
      ["deploy", ...target, "--model", "models/candidate.onnx", "--version", "v1", "--reports", "mlgate-report", "--quiet"],
      { cwd: p.dir },
    );
    expect(d1.code).toBe(0);
    const d2 = await runMain(
      ["deploy", ...target, "--model", "models/other.onnx", "--version", "v2", "--reports", "other-reports", "--quiet"],
      { cwd: p.dir },
    );
    expect(d2.code).toBe(0);
    const st = await runMain(["deploy", "status", ...target], { cwd: p.dir });
    expect(st.code).toBe(0);
    expect(st.stdout).toContain(`champion    v2 (sha256 ${sha256Of(p.other).slice(0, 12)})`);
    expect(st.stdout).toContain(`previous    v1 (sha256 ${p.sha.slice(0, 12)})`);
    expect(st.stdout).toContain("lock        none");
    expect(st.stdout).toMatch(/last event {2}deployed v2 at \S+: v2 serves production \(previous: v1\)/);

    const rb = await runMain(["deploy", "rollback", ...target], { cwd: p.dir });
    expect(rb.stdout).toBe("rolled back production from v2 to v1\n");
    expect(rb.code).toBe(0);
    let a = readAliases(reg, "production");
    expect([a.champion, a.previous, a.challenger]).toEqual(["v1", "v2", null]);
    expect(readHistory(reg, "production").at(-1)).toMatchObject({ event: "rolled-back", version: "v1" });
    const to = await runMain(["deploy", "rollback", ...target, "--to", "v2"], { cwd: p.dir });
    expect(to.stdout).toBe("rolled back production from v1 to v2\n");
    a = readAliases(reg, "production");
    expect(a.champion).toBe("v2");
    const unknown = await runMain(["deploy", "rollback", ...target, "--to", "v9"], { cwd: p.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      "mlgate deploy rollback: --to v9: no such version of production in registry:registry (staged: v1, v2)\n",
    );
    expect(existsSync(registryPaths(reg, "production").lock)).toBe(false);
  });

  it("after kill -9 mid-canary, deploy status rolls the half-finished rollout back and removes the lock", async () => {
    const p = setup();
    const reg = path.join(p.dir, "registry");
    expect(
      (
        await runMain(
          ["deploy", ...target, "--model", "models/candidate.onnx", "--version", "v1", "--reports", "mlgate-report", "--quiet"],
          { cwd: p.dir },
        )
      ).code,
    ).toBe(0);
    const child = spawn(
      process.execPath,
      [
        path.join(distDir(), "cli.js"),
        "deploy",
        ...target,
        "--model",
        "models/other.onnx",
        "--version",
        "v2",
        "--reports",
        "other-reports",
        "--strategy",
        "canary",
        "--steps",
        "10,100",
        "--watch",
        "60s",
      ],
      { cwd: p.dir, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, stdio: "ignore" },
    );
    const exited = new Promise<NodeJS.Signals | null>((r) =>
      child.on("exit", (_c, s) => {
        r(s);
      }),
    );
    await until(() => (readAliases(reg, "production").weight === 10 ? true : undefined), 30_000, "the canary at 10%");
    expect(readLock(reg, "production")?.phase).toBe("step 1/2 (10%)");
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(readAliases(reg, "production")).toMatchObject({ champion: "v1", challenger: "v2", weight: 10 });

    const st = await runMain(["deploy", "status", ...target], { cwd: p.dir });
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(
      /resolved {4}the rollout of v2 \(pid \d+ on .+\) stopped at step 1\/2 \(10%\); rolled back to champion v1, lock removed\./,
    );
    expect(st.stdout).toContain("challenger  none");
    const a = readAliases(reg, "production");
    expect([a.champion, a.challenger, a.weight]).toEqual(["v1", null, 0]);
    expect(readLock(reg, "production")).toBeUndefined();
    expect(readHistory(reg, "production").at(-1)).toMatchObject({ event: "resolved", version: "v2" });
  });
});
