import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigurationError } from "./errors.js";

/**
 * The folder user-supplied paths must stay in: the GitHub workspace in Actions, else the current
 * folder. `--allow-outside-workspace` lifts the rule (the user said otherwise).
 */
export function workspaceRoot(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(env.GITHUB_WORKSPACE || cwd);
}

/** `abs` relative to `root` with forward slashes (as reports and annotations name files), or undefined outside it. */
export function workspacePath(abs: string, root: string): string | undefined {
  const rel = path.relative(path.resolve(root), path.resolve(root, abs));
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

export interface PathOptions {
  cwd?: string;
  root?: string;
  allowOutside?: boolean;
  /** The flag or key the path came from, for messages: `--data`, `gates.data.schema`. */
  flag: string;
  mustExist?: boolean;
  kind?: "file" | "dir" | "any";
}

/** Resolves a user path and checks it stays inside the workspace and exists. */
export function resolveUserPath(p: string, opts: PathOptions): string {
  if (p.trim() === "") throw new ConfigurationError(`${opts.flag} is empty; give a path`);
  const cwd = opts.cwd ?? process.cwd();
  const abs = path.resolve(cwd, p);
  const root = opts.root ?? workspaceRoot(process.env, cwd);
  const rel = path.relative(root, abs);
  if (!opts.allowOutside && (rel.startsWith("..") || path.isAbsolute(rel))) {
    throw new ConfigurationError(
      `${opts.flag} ${p}: is outside the workspace ${root} (pass --allow-outside-workspace to allow it)`,
    );
  }
  if (opts.mustExist !== false) {
    if (!existsSync(abs)) throw new ConfigurationError(`${opts.flag} ${p}: file not found`);
    const st = statSync(abs);
    if (opts.kind === "file" && !st.isFile()) throw new ConfigurationError(`${opts.flag} ${p}: is a folder, expected a file`);
    if (opts.kind === "dir" && !st.isDirectory()) throw new ConfigurationError(`${opts.flag} ${p}: is not a folder`);
  }
  return abs;
}
