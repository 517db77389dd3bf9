/**
 * GitHub's official OpenAPI description (api.github.com, from @octokit/openapi) as a request validator:
 * operations are indexed once by method and path template, and each operation's parameter and body
 * schemas are dereferenced, converted from OpenAPI 3.0 (`nullable`) to JSON Schema and compiled by
 * ajv on first use.
 *
 * The description read is `github-openapi.json`, an extract written by
 * scripts/github-openapi-extract.mjs from a pinned @octokit/openapi: the operations the double
 * implements or will, each with every component it references, byte for byte, plus the method,
 * template and operationId of every other operation, so a request still matches the operation GitHub
 * would route it to (`releases/latest` is not `releases/{release_id}`) and is told apart from a path
 * GitHub does not have.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Json;
}

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  documentationUrl?: string;
  parameters: Parameter[];
  body?: { required: boolean; schema: Json };
  /** Segments of the template; `null` where a `{param}` goes. */
  segments: (string | null)[];
  /** A GitHub operation left out of the extract: known by route only, no schemas to validate with. */
  omitted?: true;
}

export interface Match {
  op: Operation;
  params: Record<string, string>;
}

export interface ValidationResult {
  valid: boolean;
  /** GitHub-style: `Invalid request.\n\n…`. */
  errors: string[];
}

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export class OpenApiValidator {
  private readonly doc: Json;
  private readonly byMethod = new Map<string, Operation[]>();
  private readonly compiled = new Map<string, { query: ValidateFunction; path: ValidateFunction; body?: ValidateFunction }>();
  private readonly ajv: Ajv;
  private readonly responses = new Map<string, ValidateFunction | null>();

  constructor(file = path.join(import.meta.dirname, "github-openapi.json")) {
    this.doc = JSON.parse(readFileSync(file, "utf8")) as Json;
    this.ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, logger: false, coerceTypes: false });
    addFormats(this.ajv);
    for (const [template, item] of Object.entries(this.doc.paths as Record<string, Json>)) {
      const shared = (item.parameters as Json[] | undefined) ?? [];
      for (const [method, raw] of Object.entries(item)) {
        if (!["get", "post", "put", "patch", "delete", "head"].includes(method) || !isObj(raw)) continue;
        const params = [...shared, ...((raw.parameters as Json[] | undefined) ?? [])].map((p) => this.deref(p) as Parameter);
        const rb = raw.requestBody ? (this.deref(raw.requestBody) as Json) : undefined;
        const content = rb && isObj(rb.content) ? rb.content : undefined;
        const jsonBody = content && isObj(content["application/json"]) ? content["application/json"] : undefined;
        const docs = isObj(raw.externalDocs) ? (raw.externalDocs.url as string | undefined) : undefined;
        const op: Operation = {
          method: method.toUpperCase(),
          template,
          operationId: String(raw.operationId),
          parameters: params,
          segments: segmentsOf(template),
          ...(docs ? { documentationUrl: docs } : {}),
          ...(jsonBody && isObj(jsonBody.schema) ? { body: { required: rb?.required === true, schema: jsonBody.schema } } : {}),
        };
        this.add(op);
      }
    }
    const others = (this.doc["x-mlgate-other-operations"] ?? {}) as Record<string, string>;
    for (const [route, operationId] of Object.entries(others)) {
      const [method = "", template = ""] = route.split(" ");
      this.add({ method, template, operationId, parameters: [], segments: segmentsOf(template), omitted: true });
    }
  }

  /** The operationIds whose schemas the description holds (the omitted ones are known by route only). */
  operationIds(): string[] {
    return [...this.byMethod.values()].flat().flatMap((op) => (op.omitted ? [] : [op.operationId]));
  }

  private add(op: Operation): void {
    const list = this.byMethod.get(op.method) ?? [];
    list.push(op);
    this.byMethod.set(op.method, list);
  }

  /** The operation a request path belongs to; literal segments beat `{params}` (`issues/comments`). */
  match(method: string, pathname: string): Match | undefined {
    const parts = pathname.split("/").slice(1).map(decodeURIComponent);
    let best: { m: Match; score: number } | undefined;
    for (const op of this.byMethod.get(method.toUpperCase()) ?? []) {
      if (op.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      const names = [...op.template.matchAll(/\{([^}]+)\}/g)].map((x) => x[1] ?? "");
      let n = 0;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = op.segments[i];
        const part = parts[i] ?? "";
        if (seg === null) {
          if (part === "") ok = false;
          params[names[n++] ?? ""] = part;
        } else if (seg === part) score++;
        else ok = false;
      }
      if (ok && (!best || score > best.score)) best = { m: { op, params }, score };
    }
    return best?.m;
  }

  /** Validates path parameters, query string and JSON body of one request against its operation. */
  validate(m: Match, query: URLSearchParams, body: unknown, hasBody: boolean): ValidationResult {
    const v = this.validators(m.op);
    const errors: string[] = [];
    const check = (fn: ValidateFunction, value: unknown, where: string): void => {
      if (fn(value)) return;
      for (const e of fn.errors ?? [])
        errors.push(
          `${where}${e.instancePath} ${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ""}`,
        );
    };
    check(v.path, this.coerce(m.op, "path", new Map(Object.entries(m.params))), "path");
    const q = new Map<string, string>();
    for (const [k, val] of query) q.set(k, val);
    const known = new Set(m.op.parameters.filter((p) => p.in === "query").map((p) => p.name));
    for (const k of q.keys()) if (!known.has(k)) errors.push(`query parameter "${k}" is not part of ${m.op.operationId}`);
    check(v.query, this.coerce(m.op, "query", q), "query");
    if (m.op.body) {
      if (!hasBody) {
        if (m.op.body.required) errors.push("a JSON body is required");
      } else if (v.body) check(v.body, body, "body");
    }
    return { valid: errors.length === 0, errors };
  }

  /** A deep copy of the documented example answer of an operation (GitHub's own sample data). */
  example(operationId: string, status = 200): unknown {
    for (const ops of this.byMethod.values()) {
      const op = ops.find((o) => o.operationId === operationId);
      if (!op) continue;
      const raw = ((this.doc.paths as Record<string, Json>)[op.template]?.[op.method.toLowerCase()] as Json).responses as Json;
      const resp = this.deref(raw[String(status)]) as Json | undefined;
      const content = resp && isObj(resp.content) ? (resp.content["application/json"] as Json | undefined) : undefined;
      const examples = content && isObj(content.examples) ? Object.values(content.examples) : [];
      const first = examples[0] ? (this.deref(examples[0]) as Json) : undefined;
      return first ? structuredClone(first.value) : undefined;
    }
    return undefined;
  }

  /** Checks a response body against the operation's documented schema for that status, if any. */
  validateResponse(m: Match, status: number, body: unknown): string[] {
    const key = `${m.op.method} ${m.op.template} ${status}`;
    let fn = this.responses.get(key);
    if (fn === undefined) {
      const raw = ((this.doc.paths as Record<string, Json>)[m.op.template]?.[m.op.method.toLowerCase()] as Json)
        .responses as Json;
      const resp = raw[String(status)] ? (this.deref(raw[String(status)]) as Json) : undefined;
      const content = resp && isObj(resp.content) ? (resp.content["application/json"] as Json | undefined) : undefined;
      fn = content && isObj(content.schema) ? this.ajv.compile(toJsonSchema(this.deref(content.schema, new Set(), true))) : null;
      this.responses.set(key, fn);
    }
    if (!fn || fn(body)) return [];
    return (fn.errors ?? []).map((e) => `response${e.instancePath} ${e.message ?? "is invalid"}`);
  }

  private validators(op: Operation): { query: ValidateFunction; path: ValidateFunction; body?: ValidateFunction } {
    const key = `${op.method} ${op.template}`;
    let v = this.compiled.get(key);
    if (!v) {
      const group = (where: "path" | "query"): Json => {
        const ps = op.parameters.filter((p) => p.in === where);
        return {
          type: "object",
          properties: Object.fromEntries(ps.map((p) => [p.name, toJsonSchema(p.schema ?? {})])),
          required: ps.filter((p) => p.required).map((p) => p.name),
        };
      };
      v = {
        path: this.ajv.compile(group("path")),
        query: this.ajv.compile(group("query")),
        ...(op.body ? { body: this.ajv.compile(toJsonSchema(this.deref(op.body.schema, new Set(), true) as Json)) } : {}),
      };
      this.compiled.set(key, v);
    }
    return v;
  }

  /** Query and path values arrive as text: typed the way the parameter's schema says. */
  private coerce(op: Operation, where: "path" | "query", values: Map<string, string>): Json {
    const out: Json = {};
    for (const [k, raw] of values) {
      const p = op.parameters.find((x) => x.in === where && x.name === k);
      const type = p?.schema ? (this.deref(p.schema) as Json).type : undefined;
      if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw)) out[k] = Number(raw);
      else if (type === "boolean" && (raw === "true" || raw === "false")) out[k] = raw === "true";
      else out[k] = raw;
    }
    return out;
  }

  /** Resolves `#/components/...` references; a reference cycle becomes `{}` (accept anything). */
  private deref(node: unknown, seen = new Set<string>(), deep = false): unknown {
    if (Array.isArray(node)) return deep ? node.map((x) => this.deref(x, seen, deep)) : node;
    if (!isObj(node)) return node;
    if (typeof node.$ref === "string") {
      const ref = node.$ref;
      if (seen.has(ref)) return {};
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((acc, k) => (isObj(acc) ? acc[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), this.doc);
      return this.deref(target, new Set([...seen, ref]), deep);
    }
    if (!deep) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.deref(v, seen, deep)]));
  }
}

function segmentsOf(template: string): (string | null)[] {
  return template
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") ? null : s));
}

/** OpenAPI 3.0 -> JSON Schema: `nullable: true` becomes a `null` alternative. */
export function toJsonSchema(node: unknown): Json {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (!isObj(n)) return n;
    const out: Json = {};
    for (const [k, v] of Object.entries(n)) {
      if (k === "nullable" || k === "example" || k === "examples" || k.startsWith("x-")) continue;
      out[k] = k === "properties" && isObj(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, walk(s)])) : walk(v);
    }
    if (n.nullable !== true) return out;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
      return out;
    }
    return { anyOf: [out, { type: "null" }] };
  };
  return walk(node) as Json;
}
