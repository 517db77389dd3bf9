/**
 * The deploy gate's ports inside GitHub Actions: evidence from the gates' check runs and the record
 * as a GitHub deployment with release assets. `mlgate deploy` uses them when it runs in Actions
 * without `--reports`.
 */
import * as core from "@actions/core";
import { ConfigurationError } from "../core/errors.js";
import type { DeployRecorder, EvidenceSource } from "../gates/deploy/ports.js";
import { createClient } from "./client.js";
import { inGitHubActions, readGitHubContext } from "./context.js";
import { GitHubEvidence } from "./deploy-evidence.js";
import { GitHubDeployments } from "./deployments.js";

export interface GitHubPortsInput {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** `--token`; default GITHUB_TOKEN. */
  token?: string;
  /** The tag being deployed (GITHUB_REF_NAME of a tag build). */
  tag?: string;
  /** `--trusted-app`: the GitHub App whose check runs count (default github-actions). */
  trustedApp?: string;
  /** The model's name and the target, for the environment URL of an http(s):// target. */
  name: string;
  target: string;
  progress?: (message: string) => void;
}

/** The address a deployment status links to: the model's endpoint when the target is a server. */
export function environmentUrlOf(target: string, name: string): string | undefined {
  if (!/^https?:\/\//.test(target)) return undefined;
  return `${target.replace(/\/+$/, "")}/v2/models/${encodeURIComponent(name)}`;
}

export function gitHubDeployPorts(i: GitHubPortsInput): { evidence: EvidenceSource; recorder: DeployRecorder } {
  const token = i.token ?? i.env.GITHUB_TOKEN;
  if (!token)
    throw new ConfigurationError(
      "no GitHub token to read the gates' check runs with: set GITHUB_TOKEN (the action's github-token input), or verify offline with --reports DIR",
    );
  const context = readGitHubContext(i.env, i.cwd);
  const octokit = createClient({ token, env: i.env, ...(i.progress ? { onWait: i.progress } : {}) });
  const evidence = new GitHubEvidence({
    octokit,
    context,
    ...(i.tag ? { tag: i.tag } : { commit: context.headSha }),
    ...(i.trustedApp ? { trustedApp: i.trustedApp } : {}),
  });
  const environmentUrl = environmentUrlOf(i.target, i.name);
  const recorder = new GitHubDeployments({
    octokit,
    context,
    ...(i.tag ? { tag: i.tag } : {}),
    ...(environmentUrl ? { environmentUrl } : {}),
    ...(i.progress ? { log: i.progress } : {}),
    warn: (m) => {
      core.warning(m);
    },
  });
  return { evidence, recorder };
}

/**
 * The recorder alone, for `mlgate deploy status` and `rollback` resolving a killed deploy's lock: only
 * inside Actions with a token (a run step gets GITHUB_TOKEN only when the workflow passes it); else undefined.
 */
export function gitHubStatusRecorder(i: {
  env: NodeJS.ProcessEnv;
  cwd: string;
  name: string;
  target: string;
  progress?: (message: string) => void;
}): { recorder: DeployRecorder; runUrl?: string } | undefined {
  const token = i.env.GITHUB_TOKEN?.trim();
  if (!inGitHubActions(i.env) || !token) return undefined;
  const context = readGitHubContext(i.env, i.cwd);
  const environmentUrl = environmentUrlOf(i.target, i.name);
  const recorder = new GitHubDeployments({
    octokit: createClient({ token, env: i.env, ...(i.progress ? { onWait: i.progress } : {}) }),
    context,
    ...(environmentUrl ? { environmentUrl } : {}),
    ...(i.progress ? { log: i.progress } : {}),
    warn: (m) => {
      core.warning(m);
    },
  });
  return { recorder, ...(context.runUrl ? { runUrl: context.runUrl } : {}) };
}
