/**
 * The deploy gate's record on GitHub: one deployment for the tag's commit, its statuses
 * (`in_progress`, then `success` or `failure`; `error` set by a later run when this one was killed), who approved the run, and on success the audit record
 * and the shipped model as assets of the tag's release, so the model gate's `--baseline release:<asset>`
 * compares the next pull request with what really serves.
 *
 * One record per release: the example workflow declares its environment with `deployment: false`,
 * so GitHub keeps the environment's reviewers, wait timer and secrets but creates no deployment of
 * its own; this one, which knows the model's version and digest, is the only record (docs/github.md).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { ConfigurationError } from "../core/errors.js";
import type { Approval, AuditRecord, DeployOutcome, DeployRecorder } from "../gates/deploy/ports.js";
import { apiErrorText, httpStatusOf, type Octokit } from "./client.js";
import type { GitHubContext } from "./context.js";

export interface GitHubDeploymentsOptions {
  octokit: Octokit;
  context: Pick<GitHubContext, "owner" | "repo" | "repository" | "serverUrl" | "runId" | "runUrl" | "headSha">;
  /** The tag being deployed: the deployment's ref and the release the assets go to. */
  tag?: string;
  /** Where the environment can be seen (`environment_url`), when the target has an address. */
  environmentUrl?: string;
  log?: (message: string) => void;
  warn?: (message: string) => void;
}

/** GitHub cuts a deployment status description at 140 characters. */
const DESCRIPTION_LIMIT = 140;

const FINAL_STATE: Record<DeployOutcome, "success" | "failure"> = {
  deployed: "success",
  "no-op": "success",
  refused: "failure",
  "rolled-back": "failure",
  failed: "failure",
};

function cut(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}

/** The audit record's asset name: one per environment, so staging and production do not overwrite each other. */
export function auditAssetName(environment: string): string {
  return `mlgate-deploy-${environment.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`;
}

export class GitHubDeployments implements DeployRecorder {
  private deploymentId: number | undefined;
  private environment = "";

  constructor(private readonly o: GitHubDeploymentsOptions) {}

  private get repo(): { owner: string; repo: string } {
    return { owner: this.o.context.owner, repo: this.o.context.repo };
  }

  async begin(info: Parameters<DeployRecorder["begin"]>[0]): Promise<{ deploymentId?: string; url?: string }> {
    const { octokit } = this.o;
    this.environment = info.environment;
    // The tag when there is one (GitHub resolves it to the tag's commit and shows it), else the commit.
    const ref = this.o.tag ?? info.commit ?? this.o.context.headSha;
    let id: number;
    try {
      const { data } = await octokit.rest.repos.createDeployment({
        ...this.repo,
        ref,
        task: "deploy",
        environment: info.environment,
        // Our own verification is the gate; GitHub's field only knows commit statuses.
        auto_merge: false,
        required_contexts: [],
        payload: { version: info.version, digest: `sha256:${info.sha256}`, strategy: info.strategy },
        description: cut(`mlgate: ${info.name} ${info.version} (${info.sha256.slice(0, 12)}), ${info.strategy}`),
      });
      if (!("id" in data)) throw new Error(`GitHub did not create the deployment: ${data.message ?? "no reason given"}`);
      id = data.id;
    } catch (e) {
      const status = httpStatusOf(e);
      if (status === 403 || status === 401 || status === 404)
        throw new ConfigurationError(
          `cannot create a deployment in ${this.o.context.repository} (HTTP ${status}: ${apiErrorText(e)}); the workflow needs \`permissions: deployments: write\` (a pull request from a fork never gets it)`,
        );
      throw e;
    }
    this.deploymentId = id;
    await this.status("in_progress", `mlgate: rolling out ${info.version}`);
    return {
      deploymentId: String(id),
      url: `${this.o.context.serverUrl}/${this.o.context.repository}/deployments/${encodeURIComponent(info.environment)}`,
    };
  }

  async approvals(): Promise<Approval[]> {
    const runId = this.o.context.runId;
    if (runId === undefined) return [];
    const { data } = await this.o.octokit.rest.actions.getReviewsForRun({ ...this.repo, run_id: runId });
    return data
      .filter((a) => this.environment === "" || a.environments.some((e) => e.name === this.environment))
      .map((a) => ({
        user: a.user.login,
        state: a.state,
        ...(a.comment ? { comment: a.comment } : {}),
        environments: a.environments.map((e) => e.name ?? "").filter((n) => n !== ""),
      }));
  }

  async end(audit: AuditRecord, modelFile: string): Promise<void> {
    if (this.deploymentId === undefined) return;
    if (audit.outcome === "deployed" && this.o.tag) {
      try {
        await this.attach(audit, modelFile);
      } catch (e) {
        // The model is serving: a missing asset is worth a warning, not a failed deploy.
        const status = httpStatusOf(e);
        (this.o.warn ?? this.o.log)?.(
          `mlgate: could not attach the audit record and the model to release ${this.o.tag} (${status !== undefined ? `HTTP ${status}: ` : ""}${apiErrorText(e)})${status === 403 ? "; the workflow needs `permissions: contents: write`" : ""}`,
        );
      }
    }
    await this.status(FINAL_STATE[audit.outcome], `mlgate: ${audit.outcome}: ${audit.message}`);
  }

  async abandoned(deploymentId: string, description: string): Promise<void> {
    try {
      if (!/^[1-9][0-9]{0,15}$/.test(deploymentId))
        throw new Error(`"${deploymentId}" is not a GitHub deployment id (the lock was written by another recorder)`);
      // `error`, not `failure`: the deploy itself broke; nothing judged the model.
      await this.status("error", description, Number(deploymentId));
      this.o.log?.(`deployment ${deploymentId}, left in progress by the stopped deploy, now has state error`);
    } catch (e) {
      // The traffic is already restored: a record left in progress is worth a warning, not a failed deploy.
      const status = httpStatusOf(e);
      (this.o.warn ?? this.o.log)?.(
        `mlgate: could not give deployment ${deploymentId} of the stopped deploy its final status; GitHub keeps showing it in progress (${status !== undefined ? `HTTP ${status}: ` : ""}${apiErrorText(e)})${status === 403 ? "; the workflow needs `permissions: deployments: write`" : ""}`,
      );
    }
  }

  private async status(
    state: "in_progress" | "success" | "failure" | "error",
    description: string,
    deploymentId = this.deploymentId,
  ): Promise<void> {
    if (deploymentId === undefined) return;
    await this.o.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: deploymentId,
      state,
      description: cut(description),
      ...(this.o.context.runUrl ? { log_url: this.o.context.runUrl } : {}),
      ...(this.o.environmentUrl ? { environment_url: this.o.environmentUrl } : {}),
    });
  }

  /** The audit record and the model, on the tag's release (created when the tag has none yet). */
  private async attach(audit: AuditRecord, modelFile: string): Promise<void> {
    const tag = this.o.tag ?? "";
    const release = await this.release(tag);
    const audited = Buffer.from(`${JSON.stringify(audit, null, 2)}\n`);
    await this.upload(release, auditAssetName(audit.environment), audited, "application/json");
    const model = readFileSync(modelFile);
    await this.upload(release, path.basename(modelFile), model, "application/octet-stream");
    this.o.log?.(`attached ${auditAssetName(audit.environment)} and ${path.basename(modelFile)} to release ${tag}`);
  }

  private async release(
    tag: string,
  ): Promise<{ id: number; upload_url: string; assets: { id: number; name: string; digest?: string | null }[] }> {
    const { octokit } = this.o;
    try {
      return (await octokit.rest.repos.getReleaseByTag({ ...this.repo, tag })).data;
    } catch (e) {
      if (httpStatusOf(e) !== 404) throw e;
    }
    // `push: tags` has no release yet; the next pull request's `--baseline release:<asset>` needs one.
    const { data } = await octokit.rest.repos.createRelease({
      ...this.repo,
      tag_name: tag,
      name: tag,
      body: `Deployed by mlgate. The shipped model and the audit record of each deployment are attached.`,
    });
    return data;
  }

  /** Replaces an asset of the same name (a re-run) unless it already holds exactly these bytes. */
  private async upload(
    release: { id: number; upload_url: string; assets: { id: number; name: string; digest?: string | null }[] },
    name: string,
    data: Buffer,
    contentType: string,
  ): Promise<void> {
    const { octokit } = this.o;
    const existing = release.assets.find((a) => a.name === name);
    if (existing) {
      const digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
      if (existing.digest === digest) return;
      await octokit.rest.repos.deleteReleaseAsset({ ...this.repo, asset_id: existing.id });
    }
    await octokit.request({
      method: "POST",
      url: release.upload_url,
      name,
      data,
      headers: { "content-type": contentType, "content-length": data.length },
    });
  }
}
