import { readdirSync } from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../../core/errors.js";
import { limitMessage, LIMITS } from "../../core/limits.js";
import { regexProblem, safeRegExp, type SafeRegExp } from "../../core/safe-regex.js";

export function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/**
 * `*` within a folder, `?` one character, `[…]` a class, `**` any number of folders. Matched with
 * RE2 (linear time): `*a*a*a*a*a*a*a*a*b.onnx` against a long name took over 60 s on RegExp.
 * Throws RE2's syntax error for a class such as `[z-a]`.
 */
export function globToRegExp(glob: string): SafeRegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return safeRegExp(`^${re}$`);
}

/**
 * Files matching a glob, sorted. Folders starting with `.` and node_modules are not searched
 * unless the pattern names them, so `**\/*.onnx` stays quick in a checked-out repository.
 */
export function expandGlob(pattern: string, cwd: string, flag = "--model", maxEntries: number = LIMITS.walkEntries): string[] {
  if (pattern.length > LIMITS.globLength)
    throw new ConfigurationError(limitMessage.globTooLong(`${flag} ${pattern.slice(0, 40)}…`, pattern.length));
  const abs = path.resolve(cwd, pattern);
  const parts = abs.split(path.sep);
  const first = parts.findIndex(hasGlob);
  if (first < 0) return [abs];
  const root = parts.slice(0, first).join(path.sep) || path.sep;
  const rest = parts.slice(first).join("/");
  let re: SafeRegExp;
  try {
    re = globToRegExp(rest);
  } catch (e) {
    throw new ConfigurationError(`${flag} ${pattern}: is not a valid glob (${regexProblem(e)})`, { cause: e });
  }
  let seen = 0;
  const named = (d: string): boolean => rest.includes(d);
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > maxEntries) throw new ConfigurationError(limitMessage.walkTooLarge(`${flag} ${pattern}`, maxEntries));
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if ((e.name.startsWith(".") || e.name === "node_modules") && !named(e.name)) continue;
        walk(path.join(dir, e.name), r);
      } else if (e.isFile() && re.test(r)) out.push(path.join(dir, e.name));
    }
  };
  walk(root, "");
  return out.sort();
}
