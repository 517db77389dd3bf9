import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseKeyValueFile } from "../action-runner/command-files.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

const repos: ActionRepo[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(opts: { nodeModules?: boolean } = {}): ActionRepo {
  const r = makeActionRepo(opts);
  repos.push(r);
  return r;
}

/**
 * A stand-in `npm` first on PATH: it records how it was called and, like a real `npm ci`, leaves
 * the given packages in node_modules (or not). The tests never reach the registry.
 */
function fakeNpm(opts: { installs: string[]; exit?: number }): { bin: string; log: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-npm-"));
  temps.push(dir);
  const log = path.join(dir, "calls.log");
  const creates = opts.installs
    .map((p) => `mkdir -p "node_modules/${p}" && echo '{}' > "node_modules/${p}/package.json"`)
    .join("\n");
  writeFileSync(
    path.join(dir, "npm"),
    `#!/bin/sh\necho "cwd=$(pwd) args=$* ORT=$ONNXRUNTIME_NODE_INSTALL" >> "${log}"\n${creates}\nexit ${opts.exit ?? 0}\n`,
  );
  chmodSync(path.join(dir, "npm"), 0o755);
  return { bin: dir, log };
}

function runScript(
  script: string,
  actionDir: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["--noprofile", "--norc", "-eo", "pipefail", script],
      { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", GITHUB_ACTION_PATH: actionDir, ...env } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const INSTALL = path.join(ROOT, "scripts/action/install.sh");
const DEPS = path.join(ROOT, "scripts/action/deps.sh");
const RUNTIME = ["onnxruntime-node", "@duckdb/node-bindings"];

describe("install.sh", () => {
  it("does not run npm when node_modules has the runtime packages", async () => {
    const r = repo();
    const npm = fakeNpm({ installs: [] });
    const res = await runScript(INSTALL, r.actionDir("data-validation"), { PATH: `${npm.bin}:${process.env.PATH ?? ""}` });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`mlgate: runtime dependencies present in ${r.root}/node_modules\n`);
    expect(existsSync(npm.log)).toBe(false);
  });

  it("runs npm ci --omit=dev in the action repository with ONNXRUNTIME_NODE_INSTALL=skip when a package is missing", async () => {
    const r = repo({ nodeModules: false });
    // A partial cache: one of the two packages is there.
    mkdirSync(path.join(r.root, "node_modules/onnxruntime-node"), { recursive: true });
    writeFileSync(path.join(r.root, "node_modules/onnxruntime-node/package.json"), "{}");
    const npm = fakeNpm({ installs: RUNTIME });
    const res = await runScript(INSTALL, r.actionDir("onnx-compat"), { PATH: `${npm.bin}:${process.env.PATH ?? ""}` });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe("mlgate: installing runtime dependencies (missing: @duckdb/node-bindings)\n");
    expect(readFileSync(npm.log, "utf8")).toBe(`cwd=${r.root} args=ci --omit=dev --no-audit --no-fund ORT=skip\n`);
  });

  it("fails the step when npm ci fails", async () => {
    const r = repo({ nodeModules: false });
    const npm = fakeNpm({ installs: [], exit: 1 });
    const res = await runScript(INSTALL, r.actionDir("model-validation"), { PATH: `${npm.bin}:${process.env.PATH ?? ""}` });
    expect(res.code).toBe(1);
    expect(readFileSync(npm.log, "utf8")).toContain("args=ci --omit=dev --no-audit --no-fund");
  });

  it("fails with an annotation when npm ci succeeds but a runtime package is still missing", async () => {
    const r = repo({ nodeModules: false });
    const npm = fakeNpm({ installs: ["onnxruntime-node"] });
    const res = await runScript(INSTALL, r.actionDir("publish"), { PATH: `${npm.bin}:${process.env.PATH ?? ""}` });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `::error::mlgate: npm ci finished but @duckdb/node-bindings is still missing from ${r.root}/node_modules\n`,
    );
  });
});

describe("deps.sh", () => {
  it("keys the cache on the lockfile's SHA-256, runner OS/arch and Node major", async () => {
    const r = repo();
    const out = path.join(r.root, "out.txt");
    writeFileSync(out, "");
    const res = await runScript(DEPS, r.actionDir("data-validation"), {
      GITHUB_OUTPUT: out,
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
    });
    expect(res.code).toBe(0);
    const lockSha = createHash("sha256")
      .update(readFileSync(path.join(ROOT, "package-lock.json")))
      .digest("hex");
    const major = process.versions.node.split(".")[0] ?? "";
    expect(parseKeyValueFile(out)).toEqual({
      root: r.root,
      path: `${r.root}/node_modules`,
      key: `mlgate-deps-v1-Linux-X64-node${major}-${lockSha}`,
    });
  });

  it("names the missing lockfile of an incomplete checkout", async () => {
    const r = repo();
    rmSync(path.join(r.root, "package-lock.json"));
    const out = path.join(r.root, "out.txt");
    writeFileSync(out, "");
    const res = await runScript(DEPS, r.actionDir("data-validation"), { GITHUB_OUTPUT: out });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`::error::mlgate: ${r.root}/package-lock.json is missing, so the action's checkout is incomplete\n`);
  });
});
