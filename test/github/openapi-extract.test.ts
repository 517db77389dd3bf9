import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { OPERATIONS, extract } from "../../scripts/github-openapi-extract.mjs";
import { OpenApiValidator } from "../github-double/openapi.js";
import { ROUTES } from "../github-double/routes.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";

/**
 * test/github-double/github-openapi.json is the part of GitHub's OpenAPI description the double
 * validates against (scripts/github-openapi-extract.mjs). These tests keep it complete and closed.
 */
const FILE = path.join(import.meta.dirname, "../github-double/github-openapi.json");
type Json = Record<string, unknown>;
const doc = JSON.parse(readFileSync(FILE, "utf8")) as Json;
const validator = new OpenApiValidator();
const operations = OPERATIONS as string[];
const extractDoc = extract as (doc: Json, operations: string[]) => Json;

function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) refsOf(x, out);
  else if (typeof node === "object" && node !== null)
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  return out;
}

describe("the OpenAPI extract", () => {
  it("holds every operation the double routes, and exactly the script's list", () => {
    const ids = validator.operationIds().sort();
    expect(ids).toEqual([...operations].sort());
    expect(Object.keys(ROUTES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("resolves every $ref inside the file", () => {
    const refs = [...new Set(refsOf(doc))];
    expect(refs.length).toBeGreaterThan(50);
    const unresolved = refs.filter((ref) => {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((acc, k) => (acc && typeof acc === "object" ? (acc as Json)[k] : undefined), doc);
      return target === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  it("knows every other GitHub operation by route, so matching is the same as against the full description", () => {
    const others = doc["x-mlgate-other-operations"] as Record<string, string>;
    expect(Object.keys(others).length).toBeGreaterThan(1000);
    // `latest` is a literal segment of an omitted operation; it must not fall to `{release_id}`.
    expect(validator.match("GET", "/repos/o/r/releases/latest")?.op.operationId).toBe("repos/get-latest-release");
    expect(validator.match("GET", "/repos/o/r/releases/42")?.op).toMatchObject({
      operationId: "repos/get-release",
      omitted: true,
    });
    expect(validator.match("GET", "/repos/o/r/releases/assets/7")?.op.operationId).toBe("repos/get-release-asset");
    expect(validator.match("GET", "/no/such/route")).toBeUndefined();
  });

  it("copies an operation with the components it reaches and nothing else", () => {
    const source = {
      openapi: "3.0.3",
      info: { title: "t" },
      paths: {
        "/a/{id}": {
          parameters: [{ $ref: "#/components/parameters/id" }],
          get: { operationId: "a/get", responses: { 200: { $ref: "#/components/responses/ok" } } },
          delete: { operationId: "a/delete", responses: {} },
        },
        "/b": { post: { operationId: "b/create", responses: { 201: { $ref: "#/components/responses/unused" } } } },
      },
      components: {
        parameters: { id: { name: "id", in: "path", schema: { type: "integer" } } },
        responses: {
          ok: { content: { "application/json": { schema: { $ref: "#/components/schemas/thing" } } } },
          unused: { description: "x" },
        },
        schemas: { thing: { type: "object", properties: { self: { $ref: "#/components/schemas/thing" } } } },
      },
    };
    expect(extractDoc(source, ["a/get"])).toEqual({
      openapi: "3.0.3",
      info: { title: "t" },
      paths: { "/a/{id}": { parameters: source.paths["/a/{id}"].parameters, get: source.paths["/a/{id}"].get } },
      components: {
        parameters: source.components.parameters,
        responses: { ok: source.components.responses.ok },
        schemas: source.components.schemas,
      },
      "x-mlgate-other-operations": { "DELETE /a/{id}": "a/delete", "POST /b": "b/create" },
    });
    expect(() => extractDoc(source, ["a/get", "c/missing"])).toThrow("not in the OpenAPI description: c/missing");
  });
});

describe("the double with the extract", () => {
  let gh: GitHubDouble;
  beforeAll(async () => {
    gh = await startGitHubDouble();
  });
  afterAll(async () => {
    await gh.close();
  });

  it("answers 501 for a GitHub operation outside the extract and 404 for a route GitHub does not have", async () => {
    const omitted = await fetch(`${gh.url}/repos/octo-org/octo-repo/releases/42`, { headers: { authorization: "token t" } });
    expect(omitted.status).toBe(501);
    expect(await omitted.json()).toEqual({ message: "the GitHub double does not implement repos/get-release" });
    expect(gh.requests.at(-1)).toMatchObject({
      operationId: "repos/get-release",
      valid: false,
      errors: ["repos/get-release is not in github-openapi.json (scripts/github-openapi-extract.mjs)"],
    });
    const unknown = await fetch(`${gh.url}/repos/octo-org/octo-repo/no-such-thing`, { headers: { authorization: "token t" } });
    expect(unknown.status).toBe(404);
  });
});
