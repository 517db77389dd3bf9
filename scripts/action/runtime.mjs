#!/usr/bin/env node
// The packages the bundle leaves out (scripts/build.mjs marks them external) and how the actions
// install only those, at the versions package-lock.json locks, with the lockfile's integrity hashes:
//
//   node runtime.mjs key ROOT            the SHA-256 of the runtime lockfile (the actions/cache key)
//   node runtime.mjs manifest ROOT DIR   writes DIR/package.json and DIR/package-lock.json for `npm ci`
//   node runtime.mjs missing ROOT        prints the runtime packages ROOT/node_modules lacks, one line
//
// The runtime lockfile is the lockfile's entries for those packages and everything they depend on
// (optional dependencies included: npm ci installs the one for the runner's platform), under the
// same node_modules paths, so npm installs exactly the tree a full `npm ci --omit=dev` would have
// for them, and nothing else.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Native packages: everything else is bundled into dist/. */
export const RUNTIME = ["onnxruntime-node", "@duckdb/node-bindings"];

/** Where Node finds `name` from the package at lockfile path `from` (its own node_modules, then up). */
function resolveIn(packages, from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const i = base.lastIndexOf("node_modules/");
    base = i <= 0 ? "" : base.slice(0, i - 1);
  }
}

/** The runtime packages' part of a lockfile (v2 or v3), as a lockfile of its own. */
export function runtimeLock(lock, runtime = RUNTIME) {
  const packages = lock.packages ?? {};
  const picked = new Map();
  const queue = runtime.map((name) => {
    const key = `node_modules/${name}`;
    if (!packages[key]) throw new Error(`package-lock.json has no ${key}`);
    return key;
  });
  while (queue.length) {
    const key = queue.shift();
    if (picked.has(key)) continue;
    // The dev/peer flags describe the full tree; here every entry is installed.
    const entry = { ...packages[key] };
    for (const flag of ["dev", "devOptional", "peer"]) delete entry[flag];
    picked.set(key, entry);
    const deps = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const name of Object.keys(deps)) {
      const found = resolveIn(packages, key, name);
      if (found) queue.push(found);
      else if (!(name in (entry.optionalDependencies ?? {})))
        throw new Error(`package-lock.json cannot resolve ${name} for ${key}`);
    }
  }
  const dependencies = Object.fromEntries(runtime.map((name) => [name, packages[`node_modules/${name}`].version]));
  // A fixed version: the cache key changes when a runtime package does, not with every mlgate release.
  const root = { name: "mlgate-runtime", version: "1.0.0", dependencies };
  const sorted = [...picked.keys()].sort();
  return {
    packageJson: { ...root, private: true, description: "The native packages mlgate's bundle (dist/) loads at run time." },
    lock: {
      name: root.name,
      version: root.version,
      lockfileVersion: 3,
      requires: true,
      packages: { "": root, ...Object.fromEntries(sorted.map((k) => [k, picked.get(k)])) },
    },
  };
}

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

function load(root) {
  return runtimeLock(JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")));
}

export function missing(root, runtime = RUNTIME) {
  return runtime.filter((name) => !existsSync(path.join(root, "node_modules", name, "package.json")));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, root, dir] = process.argv.slice(2);
  if (!root) throw new Error("usage: runtime.mjs key|manifest|missing ROOT [DIR]");
  if (command === "key") {
    process.stdout.write(
      `${createHash("sha256")
        .update(json(load(root).lock))
        .digest("hex")}\n`,
    );
  } else if (command === "manifest" && dir) {
    const { packageJson, lock } = load(root);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), json(packageJson));
    writeFileSync(path.join(dir, "package-lock.json"), json(lock));
  } else if (command === "missing") {
    process.stdout.write(`${missing(root).join(" ")}\n`);
  } else throw new Error(`unknown command ${command ?? ""}`);
}
