import { RE2JS } from "re2js";
import type { RegExpEngine } from "ajv/dist/types/index.js";

/**
 * Regular expressions written by strangers (a JSON Schema's `pattern`, a glob) run on RE2JS: linear
 * time whatever the pattern, so `^(a+)+$` on a long line of `a`s answers at once instead of never.
 * RE2 has no look-around and no back-references; a pattern using them is refused when compiled.
 */
export interface SafeRegExp {
  test(s: string): boolean;
  /** ajv keys its cache of compiled patterns by this string: it must differ per pattern. */
  toString(): string;
}

/** Compiles `pattern` with RE2 (search semantics, like RegExp.prototype.test); throws RE2's syntax error. */
export function safeRegExp(pattern: string): SafeRegExp {
  const re = RE2JS.compile(pattern);
  const text = `/${pattern}/re2`;
  return { test: (s) => re.test(s), toString: () => text };
}

/** ajv's `code.regExp` engine: every `pattern` and `patternProperties` key runs on RE2. */
export const re2Engine: RegExpEngine = Object.assign(
  (pattern: string) => {
    try {
      return safeRegExp(pattern);
    } catch (e) {
      throw new Error(`the pattern ${JSON.stringify(pattern)} cannot run on RE2: ${regexProblem(e)}`, { cause: e });
    }
  },
  { code: "mlgate.safeRegExp" },
);

/** RE2's complaint without its class name: "invalid character class range: `z-a`". */
export function regexProblem(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^error parsing regexp: /, "");
}
