#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  apiErrorText,
  createClient,
  httpStatusOf,
  readEvidenceMarker
} from "./chunk-ENYL6DYG.js";
import {
  inGitHubActions,
  readGitHubContext
} from "./chunk-YI2FKSZ3.js";
import {
  warning
} from "./chunk-3SW64I2Z.js";
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";

// src/github/deploy-evidence.ts
var DEFAULT_TRUSTED_APP = "github-actions";
var short = (sha) => sha.slice(0, 7);
function gateOf(name) {
  return /^mlgate\/([a-z]+)(?: \(.*\))?$/.exec(name)?.[1];
}
function apiError(what, e, permission) {
  const status = httpStatusOf(e);
  if (status === void 0) return e instanceof Error ? e : new Error(String(e));
  return new ConfigurationError(
    `could not ${what} (HTTP ${status}: ${apiErrorText(e)})${status === 403 || status === 401 ? `; the token needs ${permission}` : ""}`
  );
}
var GitHubEvidence = class {
  constructor(o) {
    this.o = o;
    if (!o.tag && !o.commit) throw new Error("GitHubEvidence needs a tag or a commit");
    this.trusted = o.trustedApp ?? DEFAULT_TRUSTED_APP;
    this.description = o.tag ? `check runs of tag ${o.tag}` : `check runs on ${short(o.commit ?? "")}`;
  }
  o;
  description;
  trusted;
  async collect() {
    const notes = [];
    const commit = this.o.tag ? await this.resolveTag(this.o.tag, notes) : this.o.commit ?? "";
    const set = { commit, ...this.o.tag ? { tag: this.o.tag } : {}, evidence: [], notes };
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
        `Commit ${short(commit)} has no mlgate check runs; it merged pull request #${pr.number} from ${headRepo ?? "a deleted fork"}, whose check runs are not trusted (they were posted from the fork's own reports): run the gates on ${short(commit)} itself, for example on push to the default branch.`
      );
      return set;
    }
    set.pullRequest = pr.number;
    set.headSha = pr.head.sha;
    const head = await this.checkRuns(pr.head.sha, notes);
    notes.push(
      `Commit ${short(commit)} has no mlgate check runs; it merged pull request #${pr.number}, whose head ${short(pr.head.sha)} has ${head.length}.`
    );
    set.evidence = head.map((c) => this.evidence(c, notes));
    return set;
  }
  /** The commit a tag names, through annotated tag objects (a tag of a tag, rarely). */
  async resolveTag(tag, notes) {
    const { octokit, context } = this.o;
    let object;
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
  async checkRuns(sha, notes) {
    const { octokit, context } = this.o;
    let runs;
    try {
      runs = await octokit.paginate(octokit.rest.checks.listForRef, {
        owner: context.owner,
        repo: context.repo,
        ref: sha,
        filter: "all",
        per_page: 100
      });
    } catch (e) {
      throw apiError(`list the check runs of ${short(sha)}`, e, "checks: read");
    }
    const latest = /* @__PURE__ */ new Map();
    for (const run of runs) {
      const gate = gateOf(run.name);
      if (!gate || gate === "deploy") continue;
      const slug = run.app?.slug;
      if (slug !== this.trusted) {
        notes.push(
          `Ignored ${run.name} on ${short(sha)}: written by ${slug ? `the app "${slug}"` : "an unknown app"}, and only check runs of "${this.trusted}" are trusted.`
        );
        continue;
      }
      const seen = latest.get(run.name);
      if (!seen || newer(run, seen)) latest.set(run.name, run);
    }
    return [...latest.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }
  evidence(run, notes) {
    const gate = gateOf(run.name) ?? run.name;
    const marker = readEvidenceMarker(run.output.summary);
    let subjects = [];
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
      conclusion: run.status === "completed" ? run.conclusion ?? "none" : run.status,
      subjects,
      url: run.html_url ?? `https://github.com/${this.o.context.repository}/runs/${run.id}`,
      commit: run.head_sha,
      source: "check-run"
    };
  }
  /** The pull request whose merge (merge commit, squash or rebase) made this commit. */
  async mergedPullRequest(sha) {
    const { octokit, context } = this.o;
    try {
      const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
        owner: context.owner,
        repo: context.repo,
        commit_sha: sha,
        per_page: 100
      });
      return pulls.find((p) => p.merged_at !== null && p.merge_commit_sha === sha);
    } catch (e) {
      throw apiError(`find the pull request that made ${short(sha)}`, e, "pull-requests: read");
    }
  }
};
function newer(a, b) {
  return a.id > b.id;
}

// src/github/deployments.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
var DESCRIPTION_LIMIT = 140;
var FINAL_STATE = {
  deployed: "success",
  "no-op": "success",
  refused: "failure",
  "rolled-back": "failure",
  failed: "failure"
};
function cut(text) {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}\u2026`;
}
function auditAssetName(environment) {
  return `mlgate-deploy-${environment.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`;
}
var GitHubDeployments = class {
  constructor(o) {
    this.o = o;
  }
  o;
  deploymentId;
  environment = "";
  get repo() {
    return { owner: this.o.context.owner, repo: this.o.context.repo };
  }
  async begin(info) {
    const { octokit } = this.o;
    this.environment = info.environment;
    const ref = this.o.tag ?? info.commit ?? this.o.context.headSha;
    let id;
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
        description: cut(`mlgate: ${info.name} ${info.version} (${info.sha256.slice(0, 12)}), ${info.strategy}`)
      });
      if (!("id" in data)) throw new Error(`GitHub did not create the deployment: ${data.message ?? "no reason given"}`);
      id = data.id;
    } catch (e) {
      const status = httpStatusOf(e);
      if (status === 403 || status === 401 || status === 404)
        throw new ConfigurationError(
          `cannot create a deployment in ${this.o.context.repository} (HTTP ${status}: ${apiErrorText(e)}); the workflow needs \`permissions: deployments: write\` (a pull request from a fork never gets it)`
        );
      throw e;
    }
    this.deploymentId = id;
    await this.status("in_progress", `mlgate: rolling out ${info.version}`);
    return {
      deploymentId: String(id),
      url: `${this.o.context.serverUrl}/${this.o.context.repository}/deployments/${encodeURIComponent(info.environment)}`
    };
  }
  async approvals() {
    const runId = this.o.context.runId;
    if (runId === void 0) return [];
    const { data } = await this.o.octokit.rest.actions.getReviewsForRun({ ...this.repo, run_id: runId });
    return data.filter((a) => this.environment === "" || a.environments.some((e) => e.name === this.environment)).map((a) => ({
      user: a.user.login,
      state: a.state,
      ...a.comment ? { comment: a.comment } : {},
      environments: a.environments.map((e) => e.name ?? "").filter((n) => n !== "")
    }));
  }
  async end(audit, modelFile) {
    if (this.deploymentId === void 0) return;
    if (audit.outcome === "deployed" && this.o.tag) {
      try {
        await this.attach(audit, modelFile);
      } catch (e) {
        const status = httpStatusOf(e);
        (this.o.warn ?? this.o.log)?.(
          `mlgate: could not attach the audit record and the model to release ${this.o.tag} (${status !== void 0 ? `HTTP ${status}: ` : ""}${apiErrorText(e)})${status === 403 ? "; the workflow needs `permissions: contents: write`" : ""}`
        );
      }
    }
    await this.status(FINAL_STATE[audit.outcome], `mlgate: ${audit.outcome}: ${audit.message}`);
  }
  async abandoned(deploymentId, description) {
    try {
      if (!/^[1-9][0-9]{0,15}$/.test(deploymentId))
        throw new Error(`"${deploymentId}" is not a GitHub deployment id (the lock was written by another recorder)`);
      await this.status("error", description, Number(deploymentId));
      this.o.log?.(`deployment ${deploymentId}, left in progress by the stopped deploy, now has state error`);
    } catch (e) {
      const status = httpStatusOf(e);
      (this.o.warn ?? this.o.log)?.(
        `mlgate: could not give deployment ${deploymentId} of the stopped deploy its final status; GitHub keeps showing it in progress (${status !== void 0 ? `HTTP ${status}: ` : ""}${apiErrorText(e)})${status === 403 ? "; the workflow needs `permissions: deployments: write`" : ""}`
      );
    }
  }
  async status(state, description, deploymentId = this.deploymentId) {
    if (deploymentId === void 0) return;
    await this.o.octokit.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: deploymentId,
      state,
      description: cut(description),
      ...this.o.context.runUrl ? { log_url: this.o.context.runUrl } : {},
      ...this.o.environmentUrl ? { environment_url: this.o.environmentUrl } : {}
    });
  }
  /** The audit record and the model, on the tag's release (created when the tag has none yet). */
  async attach(audit, modelFile) {
    const tag = this.o.tag ?? "";
    const release = await this.release(tag);
    const audited = Buffer.from(`${JSON.stringify(audit, null, 2)}
`);
    await this.upload(release, auditAssetName(audit.environment), audited, "application/json");
    const model = readFileSync(modelFile);
    await this.upload(release, path.basename(modelFile), model, "application/octet-stream");
    this.o.log?.(`attached ${auditAssetName(audit.environment)} and ${path.basename(modelFile)} to release ${tag}`);
  }
  async release(tag) {
    const { octokit } = this.o;
    try {
      return (await octokit.rest.repos.getReleaseByTag({ ...this.repo, tag })).data;
    } catch (e) {
      if (httpStatusOf(e) !== 404) throw e;
    }
    const { data } = await octokit.rest.repos.createRelease({
      ...this.repo,
      tag_name: tag,
      name: tag,
      body: `Deployed by mlgate. The shipped model and the audit record of each deployment are attached.`
    });
    return data;
  }
  /** Replaces an asset of the same name (a re-run) unless it already holds exactly these bytes. */
  async upload(release, name, data, contentType) {
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
      headers: { "content-type": contentType, "content-length": data.length }
    });
  }
};

// src/github/deploy-ports.ts
function environmentUrlOf(target, name) {
  if (!/^https?:\/\//.test(target)) return void 0;
  return `${target.replace(/\/+$/, "")}/v2/models/${encodeURIComponent(name)}`;
}
function gitHubDeployPorts(i) {
  const token = i.token ?? i.env.GITHUB_TOKEN;
  if (!token)
    throw new ConfigurationError(
      "no GitHub token to read the gates' check runs with: set GITHUB_TOKEN (the action's github-token input), or verify offline with --reports DIR"
    );
  const context = readGitHubContext(i.env, i.cwd);
  const octokit = createClient({ token, env: i.env, ...i.progress ? { onWait: i.progress } : {} });
  const evidence = new GitHubEvidence({
    octokit,
    context,
    ...i.tag ? { tag: i.tag } : { commit: context.headSha },
    ...i.trustedApp ? { trustedApp: i.trustedApp } : {}
  });
  const environmentUrl = environmentUrlOf(i.target, i.name);
  const recorder = new GitHubDeployments({
    octokit,
    context,
    ...i.tag ? { tag: i.tag } : {},
    ...environmentUrl ? { environmentUrl } : {},
    ...i.progress ? { log: i.progress } : {},
    warn: (m) => {
      warning(m);
    }
  });
  return { evidence, recorder };
}
function gitHubStatusRecorder(i) {
  const token = i.env.GITHUB_TOKEN?.trim();
  if (!inGitHubActions(i.env) || !token) return void 0;
  const context = readGitHubContext(i.env, i.cwd);
  const environmentUrl = environmentUrlOf(i.target, i.name);
  const recorder = new GitHubDeployments({
    octokit: createClient({ token, env: i.env, ...i.progress ? { onWait: i.progress } : {} }),
    context,
    ...environmentUrl ? { environmentUrl } : {},
    ...i.progress ? { log: i.progress } : {},
    warn: (m) => {
      warning(m);
    }
  });
  return { recorder, ...context.runUrl ? { runUrl: context.runUrl } : {} };
}
export {
  environmentUrlOf,
  gitHubDeployPorts,
  gitHubStatusRecorder
};
