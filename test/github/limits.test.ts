// GitHub's size limits and the publish settings of mlgate.yml, through the real CLI and the double.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Check, Report } from "../../src/core/report.js";
import { runCli } from "../support/cli.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { HEAD_SHA, PR, pullRequestEvent, runnerEnv } from "./runner-env.js";

let gh: GitHubDouble;
beforeEach(async () => {
  gh = await startGitHubDouble();
});
afterEach(async () => {
  await gh.close();
});

function report(checks: Check[], status: Report["status"]): Report {
  return {
    schemaVersion: 1,
    gate: "data",
    status,
    summary: `${checks.length} checks`,
    subject: { path: "data/train.csv", sha256: "a".repeat(64) },
    checks,
    provenance: { tool: "mlgate 0.1.0", inputs: {}, headSha: HEAD_SHA, pullRequest: PR },
  };
}

function write(dir: string, r: Report, name = "data.json"): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(r));
  return file;
}

describe("limits and publish settings", () => {
  it("cuts a huge report to GitHub's limits and links to the check run and the run's artifact", async () => {
    const checks: Check[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `rule.r${i}`,
      title: `rule ${i} ${"x".repeat(150)}`,
      status: "fail",
      observed: "y".repeat(70),
      examples: [{ line: i + 2, value: "z" }],
    }));
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const file = write(r.dir, report(checks, "fail"));
    const res = await runCli(["publish", "--report", file, "--allow-outside-workspace"], { env: r.env });
    expect(res.code).toBe(0);
    const body = gh.state.commentsOn(PR)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(
      /… [\d,]+ more rows — \[full report in the artifact\]\(https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/4242\)/,
    );
    const run = gh.state.checkRuns[0]!;
    expect(body).toContain(`[check run](https://github.com/octo-org/octo-repo/runs/${run.id})`);
    expect(run.output.text!.length).toBeLessThanOrEqual(65_535);
    expect(run.output.text).toContain("more rows");
    // max_annotations defaults to 200: 4 updates of 50.
    expect(run.annotations).toHaveLength(200);
    expect(gh.apiRequests().every((q) => q.valid)).toBe(true);
  });

  it("honours publish.comment: on-failure (no comment for a pass) and max_annotations", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const config = path.join(r.dir, "mlgate.yml");
    writeFileSync(config, "version: 1\npublish:\n  comment: on-failure\n  max_annotations: 7\n");
    const passing = write(r.dir, report([{ id: "rule.ok", title: "ok", status: "pass" }], "pass"), "data.json");
    const args = ["publish", "--config", config, "--allow-outside-workspace"];
    expect((await runCli([...args, "--report", passing], { env: r.env })).code).toBe(0);
    expect(gh.state.comments).toEqual([]);
    expect(gh.state.checkRuns[0]!.conclusion).toBe("success");

    const failing = report(
      [{ id: "rule.bad", title: "bad", status: "fail", examples: Array.from({ length: 30 }, (_, i) => ({ line: i + 2 })) }],
      "fail",
    );
    expect((await runCli([...args, "--report", write(r.dir, failing)], { env: r.env })).code).toBe(0);
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]!.conclusion).toBe("failure");
    expect(gh.state.checkRuns[0]!.annotations).toHaveLength(7);
  });

  it("hides the comment when the gate passes and shows it again when it fails (publish.hide_on_pass)", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const config = path.join(r.dir, "mlgate.yml");
    writeFileSync(config, "publish:\n  hide_on_pass: true\n");
    const args = ["publish", "--config", config, "--allow-outside-workspace", "--report"];
    const failing = report([{ id: "rule.bad", title: "bad", status: "fail" }], "fail");
    const passing = report([{ id: "rule.bad", title: "bad", status: "pass" }], "pass");
    const state = (): (string | undefined)[] => gh.state.commentsOn(PR).map((c) => c.minimized);

    expect((await runCli([...args, write(r.dir, failing)], { env: r.env })).code).toBe(0);
    expect(state()).toEqual([undefined]);
    expect(gh.requests.filter((q) => q.kind === "graphql")).toEqual([]);
    expect((await runCli([...args, write(r.dir, passing)], { env: r.env })).code).toBe(0);
    expect(state()).toEqual(["OUTDATED"]);
    expect((await runCli([...args, write(r.dir, failing)], { env: r.env })).code).toBe(0);
    expect(state()).toEqual([undefined]);
    const mutations = gh.requests.filter((q) => q.kind === "graphql");
    expect(mutations.map((q) => [q.valid, q.status])).toEqual([
      [true, 200],
      [true, 200],
    ]);
    expect((mutations[0]!.body as { query: string }).query).toContain(
      "minimizeComment(input: { subjectId: $id, classifier: OUTDATED })",
    );
  });

  it("posts no comment on a push (no pull request), only the check run", async () => {
    const r = runnerEnv(gh, "push", { ref: "refs/heads/main" }, { GITHUB_SHA: HEAD_SHA });
    const noPr = report([{ id: "rule.ok", title: "ok", status: "pass" }], "pass");
    delete noPr.provenance.pullRequest;
    const res = await runCli(["publish", "--report", write(r.dir, noPr), "--allow-outside-workspace"], { env: r.env });
    expect(res.code).toBe(0);
    expect(gh.state.checkRuns.map((c) => c.head_sha)).toEqual([HEAD_SHA]);
    expect(gh.apiRequests().some((q) => q.operationId?.startsWith("issues/"))).toBe(false);
  });

  it("rejects a report that does not match the report schema (exit 2) before sending anything", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    const file = path.join(r.dir, "data.json");
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, gate: "data", status: "pass", summary: "x", checks: [] }));
    const res = await runCli(["publish", "--report", file, "--allow-outside-workspace"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /^mlgate publish: .*data\.json: is not a valid mlgate report: must have required property 'provenance'\n$/,
    );
    expect(gh.requests).toEqual([]);
  });
});
