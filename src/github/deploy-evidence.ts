/**
 * The deploy gate's evidence inside GitHub Actions: the gates' check runs on the tagged commit, or,
 * when that commit has none (gates run on the pull request; the tag sits on the merge commit), on the
 * head commit of the pull request that merged it. Each check run's evidence marker names the files
 * the gate judged and their SHA-256 (evidence-marker.ts).
 *
 * Trust: only check runs written by the GitHub App of this repository's workflows count (GitHub
 * Actions, slug `github-actions`, unless `trustedApp` says otherwise): anyone with `checks: write`
 * through another app could name a check run `mlgate/model`. A pull request from a fork is not
 * followed: its check runs were posted from reports its own run made, and a fork's run is data,
 * never a verdict to trust.
 */
import type { GateEvidence } from "../core/registry.js";
import { ConfigurationError } from "../core/errors.js";
import type { EvidenceSet, EvidenceSource } from "../gates/deploy/ports.js";
import { apiErrorText, httpStatusOf, type Octokit } from "./client.js";
import type { GitHubContext } from "./context.js";
import { readEvidenceMarker } from "./evidence-marker.js";

export const DEFAULT_TRUSTED_APP = "github-actions";

export interface GitHubEvidenceOptions {
  octokit: Octokit;
  context: Pick<GitHubContext, "owner" | "repo" | "repository">;
  /** The tag being deployed (`v1.4.0`); without one, `commit` is used as it is. */
  tag?: string;
  /** The commit to read when there is no tag (GITHUB_SHA). */
  commit?: string;
  /** Slug of the GitHub App whose check runs count (default `github-actions`). */
  trustedApp?: string;
}

type CheckRun = Awaited<ReturnType<Octokit["rest"]["checks"]["listForRef"]>>["data"]["check_runs"][number];

const short = (sha: string): string => sha.slice(0, 7);

/** `mlgate/model (shard 1)` -> `model`; undefined for names that are not a gate's. */
function gateOf(name: string): string | undefined {
  return /^mlgate\/([a-z]+)(?: \(.*\))?$/.exec(name)?.[1];
}

function apiError(what: string, e: unknown, permission: string): Error {
  const status = httpStatusOf(e);
  if (status === undefined) return e instanceof Error ? e : new Error(String(e));
  return new ConfigurationError(
    `could not ${what} (HTTP ${status}: ${apiErrorText(e)})${status === 403 || status === 401 ? `; the token needs ${permission}` : ""}`,
  );
}

export class GitHubEvidence implements EvidenceSource {
  readonly description: string;
  private readonly trusted: string;

  constructor(private readonly o: GitHubEvidenceOptions) {
    if (!o.tag && !o.commit) throw new Error("GitHubEvidence needs a tag or a commit");
    this.trusted = o.trustedApp ?? DEFAULT_TRUSTED_APP;
    this.description = o.tag ? `check runs of tag ${o.tag}` : `check runs on ${short(o.commit ?? "")}`;
  }

  async collect(): Promise<EvidenceSet> {
    const notes: string[] = [];
    const commit = this.o.tag ? await this.resolveTag(this.o.tag, notes) : (this.o.commit ?? "");
    const set: EvidenceSet = { commit, ...(this.o.tag ? { tag: this.o.tag } : {}), evidence: [], notes };
    const own = await this.checkRuns(commit, notes);
    if (own.length > 0) {
      notes.push(`Found ${own.length} mlgate check run(s) on ${short(commit)}.`);
      set.evidence = own.map((c) => this.evidence(c, notes));
      return set;
    }
    const pr = await this.mergedPullRequest(commit);
    if (!pr) {
      notes.push(`Commit ${short(commit)} has no mlgate check runs and was not made by merging a pull request.`);
      return set;
    }
    const headRepo = pr.head.repo?.full_name;
    if (!headRepo || headRepo.toLowerCase() !== this.o.context.repository.toLowerCase()) {
      notes.push(
        `Commit ${short(commit)} has no mlgate check runs; it merged pull request #${pr.number} from ${headRepo ?? "a deleted fork"}, whose check runs are not trusted (they were posted from the fork's own reports): run the gates on ${short(commit)} itself, for example on push to the default branch.`,
      );
      return set;
    }
    set.pullRequest = pr.number;
    set.headSha = pr.head.sha;
    const head = await this.checkRuns(pr.head.sha, notes);
    notes.push(
      `Commit ${short(commit)} has no mlgate check runs; it merged pull request #${pr.number}, whose head ${short(pr.head.sha)} has ${head.length}.`,
    );
    set.evidence = head.map((c) => this.evidence(c, notes));
    return set;
  }

  /** The commit a tag names, through annotated tag objects (a tag of a tag, rarely). */
  private async resolveTag(tag: string, notes: string[]): Promise<string> {
    const { octokit, context } = this.o;
    let object: { type: string; sha: string };
    try {
      object = (await octokit.rest.git.getRef({ owner: context.owner, repo: context.repo, ref: `tags/${tag}` })).data.object;
    } catch (e) {
      if (httpStatusOf(e) === 404) throw new ConfigurationError(`tag "${tag}" does not exist in ${context.repository}`);
      throw apiError(`read tag ${tag}`, e, "contents: read");
    }
    let annotated = false;
    for (let depth = 0; object.type === "tag" && depth < 5; depth++) {
      annotated = true;
      const { data } = await octokit.rest.git.getTag({ owner: context.owner, repo: context.repo, tag_sha: object.sha });
      object = data.object;
    }
    if (object.type !== "commit")
      throw new ConfigurationError(`tag "${tag}" points at a ${object.type}, not a commit: tag the commit to deploy`);
    notes.push(`Tag ${tag} is commit ${short(object.sha)}${annotated ? " (annotated tag)" : ""}.`);
    return object.sha;
  }

  /** The latest trusted mlgate check run per name on a commit; the deploy gate's own runs are not evidence. */
  private async checkRuns(sha: string, notes: string[]): Promise<CheckRun[]> {
    const { octokit, context } = this.o;
    let runs: CheckRun[];
    try {
      runs = await octokit.paginate(octokit.rest.checks.listForRef, {
        owner: context.owner,
        repo: context.repo,
        ref: sha,
        filter: "all",
        per_page: 100,
      });
    } catch (e) {
      throw apiError(`list the check runs of ${short(sha)}`, e, "checks: read");
    }
    const latest = new Map<string, CheckRun>();
    for (const run of runs) {
      const gate = gateOf(run.name);
      if (!gate || gate === "deploy") continue;
      const slug = run.app?.slug;
      if (slug !== this.trusted) {
        notes.push(
          `Ignored ${run.name} on ${short(sha)}: written by ${slug ? `the app "${slug}"` : "an unknown app"}, and only check runs of "${this.trusted}" are trusted.`,
        );
        continue;
      }
      const seen = latest.get(run.name);
      if (!seen || newer(run, seen)) latest.set(run.name, run);
    }
    return [...latest.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private evidence(run: CheckRun, notes: string[]): GateEvidence {
    const gate = gateOf(run.name) ?? run.name;
    const marker = readEvidenceMarker(run.output.summary);
    let subjects: GateEvidence["subjects"] = [];
    if (!marker) notes.push(`${run.name} has no evidence marker in its summary, so it proves no digest.`);
    else if (marker.gate !== gate)
      notes.push(`${run.name} carries evidence for the ${marker.gate} gate, not ${gate}: its digests are ignored.`);
    else {
      subjects = marker.subjects;
      if (marker.omitted) notes.push(`${run.name} lists ${subjects.length} of its subjects (${marker.omitted} more left out).`);
    }
    return {
      check: run.name,
      gate,
      conclusion: run.status === "completed" ? (run.conclusion ?? "none") : run.status,
      subjects,
      url: run.html_url ?? `https://github.com/${this.o.context.repository}/runs/${run.id}`,
      commit: run.head_sha,
      source: "check-run",
    };
  }

  /** The pull request whose merge (merge commit, squash or rebase) made this commit. */
  private async mergedPullRequest(sha: string) {
    const { octokit, context } = this.o;
    try {
      const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
        owner: context.owner,
        repo: context.repo,
        commit_sha: sha,
        per_page: 100,
      });
      return pulls.find((p) => p.merged_at !== null && p.merge_commit_sha === sha);
    } catch (e) {
      throw apiError(`find the pull request that made ${short(sha)}`, e, "pull-requests: read");
    }
  }
}

/** Check run ids grow with time; a re-run of the same check is a new run with a larger id. */
function newer(a: CheckRun, b: CheckRun): boolean {
  return a.id > b.id;
}
