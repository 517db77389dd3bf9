import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binaryWorkspace, check, FEATURES, runModel, write } from "./harness.js";

/**
 * The default baseline inside a pull request, against real repositories: an `origin` whose base
 * commit holds model.onnx (the baseline) and whose head commit replaces it with a clearly worse
 * model, cloned in full and as `actions/checkout` clones by default (`--depth 1`).
 */
let dir: string;
let origin: string;
let base: string;
let head: string;

const git = (cwd: string, ...a: string[]): string =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@e", "-c", "init.defaultBranch=main", ...a], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();

const args = ["model", "--candidate", "models/model.onnx", "--data", "eval.csv", "--label", "y", "--task", "binary"];
const FIX = "set `fetch-depth: 0` on actions/checkout, or name the baseline with `baseline:` (--baseline)";

/** Runs the gate in `clone` as a pull_request job with `base` as the base commit. */
async function inPullRequest(clone: string, env: NodeJS.ProcessEnv = {}, extra: string[] = []) {
  write(clone, "event.json", JSON.stringify({ pull_request: { base: { sha: base } } }));
  return runModel([...args, "--features", FEATURES, ...extra], clone, {
    GITHUB_EVENT_PATH: path.join(clone, "event.json"),
    ...env,
  });
}

function clone(name: string, ...flags: string[]): string {
  const to = path.join(dir, name);
  git(dir, "clone", "-q", ...flags, `file://${origin}`, to);
  return to;
}

/** Makes git speak protocol v0, where a server refuses unadvertised commits unless configured to allow them. */
const PROTOCOL_V0: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "protocol.version", GIT_CONFIG_VALUE_0: "0" };

beforeAll(() => {
  dir = binaryWorkspace();
  origin = path.join(dir, "origin");
  mkdirSync(path.join(origin, "models"), { recursive: true });
  git(origin, "init", "-q");
  copyFileSync(path.join(dir, "eval.csv"), path.join(origin, "eval.csv"));
  copyFileSync(path.join(dir, "baseline.onnx"), path.join(origin, "models/model.onnx"));
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "base");
  base = git(origin, "rev-parse", "HEAD");
  copyFileSync(path.join(dir, "worse.onnx"), path.join(origin, "models/model.onnx"));
  copyFileSync(path.join(dir, "same.onnx"), path.join(origin, "models/new.onnx"));
  git(origin, "add", ".");
  git(origin, "commit", "-q", "-m", "head: a worse model and a new one");
  head = git(origin, "rev-parse", "HEAD");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the default baseline (the candidate's path at the pull request's base commit)", () => {
  const baselineSha = (): string =>
    createHash("sha256")
      .update(readFileSync(path.join(dir, "baseline.onnx")))
      .digest("hex");

  it("a full clone finds the regression and names the baseline in the summary", async () => {
    const full = clone("full");
    const r = await inPullRequest(full);
    expect(r.code).toBe(1);
    expect(check(r.report, "metric.roc_auc").status).toBe("fail");
    expect(r.report?.subjects?.[1]?.path).toBe(`git:${base}:models/model.onnx`);
    expect(r.report?.summary).toMatch(
      new RegExp(
        `^candidate roc_auc 0\\.5\\d* vs baseline 0\\.74\\d* \\(Δ -0\\.1\\d+, 95% CI [^)]+\\) on 5,000 rows; baseline git:${base.slice(0, 7)}:models/model\\.onnx \\(sha256 ${baselineSha().slice(0, 12)}\\); failed: metric\\.roc_auc$`,
      ),
    );
  });

  it("a shallow clone fetches the one base commit and finds the regression; the clone stays shallow", async () => {
    const shallow = clone("shallow", "--depth", "1");
    expect(() => git(shallow, "cat-file", "-e", `${base}^{commit}`)).toThrow();
    const r = await inPullRequest(shallow);
    expect(r.code).toBe(1);
    expect(check(r.report, "metric.roc_auc").status).toBe("fail");
    expect(r.report?.summary).toContain(
      `; baseline git:${base.slice(0, 7)}:models/model.onnx (sha256 ${baselineSha().slice(0, 12)})`,
    );
    expect(git(shallow, "rev-parse", "--is-shallow-repository")).toBe("true");
    expect(git(shallow, "rev-parse", "HEAD")).toBe(head);
  });

  it("a shallow clone whose remote refuses the commit stops with exit 2 and names the fix", async () => {
    const shallow = clone("refused", "--depth", "1");
    const r = await inPullRequest(shallow, PROTOCOL_V0);
    expect(r.code).toBe(2);
    expect(r.report?.status).toBe("error");
    expect(r.stderr).toBe(
      `mlgate model: the default baseline (models/model.onnx at the pull request's base commit ${base.slice(0, 7)}) cannot be read: commit ${base.slice(0, 7)} is not in this shallow clone and \`git fetch --depth=1 origin ${base}\` could not fetch it (error: Server does not allow request for unadvertised object ${base}); ${FIX}\n`,
    );
  });

  it("the same remote allowing reachable commits by SHA (uploadpack.allowReachableSHA1InWant) serves it", async () => {
    git(origin, "config", "uploadpack.allowReachableSHA1InWant", "true");
    try {
      const shallow = clone("allowed", "--depth", "1");
      const r = await inPullRequest(shallow, PROTOCOL_V0);
      expect(r.code).toBe(1);
      expect(check(r.report, "metric.roc_auc").status).toBe("fail");
    } finally {
      git(origin, "config", "--unset", "uploadpack.allowReachableSHA1InWant");
    }
  });

  it("a shallow clone with no remote to fetch from stops with exit 2", async () => {
    const shallow = clone("orphan", "--depth", "1");
    git(shallow, "remote", "remove", "origin");
    const r = await inPullRequest(shallow);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `mlgate model: the default baseline (models/model.onnx at the pull request's base commit ${base.slice(0, 7)}) cannot be read: commit ${base.slice(0, 7)} is not in this shallow clone, which has no origin remote to fetch it from; ${FIX}\n`,
    );
  });

  it("a model the base commit did not have is new: absolute thresholds only, and the summary says so", async () => {
    const full = path.join(dir, "full");
    write(full, "event.json", JSON.stringify({ pull_request: { base: { sha: base } } }));
    const r = await runModel(
      [
        "model",
        "--candidate",
        "models/new.onnx",
        "--data",
        "eval.csv",
        "--label",
        "y",
        "--task",
        "binary",
        "--features",
        FEATURES,
      ],
      full,
      { GITHUB_EVENT_PATH: path.join(full, "event.json") },
    );
    expect(r.code).toBe(0);
    expect(r.report?.subjects).toHaveLength(1);
    expect(check(r.report, "metric.roc_auc").message).toMatch(/^roc_auc 0\.74\d*; no baseline to compare with$/);
    expect(r.report?.summary).toMatch(
      new RegExp(
        `^candidate roc_auc 0\\.74\\d* on 5,000 rows; no baseline \\(models/new\\.onnx did not exist at the base commit ${base.slice(0, 7)}: a new model\\): absolute thresholds only; 1 checks passed or skipped$`,
      ),
    );
  });

  it("outside a pull request, and with --baseline none, the summary says why there is no baseline", async () => {
    const full = path.join(dir, "full");
    const plain = await runModel([...args, "--features", FEATURES], full);
    expect(plain.code).toBe(0);
    expect(plain.report?.summary).toContain(
      "; no baseline (not a pull request, and no --baseline given): absolute thresholds only;",
    );
    const none = await inPullRequest(full, {}, ["--baseline", "none"]);
    expect(none.code).toBe(0);
    expect(none.report?.summary).toContain("; no baseline (--baseline none): absolute thresholds only;");
  });
});

describe("an explicit git: baseline that cannot be read is always exit 2", () => {
  it("a ref that would be an option to git fetch is refused and runs nothing", async () => {
    const shallow = clone("option", "--depth", "1");
    const spec = "git:origin/--upload-pack=touch pwned;git-upload-pack:models/model.onnx";
    const r = await runModel([...args, "--features", FEATURES, "--baseline", spec], shallow);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mlgate model: --baseline ${spec}: the ref starts with "-"; name a branch, tag or commit\n`);
    expect(existsSync(path.join(shallow, "pwned"))).toBe(false);
  });

  it("a ref the shallow clone lacks is fetched; a missing ref or file stops the gate", async () => {
    const shallow = clone("explicit", "--depth", "1");
    const fetched = await runModel([...args, "--features", FEATURES, "--baseline", `git:${base}:models/model.onnx`], shallow);
    expect(fetched.code).toBe(1);
    expect(fetched.report?.summary).toContain(`; baseline git:${base.slice(0, 7)}:models/model.onnx (sha256 `);
    // A branch a single-branch shallow clone never fetched (made here: a branch tip is advertised,
    // which would let protocol v0 serve the base commit in the tests above).
    git(origin, "branch", "release", base);
    const byName = await runModel([...args, "--features", FEATURES, "--baseline", "git:release:models/model.onnx"], shallow);
    expect(byName.code).toBe(1);
    expect(byName.report?.summary).toContain(`; baseline git:release:models/model.onnx at ${base.slice(0, 7)} (sha256 `);
    const same = await runModel([...args, "--features", FEATURES, "--baseline", "git:HEAD:models/model.onnx"], shallow);
    expect(same.code).toBe(0);
    expect(same.report?.summary).toContain(`; baseline git:HEAD:models/model.onnx at ${head.slice(0, 7)} (sha256 `);
    const noRef = await runModel(
      [...args, "--features", FEATURES, "--baseline", "git:no-such-branch:models/model.onnx"],
      shallow,
    );
    expect(noRef.code).toBe(2);
    expect(noRef.stderr).toMatch(
      /^mlgate model: --baseline git:no-such-branch:models\/model\.onnx: ref no-such-branch is not in this shallow clone and `git fetch --depth=1 origin no-such-branch` could not fetch it \(fatal: couldn't find remote ref no-such-branch\); set `fetch-depth: 0`/,
    );
    const noFile = await runModel([...args, "--features", FEATURES, "--baseline", `git:${base}:models/new.onnx`], shallow);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toBe(
      `mlgate model: --baseline git:${base}:models/new.onnx: models/new.onnx does not exist at commit ${base.slice(0, 7)}\n`,
    );
  });
});
