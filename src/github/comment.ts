import type { Report } from "../core/report.js";
import { GITHUB_BODY_LIMIT, renderMarkdown } from "../render/markdown.js";
import { httpStatusOf, type Octokit } from "./client.js";
import type { GitHubContext } from "./context.js";

export type CommentPolicy = "always" | "on-failure" | "never";

/** The hidden line that makes a comment ours: one per gate and key (the check-run suffix or `default`). */
export function commentMarker(gate: string, key = "default"): string {
  // The key comes from a flag; keep it from closing the HTML comment.
  return `<!-- mlgate:${gate}:${key.replace(/-->|[\r\n]/g, "_")} -->`;
}

export interface CommentLinks {
  checkRunUrl?: string;
  runUrl?: string;
  /** Markdown (already escaped) after the report: the fork's claim beside the judged verdict. */
  note?: string;
}

/** The hidden second line naming the commit a comment describes (a reader sees it in the footer too). */
export function commitMarker(sha: string): string {
  return `<!-- mlgate:commit:${sha.replace(/[^0-9a-f]/g, "")} -->`;
}

/** The commit an existing comment names on its second line, if any. */
export function commitOf(body: string): string | undefined {
  return /^<!-- mlgate:[^\n]*-->\n<!-- mlgate:commit:([0-9a-f]{40}) -->/.exec(body)?.[1];
}

/**
 * The comment body: marker, the commit it describes, report, and links to where the full report
 * lives; at most 65,536 bytes.
 */
export function commentBody(report: Report, marker: string, title: string, links: CommentLinks, commit?: string): string {
  const where: string[] = [];
  if (links.checkRunUrl) where.push(`[check run](${links.checkRunUrl})`);
  if (links.runUrl) where.push(`[workflow run and report artifact](${links.runUrl})`);
  const note = links.note ? `\n${links.note}\n` : "";
  const head = commit ? `${marker}\n${commitMarker(commit)}` : marker;
  const sub = [
    ...(commit ? [`Commit ${commit.slice(0, 7)}`] : []),
    ...(where.length ? [`Full report: ${where.join(" · ")}`] : []),
  ];
  const footer = `${note}${sub.length ? `\n<sub>${sub.join(" · ")}</sub>\n` : ""}`;
  const budget = GITHUB_BODY_LIMIT - Buffer.byteLength(`${head}\n${footer}`, "utf8");
  const md = renderMarkdown(report, {
    budget,
    title,
    level: 2,
    ...((links.runUrl ?? links.checkRunUrl) ? { artifactUrl: links.runUrl ?? links.checkRunUrl } : {}),
  });
  return `${head}\n${md}${footer}`;
}

/** Whether this report earns a comment under the config's policy; an existing one is always kept current. */
export function wantsComment(policy: CommentPolicy, report: Report, exists: boolean): boolean {
  if (policy === "never") return false;
  if (policy === "always" || exists) return true;
  return report.status === "fail" || report.status === "error";
}

/**
 * Our earlier comment, found among all of the PR's comments (pages of 100), or undefined. Ours means
 * the marker AND our own author: anyone can write the marker line, so a PR author could otherwise
 * plant a comment for mlgate to edit. `author` is the token's bot login (`github-actions[bot]`);
 * unknown, any bot (a person cannot post as one).
 */
export async function findComment(
  octokit: Octokit,
  ctx: GitHubContext,
  pr: number,
  marker: string,
  author?: string,
): Promise<{ id: number; nodeId: string; body: string } | undefined> {
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: pr,
    per_page: 100,
  });
  for await (const page of iterator) {
    const hit = page.data.find((c) => c.body?.startsWith(marker) && (author ? c.user?.login === author : c.user?.type === "Bot"));
    if (hit) return { id: hit.id, nodeId: hit.node_id, body: hit.body ?? "" };
  }
  return undefined;
}

/** `stale`: the run is for an older head commit than the pull request's; a newer run's comment stands. */
export type CommentResult = "created" | "updated" | "unchanged" | "skipped" | "stale";

/** Creates the sticky comment or updates it in place; never a second one for the same gate and key. */
export async function upsertComment(
  octokit: Octokit,
  ctx: GitHubContext,
  o: { pr: number; marker: string; body: string; report: Report; policy: CommentPolicy; author?: string },
): Promise<{ result: CommentResult; nodeId?: string }> {
  if (o.policy === "never") return { result: "skipped" };
  if (await isStale(octokit, ctx, o.pr)) return { result: "stale" };
  const existing = await findComment(octokit, ctx, o.pr, o.marker, o.author);
  if (!wantsComment(o.policy, o.report, existing !== undefined)) return { result: "skipped" };
  if (existing) {
    if (existing.body === o.body) return { result: "unchanged", nodeId: existing.nodeId };
    await octokit.rest.issues.updateComment({ owner: ctx.owner, repo: ctx.repo, comment_id: existing.id, body: o.body });
    return { result: "updated", nodeId: existing.nodeId };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: o.pr,
    body: o.body,
  });
  return { result: "created", nodeId: data.node_id };
}

/**
 * Whether this run judged an older commit than the pull request's head now is (a re-run of an old
 * run, or one that finished after a newer push): its comment would overwrite a newer verdict.
 */
export async function isStale(octokit: Octokit, ctx: GitHubContext, pr: number): Promise<boolean> {
  try {
    const { data } = await octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pr });
    return data.head.sha !== ctx.headSha;
  } catch (e) {
    // A pull request the token cannot see cannot be compared; the comment write will say the rest.
    if (httpStatusOf(e) === 404) return false;
    throw e;
  }
}

/**
 * `publish.hide_on_pass`: a passing gate's comment is minimised (as outdated) so the conversation
 * shows what still needs attention; a failure shows it again. REST has no such call: GraphQL does.
 */
export async function setCommentHidden(octokit: Octokit, nodeId: string, hidden: boolean): Promise<void> {
  const mutation = hidden
    ? "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }"
    : "mutation($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized } } }";
  await octokit.graphql(mutation, { id: nodeId });
}
