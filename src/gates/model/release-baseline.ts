/**
 * `--baseline release:<asset>` (the latest release) or `release:<tag>:<asset>`: the model attached to
 * a GitHub release of this repository — "compare with what we shipped". Read with the REST API
 * (`GITHUB_API_URL`, `GITHUB_REPOSITORY`, and `GITHUB_TOKEN` when set, as in Actions) into a
 * temporary file the gate removes when done.
 */
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { TOOL } from "../../core/report.js";
import { toTemp, type ResolvedBaseline } from "./baseline.js";

interface Release {
  tag_name: string;
  assets: { name: string; url: string }[];
}

export function isReleaseSpec(spec: string | undefined): spec is string {
  return spec?.startsWith("release:") ?? false;
}

export async function releaseBaseline(
  spec: string,
  env: NodeJS.ProcessEnv,
  progress: (m: string) => void = () => undefined,
): Promise<ResolvedBaseline> {
  const rest = spec.slice("release:".length);
  const colon = rest.lastIndexOf(":");
  const tag = colon >= 0 ? rest.slice(0, colon) : undefined;
  const asset = colon >= 0 ? rest.slice(colon + 1) : rest;
  const fail = (why: string): ConfigurationError => new ConfigurationError(`--baseline ${spec}: ${why}`);
  if (asset === "" || tag === "") throw fail("write release:<asset> (latest release) or release:<tag>:<asset>");
  const repo = env.GITHUB_REPOSITORY;
  if (!repo || !/^[^/\s]+\/[^/\s]+$/.test(repo))
    throw fail("needs GITHUB_REPOSITORY (owner/repo), which GitHub Actions sets; outside Actions set it yourself");
  const api = (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  const headers = (accept: string): Record<string, string> => ({
    accept,
    "user-agent": TOOL,
    "x-github-api-version": "2022-11-28",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const get = async (url: string, accept: string): Promise<Response> => {
    try {
      return await fetch(url, { headers: headers(accept), redirect: "follow", signal: AbortSignal.timeout(600_000) });
    } catch (e) {
      throw fail(`cannot reach ${api} (${errorMessage(e)})`);
    }
  };
  const which = tag ? `release ${tag}` : "the latest release";
  const res = await get(
    `${api}/repos/${repo}/releases/${tag ? `tags/${encodeURIComponent(tag)}` : "latest"}`,
    "application/vnd.github+json",
  );
  if (res.status === 404) throw fail(tag ? `${repo} has no release tagged ${tag}` : `${repo} has no published release`);
  if (res.status === 401 || res.status === 403)
    throw fail(`reading the releases of ${repo} was refused (HTTP ${res.status}); give the job a token with contents: read`);
  if (!res.ok) throw fail(`reading ${which} of ${repo} failed (HTTP ${res.status})`);
  const release = (await res.json()) as Release;
  const found = release.assets.find((a) => a.name === asset);
  if (!found) {
    const names = release.assets.map((a) => a.name);
    throw fail(
      `release ${release.tag_name} of ${repo} has no asset named ${asset} (${names.length ? `it has ${names.join(", ")}` : "it has none"})`,
    );
  }
  progress(`downloading the baseline ${asset} from release ${release.tag_name} of ${repo}`);
  const download = await get(found.url, "application/octet-stream");
  if (!download.ok) throw fail(`downloading ${asset} from release ${release.tag_name} failed (HTTP ${download.status})`);
  const file = toTemp(Buffer.from(await download.arrayBuffer()), asset);
  const display = `release:${release.tag_name}:${asset}`;
  return { file, display, origin: display, temporary: true };
}
