import { lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { ConfigurationError } from "./errors.js";

/**
 * The workspace: GITHUB_WORKSPACE in Actions, else the current folder. Reports and annotations name
 * files relative to it; which files may be read is decided by resolveInputPath.
 */
export function workspaceRoot(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(env.GITHUB_WORKSPACE || cwd);
}

/** Whether `abs` is `dir` or inside it (`..weird.csv` inside it is inside; `../x` is not). */
export function isInside(abs: string, dir: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === "" || !(rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
}

/** `abs` relative to `root` with forward slashes (as reports and annotations name files), or undefined outside it. */
export function workspacePath(abs: string, root: string): string | undefined {
  const r = path.resolve(root);
  const a = path.resolve(root, abs);
  if (a === r || !isInside(a, r)) return undefined;
  return path.relative(r, a).split(path.sep).join("/");
}

export interface PathOptions {
  /** Relative paths start here (default: the process's folder). */
  cwd?: string;
  /** Relative paths start here instead of `cwd`: a contract's folder for its `json_schema`. */
  relativeTo?: string;
  /** The environment that decides the rule (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** `--allow-outside-workspace`: no folder rule at all. */
  allowOutside?: boolean;
  /** `--allow-path DIR` (repeatable) / the actions' `allow-paths`: more folders inputs may be in. */
  allowPaths?: readonly string[];
  /** The flag or key the path came from, for messages: `--data`, `gates.data.schema`, `s.yml:3: json_schema`. */
  flag: string;
  /** False for outputs and globs: the path need not exist yet (its nearest existing folder is checked). */
  mustExist?: boolean;
  kind?: "file" | "dir" | "any";
}

/** A folder inputs may be in, by real path, with how messages name it. */
interface AllowedFolder {
  dir: string;
  label: string;
}

function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * The folders inputs must stay in, or undefined when there is no rule. Outside GitHub Actions the
 * machine is the user's own: no rule. Inside Actions, where the files come from the pull request
 * under review: the workspace, $RUNNER_TEMP and each `--allow-path`, by real path.
 */
function allowedFolders(opts: PathOptions, cwd: string): AllowedFolder[] | undefined {
  const env = opts.env ?? process.env;
  if (opts.allowOutside || env.GITHUB_ACTIONS !== "true") return undefined;
  const out: AllowedFolder[] = [];
  const ws = workspaceRoot(env, cwd);
  out.push({ dir: realOrResolved(ws), label: `the workspace ${ws}` });
  if (env.RUNNER_TEMP) out.push({ dir: realOrResolved(env.RUNNER_TEMP), label: `$RUNNER_TEMP ${env.RUNNER_TEMP}` });
  for (const extra of opts.allowPaths ?? []) {
    const abs = path.resolve(cwd, extra);
    let dir: string;
    try {
      dir = realpathSync(abs);
    } catch {
      throw new ConfigurationError(`--allow-path ${extra}: folder not found`);
    }
    if (!statSync(dir).isDirectory()) throw new ConfigurationError(`--allow-path ${extra}: is not a folder`);
    out.push({ dir, label: `--allow-path ${extra}` });
  }
  return out;
}

/** The real path of `abs`, or of its nearest existing ancestor with the rest appended (outputs, globs). */
function realPathOf(abs: string, mustExist: boolean): string {
  if (mustExist) return realpathSync(abs);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(head), ...tail);
    } catch {
      const up = path.dirname(head);
      if (up === head) return abs;
      tail.unshift(path.basename(head));
      head = up;
    }
  }
}

function specialKind(st: Stats): string | undefined {
  if (st.isFIFO()) return "named pipe (FIFO)";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "character device";
  if (st.isBlockDevice()) return "block device";
  if (!st.isFile() && !st.isDirectory()) return "special file";
  return undefined;
}

const GLOB = /[*?[]/;

/**
 * THE way a gate finds a file it will read: data, reference, contract and its `json_schema`, config,
 * models, baselines, ONNX test data (and, through the folder rule of their callers, ONNX external
 * data and test-data files). Deploy and `mlgate serve` use it too. It:
 * - resolves `p` against `relativeTo` or `cwd` and follows every symbolic link (real path);
 * - inside GitHub Actions (GITHUB_ACTIONS=true) requires the real path to be in the workspace,
 *   $RUNNER_TEMP or an `--allow-path` folder, also by real path, unless `--allow-outside-workspace`;
 *   outside Actions there is no folder rule (the user's own machine);
 * - refuses FIFOs, sockets and devices (a read could block or never end), and checks `kind`;
 * - returns the real path, so every later reader (DuckDB's allowed paths, onnxruntime) sees
 *   exactly the file that was checked.
 * Its messages name `flag` and `p` as the user gave them, never the file's content.
 * A glob (`mustExist: false`) is checked by its folder part and returned with that part real.
 */
export function resolveInputPath(p: string, opts: PathOptions): string {
  if (p.trim() === "") throw new ConfigurationError(`${opts.flag} is empty; give a path`);
  const cwd = opts.cwd ?? process.cwd();
  const abs = path.resolve(opts.relativeTo ?? cwd, p);
  const mustExist = opts.mustExist !== false;
  const glob = !mustExist && GLOB.test(p);
  // A glob's folder part: the segments before the first one holding a wildcard.
  const parts = abs.split(path.sep);
  const firstWild = glob ? parts.findIndex((s) => GLOB.test(s)) : -1;
  const checked = firstWild > 0 ? parts.slice(0, firstWild).join(path.sep) || path.sep : abs;
  let real: string;
  try {
    real = realPathOf(checked, mustExist);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new ConfigurationError(`${opts.flag} ${p}: file not found`);
    if (code === "ELOOP") throw new ConfigurationError(`${opts.flag} ${p}: is a loop of symbolic links`);
    throw new ConfigurationError(`${opts.flag} ${p}: cannot be read (${code ?? "unknown error"})`);
  }
  const allowed = allowedFolders(opts, cwd);
  if (allowed && !allowed.some((a) => isInside(real, a.dir))) {
    const link = real !== checked && isSymlinkOnTheWay(checked);
    throw new ConfigurationError(
      `${opts.flag} ${p}: ${link ? `resolves to ${real}, which is` : "is"} outside the allowed folders (${allowed.map((a) => a.label).join(", ")}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace`,
    );
  }
  if (glob) return firstWild > 0 ? path.join(real, ...parts.slice(firstWild)) : abs;
  if (!mustExist) return real;
  const st = statSync(real);
  const special = specialKind(st);
  if (special) throw new ConfigurationError(`${opts.flag} ${p}: is a ${special}, not a regular file or folder`);
  if (opts.kind === "file" && !st.isFile()) throw new ConfigurationError(`${opts.flag} ${p}: is a folder, expected a file`);
  if (opts.kind === "dir" && !st.isDirectory()) throw new ConfigurationError(`${opts.flag} ${p}: is not a folder`);
  return real;
}

/** The older name of resolveInputPath. */
export const resolveUserPath = resolveInputPath;

/** Whether any component of `abs` is a symbolic link (for the message: "resolves to …"). */
function isSymlinkOnTheWay(abs: string): boolean {
  let p = abs;
  for (;;) {
    try {
      if (lstatSync(p).isSymbolicLink()) return true;
    } catch {
      // A component that does not exist is no link.
    }
    const up = path.dirname(p);
    if (up === p) return false;
    p = up;
  }
}

/**
 * A file inside a folder input that was itself checked with resolveInputPath (ONNX test data, a
 * model's external data): read only when its real path stays inside the folder's real path and it
 * is a regular file. `display` names it in messages. Returns the real path.
 */
export function resolveInFolder(folder: string, file: string, display: string, folderDisplay: string): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw new ConfigurationError(`${display}: file not found`);
  }
  if (!isInside(real, realOrResolved(folder)))
    throw new ConfigurationError(`${display}: resolves to ${real}, outside ${folderDisplay}; refusing to read it`);
  const special = specialKind(statSync(real));
  if (special) throw new ConfigurationError(`${display}: is a ${special}, not a regular file`);
  return real;
}
