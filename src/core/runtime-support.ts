import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where mlgate can run: the Node versions package.json's `engines` names, and the platforms for which
 * both native packages publish a binary (onnxruntime-node 1.30: linux x64/arm64 with glibc, darwin
 * arm64, win32 x64/arm64; @duckdb/node-bindings has those and more). Checked before anything else
 * (the bundle's entries, the actions' first step), so an unsupported runner gets one sentence and
 * exit 2 instead of "Cannot find module …onnxruntime_binding.node".
 */
export const SUPPORTED_NODE = "20 (20.19 or later), 22 or 24";
export const SUPPORTED_PLATFORMS = ["linux/x64", "linux/arm64", "darwin/arm64", "win32/x64", "win32/arm64"] as const;

/** The runners to name in a fix: GitHub-hosted labels that have a supported platform. */
const RUNNERS = "ubuntu-latest, ubuntu-24.04-arm, macos-14 or later (Apple silicon), windows-latest or windows-11-arm";

export interface Host {
  platform: string;
  arch: string;
  /** `process.versions.node`. */
  node: string;
  /** Linux with musl instead of glibc (Alpine); onnxruntime-node's Linux binaries need glibc. */
  musl: boolean;
  env: NodeJS.ProcessEnv;
}

export function currentHost(env: NodeJS.ProcessEnv = process.env): Host {
  return { platform: process.platform, arch: process.arch, node: process.versions.node, musl: isMusl(), env };
}

/** Like detect-libc's file check: the dynamic loader's script names musl on Alpine. */
function isMusl(): boolean {
  if (process.platform !== "linux") return false;
  try {
    return readFileSync("/usr/bin/ldd", "latin1").includes("musl");
  } catch {
    return false;
  }
}

function where(host: Host): string {
  const os = host.env.RUNNER_OS;
  const arch = host.env.RUNNER_ARCH;
  return host.env.GITHUB_ACTIONS === "true" && os && arch
    ? `this runner (${os} ${arch})`
    : `this machine (${host.platform}/${host.arch}${host.musl ? ", musl" : ""})`;
}

/** One sentence when this Node cannot run mlgate, else undefined. */
export function nodeProblem(host: Host): string | undefined {
  const [major = 0, minor = 0] = host.node.split(".").map(Number);
  if ((major === 20 && minor >= 19) || major === 22 || major === 24) return undefined;
  const fix =
    host.env.GITHUB_ACTIONS === "true"
      ? "add `uses: actions/setup-node` with `node-version: 22` before the mlgate step"
      : "install Node.js 22 (or 20.19+, 24)";
  return `mlgate needs Node.js ${SUPPORTED_NODE}, and ${where(host)} runs Node.js ${host.node}; ${fix}`;
}

/** One sentence when the native packages have no binary for this platform, else undefined. */
export function platformProblem(host: Host): string | undefined {
  const key = `${host.platform}/${host.arch}`;
  const inActions = host.env.GITHUB_ACTIONS === "true";
  if ((SUPPORTED_PLATFORMS as readonly string[]).includes(key) && !host.musl) return undefined;
  if (host.musl)
    return `mlgate cannot run on ${where(host)}: onnxruntime-node's Linux binaries need glibc, not musl; use a Debian- or Ubuntu-based ${inActions ? "container image" : "system"} instead of Alpine`;
  if (key === "darwin/x64")
    return `mlgate cannot run on ${where(host)}: onnxruntime-node 1.30 has no Intel macOS binary; ${inActions ? `use runs-on: ${RUNNERS}` : "run it on Apple silicon, Linux or Windows"}`;
  return `mlgate cannot run on ${where(host)}: onnxruntime-node has no binary for ${key}; ${inActions ? `use runs-on: ${RUNNERS}` : "run it on Linux (x64, arm64), macOS (Apple silicon) or Windows (x64, arm64)"}`;
}

/**
 * One sentence when a native package the bundle leaves external is missing (or installed without
 * this platform's binary) where Node resolves it from `from` (the bundle's own file), else undefined.
 */
export function packagesProblem(host: Host, from: string): string | undefined {
  const require = createRequire(from);
  const bundle = path.dirname(from.startsWith("file:") ? fileURLToPath(from) : from);
  const fix = "run `npm ci` in the mlgate folder (the actions install these packages in their install step)";
  const dirOf = (pkg: string): string | undefined => {
    try {
      return path.dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      return undefined;
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
  return undefined;
}

/** The first problem that stops mlgate on this host: Node, then platform, then (optionally) packages. */
export function runtimeProblem(host: Host, opts: { packagesFrom?: string } = {}): string | undefined {
  return nodeProblem(host) ?? platformProblem(host) ?? (opts.packagesFrom ? packagesProblem(host, opts.packagesFrom) : undefined);
}

/**
 * The first of a package's dependencies that no node_modules folder from the package's own folder up
 * holds (Node's lookup; some packages export no package.json, so it is looked for, not resolved).
 */
function dependencyMissing(dir: string): string | undefined {
  let deps: string[];
  try {
    deps = Object.keys(
      (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies?: object }).dependencies ?? {},
    );
  } catch {
    return undefined;
  }
  return deps.find((name) => {
    for (let d = dir; ; d = path.dirname(d)) {
      if (existsSync(path.join(d, "node_modules", name, "package.json"))) return false;
      if (path.dirname(d) === d) return true;
    }
  });
}

/**
 * The sentence for a bundle that failed to load past the checks above: a native library that does
 * not load (an older glibc, a damaged install). Only its first line: the rest is the loader's trace.
 */
export function loadProblem(e: unknown): string {
  const first = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
  return `could not load its runtime (${first}); reinstall with \`npm ci\` in the mlgate folder, and if that does not help, report it with this message`;
}
