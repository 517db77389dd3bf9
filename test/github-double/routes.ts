/** The operations the double implements, by OpenAPI operationId, with GitHub's status codes and shapes. */
import { createHash } from "node:crypto";
import type {
  ArtifactRecord,
  CheckRunRecord,
  CommentRecord,
  DeploymentRecord,
  DoubleState,
  PullRecord,
  ReleaseRecord,
} from "./state.js";

export interface RouteInput {
  /** The request path without the query string. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** `http://127.0.0.1:PORT`. */
  base: string;
  repository: string;
  state: DoubleState;
  documentationUrl: string;
  /** GitHub's documented example answer of an operation, to fill fields the double has no state for. */
  example: (operationId: string) => unknown;
  /** The request's Accept header. */
  accept: string;
  /** The request's body as sent (a release asset upload is raw bytes), with its Content-Type. */
  raw: Buffer;
  contentType?: string;
}

export interface RouteOutput {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Route = (r: RouteInput) => RouteOutput;

const now = (): string => new Date().toISOString();
/** A user object with every field GitHub's `simple-user` schema requires. */
function user(login: string, id: number, type: "Bot" | "User"): Record<string, unknown> {
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: Buffer.from(`04:${type}${id}`).toString("base64"),
    type,
    site_admin: false,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
  };
}

const BOT_LOGIN = "github-actions[bot]";
const bot = user(BOT_LOGIN, 41898282, "Bot");
const actionsApp = {
  id: 15368,
  slug: "github-actions",
  node_id: "MDM6QXBwMTUzNjg=",
  owner: user("github", 9919, "User"),
  name: "GitHub Actions",
  description: "Automate your workflow from idea to production",
  external_url: "https://help.github.com/en/actions",
  html_url: "https://github.com/apps/github-actions",
  created_at: "2018-07-30T09:30:17Z",
  updated_at: "2024-04-10T20:33:16Z",
  permissions: { checks: "write", issues: "write", pull_requests: "write", metadata: "read" },
  events: ["check_run", "pull_request"],
};
const num = (s: string | undefined): number => Number(s);

export function notFound(documentationUrl = "https://docs.github.com/rest"): RouteOutput {
  return { status: 404, body: { message: "Not Found", documentation_url: documentationUrl, status: "404" } };
}

export function unprocessable(message: string, documentationUrl: string): RouteOutput {
  return { status: 422, body: { message, documentation_url: documentationUrl, status: "422" } };
}

/** per_page (default 30, at most 100) and page, with a Link header like GitHub's. */
function page<T>(r: RouteInput, items: T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(r.query.get("per_page") ?? 30) || 30));
  const p = Math.max(1, Number(r.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string): string => {
    const q = new URLSearchParams(r.query);
    q.set("per_page", String(perPage));
    q.set("page", String(n));
    return `<${r.base}${r.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (p > 1) links.push(link(p - 1, "prev"), link(1, "first"));
  if (p < last) links.push(link(p + 1, "next"), link(last, "last"));
  return { items: items.slice((p - 1) * perPage, p * perPage), headers: links.length ? { link: links.join(", ") } : {} };
}

function checkRunJson(r: RouteInput, c: CheckRunRecord): Record<string, unknown> {
  const url = `${r.base}/repos/${r.repository}/check-runs/${c.id}`;
  return {
    id: c.id,
    node_id: `CR_${c.id}`,
    head_sha: c.head_sha,
    external_id: c.external_id,
    url,
    html_url: `https://github.com/${r.repository}/runs/${c.id}`,
    details_url: c.details_url,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.started_at,
    completed_at: c.completed_at,
    output: { ...c.output, annotations_count: c.annotations.length, annotations_url: `${url}/annotations` },
    name: c.name,
    check_suite: { id: 1 },
    app: c.app
      ? {
          ...actionsApp,
          ...c.app,
          node_id: `A_${c.app.id}`,
          html_url: `https://github.com/apps/${c.app.slug}`,
          owner: user("someone", 1234, "User"),
        }
      : actionsApp,
    pull_requests: [],
  };
}

function applyCheckRun(c: CheckRunRecord, body: Record<string, unknown>): RouteOutput | undefined {
  for (const k of ["name", "details_url", "external_id", "started_at", "completed_at"] as const)
    if (typeof body[k] === "string") (c as unknown as Record<string, unknown>)[k] = body[k];
  if (typeof body.status === "string") c.status = body.status;
  if (typeof body.conclusion === "string") {
    c.conclusion = body.conclusion;
    c.status = "completed"; // GitHub: providing a conclusion completes the run
  }
  if (c.status === "completed" && c.conclusion === null) c.status = "in_progress";
  const out = body.output as Record<string, unknown> | undefined;
  if (out) {
    c.output.title = (out.title as string | undefined) ?? c.output.title;
    c.output.summary = (out.summary as string | undefined) ?? c.output.summary;
    if (typeof out.text === "string") c.output.text = out.text;
    // Annotations are appended by every update, never replaced: that is how more than 50 get in.
    c.annotations.push(...((out.annotations as Record<string, unknown>[] | undefined) ?? []));
  }
  return undefined;
}

function commentJson(r: RouteInput, c: CommentRecord): Record<string, unknown> {
  const url = `${r.base}/repos/${r.repository}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url,
    html_url: `https://github.com/${r.repository}/pull/${c.issue_number}#issuecomment-${c.id}`,
    issue_url: `${r.base}/repos/${r.repository}/issues/${c.issue_number}`,
    body: c.body,
    user: c.user === BOT_LOGIN ? bot : user(c.user, 1000 + c.user.length, "User"),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: "NONE",
  };
}

function deploymentJson(r: RouteInput, d: DeploymentRecord): Record<string, unknown> {
  return {
    id: d.id,
    node_id: `DE_${d.id}`,
    url: `${r.base}/repos/${r.repository}/deployments/${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    environment: d.environment,
    description: d.description,
    creator: bot,
    created_at: d.created_at,
    updated_at: d.created_at,
    statuses_url: `${r.base}/repos/${r.repository}/deployments/${d.id}/statuses`,
    repository_url: `${r.base}/repos/${r.repository}`,
  };
}

function artifactJson(r: RouteInput, a: ArtifactRecord): Record<string, unknown> {
  const size = Object.values(a.files).reduce((s, f) => s + Buffer.byteLength(f), 0);
  return {
    id: a.id,
    node_id: `A_${a.id}`,
    name: a.name,
    size_in_bytes: size,
    url: `${r.base}/repos/${r.repository}/actions/artifacts/${a.id}`,
    archive_download_url: `${r.base}/repos/${r.repository}/actions/artifacts/${a.id}/zip`,
    expired: false,
    created_at: a.created_at,
    updated_at: a.created_at,
    expires_at: null,
    workflow_run: { id: a.run_id },
  };
}

function assetJson(r: RouteInput, a: ReleaseRecord["assets"][number], created: string): Record<string, unknown> {
  const sample = (r.example("repos/get-release-asset") ?? {}) as Record<string, unknown>;
  return {
    ...sample,
    id: a.id,
    node_id: `RA_${a.id}`,
    name: a.name,
    label: null,
    size: a.data.length,
    digest: `sha256:${createHash("sha256").update(a.data).digest("hex")}`,
    content_type: a.content_type ?? "application/octet-stream",
    state: "uploaded",
    url: `${r.base}/repos/${r.repository}/releases/assets/${a.id}`,
    browser_download_url: `${r.base}/_blob/releases/${a.id}`,
    uploader: bot,
    created_at: created,
    updated_at: created,
  };
}

function releaseJson(r: RouteInput, rel: ReleaseRecord): Record<string, unknown> {
  const sample = (r.example("repos/get-latest-release") ?? {}) as Record<string, unknown>;
  const url = `${r.base}/repos/${r.repository}/releases/${rel.id}`;
  return {
    ...sample,
    id: rel.id,
    node_id: `RE_${rel.id}`,
    tag_name: rel.tag_name,
    name: rel.tag_name,
    draft: rel.draft,
    prerelease: false,
    url,
    html_url: `https://github.com/${r.repository}/releases/tag/${encodeURIComponent(rel.tag_name)}`,
    assets_url: `${url}/assets`,
    // Uploads go to another host on GitHub (uploads.github.com); the double is both.
    upload_url: `${r.base}/repos/${r.repository}/releases/${rel.id}/assets{?name,label}`,
    target_commitish: rel.target_commitish ?? "main",
    body: rel.body ?? null,
    author: bot,
    created_at: rel.created_at,
    published_at: rel.draft ? null : rel.created_at,
    assets: rel.assets.map((a) => assetJson(r, a, rel.created_at)),
  };
}

const MAX_COMMENT = 65_536;

export const ROUTES: Record<string, Route> = {
  "checks/create": (r) => {
    const c: CheckRunRecord = {
      id: r.state.id(),
      name: String(r.body.name),
      head_sha: String(r.body.head_sha),
      status: "queued",
      conclusion: null,
      external_id: null,
      details_url: null,
      started_at: null,
      completed_at: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
    };
    if (!/^[0-9a-f]{40}$/.test(c.head_sha)) return unprocessable("No commit found for SHA: " + c.head_sha, r.documentationUrl);
    applyCheckRun(c, r.body);
    r.state.checkRuns.push(c);
    return { status: 201, body: checkRunJson(r, c) };
  },
  "checks/update": (r) => {
    const c = r.state.checkRuns.find((x) => x.id === num(r.params.check_run_id));
    if (!c) return notFound(r.documentationUrl);
    applyCheckRun(c, r.body);
    return { status: 200, body: checkRunJson(r, c) };
  },
  "checks/get": (r) => {
    const c = r.state.checkRuns.find((x) => x.id === num(r.params.check_run_id));
    return c ? { status: 200, body: checkRunJson(r, c) } : notFound(r.documentationUrl);
  },
  "checks/list-for-ref": (r) => {
    const name = r.query.get("check_name");
    let runs = r.state.checkRuns.filter((c) => c.head_sha === r.params.ref && (name === null || c.name === name));
    if ((r.query.get("filter") ?? "latest") === "latest") {
      runs = [...runs].reverse().filter((c, i, all) => all.findIndex((x) => x.name === c.name) === i);
    }
    const { items, headers } = page(r, runs);
    return { status: 200, headers, body: { total_count: runs.length, check_runs: items.map((c) => checkRunJson(r, c)) } };
  },
  "issues/list-comments": (r) => {
    const { items, headers } = page(r, r.state.commentsOn(num(r.params.issue_number)));
    return { status: 200, headers, body: items.map((c) => commentJson(r, c)) };
  },
  "issues/create-comment": (r) => {
    const body = String(r.body.body);
    if (body.length > MAX_COMMENT)
      return unprocessable(`Validation Failed: body is too long (maximum is ${MAX_COMMENT} characters)`, r.documentationUrl);
    const [c] = r.state.addComments(num(r.params.issue_number), [body], BOT_LOGIN);
    return { status: 201, body: commentJson(r, c!) };
  },
  "issues/update-comment": (r) => {
    const c = r.state.comments.find((x) => x.id === num(r.params.comment_id));
    if (!c) return notFound(r.documentationUrl);
    const body = String(r.body.body);
    if (body.length > MAX_COMMENT)
      return unprocessable(`Validation Failed: body is too long (maximum is ${MAX_COMMENT} characters)`, r.documentationUrl);
    c.body = body;
    c.updated_at = now();
    return { status: 200, body: commentJson(r, c) };
  },
  "issues/get-comment": (r) => {
    const c = r.state.comments.find((x) => x.id === num(r.params.comment_id));
    return c ? { status: 200, body: commentJson(r, c) } : notFound(r.documentationUrl);
  },
  "issues/delete-comment": (r) => {
    const i = r.state.comments.findIndex((x) => x.id === num(r.params.comment_id));
    if (i < 0) return notFound(r.documentationUrl);
    r.state.comments.splice(i, 1);
    return { status: 204 };
  },
  "repos/create-deployment": (r) => {
    const sha = r.state.commitOf(String(r.body.ref));
    if (!sha) return unprocessable(`No ref found for: ${String(r.body.ref)}`, r.documentationUrl);
    const d: DeploymentRecord = {
      id: r.state.id(),
      ref: String(r.body.ref),
      sha,
      task: typeof r.body.task === "string" ? r.body.task : "deploy",
      environment: typeof r.body.environment === "string" ? r.body.environment : "production",
      description: typeof r.body.description === "string" ? r.body.description : null,
      payload: r.body.payload ?? {},
      auto_merge: r.body.auto_merge !== false,
      ...(Array.isArray(r.body.required_contexts) ? { required_contexts: r.body.required_contexts.map(String) } : {}),
      created_at: now(),
      statuses: [],
    };
    r.state.deployments.push(d);
    return { status: 201, body: deploymentJson(r, d) };
  },
  "repos/list-deployments": (r) => {
    const list = [...r.state.deployments]
      .reverse()
      .filter(
        (d) =>
          (!r.query.get("environment") || d.environment === r.query.get("environment")) &&
          (!r.query.get("sha") || d.sha === r.query.get("sha")) &&
          (!r.query.get("ref") || d.ref === r.query.get("ref")),
      );
    const { items, headers } = page(r, list);
    return { status: 200, headers, body: items.map((d) => deploymentJson(r, d)) };
  },
  "repos/get-deployment": (r) => {
    const d = r.state.deployments.find((x) => x.id === num(r.params.deployment_id));
    return d ? { status: 200, body: deploymentJson(r, d) } : notFound(r.documentationUrl);
  },
  "repos/create-deployment-status": (r) => {
    const d = r.state.deployments.find((x) => x.id === num(r.params.deployment_id));
    if (!d) return notFound(r.documentationUrl);
    const s = {
      id: r.state.id(),
      state: String(r.body.state),
      description: typeof r.body.description === "string" ? r.body.description : "",
      environment_url: typeof r.body.environment_url === "string" ? r.body.environment_url : "",
      log_url: typeof r.body.log_url === "string" ? r.body.log_url : "",
      created_at: now(),
    };
    d.statuses.push(s);
    return { status: 201, body: statusJson(r, d, s) };
  },
  "repos/list-deployment-statuses": (r) => {
    const d = r.state.deployments.find((x) => x.id === num(r.params.deployment_id));
    if (!d) return notFound(r.documentationUrl);
    const { items, headers } = page(r, [...d.statuses].reverse());
    return { status: 200, headers, body: items.map((s) => statusJson(r, d, s)) };
  },
  "actions/list-workflow-run-artifacts": (r) => {
    const name = r.query.get("name");
    const list = r.state.artifacts.filter((a) => a.run_id === num(r.params.run_id) && (!name || a.name === name));
    const { items, headers } = page(r, list);
    return { status: 200, headers, body: { total_count: list.length, artifacts: items.map((a) => artifactJson(r, a)) } };
  },
  "actions/get-artifact": (r) => {
    const a = r.state.artifacts.find((x) => x.id === num(r.params.artifact_id));
    return a ? { status: 200, body: artifactJson(r, a) } : notFound(r.documentationUrl);
  },
  "actions/download-artifact": (r) => {
    const a = r.state.artifacts.find((x) => x.id === num(r.params.artifact_id));
    if (!a || r.params.archive_format !== "zip") return notFound(r.documentationUrl);
    // GitHub redirects to a short-lived blob URL; the double serves the zip itself.
    return { status: 302, headers: { location: `${r.base}/_blob/artifacts/${a.id}.zip?sig=loopback` } };
  },
  "repos/get-latest-release": (r) => {
    const rel = r.state.releases.filter((x) => !x.draft).at(-1);
    return rel ? { status: 200, body: releaseJson(r, rel) } : notFound(r.documentationUrl);
  },
  "repos/get-release-by-tag": (r) => {
    const rel = r.state.releases.find((x) => x.tag_name === r.params.tag);
    return rel ? { status: 200, body: releaseJson(r, rel) } : notFound(r.documentationUrl);
  },
  "repos/get-release-asset": (r) => {
    for (const rel of r.state.releases) {
      const a = rel.assets.find((x) => x.id === num(r.params.asset_id));
      if (!a) continue;
      // With Accept: application/octet-stream GitHub redirects to the file; the double serves it.
      if (r.accept.includes("application/octet-stream"))
        return { status: 302, headers: { location: `${r.base}/_blob/releases/${a.id}` } };
      return { status: 200, body: assetJson(r, a, rel.created_at) };
    }
    return notFound(r.documentationUrl);
  },
  "pulls/list": (r) => {
    const head = r.query.get("head");
    const state = r.query.get("state") ?? "open";
    const list = r.state.pulls.filter((p) => (state === "all" || p.state === state) && (!head || p.head.label === head));
    const { items, headers } = page(r, list);
    const sample = (r.example("pulls/list") as Record<string, unknown>[] | undefined)?.[0] ?? {};
    return { status: 200, headers, body: items.map((p) => pullJson(r, p, sample)) };
  },
  "pulls/get": (r) => {
    const p = r.state.pulls.find((x) => x.number === num(r.params.pull_number));
    if (!p) return notFound(r.documentationUrl);
    const sample = (r.example("pulls/get") as Record<string, unknown> | undefined) ?? {};
    return { status: 200, body: pullJson(r, p, sample) };
  },
  "repos/list-pull-requests-associated-with-commit": (r) => {
    const sha = r.params.commit_sha;
    // GitHub lists the pull requests whose head contains the commit and the one whose merge made it.
    const list = r.state.pulls.filter((p) => p.head.sha === sha || (p.merge_commit_sha && p.merge_commit_sha === sha));
    const { items, headers } = page(r, list);
    const sample =
      (r.example("repos/list-pull-requests-associated-with-commit") as Record<string, unknown>[] | undefined)?.[0] ?? {};
    return { status: 200, headers, body: items.map((p) => pullJson(r, p, sample)) };
  },
  "git/get-ref": (r) => {
    const ref = r.params.ref ?? "";
    const o = r.state.refs.get(ref);
    if (!o) return notFound(r.documentationUrl);
    return {
      status: 200,
      body: {
        ref: `refs/${ref}`,
        node_id: `REF_${Buffer.from(ref).toString("base64")}`,
        url: `${r.base}/repos/${r.repository}/git/refs/${ref}`,
        object: { type: o.type, sha: o.sha, url: `${r.base}/repos/${r.repository}/git/${o.type}s/${o.sha}` },
      },
    };
  },
  "git/get-tag": (r) => {
    const t = r.state.tagObjects.get(r.params.tag_sha ?? "");
    if (!t) return notFound(r.documentationUrl);
    return {
      status: 200,
      body: {
        node_id: `TAG_${t.sha}`,
        tag: t.tag,
        sha: t.sha,
        url: `${r.base}/repos/${r.repository}/git/tags/${t.sha}`,
        message: t.message,
        tagger: { date: "2026-01-01T00:00:00Z", email: "release@example.com", name: "Release Bot" },
        object: { ...t.object, url: `${r.base}/repos/${r.repository}/git/${t.object.type}s/${t.object.sha}` },
        verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
      },
    };
  },
  "actions/get-reviews-for-run": (r) => {
    const reviews = r.state.approvals.get(num(r.params.run_id)) ?? [];
    return {
      status: 200,
      body: reviews.map((a, i) => ({
        state: a.state,
        comment: a.comment,
        user: user(a.user, 2000 + i, "User"),
        environments: a.environments.map((name, j) => ({
          id: 5000 + j,
          node_id: `EN_${name}`,
          name,
          url: `${r.base}/repos/${r.repository}/environments/${encodeURIComponent(name)}`,
          html_url: `https://github.com/${r.repository}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
          created_at: "2026-01-01T00:00:00Z",
          updated_at: "2026-01-01T00:00:00Z",
        })),
      })),
    };
  },
  "repos/create-release": (r) => {
    const tag = String(r.body.tag_name);
    if (r.state.releases.some((x) => x.tag_name === tag))
      return {
        status: 422,
        body: {
          message: "Validation Failed",
          errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
          documentation_url: r.documentationUrl,
          status: "422",
        },
      };
    const rel = r.state.addRelease(tag, {}, r.body.draft === true);
    if (typeof r.body.target_commitish === "string") rel.target_commitish = r.body.target_commitish;
    if (typeof r.body.body === "string") rel.body = r.body.body;
    return {
      status: 201,
      headers: { location: `${r.base}/repos/${r.repository}/releases/${rel.id}` },
      body: releaseJson(r, rel),
    };
  },
  "repos/upload-release-asset": (r) => {
    const rel = r.state.releases.find((x) => x.id === num(r.params.release_id));
    if (!rel) return notFound(r.documentationUrl);
    const name = r.query.get("name") ?? "";
    if (!r.contentType) return unprocessable("Validation Failed: Content-Type is required", r.documentationUrl);
    if (rel.assets.some((a) => a.name === name))
      return {
        status: 422,
        body: {
          message: "Validation Failed",
          errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
          documentation_url: r.documentationUrl,
          status: "422",
        },
      };
    const asset = { id: r.state.id(), name, data: r.raw, content_type: r.contentType };
    rel.assets.push(asset);
    return { status: 201, body: assetJson(r, asset, now()) };
  },
  "repos/list-release-assets": (r) => {
    const rel = r.state.releases.find((x) => x.id === num(r.params.release_id));
    if (!rel) return notFound(r.documentationUrl);
    const { items, headers } = page(r, rel.assets);
    return { status: 200, headers, body: items.map((a) => assetJson(r, a, rel.created_at)) };
  },
  "repos/delete-release-asset": (r) => {
    for (const rel of r.state.releases) {
      const i = rel.assets.findIndex((x) => x.id === num(r.params.asset_id));
      if (i < 0) continue;
      rel.assets.splice(i, 1);
      return { status: 204 };
    }
    return notFound(r.documentationUrl);
  },
};

/** GitHub's own sample pull request, with the double's number, state, head, base and merge. */
function pullJson(r: RouteInput, p: PullRecord, sample: Record<string, unknown>): Record<string, unknown> {
  const pr = structuredClone(sample) as Record<string, Record<string, unknown>>;
  const head = pr.head ?? {};
  const base = pr.base ?? {};
  return {
    ...pr,
    id: p.number,
    number: p.number,
    state: p.state,
    merged_at: p.merged_at ?? null,
    merge_commit_sha: p.merge_commit_sha ?? null,
    // GitHub's sample team lacks a field its own schema requires.
    requested_teams: [],
    head: {
      ...head,
      sha: p.head.sha,
      ref: p.head.ref,
      label: p.head.label,
      repo: { ...(head.repo as object), full_name: p.head.repo },
    },
    base: { ...base, sha: p.base.sha, ref: p.base.ref, repo: { ...(base.repo as object), full_name: r.repository } },
  };
}

function statusJson(r: RouteInput, d: DeploymentRecord, s: DeploymentRecord["statuses"][number]): Record<string, unknown> {
  return {
    id: s.id,
    node_id: `DES_${s.id}`,
    url: `${r.base}/repos/${r.repository}/deployments/${d.id}/statuses/${s.id}`,
    state: s.state,
    description: s.description,
    environment: d.environment,
    ...(s.environment_url ? { environment_url: s.environment_url } : {}),
    ...(s.log_url ? { log_url: s.log_url } : {}),
    // The schema wants a URI here even when no log URL was given.
    target_url: s.log_url || `${r.base}/repos/${r.repository}/deployments/${d.id}`,
    creator: bot,
    created_at: s.created_at,
    updated_at: s.created_at,
    deployment_url: `${r.base}/repos/${r.repository}/deployments/${d.id}`,
    repository_url: `${r.base}/repos/${r.repository}`,
  };
}
