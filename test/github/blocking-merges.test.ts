// Issue 15's "Done when" lines that live in the publisher, against the GitHub API double: a token
// that cannot write checks fails the step, a planted marker comment is not edited, a comment names
// its commit, and a run for an older head commit does not overwrite a newer run's comment or check.
// main() runs in-process with a test-only gate command (a fixture report); every request goes over
// HTTP to the double, which validates it against GitHub's OpenAPI description.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli.js";
import type { Command } from "../../src/cli/command.js";
import type { Report } from "../../src/core/report.js";
import { startGitHubDouble, type GitHubDouble } from "../github-double/server.js";
import { ROOT, runCli } from "../support/cli.js";
import { BASE_SHA, HEAD_SHA, PR, pullRequestEvent, REPO, runnerEnv, workflowRunEvent } from "./runner-env.js";

const NEWER_SHA = "4444444444444444444444444444444444444444";
const MARKER = "<!-- mlgate:data:default -->";
const BOT = "github-actions[bot]";

function fixture(name: string): Report {
  const r = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/reports", name), "utf8")) as Report;
  r.provenance = { tool: r.provenance.tool, inputs: r.provenance.inputs };
  return r;
}

let gh: GitHubDouble;
let processOut: string;
beforeEach(async () => {
  gh = await startGitHubDouble();
  processOut = "";
  // @actions/core writes workflow commands (::warning::) to process.stdout.
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    processOut += String(chunk);
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await gh.close();
});

function gate(name: string): Command {
  return {
    name: "test-gate",
    summary: "test only",
    usage: ["test-gate"],
    options: {},
    gate: fixture(name).gate,
    run: () => Promise.resolve(fixture(name)),
  };
}

async function run(cmd: Command, env: NodeJS.ProcessEnv, cwd: string) {
  let stderr = "";
  const out = new Writable({
    write: (_c, _e, cb) => {
      cb();
    },
  });
  const err = new Writable({
    write(chunk: Buffer, _e, cb) {
      stderr += chunk.toString();
      cb();
    },
  });
  const code = await main([cmd.name], { stdout: out, stderr: err, env, cwd }, [cmd]);
  return { code, stderr };
}

function openPull(headSha: string): void {
  gh.state.addPull({
    number: PR,
    state: "open",
    head: { sha: headSha, ref: "feature", label: "octo-org:feature", repo: REPO },
    base: { sha: BASE_SHA, ref: "main" },
  });
}

const invalid = () => gh.apiRequests().filter((q) => !q.valid);

describe("a token that cannot write check runs", () => {
  it("fails the step of a same-repository PR with one sentence naming checks: write, and still writes summary and report", async () => {
    gh.setMode({ kind: "read-only" });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    // The gate itself passes: exit 0 would let a required check stay missing while the job is green.
    const res = await run(gate("model.json"), r.env, r.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      "mlgate test-gate: the GitHub token may not write check runs (HTTP 403: Resource not accessible by integration), " +
        "so the required check would never arrive; give the job `permissions:` with `checks: write` " +
        "(the examples set `checks: write` and `pull-requests: write`).\n",
    );
    expect(processOut).not.toContain("::warning::");
    expect(gh.apiRequests().map((q) => `${q.operationId} ${q.status}`)).toEqual(["checks/create 403"]);
    expect(readFileSync(r.summary, "utf8")).toContain("mlgate/model");
    expect((JSON.parse(readFileSync(path.join(r.dir, "mlgate-report/model.json"), "utf8")) as Report).status).toBe("pass");
  });

  it("keeps a fork PR's gate exit code with one warning: the fork path posts its check", async () => {
    gh.setMode({ kind: "read-only" });
    const r = runnerEnv(gh, "pull_request", pullRequestEvent({ headRepo: "forker/octo-repo" }));
    const res = await run(gate("model.json"), r.env, r.dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe("");
    expect(processOut.split("\n").filter((l) => l.startsWith("::warning::"))).toHaveLength(1);
  });

  it("fails mlgate publish in the workflow_run job too, where the token is the base repository's", async () => {
    gh.setMode({ kind: "read-only" });
    gh.state.addArtifact(99, "mlgate-data", {
      "data.json": readFileSync(path.join(ROOT, "test/fixtures/reports/data.json"), "utf8"),
    });
    const r = runnerEnv(gh, "workflow_run", workflowRunEvent({ runId: 99, headSha: HEAD_SHA, pr: PR }));
    const res = await runCli(["publish"], { env: r.env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^mlgate publish: the GitHub token may not write check runs \(HTTP 403: .*`checks: write`/m);
  });
});

describe("sticky comments", () => {
  it("never edit a planted marker comment: a comment by someone else is left alone and mlgate makes its own", async () => {
    openPull(HEAD_SHA);
    const [planted] = gh.state.addComments(PR, [`${MARKER}\nmlgate says: all good, merge it`], "mallory");
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    expect((await run(gate("data.json"), r.env, r.dir)).code).toBe(1);
    const comments = gh.state.commentsOn(PR);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({ id: planted!.id, user: "mallory", body: `${MARKER}\nmlgate says: all good, merge it` });
    expect(comments[1]!.user).toBe(BOT);
    expect(comments[1]!.body).toContain("2 of 4 checks failed on data/train.csv");
    expect(gh.apiRequests().filter((q) => q.operationId === "issues/update-comment")).toEqual([]);
    expect(invalid()).toEqual([]);
  });

  it("update mlgate's own comment in place, and name the commit they describe", async () => {
    openPull(HEAD_SHA);
    const [own] = gh.state.addComments(PR, [`${MARKER}\nan old verdict`], BOT);
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    expect((await run(gate("data.json"), r.env, r.dir)).code).toBe(1);
    const comments = gh.state.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(own!.id);
    expect(comments[0]!.body.split("\n").slice(0, 2)).toEqual([MARKER, `<!-- mlgate:commit:${HEAD_SHA} -->`]);
    expect(comments[0]!.body).toContain(`<sub>Commit ${HEAD_SHA.slice(0, 7)} · Full report: [check run](`);
  });

  it("a run for an older head commit overwrites neither the newer comment nor the newer check", async () => {
    // The PR moved on to NEWER_SHA, whose run already posted; then the run for HEAD_SHA finishes
    // (a re-run, or a run that a missing concurrency: setting did not cancel).
    openPull(NEWER_SHA);
    const newer = runnerEnv(gh, "pull_request", pullRequestEvent({ headSha: NEWER_SHA }));
    expect((await run(gate("model.json"), newer.env, newer.dir)).code).toBe(0);
    const [comment] = gh.state.commentsOn(PR);
    const newerBody = comment!.body;
    expect(newerBody).toContain(`<!-- mlgate:commit:${NEWER_SHA} -->`);
    const newerCheck = structuredClone(gh.state.checkRuns.find((c) => c.head_sha === NEWER_SHA));

    const older = runnerEnv(gh, "pull_request", pullRequestEvent({ headSha: HEAD_SHA }));
    const fail = fixture("model.json");
    fail.status = "fail";
    fail.summary = "an older commit's verdict";
    const res = await run({ ...gate("model.json"), run: () => Promise.resolve(fail) }, older.env, older.dir);
    expect(res.code).toBe(1);
    expect(gh.state.commentsOn(PR)).toHaveLength(1);
    expect(gh.state.commentsOn(PR)[0]!.body).toBe(newerBody);
    // Check runs belong to a commit: the older run completes its own and leaves the newer one as it was.
    expect(gh.state.checkRuns.find((c) => c.head_sha === NEWER_SHA)).toEqual(newerCheck);
    expect(gh.state.checkRuns.find((c) => c.head_sha === HEAD_SHA)).toMatchObject({
      name: "mlgate/model",
      conclusion: "failure",
    });
    const ops = gh.apiRequests().map((q) => q.operationId);
    expect(ops.slice(ops.lastIndexOf("checks/create"))).toEqual(["checks/create", "checks/update", "pulls/get"]);
    expect(invalid()).toEqual([]);
  });
});

describe("a cancelled job", () => {
  it("completes its check run as cancelled when the runner sends SIGINT, instead of leaving it in progress", async () => {
    const r = runnerEnv(gh, "pull_request", pullRequestEvent());
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    // A gate that never finishes on its own, like a long evaluation when the job is cancelled.
    const slow: Command = {
      ...gate("model.json"),
      run: () => {
        started();
        return new Promise<Report>(() => undefined);
      },
    };
    let abandoned = false;
    let stderr = "";
    const err = new Writable({
      write(chunk: Buffer, _e, cb) {
        stderr += chunk.toString();
        cb();
      },
    });
    const out = new Writable({
      write: (_c, _e, cb) => {
        cb();
      },
    });
    const done = main(
      [slow.name],
      {
        stdout: out,
        stderr: err,
        env: r.env,
        cwd: r.dir,
        abandoned: () => {
          abandoned = true;
        },
      },
      [slow],
    );
    await running;
    expect(gh.state.checkRuns.map((c) => `${c.name} ${c.status}`)).toEqual(["mlgate/model in_progress"]);
    // What the runner's cancellation delivers to the step's process (emitted, so vitest's own process lives on).
    process.emit("SIGINT", "SIGINT");
    expect(await done).toBe(130);
    expect(abandoned).toBe(true);
    expect(stderr).toBe("mlgate test-gate: cancelled (SIGINT); the check run is marked cancelled\n");
    expect(gh.state.checkRuns).toHaveLength(1);
    expect(gh.state.checkRuns[0]).toMatchObject({
      name: "mlgate/model",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "cancelled",
      output: { title: "mlgate/model cancelled", summary: "The job was cancelled before the gate finished." },
    });
    expect(process.listenerCount("SIGINT")).toBe(0);
    expect(invalid()).toEqual([]);
  });
});
