import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { ConfigurationError } from "./errors.js";
import { assertTextFileSize, limitMessage, LIMITS } from "./limits.js";
import { re2Engine } from "./safe-regex.js";
import { didYouMean } from "./suggest.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, code: { regExp: re2Engine } });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** `gates.model.thresholds.roc_auc.min`, `columns[2].name` */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}

function pointerToSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const ARTICLE: Record<string, string> = {
  number: "a number",
  integer: "an integer",
  string: "a string",
  boolean: "a boolean (true or false)",
  object: "a mapping",
  array: "a list",
  null: "empty",
};

interface Located {
  line: number;
  message: string;
}

/** One sentence per ajv error, in our words, with the YAML line it points at. */
function describe(e: ErrorObject, doc: ReturnType<typeof parseDocument>, lc: LineCounter): Located {
  const segs = pointerToSegments(e.instancePath);
  const where = formatPath(segs) || "the top level";
  const lineOf = (s: (string | number)[], key?: string): number => {
    const node = doc.getIn(s, true) as YamlNode | undefined;
    if (key !== undefined && isMap(node)) {
      for (const item of node.items) {
        const k = item.key as YamlNode | null;
        if (k && (k as { value?: unknown }).value === key && k.range) return lc.linePos(k.range[0]).line;
      }
    }
    if (node?.range) return lc.linePos(node.range[0]).line;
    // The value is absent (or the path crosses a scalar): point at the nearest ancestor that exists.
    return s.length > 0 ? lineOf(s.slice(0, -1)) : 1;
  };
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(key, known);
      const full = formatPath([...segs, key]);
      return {
        line: lineOf(segs, key),
        message: `${full} is not a known key${hint ? ` (did you mean "${hint}"?)` : known.length ? ` (known keys: ${known.join(", ")})` : ""}`,
      };
    }
    case "required":
      return { line: lineOf(segs), message: `${where} is missing the required key "${String(p.missingProperty)}"` };
    case "type": {
      const types = String(p.type).split(",");
      return { line: lineOf(segs), message: `${where} must be ${types.map((t) => ARTICLE[t] ?? t).join(" or ")}` };
    }
    case "enum":
      return {
        line: lineOf(segs),
        message: `${where} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "const":
      return { line: lineOf(segs), message: `${where} must be ${JSON.stringify(p.allowedValue)}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { line: lineOf(segs), message: `${where} must be ${String(p.comparison)} ${String(p.limit)}` };
    case "minItems":
      return { line: lineOf(segs), message: `${where} must have at least ${String(p.limit)} item(s)` };
    case "maxItems":
      return { line: lineOf(segs), message: `${where} must have at most ${String(p.limit)} item(s)` };
    case "minLength":
      return { line: lineOf(segs), message: `${where} must not be empty` };
    case "pattern":
      return { line: lineOf(segs), message: `${where} must match the pattern ${String(p.pattern)}` };
    case "uniqueItems":
      return { line: lineOf(segs), message: `${where} must not repeat items` };
    default:
      return { line: lineOf(segs), message: `${where} ${e.message ?? "is invalid"}` };
  }
}

// oneOf/anyOf report every branch; the branch-level errors say more than the umbrella one.
const UMBRELLA = new Set(["oneOf", "anyOf", "if", "not"]);

/**
 * Nesting depth and alias expansions, from the parsed tree before anything is built from it: a
 * 20 KB file nested 10,000 deep or a "billion laughs" of aliases stops here with its line. An alias
 * expands to itself plus every alias inside what it names (anchors come before their aliases, so
 * that count is known when the alias is reached).
 */
function checkShape(doc: Document, lc: LineCounter, file: string): void {
  const lineOf = (n: YamlNode): number => (n.range ? lc.linePos(n.range[0]).line : 1);
  const cost = new Map<unknown, number>();
  let expanded = 0;
  // A list or mapping as a key (`? [a]`, or an alias to one) has no place in a JS object: the yaml
  // package would turn it into text and print a Node warning beside our one sentence.
  const checkKey = (key: unknown): void => {
    const target = isAlias(key) ? key.resolve(doc) : key;
    if (isMap(target) || isSeq(target) || (isScalar(target) && typeof target.value === "object" && target.value !== null)) {
      throw new ConfigurationError(
        `${file}:${lineOf(key as YamlNode)}: a key must be a name or a number, not a list, a mapping or binary data`,
      );
    }
  };
  // Recursion stops at LIMITS.nestingDepth + 1 levels, so it cannot overflow the stack.
  const walk = (node: unknown, depth: number): number => {
    if (isAlias(node)) {
      const c = 1 + (cost.get(node.resolve(doc)) ?? 0);
      expanded += c;
      if (expanded > LIMITS.yamlAliases) throw new ConfigurationError(limitMessage.tooManyAliases(`${file}:${lineOf(node)}`));
      return c;
    }
    if (!isMap(node) && !isSeq(node)) return 0;
    if (depth > LIMITS.nestingDepth) throw new ConfigurationError(limitMessage.tooDeep(`${file}:${lineOf(node)}`));
    let sum = 0;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        checkKey(item.key);
        sum += walk(item.key, depth + 1) + walk(item.value, depth + 1);
      } else sum += walk(item, depth + 1);
    }
    if (node.anchor) cost.set(node, sum);
    return sum;
  };
  walk(doc.contents, 1);
}

/**
 * The offset of the first key that repeats an earlier key of its mapping (scalars with the same
 * value, as the yaml package compares them), walking without recursion so any depth is safe.
 */
function firstDuplicateKey(doc: Document): number | undefined {
  let first: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const item of node.items) {
        const key = item.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value) && key.range && (first === undefined || key.range[0] < first)) first = key.range[0];
          seen.add(key.value);
        }
        stack.push(key, item.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return first;
}

export interface ParseOptions {
  /** Checks of the plain value before the schema's (sizes that would make validation itself slow). */
  precheck?: (value: unknown, lineOf: (segments: readonly (string | number)[]) => number) => void;
}

/**
 * Parses a YAML (or JSON) text and validates it against a JSON Schema.
 * Throws a ConfigurationError `file:line: path message` for the first problem in file order.
 */
export function parseYamlWithSchema<T>(text: string, file: string, schema: object, opts: ParseOptions = {}): T {
  assertTextFileSize(file, Buffer.byteLength(text, "utf8"));
  const lc = new LineCounter();
  // The yaml package checks each key against every key before it (10,000 columns: 6 s); firstDuplicateKey
  // does the same check in one pass, and the earlier of it and the parser's first error is reported.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const duplicate = firstDuplicateKey(doc);
  const first =
    duplicate !== undefined && (doc.errors[0] === undefined || duplicate < doc.errors[0].pos[0])
      ? { pos: [duplicate], message: "Map keys must be unique" }
      : doc.errors[0];
  if (first) {
    const line = lc.linePos(first.pos[0]).line;
    // The parser recurses per level; it reports running out of stack as a syntax error.
    if (first.message.startsWith("Maximum call stack size exceeded"))
      throw new ConfigurationError(limitMessage.tooDeep(`${file}:${line}`));
    const msg = first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "invalid YAML";
    throw new ConfigurationError(`${file}:${line}: not valid YAML: ${msg}`);
  }
  checkShape(doc, lc, file);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.yamlAliases }) ?? {};
  } catch (e) {
    // The yaml package's own count (a backstop: checkShape counts first and names the line).
    if (e instanceof ReferenceError && /alias/i.test(e.message)) throw new ConfigurationError(limitMessage.tooManyAliases(file));
    throw e;
  }
  opts.precheck?.(value, lineOfIn(doc, lc));
  const validate = compile(schema);
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => !UMBRELLA.has(e.keyword));
    const located = (errors.length ? errors : (validate.errors ?? [])).map((e) => describe(e, doc, lc));
    located.sort((a, b) => a.line - b.line);
    const top = located[0];
    if (top) throw new ConfigurationError(`${file}:${top.line}: ${top.message}`);
  }
  return value as T;
}

/**
 * The 1-based line of a key path (`gates.model.slices[0].where`) in a YAML text: the line of its key,
 * or of the list item; undefined when the text does not have it.
 */
export function lineOfKey(text: string, keyPath: string): number | undefined {
  const segs = [...keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] ?? "")));
  if (segs.length === 0) return undefined;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const last = segs[segs.length - 1];
  const parent = segs.length > 1 ? (doc.getIn(segs.slice(0, -1), true) as YamlNode | undefined) : doc.contents;
  if (typeof last === "string" && isMap(parent)) {
    for (const item of parent.items) {
      const k = item.key as (YamlNode & { value?: unknown }) | null;
      if (k?.value === last && k.range) return lc.linePos(k.range[0]).line;
    }
    return undefined;
  }
  const node = doc.getIn(segs, true) as YamlNode | undefined;
  return node?.range ? lc.linePos(node.range[0]).line : undefined;
}

/** 1-based line of a key path in a YAML text (the nearest existing ancestor's when the key is absent). */
export function yamlLineOf(text: string): (segments: readonly (string | number)[]) => number {
  const lc = new LineCounter();
  // Keys were checked when the text was parsed to be used (uniqueKeys costs a scan per key).
  return lineOfIn(parseDocument(text, { lineCounter: lc, uniqueKeys: false }), lc);
}

function lineOfIn(doc: Document, lc: LineCounter): (segments: readonly (string | number)[]) => number {
  return (segments) => {
    for (let n = segments.length; n > 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as YamlNode | undefined;
      if (node?.range) return lc.linePos(node.range[0]).line;
    }
    return 1;
  };
}

/**
 * Reads and validates a YAML/JSON file; messages name it as `display` (default: `file`, as the user
 * gave it). `lineOf` locates keys for later, semantic errors.
 */
export function readYamlWithSchema<T>(
  file: string,
  schema: object,
  cwd = process.cwd(),
  display = file,
): { value: T; lineOf: (segments: readonly (string | number)[]) => number } {
  let text: string;
  try {
    text = readLimitedText(path.resolve(cwd, file), display);
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ConfigurationError(`${display}: file not found`);
    if (code === "EISDIR") throw new ConfigurationError(`${display}: is a folder, expected a YAML file`);
    throw new ConfigurationError(`${display}: cannot be read (${code ?? "unknown error"})`);
  }
  return { value: parseYamlWithSchema<T>(text, display, schema), lineOf: yamlLineOf(text) };
}

/**
 * A config or contract file's text, refused before it is read when it is over the size limit or not
 * a regular file (a FIFO would block, /dev/zero would never end).
 */
export function readLimitedText(file: string, display: string): string {
  // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    if (!st.isFile()) throw new ConfigurationError(`${display}: is not a regular file`);
    assertTextFileSize(display, st.size);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** Reads and validates a YAML/JSON file; the path in messages is as the user gave it. */
export function loadYamlWithSchema<T>(file: string, schema: object, cwd = process.cwd()): T {
  return readYamlWithSchema<T>(file, schema, cwd).value;
}
