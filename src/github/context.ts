import { existsSync, readFileSync } from "node:fs";
import { ConfigurationError } from "../core/errors.js";

export type GitHubEvent = "pull_request" | "pull_request_target" | "push" | "workflow_run" | "release" | "workflow_dispatch";

/** What the publisher needs to know about the run, read from the runner's environment and event file. */
export interface GitHubContext {
  owner: string;
  repo: string;
  /** `owner/repo`. */
  repository: string;
  eventName: string;
  /** The pull request the results belong to, when there is one. */
  pullRequest?: number;
  /**
   * The commit the check run goes on: the PR head (never the merge commit GITHUB_SHA points to on
   * pull_request), the triggering run's head for workflow_run, else GITHUB_SHA.
   */
  headSha: string;
  baseSha?: string;
  /** The PR comes from another repository: its GITHUB_TOKEN is read-only. */
  fork: boolean;
  runId?: number;
  runUrl?: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  /** workflow_run only: the run whose artifacts hold the reports to publish. */
  triggeringRun?: {
    id: number;
    headSha: string;
    pullRequest?: number;
    event?: string;
    /** `owner:branch` of the head, to find a fork's PR (GitHub leaves pull_requests empty for forks). */
    headLabel?: string;
  };
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);

function readEvent(env: NodeJS.ProcessEnv): Json {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return {};
  try {
    return obj(JSON.parse(readFileSync(file, "utf8"))) ?? {};
  } catch {
    throw new ConfigurationError(`GITHUB_EVENT_PATH ${file}: is not valid JSON`);
  }
}

/** Reads the context at call time (not at import time, as @actions/github does), so tests can vary it. */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): GitHubContext {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0)
    throw new ConfigurationError(`GITHUB_REPOSITORY must be "owner/repo", not "${repository}"`);
  const event = readEvent(env);
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? Number(env.GITHUB_RUN_ID) : undefined;
  const ctx: GitHubContext = {
    owner,
    repo,
    repository,
    eventName,
    headSha: env.GITHUB_SHA ?? "",
    fork: false,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    workspace: env.GITHUB_WORKSPACE || cwd,
    ...(runId !== undefined ? { runId, runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
  };

  const pr = obj(event.pull_request);
  if (pr && (eventName === "pull_request" || eventName === "pull_request_target")) {
    const head = obj(pr.head);
    const base = obj(pr.base);
    const headSha = str(head?.sha);
    if (headSha) ctx.headSha = headSha;
    const baseSha = str(base?.sha);
    if (baseSha) ctx.baseSha = baseSha;
    const number = num(pr.number) ?? num(event.number);
    if (number !== undefined) ctx.pullRequest = number;
    const headRepo = str(obj(head?.repo)?.full_name);
    const baseRepo = str(obj(base?.repo)?.full_name) ?? repository;
    // A deleted fork has head.repo null: treat it as a fork, its token is read-only all the same.
    ctx.fork = headRepo === undefined || headRepo.toLowerCase() !== baseRepo.toLowerCase();
  }

  const run = obj(event.workflow_run);
  if (run && eventName === "workflow_run") {
    const id = num(run.id);
    const headSha = str(run.head_sha);
    if (id !== undefined && headSha) {
      const prs = Array.isArray(run.pull_requests) ? run.pull_requests.map(obj) : [];
      const prNumber = num(prs[0]?.number);
      const headOwner = str(obj(obj(run.head_repository)?.owner)?.login);
      const headBranch = str(run.head_branch);
      ctx.triggeringRun = {
        ...(headOwner && headBranch ? { headLabel: `${headOwner}:${headBranch}` } : {}),
        id,
        headSha,
        ...(prNumber !== undefined ? { pullRequest: prNumber } : {}),
        ...(str(run.event) ? { event: str(run.event) } : {}),
      };
      ctx.headSha = headSha;
      if (prNumber !== undefined) ctx.pullRequest = prNumber;
      const headRepo = str(obj(run.head_repository)?.full_name);
      ctx.fork = headRepo !== undefined && headRepo.toLowerCase() !== repository.toLowerCase();
    }
  }
  if (!/^[0-9a-f]{40}$/.test(ctx.headSha))
    throw new ConfigurationError(`cannot tell which commit to report on: GITHUB_SHA is "${ctx.headSha}", not a 40-hex SHA`);
  return ctx;
}

/** Publishing is automatic inside GitHub Actions, unless --no-publish. */
export function inGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === "true";
}
