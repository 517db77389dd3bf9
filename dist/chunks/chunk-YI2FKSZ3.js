#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/github/context.ts
import { existsSync, readFileSync } from "node:fs";
var obj = (v) => typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
var str = (v) => typeof v === "string" && v !== "" ? v : void 0;
var num = (v) => typeof v === "number" && Number.isInteger(v) ? v : void 0;
function readEvent(env) {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return {};
  try {
    return obj(JSON.parse(readFileSync(file, "utf8"))) ?? {};
  } catch {
    throw new ConfigurationError(`GITHUB_EVENT_PATH ${file}: is not valid JSON`);
  }
}
function readGitHubContext(env = process.env, cwd = process.cwd()) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0)
    throw new ConfigurationError(`GITHUB_REPOSITORY must be "owner/repo", not "${repository}"`);
  const event = readEvent(env);
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? Number(env.GITHUB_RUN_ID) : void 0;
  const ctx = {
    owner,
    repo,
    repository,
    eventName,
    headSha: env.GITHUB_SHA ?? "",
    fork: false,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    workspace: env.GITHUB_WORKSPACE || cwd,
    ...runId !== void 0 ? { runId, runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}
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
    if (number !== void 0) ctx.pullRequest = number;
    const headRepo = str(obj(head?.repo)?.full_name);
    const baseRepo = str(obj(base?.repo)?.full_name) ?? repository;
    ctx.fork = headRepo === void 0 || headRepo.toLowerCase() !== baseRepo.toLowerCase();
  }
  const run = obj(event.workflow_run);
  if (run && eventName === "workflow_run") {
    const id = num(run.id);
    const headSha = str(run.head_sha);
    if (id !== void 0 && headSha) {
      const prs = Array.isArray(run.pull_requests) ? run.pull_requests.map(obj) : [];
      const prNumber = num(prs[0]?.number);
      const headOwner = str(obj(obj(run.head_repository)?.owner)?.login);
      const headBranch = str(run.head_branch);
      ctx.triggeringRun = {
        ...headOwner && headBranch ? { headLabel: `${headOwner}:${headBranch}` } : {},
        id,
        headSha,
        ...prNumber !== void 0 ? { pullRequest: prNumber } : {},
        ...str(run.event) ? { event: str(run.event) } : {}
      };
      ctx.headSha = headSha;
      if (prNumber !== void 0) ctx.pullRequest = prNumber;
      const headRepo = str(obj(run.head_repository)?.full_name);
      ctx.fork = headRepo !== void 0 && headRepo.toLowerCase() !== repository.toLowerCase();
    }
  }
  if (!/^[0-9a-f]{40}$/.test(ctx.headSha))
    throw new ConfigurationError(`cannot tell which commit to report on: GITHUB_SHA is "${ctx.headSha}", not a 40-hex SHA`);
  return ctx;
}
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}

export {
  readGitHubContext,
  inGitHubActions
};
