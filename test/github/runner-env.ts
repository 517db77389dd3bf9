import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../support/cli.js";
import type { GitHubDouble } from "../github-double/server.js";

export const REPO = "octo-org/octo-repo";
export const HEAD_SHA = "1111111111111111111111111111111111111111";
export const BASE_SHA = "2222222222222222222222222222222222222222";
/** What GITHUB_SHA is on pull_request: the merge commit, which check runs must not go on. */
export const MERGE_SHA = "3333333333333333333333333333333333333333";
export const PR = 7;
export const RUN_ID = 4242;

export function pullRequestEvent(o: { headRepo?: string | null; number?: number; headSha?: string } = {}): object {
  const headRepo = o.headRepo === undefined ? REPO : o.headRepo;
  return {
    action: "synchronize",
    number: o.number ?? PR,
    pull_request: {
      number: o.number ?? PR,
      head: { sha: o.headSha ?? HEAD_SHA, ref: "feature", repo: headRepo === null ? null : { full_name: headRepo } },
      base: { sha: BASE_SHA, ref: "main", repo: { full_name: REPO } },
    },
  };
}

export function workflowRunEvent(o: {
  runId: number;
  headSha: string;
  pr?: number;
  headRepo?: string;
  headBranch?: string;
}): object {
  const headRepo = o.headRepo ?? REPO;
  return {
    action: "completed",
    workflow_run: {
      id: o.runId,
      event: "pull_request",
      head_sha: o.headSha,
      head_branch: o.headBranch ?? "feature",
      head_repository: { full_name: headRepo, owner: { login: headRepo.split("/")[0] } },
      pull_requests: o.pr === undefined ? [] : [{ number: o.pr, head: { sha: o.headSha }, base: { sha: BASE_SHA } }],
    },
  };
}

export interface RunnerFiles {
  dir: string;
  summary: string;
  output: string;
  env: NodeJS.ProcessEnv;
}

/** The environment the runner gives a step, with fresh summary and output files, pointed at the double. */
export function runnerEnv(gh: GitHubDouble, eventName: string, event: object, extra: NodeJS.ProcessEnv = {}): RunnerFiles {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-gh-"));
  const eventPath = path.join(dir, "event.json");
  writeFileSync(eventPath, JSON.stringify(event));
  const summary = path.join(dir, "summary.md");
  const output = path.join(dir, "output.txt");
  writeFileSync(summary, "");
  writeFileSync(output, "");
  return {
    dir,
    summary,
    output,
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: REPO,
      GITHUB_RUN_ID: String(RUN_ID),
      GITHUB_SHA: MERGE_SHA,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      GITHUB_WORKSPACE: ROOT,
      RUNNER_TEMP: dir,
      GITHUB_TOKEN: "ghs_loopbacktoken",
      MLGATE_RETRY_SCALE: "0.01",
      ...extra,
    },
  };
}

/** `name<<delim\nvalue\ndelim` blocks of a GITHUB_OUTPUT file, as the runner parses them. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] ?? ""] = m[3] ?? "";
  return out;
}
