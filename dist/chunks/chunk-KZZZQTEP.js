#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/core/runtime-support.ts
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
var SUPPORTED_NODE = "20 (20.19 or later), 22 or 24";
var SUPPORTED_PLATFORMS = ["linux/x64", "linux/arm64", "darwin/arm64", "win32/x64", "win32/arm64"];
var RUNNERS = "ubuntu-latest, ubuntu-24.04-arm, macos-14 or later (Apple silicon), windows-latest or windows-11-arm";
function currentHost(env = process.env) {
  return { platform: process.platform, arch: process.arch, node: process.versions.node, musl: isMusl(), env };
}
function isMusl() {
  if (process.platform !== "linux") return false;
  try {
    return readFileSync("/usr/bin/ldd", "latin1").includes("musl");
  } catch {
    return false;
  }
}
function where(host) {
  const os = host.env.RUNNER_OS;
  const arch = host.env.RUNNER_ARCH;
  return host.env.GITHUB_ACTIONS === "true" && os && arch ? `this runner (${os} ${arch})` : `this machine (${host.platform}/${host.arch}${host.musl ? ", musl" : ""})`;
}
function nodeProblem(host) {
  const [major = 0, minor = 0] = host.node.split(".").map(Number);
  if (major === 20 && minor >= 19 || major === 22 || major === 24) return void 0;
  const fix = host.env.GITHUB_ACTIONS === "true" ? "add `uses: actions/setup-node` with `node-version: 22` before the mlgate step" : "install Node.js 22 (or 20.19+, 24)";
  return `mlgate needs Node.js ${SUPPORTED_NODE}, and ${where(host)} runs Node.js ${host.node}; ${fix}`;
}
function platformProblem(host) {
  const key = `${host.platform}/${host.arch}`;
  const inActions = host.env.GITHUB_ACTIONS === "true";
  if (SUPPORTED_PLATFORMS.includes(key) && !host.musl) return void 0;
  if (host.musl)
    return `mlgate cannot run on ${where(host)}: onnxruntime-node's Linux binaries need glibc, not musl; use a Debian- or Ubuntu-based ${inActions ? "container image" : "system"} instead of Alpine`;
  if (key === "darwin/x64")
    return `mlgate cannot run on ${where(host)}: onnxruntime-node 1.30 has no Intel macOS binary; ${inActions ? `use runs-on: ${RUNNERS}` : "run it on Apple silicon, Linux or Windows"}`;
  return `mlgate cannot run on ${where(host)}: onnxruntime-node has no binary for ${key}; ${inActions ? `use runs-on: ${RUNNERS}` : "run it on Linux (x64, arm64), macOS (Apple silicon) or Windows (x64, arm64)"}`;
}
function packagesProblem(host, from) {
  const require2 = createRequire(from);
  const bundle = path.dirname(from.startsWith("file:") ? fileURLToPath(from) : from);
  const fix = "run `npm ci` in the mlgate folder (the actions install these packages in their install step)";
  const dirOf = (pkg) => {
    try {
      return path.dirname(require2.resolve(`${pkg}/package.json`));
    } catch {
      return void 0;
    }
  };
  const ort = dirOf("onnxruntime-node");
  if (!ort) return `onnxruntime-node is not installed where ${bundle} looks for it; ${fix}`;
  const binding = path.join(ort, "bin", "napi-v6", host.platform, host.arch, "onnxruntime_binding.node");
  if (!existsSync(binding))
    return `onnxruntime-node is installed without its binary for ${host.platform}/${host.arch} (${binding} is missing); ${fix}`;
  const missingDep = dependencyMissing(ort);
  if (missingDep) return `${missingDep} (a dependency of onnxruntime-node) is not installed; ${fix}`;
  const duckdb = dirOf("@duckdb/node-bindings");
  if (!duckdb) return `@duckdb/node-bindings is not installed where ${bundle} looks for it; ${fix}`;
  const native = `@duckdb/node-bindings-${host.platform}-${host.arch}${host.musl ? "-musl" : ""}`;
  try {
    createRequire(path.join(duckdb, "package.json")).resolve(`${native}/duckdb.node`);
  } catch {
    return `${native} (DuckDB's binary for this platform) is not installed; ${fix}`;
  }
  const duckdbDep = dependencyMissing(duckdb);
  if (duckdbDep) return `${duckdbDep} (a dependency of @duckdb/node-bindings) is not installed; ${fix}`;
  return void 0;
}
function runtimeProblem(host, opts = {}) {
  return nodeProblem(host) ?? platformProblem(host) ?? (opts.packagesFrom ? packagesProblem(host, opts.packagesFrom) : void 0);
}
function dependencyMissing(dir) {
  let deps;
  try {
    deps = Object.keys(
      JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).dependencies ?? {}
    );
  } catch {
    return void 0;
  }
  return deps.find((name) => {
    for (let d = dir; ; d = path.dirname(d)) {
      if (existsSync(path.join(d, "node_modules", name, "package.json"))) return false;
      if (path.dirname(d) === d) return true;
    }
  });
}
function loadProblem(e) {
  const first = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
  return `could not load its runtime (${first}); reinstall with \`npm ci\` in the mlgate folder, and if that does not help, report it with this message`;
}

export {
  currentHost,
  runtimeProblem,
  loadProblem
};
