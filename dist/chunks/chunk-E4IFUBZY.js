#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/core/paths.ts
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
function workspaceRoot(env = process.env, cwd = process.cwd()) {
  return path.resolve(env.GITHUB_WORKSPACE || cwd);
}
function isInside(abs, dir) {
  const rel = path.relative(dir, abs);
  return rel === "" || !(rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
}
function workspacePath(abs, root) {
  const r = path.resolve(root);
  const a = path.resolve(root, abs);
  if (a === r || !isInside(a, r)) return void 0;
  return path.relative(r, a).split(path.sep).join("/");
}
function realOrResolved(p) {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
function allowedFolders(opts, cwd) {
  const env = opts.env ?? process.env;
  if (opts.allowOutside || env.GITHUB_ACTIONS !== "true") return void 0;
  const out = [];
  const ws = workspaceRoot(env, cwd);
  out.push({ dir: realOrResolved(ws), label: `the workspace ${ws}` });
  if (env.RUNNER_TEMP) out.push({ dir: realOrResolved(env.RUNNER_TEMP), label: `$RUNNER_TEMP ${env.RUNNER_TEMP}` });
  for (const extra of opts.allowPaths ?? []) {
    const abs = path.resolve(cwd, extra);
    let dir;
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
function realPathOf(abs, mustExist) {
  if (mustExist) return realpathSync(abs);
  let head = abs;
  const tail = [];
  for (; ; ) {
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
function specialKind(st) {
  if (st.isFIFO()) return "named pipe (FIFO)";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "character device";
  if (st.isBlockDevice()) return "block device";
  if (!st.isFile() && !st.isDirectory()) return "special file";
  return void 0;
}
var GLOB = /[*?[]/;
function resolveInputPath(p, opts) {
  if (p.trim() === "") throw new ConfigurationError(`${opts.flag} is empty; give a path`);
  const cwd = opts.cwd ?? process.cwd();
  const abs = path.resolve(opts.relativeTo ?? cwd, p);
  const mustExist = opts.mustExist !== false;
  const glob = !mustExist && GLOB.test(p);
  const parts = abs.split(path.sep);
  const firstWild = glob ? parts.findIndex((s) => GLOB.test(s)) : -1;
  const checked = firstWild > 0 ? parts.slice(0, firstWild).join(path.sep) || path.sep : abs;
  let real;
  try {
    real = realPathOf(checked, mustExist);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new ConfigurationError(`${opts.flag} ${p}: file not found`);
    if (code === "ELOOP") throw new ConfigurationError(`${opts.flag} ${p}: is a loop of symbolic links`);
    throw new ConfigurationError(`${opts.flag} ${p}: cannot be read (${code ?? "unknown error"})`);
  }
  const allowed = allowedFolders(opts, cwd);
  if (allowed && !allowed.some((a) => isInside(real, a.dir))) {
    const link = real !== checked && isSymlinkOnTheWay(checked);
    throw new ConfigurationError(
      `${opts.flag} ${p}: ${link ? `resolves to ${real}, which is` : "is"} outside the allowed folders (${allowed.map((a) => a.label).join(", ")}); add its folder with --allow-path (action input allow-paths) or pass --allow-outside-workspace`
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
function isSymlinkOnTheWay(abs) {
  let p = abs;
  for (; ; ) {
    try {
      if (lstatSync(p).isSymbolicLink()) return true;
    } catch {
    }
    const up = path.dirname(p);
    if (up === p) return false;
    p = up;
  }
}
function resolveInFolder(folder, file, display, folderDisplay) {
  let real;
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

export {
  workspaceRoot,
  isInside,
  workspacePath,
  resolveInputPath,
  resolveInFolder
};
