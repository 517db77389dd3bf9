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
}

export interface ReleaseRecord {
  id: number;
  tag_name: string;
  draft: boolean;
  created_at: string;
  assets: { id: number; name: string; data: Buffer }[];
}

export class DoubleState {
  checkRuns: CheckRunRecord[] = [];
  comments: CommentRecord[] = [];
  deployments: DeploymentRecord[] = [];
  artifacts: ArtifactRecord[] = [];
  pulls: PullRecord[] = [];
  releases: ReleaseRecord[] = [];
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

  addPull(p: PullRecord): void {
    this.pulls.push(p);
  }

  commentsOn(issue: number): CommentRecord[] {
    return this.comments.filter((c) => c.issue_number === issue);
  }
}
