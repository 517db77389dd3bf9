import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";

/**
 * Local stand-ins for the few `uses:` actions mlgate's composite actions and examples call. They keep
 * the observable contract a test asserts on (inputs, outputs, files) without any GitHub service:
 *
 * - actions/cache: a folder per key under `cacheDir`; restore on an exact key (or the newest
 *   restore-keys prefix), `cache-hit` output 'true'/'false', save after the action when the job
 *   succeeded and the key missed (the real action's post step with `post-if: success()`).
 *   actions/cache/restore does the restore alone (outputs `cache-hit`, `cache-primary-key`,
 *   `cache-matched-key`); actions/cache/save saves when its step runs, and leaves an existing key
 *   alone (the real one warns "Cache already exists" and succeeds).
 * - actions/upload-artifact: copies the files to `<runner temp>/artifacts/<name>/` the way the
 *   artifact's layout comes out (a folder's contents at the root); a second upload of a name fails.
 * - actions/download-artifact: copies artifacts of this run, or of another run registered in
 *   `otherRuns` (the `run-id` input), into `path`.
 * - actions/setup-node: checks that `node` runs; it never installs a version.
 * - actions/checkout: the test prepares the workspace, so checking out the workflow's own repository
 *   is a no-op; `repository` + `path` copies a checkout from `repoCheckouts` (real files, as a fork
 *   PR's head is checked out) or links one from `actionRepos` into the workspace.
 */
export interface LocalActionEnv {
  workspace: string;
  runnerTemp: string;
  cacheDir: string;
  otherRuns: Record<string, string>;
  /** Local checkouts of repositories by owner/name (actions/checkout with `repository`), linked. */
  actionRepos: Record<string, string>;
  /** Repositories by owner/name whose checkout is a copy of the folder (no symbolic link). */
  repoCheckouts: Record<string, string>;
  /** Saves queued by actions/cache, run after the action when it succeeded. */
  postSaves: { key: string; paths: string[] }[];
  /** Keys actions/cache/save stored during the run. */
  saved: string[];
}

export type LocalAction = (wit: Record<string, string>, env: LocalActionEnv) => { outputs: Record<string, string>; log: string };

/** By `owner/repo` or `owner/repo/path` (a sub-action, such as actions/cache/restore). */
export const LOCAL_ACTIONS: Record<string, LocalAction> = {
  "actions/checkout": checkout,
  "actions/cache": cache,
  "actions/cache/restore": (wit, env) => restore(wit, env),
  "actions/cache/save": save,
  "actions/upload-artifact": uploadArtifact,
  "actions/download-artifact": downloadArtifact,
  "actions/setup-node": setupNode,
};

function lines(v: string | undefined): string[] {
  return (v ?? "")
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function keyDir(cacheDir: string, key: string): string {
  return path.join(cacheDir, encodeURIComponent(key));
}

function resolveIn(workspace: string, p: string): string {
  return path.resolve(workspace, p.replace(/^~(?=\/|$)/, process.env.HOME ?? "~"));
}

function cache(wit: Record<string, string>, env: LocalActionEnv): { outputs: Record<string, string>; log: string } {
  const done = restore(wit, env);
  if (done.outputs["cache-hit"] !== "true") env.postSaves.push({ key: wit.key ?? "", paths: done.paths });
  return { outputs: { "cache-hit": done.outputs["cache-hit"] ?? "false" }, log: done.log };
}

function restore(
  wit: Record<string, string>,
  env: LocalActionEnv,
): { outputs: Record<string, string>; log: string; paths: string[] } {
  const key = wit.key;
  const paths = lines(wit.path).map((p) => resolveIn(env.workspace, p));
  if (!key || paths.length === 0) throw new Error("actions/cache: inputs path and key are required");
  if (key.includes(",") || key.length > 512) throw new Error(`actions/cache: invalid key "${key}"`);
  const hit = existsSync(keyDir(env.cacheDir, key)) ? key : undefined;
  let restoredFrom = hit;
  if (!hit && existsSync(env.cacheDir)) {
    for (const prefix of lines(wit["restore-keys"])) {
      const match = readdirSync(env.cacheDir)
        .map((d) => decodeURIComponent(d))
        .filter((k) => k.startsWith(prefix))
        .sort((a, b) => statSync(keyDir(env.cacheDir, b)).mtimeMs - statSync(keyDir(env.cacheDir, a)).mtimeMs)[0];
      if (match) {
        restoredFrom = match;
        break;
      }
    }
  }
  if (restoredFrom) {
    paths.forEach((p, i) => {
      const saved = path.join(keyDir(env.cacheDir, restoredFrom), String(i));
      if (!existsSync(saved)) return;
      rmSync(p, { recursive: true, force: true });
      mkdirSync(path.dirname(p), { recursive: true });
      // Symlinks stay symlinks, as tar keeps them.
      cpSync(saved, p, { recursive: true, verbatimSymlinks: true });
    });
  }
  return {
    outputs: { "cache-hit": hit ? "true" : "false", "cache-primary-key": key, "cache-matched-key": restoredFrom ?? "" },
    log: restoredFrom ? `Cache restored from key: ${restoredFrom}` : `Cache not found for input keys: ${key}`,
    paths,
  };
}

function save(wit: Record<string, string>, env: LocalActionEnv): { outputs: Record<string, string>; log: string } {
  const key = wit.key;
  const paths = lines(wit.path).map((p) => resolveIn(env.workspace, p));
  if (!key || paths.length === 0) throw new Error("actions/cache/save: inputs path and key are required");
  if (existsSync(keyDir(env.cacheDir, key)))
    return {
      outputs: {},
      log: `Failed to save: Unable to reserve cache with key ${key}, another job may be creating this cache.`,
    };
  if (!paths.some((p) => existsSync(p)))
    throw new Error(
      `actions/cache/save: Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved.`,
    );
  paths.forEach((p, i) => {
    if (existsSync(p)) cpSync(p, path.join(keyDir(env.cacheDir, key), String(i)), { recursive: true, verbatimSymlinks: true });
  });
  env.saved.push(key);
  return { outputs: {}, log: `Cache saved with key: ${key}` };
}

/** The post step of actions/cache: save paths that exist under a key that missed. */
export function saveCaches(env: LocalActionEnv): string[] {
  const saved: string[] = [];
  for (const { key, paths } of env.postSaves) {
    const dir = keyDir(env.cacheDir, key);
    if (existsSync(dir)) continue;
    const present = paths.filter((p) => existsSync(p));
    if (present.length === 0) continue;
    paths.forEach((p, i) => {
      if (existsSync(p)) cpSync(p, path.join(dir, String(i)), { recursive: true, verbatimSymlinks: true });
    });
    saved.push(key);
  }
  return saved;
}

export function artifactsDir(runnerTemp: string): string {
  return path.join(runnerTemp, "artifacts");
}

function uploadArtifact(wit: Record<string, string>, env: LocalActionEnv): { outputs: Record<string, string>; log: string } {
  const name = wit.name || "artifact";
  if (/["':<>|*?\r\n\\/]/.test(name)) throw new Error(`actions/upload-artifact: invalid artifact name "${name}"`);
  const dest = path.join(artifactsDir(env.runnerTemp), name);
  if (existsSync(dest) && wit.overwrite !== "true")
    throw new Error(`actions/upload-artifact: an artifact named "${name}" already exists in this run`);
  const sources = lines(wit.path).map((p) => resolveIn(env.workspace, p));
  const found = sources.filter((p) => existsSync(p));
  if (found.length === 0) {
    const mode = wit["if-no-files-found"] || "warn";
    if (mode === "error")
      throw new Error(`actions/upload-artifact: no files were found with the provided path: ${wit.path ?? ""}`);
    return { outputs: {}, log: `No files were found with the provided path: ${wit.path ?? ""}. No artifacts will be uploaded.` };
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const src of found) {
    // A single folder uploads its contents; files keep their name.
    if (statSync(src).isDirectory() && found.length === 1) cpSync(src, dest, { recursive: true });
    else cpSync(src, path.join(dest, path.basename(src)), { recursive: true });
  }
  return {
    outputs: { "artifact-id": String(readdirSync(artifactsDir(env.runnerTemp)).length), "artifact-url": `file://${dest}` },
    log: `Artifact ${name} uploaded to ${dest}`,
  };
}

function downloadArtifact(wit: Record<string, string>, env: LocalActionEnv): { outputs: Record<string, string>; log: string } {
  const runId = wit["run-id"];
  let store = artifactsDir(env.runnerTemp);
  if (runId && wit["github-token"]) {
    const other = env.otherRuns[runId];
    if (!other) throw new Error(`actions/download-artifact: run ${runId} is not known to the local runner`);
    store = other;
  }
  const dest = resolveIn(env.workspace, wit.path || ".");
  const names = existsSync(store) ? readdirSync(store) : [];
  let chosen: string[];
  if (wit.name) {
    if (!names.includes(wit.name)) throw new Error(`actions/download-artifact: artifact "${wit.name}" not found`);
    chosen = [wit.name];
  } else {
    const pattern = wit.pattern
      ? new RegExp(
          `^${wit.pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        )
      : /.*/;
    chosen = names.filter((n) => pattern.test(n));
  }
  // One artifact by name lands directly in path; several land in path/<name>/ unless merged.
  const single = Boolean(wit.name) || wit["merge-multiple"] === "true";
  for (const n of chosen) cpSync(path.join(store, n), single ? dest : path.join(dest, n), { recursive: true });
  return { outputs: { "download-path": dest }, log: `Downloaded ${chosen.length} artifact(s): ${chosen.join(", ")}` };
}

function setupNode(wit: Record<string, string>): { outputs: Record<string, string>; log: string } {
  const wanted = wit["node-version"];
  const have = process.versions.node;
  const note =
    wanted && !have.startsWith(wanted.replace(/^v/, "").replace(/\.x$/, ""))
      ? ` (asked for ${wanted}; not installed locally)`
      : "";
  return { outputs: { "node-version": `v${have}` }, log: `Using node v${have}${note}` };
}

function checkout(wit: Record<string, string>, env: LocalActionEnv): { outputs: Record<string, string>; log: string } {
  const repo = wit.repository;
  if (!repo) return { outputs: {}, log: "Workspace prepared by the test; nothing to check out" };
  const copy = env.repoCheckouts[repo];
  const src = copy ?? env.actionRepos[repo];
  if (!src) throw new Error(`actions/checkout: repository ${repo} is not known to the local runner`);
  const dest = resolveIn(env.workspace, wit.path || ".");
  if (dest === env.workspace)
    throw new Error("actions/checkout: checking another repository into the workspace root is not supported locally");
  mkdirSync(path.dirname(dest), { recursive: true });
  if (copy !== undefined) {
    cpSync(copy, dest, { recursive: true, verbatimSymlinks: true });
    return { outputs: { ref: wit.ref ?? "" }, log: `Copied ${repo} at ${wit.ref ?? "HEAD"} to ${dest}` };
  }
  symlinkSync(src, dest, "dir");
  return { outputs: { ref: wit.ref ?? "" }, log: `Linked ${repo} at ${dest}` };
}
