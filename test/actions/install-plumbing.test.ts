import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { RUNTIME, runtimeLock } from "../../scripts/action/runtime.mjs";
import { parseKeyValueFile } from "../action-runner/command-files.js";
import { ROOT } from "../support/cli.js";
import { makeActionRepo, type ActionRepo } from "./layout.js";

type Lock = { packages: Record<string, { version?: string; dev?: boolean; optional?: boolean; integrity?: string }> };
const runtimeOf = runtimeLock as (lock: unknown, runtime?: string[]) => { packageJson: Record<string, unknown>; lock: Lock };

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
function temp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

/**
 * A stand-in `npm` first on PATH: it records where and how it was called and what the folder held
 * (the runtime manifest), and, like a real `npm ci`, leaves the given packages in node_modules (or
 * not). The tests never reach the registry.
 */
function fakeNpm(opts: { installs: string[]; exit?: number }): { bin: string; log: string } {
  const dir = temp("fake-npm-");
  const log = path.join(dir, "calls.log");
  const creates = opts.installs
    .map((p) => `mkdir -p "node_modules/${p}" && echo '{}' > "node_modules/${p}/package.json"`)
    .join("\n");
  writeFileSync(
    path.join(dir, "npm"),
    [
      "#!/bin/sh",
      `echo "cwd=$(pwd) args=$* ORT=$ONNXRUNTIME_NODE_INSTALL files=$(ls | tr '\\n' ' ')" >> "${log}"`,
      `node -e 'const p=require("./package.json"); console.log("deps=" + JSON.stringify(p.dependencies))' >> "${log}"`,
      // onnxruntime-node's layout, so the prune step has something to prune.
      "mkdir -p node_modules/onnxruntime-node/bin/napi-v6/win32/x64 && echo x > node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll",
      'echo "{}" > node_modules/.package-lock.json',
      creates,
      `exit ${opts.exit ?? 0}`,
      "",
    ].join("\n"),
  );
  chmodSync(path.join(dir, "npm"), 0o755);
  return { bin: dir, log };
}

/** A program on this machine's PATH, by absolute path (a test may give the script a PATH without it). */
function which(name: string): string {
  const found = (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((d) => path.join(d, name))
    .find((f) => existsSync(f));
  if (!found) throw new Error(`${name} is not on PATH`);
  return found;
}
const BASH = which("bash");

function runScript(
  script: string,
  actionDir: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      BASH,
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
const LOCK = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as Lock;
const VERSIONS = Object.fromEntries((RUNTIME as string[]).map((p) => [p, LOCK.packages[`node_modules/${p}`]?.version]));

describe("scripts/action/runtime.mjs", () => {
  it("locks exactly the runtime packages and what they depend on, copied from package-lock.json", () => {
    const { packageJson, lock } = runtimeOf(LOCK);
    expect(packageJson).toMatchObject({ name: "mlgate-runtime", private: true, dependencies: VERSIONS });
    expect(lock.packages[""]).toEqual({ name: "mlgate-runtime", version: "1.0.0", dependencies: VERSIONS });
    const keys = Object.keys(lock.packages).filter((k) => k !== "");
    expect(keys).toEqual(expect.arrayContaining(["node_modules/onnxruntime-node", "node_modules/onnxruntime-common"]));
    expect(keys).toEqual(
      expect.arrayContaining(["node_modules/@duckdb/node-bindings", "node_modules/@duckdb/node-bindings-linux-x64"]),
    );
    for (const k of keys) {
      const original = { ...LOCK.packages[k] };
      delete original.dev;
      expect(lock.packages[k], k).toEqual(original);
      expect(lock.packages[k]?.integrity, k).toMatch(/^sha512-/);
    }
    // Nothing the bundle carries (or the tests use) comes along.
    for (const k of ["node_modules/@actions/core", "node_modules/@duckdb/node-api", "node_modules/ajv", "node_modules/vitest"])
      expect(keys).not.toContain(k);
  });

  it("resolves a dependency the way Node does: the package's own node_modules first, then up", () => {
    const lock = {
      packages: {
        "": {},
        "node_modules/a": { version: "1.0.0", dependencies: { b: "^2", c: "^1" }, optionalDependencies: { gone: "1" } },
        "node_modules/a/node_modules/b": { version: "2.0.0", dependencies: { c: "^1" } },
        "node_modules/b": { version: "1.0.0" },
        "node_modules/c": { version: "1.0.0", dev: true },
      },
    };
    const { lock: out } = runtimeOf(lock, ["a"]);
    expect(Object.keys(out.packages)).toEqual(["", "node_modules/a", "node_modules/a/node_modules/b", "node_modules/c"]);
    expect(out.packages["node_modules/c"]).toEqual({ version: "1.0.0" });
    expect(() => runtimeOf({ packages: { "": {}, "node_modules/a": { dependencies: { x: "1" } } } }, ["a"])).toThrow(
      "package-lock.json cannot resolve x for node_modules/a",
    );
  });
});

describe("install.sh", () => {
  it("does not run npm when node_modules has the runtime packages", async () => {
    const r = repo();
    const npm = fakeNpm({ installs: [] });
    const res = await runScript(INSTALL, r.actionDir("data-validation"), { PATH: `${npm.bin}:${process.env.PATH ?? ""}` });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`mlgate: runtime dependencies present in ${r.root}/node_modules\n`);
    expect(existsSync(npm.log)).toBe(false);
  });

  it("installs only the runtime packages from their own lockfile, without install scripts, and prunes other platforms", async () => {
    const r = repo({ nodeModules: false });
    const runnerTemp = temp("runner-temp-");
    const npm = fakeNpm({ installs: RUNTIME as string[] });
    const res = await runScript(INSTALL, r.actionDir("onnx-compat"), {
      PATH: `${npm.bin}:${process.env.PATH ?? ""}`,
      RUNNER_TEMP: runnerTemp,
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const [call = "", deps = ""] = readFileSync(npm.log, "utf8").split("\n");
    expect(call).toMatch(
      new RegExp(
        `^cwd=${runnerTemp}/mlgate-runtime-\\w{6} args=ci --omit=dev --ignore-scripts --no-audit --no-fund ORT=skip files=package-lock.json package.json $`,
      ),
    );
    expect(JSON.parse(deps.replace(/^deps=/, ""))).toEqual(VERSIONS);
    expect(res.stdout.split("\n")[0]).toBe(
      "mlgate: installing runtime dependencies (missing: onnxruntime-node @duckdb/node-bindings)",
    );
    expect(res.stdout).toContain("mlgate: removed onnxruntime-node's binaries for other platforms than");
    expect(readdirSync(path.join(r.root, "node_modules")).sort()).toEqual(["@duckdb", "onnxruntime-node"]);
    expect(readdirSync(path.join(r.root, "node_modules/onnxruntime-node/bin/napi-v6"))).toEqual([]);
    // The staging folder is gone.
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it("adds to a partial node_modules (a cache restored before a package was added) without removing what is there", async () => {
    const r = repo({ nodeModules: false });
    mkdirSync(path.join(r.root, "node_modules/onnxruntime-node"), { recursive: true });
    writeFileSync(path.join(r.root, "node_modules/onnxruntime-node/package.json"), "{}");
    writeFileSync(path.join(r.root, "node_modules/keep.txt"), "mine");
    const npm = fakeNpm({ installs: RUNTIME as string[] });
    const res = await runScript(INSTALL, r.actionDir("onnx-compat"), {
      PATH: `${npm.bin}:${process.env.PATH ?? ""}`,
      RUNNER_TEMP: temp("runner-temp-"),
    });
    expect(res.code).toBe(0);
    expect(res.stdout.split("\n")[0]).toBe("mlgate: installing runtime dependencies (missing: @duckdb/node-bindings)");
    expect(readdirSync(path.join(r.root, "node_modules")).sort()).toEqual(["@duckdb", "keep.txt", "onnxruntime-node"]);
  });

  it("fails the step when npm ci fails", async () => {
    const r = repo({ nodeModules: false });
    const npm = fakeNpm({ installs: [], exit: 1 });
    const res = await runScript(INSTALL, r.actionDir("model-validation"), {
      PATH: `${npm.bin}:${process.env.PATH ?? ""}`,
      RUNNER_TEMP: temp("runner-temp-"),
    });
    expect(res.code).toBe(1);
    expect(readFileSync(npm.log, "utf8")).toContain("args=ci --omit=dev --ignore-scripts --no-audit --no-fund");
    expect(existsSync(path.join(r.root, "node_modules"))).toBe(false);
  });

  it("fails with an annotation when npm ci succeeds but a runtime package is still missing", async () => {
    const r = repo({ nodeModules: false });
    const npm = fakeNpm({ installs: ["onnxruntime-node"] });
    const res = await runScript(INSTALL, r.actionDir("publish"), {
      PATH: `${npm.bin}:${process.env.PATH ?? ""}`,
      RUNNER_TEMP: temp("runner-temp-"),
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `::error::mlgate: npm ci finished but @duckdb/node-bindings is still missing from ${r.root}/node_modules\n`,
    );
  });
});

describe("deps.sh", () => {
  const outFile = (r: ActionRepo): string => {
    const out = path.join(r.root, "out.txt");
    writeFileSync(out, "");
    return out;
  };

  it("keys the cache on the runtime lockfile's SHA-256, runner OS/arch and Node major", async () => {
    const r = repo();
    const out = outFile(r);
    const res = await runScript(DEPS, r.actionDir("data-validation"), {
      GITHUB_OUTPUT: out,
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
    });
    expect(res).toEqual({ code: 0, stdout: "", stderr: "" });
    const lockSha = createHash("sha256")
      .update(`${JSON.stringify(runtimeOf(LOCK).lock, null, 2)}\n`)
      .digest("hex");
    const major = process.versions.node.split(".")[0] ?? "";
    expect(parseKeyValueFile(out)).toEqual({
      root: r.root,
      path: `${r.root}/node_modules`,
      key: `mlgate-runtime-v2-Linux-X64-node${major}-${lockSha}`,
    });
  });

  it("stops with exit 2 and one sentence on a runner mlgate cannot run on, before anything is restored", async () => {
    const r = repo();
    const out = outFile(r);
    // Every `node` the script starts believes it runs on an Intel Mac.
    const bin = temp("intel-mac-");
    const preload = encodeURIComponent(
      'Object.defineProperty(process, "platform", { value: "darwin" }); Object.defineProperty(process, "arch", { value: "x64" });',
    );
    writeFileSync(
      path.join(bin, "node"),
      `#!/bin/sh\nexec "${process.execPath}" --import "data:text/javascript,${preload}" "$@"\n`,
    );
    chmodSync(path.join(bin, "node"), 0o755);
    const res = await runScript(DEPS, r.actionDir("onnx-compat"), {
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      GITHUB_OUTPUT: out,
      GITHUB_ACTIONS: "true",
      RUNNER_OS: "macOS",
      RUNNER_ARCH: "X64",
    });
    expect(res).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "::error::mlgate: mlgate cannot run on this runner (macOS X64): onnxruntime-node 1.30 has no Intel macOS binary; use runs-on: ubuntu-latest, ubuntu-24.04-arm, macos-14 or later (Apple silicon), windows-latest or windows-11-arm\n",
    });
    expect(readFileSync(out, "utf8")).toBe("");
  });

  it("names the fix when the runner has no node at all", async () => {
    const r = repo();
    const bin = temp("no-node-");
    symlinkSync(which("uname"), path.join(bin, "uname"));
    const res = await runScript(DEPS, r.actionDir("data-validation"), {
      PATH: bin,
      GITHUB_OUTPUT: outFile(r),
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "ARM64",
    });
    expect(res).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "::error::mlgate: this runner (Linux ARM64) has no node on PATH; add `uses: actions/setup-node` with `node-version: 22` before the mlgate step\n",
    });
  });

  it("names the missing lockfile of an incomplete checkout", async () => {
    const r = repo();
    rmSync(path.join(r.root, "package-lock.json"));
    const res = await runScript(DEPS, r.actionDir("data-validation"), { GITHUB_OUTPUT: outFile(r) });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`::error::mlgate: ${r.root}/package-lock.json is missing, so the action's checkout is incomplete\n`);
  });
});
