/**
 * A loopback GitHub REST API double for end-to-end tests (plain node:http, no mocks of our code).
 *
 *   const gh = await startGitHubDouble({ repository: "octo-org/octo-repo" });
 *   // child env: GITHUB_API_URL: gh.url, GITHUB_TOKEN: "t", …
 *   gh.state.addComments(7, bodies)            // seed data: comments, artifacts (zips), pulls, tags,
 *                                              // check runs (addCheckRun), approvals, releases
 *   gh.setMode({ kind: "read-only" })          // or server-error {times}, secondary-rate-limit {times, retryAfter}
 *   gh.addFault({ operationId: "checks/create", times: 2, status: 429, headers: { "retry-after": "1" } })
 *                                              // or delayMs, hang (never answer), drop: "before" | "mid-body"
 *   gh.requests                                // every request: method, path, operationId, valid, errors, status, at
 *   gh.apiRequests()                           // the ones to api.github.com (not the blob download)
 *   await gh.close()
 *
 * Every API request is validated against GitHub's official OpenAPI description (@octokit/openapi,
 * extracted to github-openapi.json by scripts/github-openapi-extract.mjs: path, method, query
 * parameters and JSON body) and answered 422 with GitHub's error shape when it does not conform; an
 * unknown route gets 404, a documented route the double does not implement 501.
 * Implemented: check runs (create, update, get, list for ref), issue comments (list with pagination,
 * create, update, get, delete), deployments and deployment statuses, workflow-run artifacts (list,
 * get, zip download via a 302 to a loopback blob URL, as @actions/artifact's findBy download
 * expects), releases (latest, by tag, asset download via a 302 to a loopback blob URL) and pulls
 * list; git refs and annotated tags, pull requests of a commit, a run's environment approvals,
 * release creation and asset upload (raw body, the upload URL the release names), list and delete;
 * pulls get (a pull request's current head, for the stale-run check);
 * GraphQL minimizeComment/unminimizeComment (checked against the
 * mutations' documented arguments, not a full GraphQL schema). Pagination: per_page (default 30, max 100) and page, with Link headers.
 * The double's own answers are checked against the documented response schemas too
 * (`responseErrors` on each record), so client code sees what GitHub would send; where the double
 * has no state for a field (a pull request's many URLs) it fills it from GitHub's documented example.
 * Writes need an `authorization` header (401 otherwise); the repository is the one given (404 else).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { OpenApiValidator } from "./openapi.js";
import { notFound, ROUTES, unprocessable, type RouteOutput } from "./routes.js";
import { DoubleState } from "./state.js";
import { makeZip } from "./zip.js";
import { graphql } from "./graphql.js";

export { DoubleState } from "./state.js";

export type DoubleMode =
  | { kind: "normal" }
  /** Writes answer 403 "Resource not accessible by integration", as for a fork PR's token. */
  | { kind: "read-only" }
  /** The next `times` API requests answer `status` (default 500). */
  | { kind: "server-error"; times: number; status?: number }
  /** The next `times` API requests hit a secondary rate limit: 403 with retry-after (seconds). */
  | { kind: "secondary-rate-limit"; times: number; retryAfter: number };

/**
 * A fault for the next `times` (default 1) API requests that match (operationId and/or method; any
 * when neither is given), taken in the order added. `status` answers it (body default
 * `{ message: "Server Error" }`) without touching state; `hang` never answers; `drop: "before"`
 * closes the connection unanswered and unprocessed; `drop: "mid-body"` processes the request, sends
 * the headers and half the body, then closes; `delayMs` delays whatever answer follows.
 */
export interface Fault {
  operationId?: string;
  method?: string;
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hang?: boolean;
  drop?: "before" | "mid-body";
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string;
  /** api: REST, validated against the OpenAPI description; graphql: the mutations below; blob: artifact zips. */
  kind: "api" | "blob" | "graphql";
  /** OpenAPI operationId, when the path matched a documented operation. */
  operationId?: string;
  /** Passed OpenAPI validation (blob downloads are not API requests and count as valid). */
  valid: boolean;
  errors: string[];
  /** The double's own answer against the documented response schema (its faithfulness, not ours). */
  responseErrors?: string[];
  status: number;
  /** Milliseconds since the double started. */
  at: number;
  /** The injected fault that met it (addFault): `status 429`, `hang`, `drop before`, `drop mid-body`, `delay`. */
  fault?: string;
}

export interface GitHubDouble {
  url: string;
  state: DoubleState;
  requests: RecordedRequest[];
  apiRequests: () => RecordedRequest[];
  setMode: (mode: DoubleMode) => void;
  /** Queues a fault (see Fault); faults not yet used stay queued until the double closes. */
  addFault: (fault: Fault) => void;
  close: () => Promise<void>;
}

export interface DoubleOptions {
  repository?: string;
  /** Shared validator (loading the description costs ~0.2 s; reuse it across doubles in a file). */
  validator?: OpenApiValidator;
}

let sharedValidator: OpenApiValidator | undefined;

const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.";

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      resolve(Buffer.concat(parts));
    });
    req.on("error", reject);
  });
}

export async function startGitHubDouble(options: DoubleOptions = {}): Promise<GitHubDouble> {
  const repository = options.repository ?? "octo-org/octo-repo";
  const validator = options.validator ?? (sharedValidator ??= new OpenApiValidator());
  const state = new DoubleState();
  const requests: RecordedRequest[] = [];
  let mode: DoubleMode = { kind: "normal" };
  const faults: (Fault & { left: number })[] = [];
  const takeFault = (method: string, operationId: string): Fault | undefined => {
    const f = faults.find(
      (x) => x.left > 0 && (x.operationId ?? operationId) === operationId && (x.method ?? method).toUpperCase() === method,
    );
    if (f) f.left -= 1;
    return f;
  };
  const t0 = Date.now();
  let base = "";

  const handle = async (
    req: http.IncomingMessage,
  ): Promise<{ out: RouteOutput; rec: RecordedRequest; raw?: Buffer; fault?: Fault }> => {
    const u = new URL(req.url ?? "/", base);
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);
    const contentType = req.headers["content-type"];
    // Everything is JSON except uploads (release assets), which say what they are.
    const binary = contentType !== undefined && !/json|text\/plain/.test(contentType);
    const text = binary ? "" : raw.toString("utf8");
    let body: unknown = undefined;
    let bodyError: string | undefined;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        bodyError = "Problems parsing JSON";
      }
    }
    const rec: RecordedRequest = {
      method,
      url: `${u.pathname}${u.search}`,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      body,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      kind: "api",
      valid: true,
      errors: [],
      status: 0,
      at: Date.now() - t0,
    };

    const blob = /^\/_blob\/artifacts\/(\d+)\.zip$/.exec(u.pathname);
    if (blob) {
      rec.kind = "blob";
      const a = state.artifacts.find((x) => x.id === Number(blob[1]));
      if (!a) return { out: { status: 404 }, rec };
      return { out: { status: 200, headers: { "content-type": "application/zip" } }, rec, raw: makeZip(a.files) };
    }

    const asset = /^\/_blob\/releases\/(\d+)$/.exec(u.pathname);
    if (asset) {
      rec.kind = "blob";
      const a = state.releases.flatMap((x) => x.assets).find((x) => x.id === Number(asset[1]));
      if (!a) return { out: { status: 404 }, rec };
      return { out: { status: 200, headers: { "content-type": "application/octet-stream" } }, rec, raw: a.data };
    }

    if (u.pathname === "/graphql" && method === "POST") {
      rec.kind = "graphql";
      const out = graphql(state, body);
      rec.valid = out.valid;
      rec.errors = out.errors;
      if (!req.headers.authorization)
        return { out: { status: 401, body: { message: "This endpoint requires you to be authenticated." } }, rec };
      return {
        out: { status: 200, body: out.valid ? { data: out.data } : { errors: out.errors.map((message) => ({ message })) } },
        rec,
      };
    }

    const m = validator.match(method, u.pathname);
    if (!m) {
      rec.valid = false;
      rec.errors = [`no ${method} ${u.pathname} in GitHub's OpenAPI description`];
      return { out: notFound(), rec };
    }
    rec.operationId = m.op.operationId;
    if (m.op.omitted) {
      rec.valid = false;
      rec.errors = [`${m.op.operationId} is not in github-openapi.json (scripts/github-openapi-extract.mjs)`];
      return {
        out: { status: 501, body: { message: `the GitHub double does not implement ${m.op.operationId}` } },
        rec,
      };
    }
    const docs = m.op.documentationUrl ?? "https://docs.github.com/rest";
    const v = bodyError ? { valid: false, errors: [bodyError] } : validator.validate(m, u.searchParams, body, text !== "");
    rec.valid = v.valid;
    rec.errors = v.errors;

    if (!req.headers.authorization)
      return { out: { status: 401, body: { message: "Requires authentication", documentation_url: docs, status: "401" } }, rec };
    const owner = m.params.owner;
    const repo = m.params.repo;
    if (owner !== undefined && `${owner}/${repo ?? ""}`.toLowerCase() !== repository.toLowerCase())
      return { out: notFound(docs), rec };

    const fault = takeFault(method, m.op.operationId);
    if (fault) {
      rec.fault =
        fault.status !== undefined ? `status ${fault.status}` : fault.hang ? "hang" : fault.drop ? `drop ${fault.drop}` : "delay";
      if (fault.status !== undefined || fault.hang || fault.drop === "before")
        return {
          out: { status: fault.status ?? 0, headers: fault.headers ?? {}, body: fault.body ?? { message: "Server Error" } },
          rec,
          fault,
        };
    }
    if (mode.kind === "server-error" && mode.times > 0) {
      mode.times -= 1;
      return { out: { status: mode.status ?? 500, body: { message: "Server Error" } }, rec };
    }
    if (mode.kind === "secondary-rate-limit" && mode.times > 0) {
      mode.times -= 1;
      return {
        out: {
          status: 403,
          headers: { "retry-after": String(mode.retryAfter) },
          body: {
            message: SECONDARY_MESSAGE,
            documentation_url:
              "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          },
        },
        rec,
      };
    }
    if (mode.kind === "read-only" && method !== "GET" && method !== "HEAD")
      return {
        out: { status: 403, body: { message: "Resource not accessible by integration", documentation_url: docs, status: "403" } },
        rec,
      };
    if (!v.valid) return { out: unprocessable(`Invalid request.\n\n${v.errors.join("\n")}`, docs), rec };

    const route = ROUTES[m.op.operationId];
    if (!route)
      return { out: { status: 501, body: { message: `the GitHub double does not implement ${m.op.operationId}` } }, rec };
    const out = route({
      path: u.pathname,
      params: m.params,
      query: u.searchParams,
      body: (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>,
      base,
      repository,
      state,
      documentationUrl: docs,
      example: (id) => validator.example(id),
      accept: req.headers.accept ?? "",
      raw,
      ...(contentType ? { contentType } : {}),
    });
    rec.responseErrors = validator.validateResponse(m, out.status, out.body);
    return { out, rec, ...(fault ? { fault } : {}) };
  };

  const server = http.createServer((req, res) => {
    handle(req)
      .then(async ({ out, rec, raw, fault }) => {
        rec.status = out.status;
        requests.push(rec);
        if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault?.hang) return;
        if (fault?.drop === "before") {
          res.socket?.destroy();
          return;
        }
        if (fault?.drop === "mid-body") {
          const payload = Buffer.from(out.body === undefined ? "" : JSON.stringify(out.body));
          res.writeHead(out.status, {
            "content-type": "application/json; charset=utf-8",
            "content-length": String(payload.length),
          });
          res.write(payload.subarray(0, payload.length >> 1), () => res.socket?.destroy());
          return;
        }
        const headers: Record<string, string> = { "x-github-api-version-selected": "2022-11-28", ...out.headers };
        if (raw) {
          res.writeHead(out.status, { ...headers, "content-length": String(raw.length) });
          res.end(raw);
          return;
        }
        const payload = out.body === undefined ? "" : JSON.stringify(out.body);
        if (payload) headers["content-type"] = "application/json; charset=utf-8";
        res.writeHead(out.status, headers);
        res.end(payload);
      })
      .catch((e: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`GitHub double crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state,
    requests,
    apiRequests: () => requests.filter((r) => r.kind === "api"),
    setMode: (m) => {
      mode = { ...m };
    },
    addFault: (f) => {
      faults.push({ ...f, left: f.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => {
          if (e) reject(e);
          else resolve();
        });
      }),
  };
}
