import { createHash } from "node:crypto";

/** What the GitHub API double remembers between requests, in GitHub's own field names. */
export interface CheckRunRecord {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  details_url: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Record<string, unknown>[];
  /** The GitHub App that wrote it; GitHub Actions' own (slug `github-actions`) unless a test says otherwise. */
  app?: { id: number; slug: string; name: string };
}

export interface CommentRecord {
  id: number;
  issue_number: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  /** Hidden through GraphQL minimizeComment, with its classifier. */
  minimized?: string;
}

export interface DeploymentRecord {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  auto_merge: boolean;
  /** undefined: omitted (GitHub then checks every commit status context). */
  required_contexts?: string[];
  created_at: string;
  statuses: { id: number; state: string; description: string; environment_url: string; log_url: string; created_at: string }[];
}

export interface ArtifactRecord {
  id: number;
  run_id: number;
  name: string;
  files: Record<string, string | Buffer>;
  created_at: string;
}

export interface PullRecord {
  number: number;
  state: "open" | "closed";
  head: { sha: string; ref: string; label: string; repo: string };
  base: { sha: string; ref: string };
  merged_at?: string | null;
  /** The commit the merge made on the base branch (merge, squash or rebase). */
  merge_commit_sha?: string | null;
}

export interface ReleaseRecord {
  id: number;
  tag_name: string;
  draft: boolean;
  created_at: string;
  target_commitish?: string;
  body?: string | null;
  assets: { id: number; name: string; data: Buffer; content_type?: string }[];
}

/** What a git ref points at: a commit, or an annotated tag object (which points at a commit). */
export interface GitObject {
  type: "commit" | "tag";
  sha: string;
}

export interface TagObjectRecord {
  sha: string;
  tag: string;
  message: string;
  object: GitObject;
}

/** One review of a run's pending deployment (an environment's required reviewers). */
export interface ApprovalRecord {
  user: string;
  state: "approved" | "rejected" | "pending";
  comment: string;
  environments: string[];
}

export class DoubleState {
  checkRuns: CheckRunRecord[] = [];
  comments: CommentRecord[] = [];
  deployments: DeploymentRecord[] = [];
  artifacts: ArtifactRecord[] = [];
  pulls: PullRecord[] = [];
  releases: ReleaseRecord[] = [];
  /** Git refs without `refs/`: `tags/v1.4.0`, `heads/main`. */
  refs = new Map<string, GitObject>();
  tagObjects = new Map<string, TagObjectRecord>();
  /** Reviews by workflow run id. */
  approvals = new Map<number, ApprovalRecord[]>();
  private nextId = 1000;

  id(): number {
    return this.nextId++;
  }

  /** Seeds `bodies.length` comments on an issue (someone else's, unless `user` says otherwise). */
  addComments(issue: number, bodies: string[], user = "someone"): CommentRecord[] {
    const now = new Date().toISOString();
    const added = bodies.map((body) => ({ id: this.id(), issue_number: issue, body, user, created_at: now, updated_at: now }));
    this.comments.push(...added);
    return added;
  }

  addArtifact(runId: number, name: string, files: Record<string, string | Buffer>): ArtifactRecord {
    const a = { id: this.id(), run_id: runId, name, files, created_at: new Date().toISOString() };
    this.artifacts.push(a);
    return a;
  }

  /** A published release (the latest is the last one added that is not a draft) with its assets. */
  addRelease(tag: string, assets: Record<string, Buffer>, draft = false): ReleaseRecord {
    const r: ReleaseRecord = {
      id: this.id(),
      tag_name: tag,
      draft,
      created_at: new Date().toISOString(),
      assets: Object.entries(assets).map(([name, data]) => ({ id: this.id(), name, data })),
    };
    this.releases.push(r);
    return r;
  }

  /**
   * A tag on a commit: lightweight (the ref points at the commit) or annotated (the ref points at a
   * tag object, which points at the commit). Returns the sha the ref points at.
   */
  addTag(name: string, commit: string, annotated = false): string {
    if (!annotated) {
      this.refs.set(`tags/${name}`, { type: "commit", sha: commit });
      return commit;
    }
    const sha = createHash("sha1").update(`tag ${name} ${commit} ${this.id()}`).digest("hex");
    this.tagObjects.set(sha, { sha, tag: name, message: `Release ${name}`, object: { type: "commit", sha: commit } });
    this.refs.set(`tags/${name}`, { type: "tag", sha });
    return sha;
  }

  /** The commit a ref names, as GitHub resolves a deployment's ref: a full SHA, a tag, a branch. */
  commitOf(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    let o = this.refs.get(`tags/${ref}`) ?? this.refs.get(`heads/${ref}`) ?? this.refs.get(ref.replace(/^refs\//, ""));
    while (o?.type === "tag") o = this.tagObjects.get(o.sha)?.object;
    return o?.sha;
  }

  /** A completed check run as some earlier job left it (by GitHub Actions unless `app` says otherwise). */
  addCheckRun(c: {
    name: string;
    head_sha: string;
    conclusion: string;
    summary?: string;
    app?: CheckRunRecord["app"];
  }): CheckRunRecord {
    const at = new Date().toISOString();
    const run: CheckRunRecord = {
      id: this.id(),
      name: c.name,
      head_sha: c.head_sha,
      status: "completed",
      conclusion: c.conclusion,
      external_id: null,
      details_url: null,
      started_at: at,
      completed_at: at,
      output: { title: c.name, summary: c.summary ?? null, text: null },
      annotations: [],
      ...(c.app ? { app: c.app } : {}),
    };
    this.checkRuns.push(run);
    return run;
  }

  addApproval(runId: number, a: ApprovalRecord): void {
    this.approvals.set(runId, [...(this.approvals.get(runId) ?? []), a]);
  }

  addPull(p: PullRecord): void {
    this.pulls.push(p);
  }

  commentsOn(issue: number): CommentRecord[] {
    return this.comments.filter((c) => c.issue_number === issue);
  }
}
