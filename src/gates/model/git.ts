/**
 * The git plumbing the model gate's `git:` baselines need: find the work tree, resolve a ref to a
 * commit (fetching that one commit when the clone lacks it), and read one file at a commit.
 */
import { spawnSync } from "node:child_process";

interface GitResult {
  ok: boolean;
  stdout: Buffer;
  /** git's first line of complaint, for messages. */
  error: string;
}

export interface GitRepository {
  top: string;
  shallow: boolean;
  run(args: readonly string[], timeoutMs?: number): GitResult;
  /** True when `file` is a file (not a folder) at `commit`. */
  hasFile(commit: string, file: string): boolean;
}

/** A fetch of one commit over a slow network still finishes; a hung credential prompt does not. */
const FETCH_TIMEOUT_MS = 300_000;

function runGit(cwd: string, env: NodeJS.ProcessEnv, args: readonly string[], timeoutMs = 60_000): GitResult {
  const r = spawnSync("git", args, {
    cwd,
    // The gate's own environment (tests pass theirs) on top of the process's; git never prompts.
    env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: "0" },
    maxBuffer: 2 ** 31 - 1,
    timeout: timeoutMs,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr = (r.stderr as Buffer | null)?.toString("utf8") ?? "";
  const error =
    r.error?.message ??
    stderr
      .split("\n")
      .map((l) => l.trim())
      .find((l) => /^(fatal|error):/.test(l)) ??
    stderr.trim().split("\n")[0] ??
    "";
  return { ok: r.status === 0, stdout: r.stdout ?? Buffer.alloc(0), error: error || `exit ${String(r.status)}` };
}

/** The work tree `cwd` is in, or why there is none. */
export function gitRepository(cwd: string, env: NodeJS.ProcessEnv): GitRepository | string {
  const run = (args: readonly string[], timeoutMs?: number): GitResult => runGit(cwd, env, args, timeoutMs);
  const top = run(["rev-parse", "--show-toplevel"]);
  if (!top.ok) return top.error;
  const shallow = run(["rev-parse", "--is-shallow-repository"]).stdout.toString().trim() === "true";
  return {
    top: top.stdout.toString().trim(),
    shallow,
    run,
    hasFile: (commit, file) => {
      const t = run(["cat-file", "-t", `${commit}:${file}`]);
      return t.ok && t.stdout.toString().trim() === "blob";
    },
  };
}

function revParse(repo: GitRepository, ref: string): string | undefined {
  const r = repo.run(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  const sha = r.stdout.toString().trim();
  return r.ok && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

const isSha = (ref: string): boolean => /^[0-9a-f]{40}$/i.test(ref);

/**
 * The commit `ref` names. A ref this clone lacks (a shallow checkout holds one commit) is fetched
 * from `origin`: a SHA as itself, `origin/<branch>` as `<branch>`; `--depth=1` only in a shallow
 * clone, so a full clone stays full.
 */
export function gitCommit(repo: GitRepository, ref: string): string | { why: string } {
  // An option for git, not a ref: resolveGitBaseline refuses these before they get here.
  if (ref.startsWith("-")) throw new Error(`git ref ${ref} starts with "-"`);
  const have = revParse(repo, ref);
  if (have) return have;
  const what = isSha(ref) ? `commit ${ref.slice(0, 7)}` : `ref ${ref}`;
  const clone = repo.shallow ? "this shallow clone" : "this clone";
  if (!repo.run(["remote", "get-url", "origin"]).ok)
    return { why: `${what} is not in ${clone}, which has no origin remote to fetch it from` };
  const target = ref.replace(/^(refs\/remotes\/)?origin\//, "");
  // `origin/--upload-pack=…` would reach git fetch as an option that runs a command.
  if (target.startsWith("-")) throw new Error(`git ref ${ref} names an option, not a branch`);
  const depth = repo.shallow ? ["--depth=1"] : [];
  const fetched = repo.run(["fetch", "--quiet", "--no-tags", ...depth, "--end-of-options", "origin", target], FETCH_TIMEOUT_MS);
  if (fetched.ok) {
    const sha = revParse(repo, isSha(ref) ? ref : "FETCH_HEAD");
    if (sha) return sha;
  }
  return {
    why: `${what} is not in ${clone} and \`git fetch ${[...depth, "origin", target].join(" ")}\` could not fetch it (${fetched.ok ? "nothing fetched" : fetched.error})`,
  };
}

/**
 * The bytes of `file` at `commit`, or git's complaint; with `filters`, as a checkout writes them
 * (an LFS pointer smudged into the object when git-lfs is set up).
 */
export function gitShow(repo: GitRepository, commit: string, file: string, filters: boolean): Buffer | { error: string } {
  const r = repo.run(filters ? ["cat-file", "--filters", `${commit}:${file}`] : ["cat-file", "blob", `${commit}:${file}`]);
  return r.ok ? r.stdout : { error: r.error };
}
