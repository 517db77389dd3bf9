import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import type { FunctionDefinition, FunctionInfo } from "@actions/expressions/funcs/info";
import { truthy } from "@actions/expressions/result";

/** The named contexts a composite action step can read, as plain JSON. */
export interface Contexts {
  github: Record<string, unknown>;
  inputs: Record<string, string>;
  env: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  runner: Record<string, string>;
  job: Record<string, unknown>;
  strategy: Record<string, unknown>;
  matrix: Record<string, unknown>;
}

/** What the status functions and hashFiles() need to know about the run so far. */
export interface EvalState {
  failed: boolean;
  workspace: string;
}

const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled)\s*\(/i;

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fn(name: string, minArgs: number, maxArgs: number, call: FunctionDefinition["call"]): FunctionDefinition {
  return { name, minArgs, maxArgs, call };
}

function functions(state: EvalState): Map<string, FunctionDefinition> {
  const defs = [
    fn("success", 0, 0, () => new data.BooleanData(!state.failed)),
    fn("failure", 0, 0, () => new data.BooleanData(state.failed)),
    fn("always", 0, 0, () => new data.BooleanData(true)),
    // Nothing cancels a local run.
    fn("cancelled", 0, 0, () => new data.BooleanData(false)),
    fn(
      "hashFiles",
      1,
      255,
      (...args) =>
        new data.StringData(
          hashFiles(
            state.workspace,
            args.map((a) => a.coerceString()),
          ),
        ),
    ),
  ];
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}

const FUNCTION_INFO: FunctionInfo[] = ["success", "failure", "always", "cancelled"]
  .map((name) => ({ name, minArgs: 0, maxArgs: 0 }))
  .concat([{ name: "hashFiles", minArgs: 1, maxArgs: 255 }]);

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(expression: string, contexts: Contexts, state: EvalState): data.ExpressionData {
  const { tokens } = new Lexer(expression).lex();
  const ast = new Parser(tokens, Object.keys(contexts), FUNCTION_INFO).parse();
  const dict = new data.Dictionary(...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })));
  return new Evaluator(ast, dict, functions(state)).evaluate();
}

/** Splits a template at `${{ … }}`, skipping `}}` inside single-quoted string literals. */
export function splitTemplate(template: string): ({ text: string } | { expr: string })[] {
  const parts: ({ text: string } | { expr: string })[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf("${{", i);
    if (start < 0) break;
    if (start > i) parts.push({ text: template.slice(i, start) });
    let j = start + 3;
    let inString = false;
    for (; j < template.length; j++) {
      const c = template[j];
      if (c === "'") {
        // '' is an escaped quote inside a literal.
        if (inString && template[j + 1] === "'") j++;
        else inString = !inString;
      } else if (!inString && c === "}" && template[j + 1] === "}") break;
    }
    if (j >= template.length) throw new Error(`unterminated expression in: ${template}`);
    parts.push({ expr: template.slice(start + 3, j).trim() });
    i = j + 2;
  }
  if (i < template.length) parts.push({ text: template.slice(i) });
  return parts;
}

/** A string value of action.yml with every `${{ }}` replaced by its string coercion, as the runner does. */
export function interpolate(template: string, contexts: Contexts, state: EvalState): string {
  return splitTemplate(template)
    .map((p) => ("text" in p ? p.text : evaluate(p.expr, contexts, state).coerceString()))
    .join("");
}

/** An `if:` condition: bare or wrapped in `${{ }}`; without a status function it means `success() && (…)`. */
export function condition(text: string | undefined, contexts: Contexts, state: EvalState): boolean {
  let expr = (text ?? "").trim();
  const parts = splitTemplate(expr);
  if (parts.length === 1 && parts[0] && "expr" in parts[0]) expr = parts[0].expr;
  if (expr === "") expr = "success()";
  else if (!STATUS_FUNCTIONS.test(expr)) expr = `success() && (${expr})`;
  return truthy(evaluate(expr, contexts, state));
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, rel: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".git" || entry.name === "node_modules") continue;
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), r, out);
    else if (entry.isFile()) out.push(r);
  }
}

/**
 * hashFiles() limited to what tests need: patterns relative to the workspace with `*`, `**`, `?`
 * and `!` exclusions; .git and node_modules are not searched. Like the runner, the result is the
 * SHA-256 over the SHA-256 of each matched file in path order, and '' when nothing matches.
 */
export function hashFiles(workspace: string, patterns: string[]): string {
  const files: string[] = [];
  walk(workspace, "", files);
  const include = patterns.filter((p) => !p.startsWith("!")).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => globToRegExp(p.slice(1)));
  const matched = files.filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f))).sort();
  if (matched.length === 0) return "";
  const all = createHash("sha256");
  for (const f of matched) {
    const abs = path.join(workspace, f);
    if (!statSync(abs).isFile()) continue;
    all.update(createHash("sha256").update(readFileSync(abs)).digest());
  }
  return all.digest("hex");
}
