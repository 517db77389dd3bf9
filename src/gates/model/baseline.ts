import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError } from "../../core/errors.js";

/** Where the baseline model came from, for the report. */
export interface ResolvedBaseline {
  /** A readable file on disk (a temporary copy for git baselines). */
  file: string;
  /** What the user sees: the path or `git:<ref>:<path>`. */
  display: string;
  /** A temporary copy taken out of git: its folder is removed when the gate is done. */
  temporary?: boolean;
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

function gitShow(ref: string, file: string, cwd: string): Buffer | undefined {
  try {
    // The ref comes from the config: `--end-of-options` keeps `--output=x` from being an option that writes a file.
    return execFileSync("git", ["show", "--end-of-options", `${ref}:${file}`], {
      cwd,
      maxBuffer: 2 ** 31 - 1,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    return undefined;
  }
}

/** A baseline's bytes in a temporary folder of their own (the gate removes it when done). */
export function toTemp(bytes: Buffer, name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-baseline-"));
  const file = path.join(dir, path.basename(name));
  writeFileSync(file, bytes);
  return file;
}

/**
 * Resolves `--baseline`: `none`; `git:<ref>:<path>`; `git:<path>` (the PR's base commit); a path
 * (resolved by the caller). Without `--baseline`, inside a pull request the candidate's own path at
 * the base commit is the baseline when it exists there, so "compare with main" needs no config.
 */
export function resolveGitBaseline(
  spec: string | undefined,
  candidateRel: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ResolvedBaseline | "none" | "path" {
  if (spec === "none") return "none";
  if (spec === undefined) {
    const base = pullRequestBase(env);
    if (!base) return "none";
    const bytes = gitShow(base, candidateRel, cwd);
    return bytes ? { file: toTemp(bytes, candidateRel), display: `git:${base}:${candidateRel}`, temporary: true } : "none";
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
  const bytes = gitShow(ref, file, cwd);
  if (!bytes)
    throw new ConfigurationError(
      `--baseline ${spec}: git show ${ref}:${file} failed; check that the ref is fetched (actions/checkout fetch-depth: 0) and the path exists there`,
    );
  return { file: toTemp(bytes, file), display: `git:${ref}:${file}`, temporary: true };
}
