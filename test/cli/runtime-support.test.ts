import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { nodeProblem, packagesProblem, platformProblem, SUPPORTED_PLATFORMS, type Host } from "../../src/core/runtime-support.js";
import { ROOT, distDir } from "../support/cli.js";

const host = (h: Partial<Host> = {}): Host => ({ platform: "linux", arch: "x64", node: "22.11.0", musl: false, env: {}, ...h });
const actions = { GITHUB_ACTIONS: "true", RUNNER_OS: "macOS", RUNNER_ARCH: "X64" };

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "mlgate-runtime-"));
  temps.push(d);
  return d;
}

describe("the Node check", () => {
  it("accepts the versions package.json's engines names and no others", () => {
    const engines = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines
      .node;
    expect(engines).toBe(">=20.19.0 <21 || >=22 <23 || >=24 <25");
    for (const v of ["20.19.0", "20.20.2", "22.0.0", "22.11.0", "24.1.0"])
      expect(nodeProblem(host({ node: v })), v).toBeUndefined();
    for (const v of ["18.20.4", "20.18.3", "21.7.3", "23.1.0", "25.0.0"]) expect(nodeProblem(host({ node: v })), v).toBeDefined();
  });

  it("names the runner and the fix in one sentence", () => {
    expect(nodeProblem(host({ node: "18.20.4", env: { GITHUB_ACTIONS: "true", RUNNER_OS: "Linux", RUNNER_ARCH: "X64" } }))).toBe(
      "mlgate needs Node.js 20 (20.19 or later), 22 or 24, and this runner (Linux X64) runs Node.js 18.20.4; add `uses: actions/setup-node` with `node-version: 22` before the mlgate step",
    );
    expect(nodeProblem(host({ node: "23.1.0" }))).toBe(
      "mlgate needs Node.js 20 (20.19 or later), 22 or 24, and this machine (linux/x64) runs Node.js 23.1.0; install Node.js 22 (or 20.19+, 24)",
    );
  });
});

describe("the platform check", () => {
  it("accepts the platforms both native packages have binaries for", () => {
    for (const key of SUPPORTED_PLATFORMS) {
      const [platform = "", arch = ""] = key.split("/");
      expect(platformProblem(host({ platform, arch })), key).toBeUndefined();
    }
    // Every supported platform has a DuckDB binding package in the lockfile.
    const lock = readFileSync(path.join(ROOT, "package-lock.json"), "utf8");
    for (const key of SUPPORTED_PLATFORMS)
      expect(lock).toContain(`"node_modules/@duckdb/node-bindings-${key.replace("/", "-")}"`);
  });

  it("turns Intel macOS, Alpine and anything else away with the runners that work", () => {
    expect(platformProblem(host({ platform: "darwin", arch: "x64", env: actions }))).toBe(
      "mlgate cannot run on this runner (macOS X64): onnxruntime-node 1.30 has no Intel macOS binary; use runs-on: ubuntu-latest, ubuntu-24.04-arm, macos-14 or later (Apple silicon), windows-latest or windows-11-arm",
    );
    expect(platformProblem(host({ platform: "darwin", arch: "x64" }))).toBe(
      "mlgate cannot run on this machine (darwin/x64): onnxruntime-node 1.30 has no Intel macOS binary; run it on Apple silicon, Linux or Windows",
    );
    expect(platformProblem(host({ musl: true, env: { GITHUB_ACTIONS: "true", RUNNER_OS: "Linux", RUNNER_ARCH: "X64" } }))).toBe(
      "mlgate cannot run on this runner (Linux X64): onnxruntime-node's Linux binaries need glibc, not musl; use a Debian- or Ubuntu-based container image instead of Alpine",
    );
    expect(platformProblem(host({ platform: "freebsd", arch: "x64" }))).toBe(
      "mlgate cannot run on this machine (freebsd/x64): onnxruntime-node has no binary for freebsd/x64; run it on Linux (x64, arm64), macOS (Apple silicon) or Windows (x64, arm64)",
    );
  });
});

describe("the packages check", () => {
  /** A bundle file with a node_modules next to it holding the real packages, minus what the test removes. */
  function install(opts: { ort?: "none" | "no-binary"; duckdb?: "none" }): string {
    const dir = temp();
    const entry = path.join(dir, "dist", "cli.js");
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(entry, "");
    const nm = path.join(dir, "node_modules");
    mkdirSync(path.join(nm, "@duckdb"), { recursive: true });
    if (opts.ort === "no-binary") {
      cpSync(path.join(ROOT, "node_modules/onnxruntime-node/package.json"), path.join(nm, "onnxruntime-node/package.json"));
    } else if (opts.ort !== "none")
      symlinkSync(path.join(ROOT, "node_modules/onnxruntime-node"), path.join(nm, "onnxruntime-node"), "dir");
    if (opts.duckdb !== "none") {
      symlinkSync(path.join(ROOT, "node_modules/@duckdb/node-bindings"), path.join(nm, "@duckdb/node-bindings"), "dir");
      const native = `node-bindings-${process.platform}-${process.arch}`;
      symlinkSync(path.join(ROOT, "node_modules/@duckdb", native), path.join(nm, "@duckdb", native), "dir");
    }
    return pathToFileURL(entry).href;
  }
  const here = host({ platform: process.platform, arch: process.arch });
  const fix = "run `npm ci` in the mlgate folder (the actions install these packages in their install step)";

  it("finds this repository's packages from the bundle", () => {
    expect(packagesProblem(here, install({}))).toBeUndefined();
  });

  it("names what is missing: the package, this platform's binary, DuckDB's binding", () => {
    const none = install({ ort: "none" });
    expect(packagesProblem(here, none)).toBe(
      `onnxruntime-node is not installed where ${path.dirname(new URL(none).pathname)} looks for it; ${fix}`,
    );
    const noBinary = install({ ort: "no-binary" });
    const binding = path.join(
      path.dirname(path.dirname(new URL(noBinary).pathname)),
      "node_modules/onnxruntime-node/bin/napi-v6",
      process.platform,
      process.arch,
      "onnxruntime_binding.node",
    );
    expect(packagesProblem(here, noBinary)).toBe(
      `onnxruntime-node is installed without its binary for ${process.platform}/${process.arch} (${binding} is missing); ${fix}`,
    );
    expect(packagesProblem(here, install({ duckdb: "none" }))).toMatch(/^@duckdb\/node-bindings is not installed where /);
  });
});

describe("the bundle's entries check first", () => {
  function run(entry: string, args: string[], opts: { preload?: string; dist?: string } = {}) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const argv = [...(opts.preload ? ["--import", `data:text/javascript,${encodeURIComponent(opts.preload)}`] : [])];
      execFile(
        process.execPath,
        [...argv, path.join(opts.dist ?? distDir(), entry), ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? "", TMPDIR: os.tmpdir(), NO_COLOR: "1" } },
        (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        },
      );
    });
  }
  // What an Intel Mac reports; the check reads process.platform and process.arch like the packages do.
  const intelMac =
    'Object.defineProperty(process, "platform", { value: "darwin" }); Object.defineProperty(process, "arch", { value: "x64" });';

  it("preflight.js is silent and exits 0 here", async () => {
    expect(await run("preflight.js", [])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("cli.js, action.js and preflight.js exit 2 with one sentence on an Intel Mac, before any native package loads", async () => {
    const sentence =
      "mlgate cannot run on this machine (darwin/x64): onnxruntime-node 1.30 has no Intel macOS binary; run it on Apple silicon, Linux or Windows";
    expect(await run("cli.js", ["onnx", "--model", "examples/models/candidate.onnx"], { preload: intelMac })).toEqual({
      code: 2,
      stdout: "",
      stderr: `mlgate: ${sentence}\n`,
    });
    expect(await run("action.js", ["onnx-compat"], { preload: intelMac })).toMatchObject({
      code: 2,
      stderr: `::error::mlgate: ${sentence}\n`,
    });
    expect(await run("preflight.js", [], { preload: intelMac })).toMatchObject({
      code: 2,
      stderr: `::error::mlgate: ${sentence}\n`,
    });
  });

  it("cli.js exits 2 with one sentence when onnxruntime-node has no binary for this platform", async () => {
    const dir = temp();
    cpSync(distDir(), path.join(dir, "dist"), { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
    const nm = path.join(dir, "node_modules");
    mkdirSync(path.join(nm, "onnxruntime-node"), { recursive: true });
    // Resolving package.json follows symlinks, so it is a copy; the code is linked.
    cpSync(path.join(ROOT, "node_modules/onnxruntime-node/package.json"), path.join(nm, "onnxruntime-node/package.json"));
    for (const f of ["dist", "lib"])
      symlinkSync(path.join(ROOT, "node_modules/onnxruntime-node", f), path.join(nm, "onnxruntime-node", f));
    const r = await run("cli.js", ["onnx", "--model", "examples/models/candidate.onnx"], { dist: path.join(dir, "dist") });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toEqual([
      `mlgate: onnxruntime-node is installed without its binary for ${process.platform}/${process.arch} (${path.join(nm, "onnxruntime-node/bin/napi-v6", process.platform, process.arch, "onnxruntime_binding.node")} is missing); run \`npm ci\` in the mlgate folder (the actions install these packages in their install step)`,
      "",
    ]);
  });
});
