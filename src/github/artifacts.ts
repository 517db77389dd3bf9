import path from "node:path";
import { safeRegExp, type SafeRegExp } from "../core/safe-regex.js";
import type { GitHubContext } from "./context.js";

/**
 * `mlgate-*` style artifact name patterns: `*` and `?` only, matched against the whole name. On RE2:
 * the names come from the run under review, and `*a*a*a*b` on RegExp backtracks on a long one.
 */
export function namePattern(glob: string): SafeRegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return safeRegExp(`^${body}$`);
}

export interface DownloadedArtifact {
  name: string;
  id: number;
  dir: string;
}

/**
 * Downloads the report artifacts of another workflow run (the one that triggered this workflow_run
 * job) with the token, into one folder per artifact. Only files are fetched; nothing in them runs.
 */
export async function downloadRunArtifacts(
  ctx: GitHubContext,
  o: { token: string; runId: number; pattern: string; dest: string; log?: (m: string) => void },
): Promise<DownloadedArtifact[]> {
  // Loaded on demand: the artifact client is large and only `mlgate publish` needs it.
  const { DefaultArtifactClient } = await import("@actions/artifact");
  const client = new DefaultArtifactClient();
  const findBy = { token: o.token, workflowRunId: o.runId, repositoryOwner: ctx.owner, repositoryName: ctx.repo };
  const { artifacts } = await client.listArtifacts({ latest: true, findBy });
  const re = namePattern(o.pattern);
  const out: DownloadedArtifact[] = [];
  for (const a of artifacts.filter((x) => re.test(x.name)).sort((x, y) => x.name.localeCompare(y.name))) {
    const dir = path.join(o.dest, a.name.replace(/[^A-Za-z0-9._-]+/g, "_"));
    o.log?.(`downloading artifact ${a.name} (${a.size} bytes) from run ${o.runId}`);
    await client.downloadArtifact(a.id, { path: dir, findBy });
    out.push({ name: a.name, id: a.id, dir });
  }
  return out;
}
