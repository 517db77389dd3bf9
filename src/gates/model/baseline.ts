import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError } from "../../core/errors.js";
import { isLfsPointer, lfsPointerError } from "../../core/lfs.js";
import { gitCommit, gitRepository, gitShow, type GitRepository } from "./git.js";

/** Where the baseline model came from, for the report. */
export interface ResolvedBaseline {
  /** A readable file on disk (a temporary copy for git baselines). */
  file: string;
  /** What the user sees: the path or `git:<ref>:<path>`. */
  display: string;
  /** For the summary line: the display, shortened, with the commit a git ref named. */
  origin: string;
  /** A temporary copy taken out of git: its folder is removed when the gate is done. */
  temporary?: boolean;
}

/** No baseline, and why: the summary says so (absolute thresholds only). */
export interface NoBaseline {
  none: string;
}

/** The pull request's base commit: the event's pull_request.base.sha, else origin/$GITHUB_BASE_REF. */
export function pullRequestBase(env: NodeJS.ProcessEnv): string | undefined {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      const event = JSON.parse(readFileSync(eventPath, "utf8")) as { pull_request?: { base?: { sha?: string } } };
      const sha = event.pull_request?.base?.sha;
      if (sha) return sha;
    } catch {
      // An unreadable event file is not the user's mistake; fall back to the base branch name.
    }
  }
  return env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : undefined;
}

/** A baseline's bytes in a temporary folder of their own (the gate removes it when done). */
export function toTemp(bytes: Buffer, name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-baseline-"));
  const file = path.join(dir, path.basename(name));
  writeFileSync(file, bytes);
  return file;
}

const FIX = "set `fetch-depth: 0` on actions/checkout, or name the baseline with `baseline:` (--baseline)";

/** `abc1234` for a full SHA, the ref itself otherwise. */
function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

/** The blob's bytes; an LFS pointer is smudged by git-lfs when the checkout set it up, else it is an error. */
function readBlob(repo: GitRepository, commit: string, file: string, shown: string): Buffer {
  const bytes = gitShow(repo, commit, file, false);
  if (!Buffer.isBuffer(bytes))
    throw new ConfigurationError(`${shown}: git cannot read ${file} at ${commit.slice(0, 7)} (${bytes.error})`);
  if (!isLfsPointer(bytes)) return bytes;
  // `git cat-file --filters` runs the smudge filter `lfs: true` configures, fetching the object if needed.
  const smudged = gitShow(repo, commit, file, true);
  if (Buffer.isBuffer(smudged) && smudged.length > 0 && !isLfsPointer(smudged)) return smudged;
  throw lfsPointerError(shown);
}

/**
 * The default baseline inside a pull request: the candidate's own path at the base commit. A
 * candidate that did not exist there is a new model (no baseline, said in the report); a base
 * commit this clone cannot read is an error, never a silent "no baseline".
 */
function pullRequestBaseline(
  base: string,
  candidate: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ResolvedBaseline | NoBaseline {
  const what = `the default baseline (${candidate} at the pull request's base commit ${shortRef(base)})`;
  const repo = gitRepository(cwd, env);
  if (typeof repo === "string")
    throw new ConfigurationError(`${what} cannot be read: ${cwd} is not a git work tree (${repo}); ${FIX}`);
  const rel = path.relative(repo.top, path.resolve(cwd, candidate));
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel))
    return { none: `${candidate} is outside the git work tree ${repo.top}, so the base commit has no copy of it` };
  const file = rel.split(path.sep).join("/");
  const commit = gitCommit(repo, base);
  if (typeof commit !== "string") throw new ConfigurationError(`${what} cannot be read: ${commit.why}; ${FIX}`);
  const display = `git:${base}:${file}`;
  if (!repo.hasFile(commit, file)) return { none: `${file} did not exist at the base commit ${commit.slice(0, 7)}: a new model` };
  const bytes = readBlob(repo, commit, file, `--baseline ${display}`);
  return { file: toTemp(bytes, file), display, origin: originOf(base, file, commit), temporary: true };
}

/** `commit 1a2b3c4`, or `main (commit 1a2b3c4)` when a name led to it. */
function atCommit(ref: string, commit: string): string {
  return shortRef(ref) === commit.slice(0, 7) ? `commit ${commit.slice(0, 7)}` : `${ref} (commit ${commit.slice(0, 7)})`;
}

function originOf(ref: string, file: string, commit: string): string {
  const short = shortRef(ref);
  return short === commit.slice(0, 7) ? `git:${short}:${file}` : `git:${short}:${file} at ${commit.slice(0, 7)}`;
}

/**
 * Resolves `--baseline`: `none`; `git:<ref>:<path>`; `git:<path>` (the PR's base commit); a path
 * (resolved by the caller). Without `--baseline`, inside a pull request the candidate's own path at
 * the base commit is the baseline when it exists there, so "compare with main" needs no config.
 * A ref this clone lacks is fetched (one commit, `--depth=1` in a shallow clone) when there is an
 * `origin` to fetch from.
 */
export function resolveGitBaseline(
  spec: string | undefined,
  candidateRel: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ResolvedBaseline | NoBaseline | "path" {
  if (spec === "none") return { none: "--baseline none" };
  if (spec === undefined) {
    const base = pullRequestBase(env);
    if (!base) return { none: "not a pull request, and no --baseline given" };
    return pullRequestBaseline(base, candidateRel, env, cwd);
  }
  if (!spec.startsWith("git:")) return "path";
  const rest = spec.slice(4);
  const colon = rest.indexOf(":");
  let ref: string | undefined;
  let file: string;
  if (colon >= 0) {
    ref = rest.slice(0, colon) || undefined;
    file = rest.slice(colon + 1);
  } else {
    file = rest;
  }
  ref ??= pullRequestBase(env);
  if (!ref)
    throw new ConfigurationError(
      `--baseline ${spec}: names no git ref and this is not a pull request; write git:<ref>:<path>, e.g. git:main:${file || "model.onnx"}`,
    );
  if (file === "") throw new ConfigurationError(`--baseline ${spec}: names no file; write git:<ref>:<path>`);
  if (ref.startsWith("-") || /^(refs\/remotes\/)?origin\/-/.test(ref))
    throw new ConfigurationError(`--baseline ${spec}: the ref starts with "-"; name a branch, tag or commit`);
  const repo = gitRepository(cwd, env);
  if (typeof repo === "string") throw new ConfigurationError(`--baseline ${spec}: ${cwd} is not a git work tree (${repo})`);
  const commit = gitCommit(repo, ref);
  if (typeof commit !== "string") throw new ConfigurationError(`--baseline ${spec}: ${commit.why}; ${FIX}`);
  if (!repo.hasFile(commit, file))
    throw new ConfigurationError(`--baseline ${spec}: ${file} does not exist at ${atCommit(ref, commit)}`);
  const bytes = readBlob(repo, commit, file, `--baseline ${spec}`);
  return { file: toTemp(bytes, file), display: `git:${ref}:${file}`, origin: originOf(ref, file, commit), temporary: true };
}
