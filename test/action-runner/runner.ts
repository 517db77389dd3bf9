import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { parseAnnotations, parseKeyValueFile, parsePathFile, type Annotation } from "./command-files.js";
import { condition, interpolate, type Contexts, type EvalState } from "./expressions.js";
import { LOCAL_ACTIONS, artifactsDir, saveCaches, type LocalActionEnv } from "./local-actions.js";

/**
 * Runs a composite action.yml the way the GitHub runner does, on this machine: `${{ }}` through
 * @actions/expressions, `run:` steps in their shell with the runner's command files, `if:`, step
 * outputs and the action's `outputs.*.value`. The `uses:` steps it knows are local stand-ins
 * (local-actions.ts); any other `uses:` fails the run loudly.
 */
export interface RunActionOptions {
  /** Folder holding action.yml. */
  actionDir: string;
  /** The step's `with:` values (already strings, as a workflow passes them). */
  inputs?: Record<string, string>;
  /** GITHUB_WORKSPACE and the working directory of run steps. */
  workspace: string;
  /** Extra process environment (e.g. GITHUB_API_URL of a test double). */
  env?: Record<string, string>;
  /** The `github` context: token, repository, event_name, event, sha, run_id, … */
  github?: Record<string, unknown>;
  runnerTemp?: string;
  /** Folder of actions/cache's local equivalent; shared between runs to test cache hits. */
  cacheDir?: string;
  /** Artifact folders of other runs, by run id, for actions/download-artifact with run-id. */
  otherRuns?: Record<string, string>;
  /**
   * Local checkouts of action repositories by `owner/name`: `uses: owner/name/path@ref` then runs
   * `<folder>/path/action.yml` as a nested composite action (how the example workflows reach mlgate).
   */
  actionRepos?: Record<string, string>;
  /** Repositories by `owner/name` that actions/checkout copies (a fork PR's head, checked out as data). */
  repoCheckouts?: Record<string, string>;
  /** The `matrix` context (workflow jobs). */
  matrix?: Record<string, unknown>;
  timeoutMs?: number;
}

export interface StepResult {
  id: string;
  name: string;
  kind: "run" | "uses";
  uses?: string;
  skipped: boolean;
  outcome: "success" | "failure" | "skipped";
  exitCode?: number;
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  /** The script as the shell received it, after `${{ }}` substitution. */
  script?: string;
  /** The step's own `env:` after substitution (what a test checks an input travelled through). */
  env: Record<string, string>;
  /** The steps of a nested composite action. */
  nested?: StepResult[];
}

export interface RunActionResult {
  /** "skipped" only for a workflow job whose `if:` is false. */
  conclusion: "success" | "failure" | "skipped";
  outputs: Record<string, string>;
  steps: StepResult[];
  /** The job summary: every step's GITHUB_STEP_SUMMARY, in order. */
  summary: string;
  /** name -> folder under <runner temp>/artifacts. */
  artifacts: Record<string, string>;
  annotations: Annotation[];
  warnings: string[];
  runnerTemp: string;
  savedCaches: string[];
}

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  "working-directory"?: string;
  "continue-on-error"?: boolean | string;
}

interface ActionFile {
  inputs?: Record<string, { default?: unknown; required?: boolean }>;
  outputs?: Record<string, { value?: string }>;
  runs?: { using?: string; steps?: ActionStep[] };
}

const SHELLS: Record<string, string> = {
  bash: "bash --noprofile --norc -eo pipefail {0}",
  sh: "sh -e {0}",
  python: "python3 {0}",
};

/** A minimal process environment, as a fresh runner has, so the test's own variables do not leak. */
function baseEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT"]) {
    const v = process.env[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** GITHUB_REF, GITHUB_REF_NAME, GITHUB_REF_TYPE and GITHUB_ACTOR for the context's string fields. */
function refEnv(github: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const names = { ref: "GITHUB_REF", ref_name: "GITHUB_REF_NAME", ref_type: "GITHUB_REF_TYPE", actor: "GITHUB_ACTOR" };
  for (const [k, v] of Object.entries(names)) if (typeof github[k] === "string") out[v] = github[k];
  return out;
}

/** A YAML scalar as the runner sees it: always a string (`default: false` is "false"). */
function scalar(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

function stringRecord(obj: Record<string, unknown> | undefined, render: (v: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj ?? {})) out[k] = render(scalar(v));
  return out;
}

function exec(
  command: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}

export async function runAction(opts: RunActionOptions): Promise<RunActionResult> {
  const actionDir = path.resolve(opts.actionDir);
  const action = parse(readFileSync(path.join(actionDir, "action.yml"), "utf8")) as ActionFile;
  return runComposite(action, actionDir, opts);
}

async function runComposite(action: ActionFile, actionDir: string, opts: RunActionOptions): Promise<RunActionResult> {
  if (action.runs?.using !== "composite") throw new Error(`${actionDir}/action.yml is not a composite action`);
  const runnerTemp = opts.runnerTemp ?? mkdtempSync(path.join(os.tmpdir(), "mlgate-runner-"));
  mkdirSync(runnerTemp, { recursive: true });
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const state: EvalState = { failed: false, workspace: opts.workspace };
  const warnings: string[] = [];

  const runner = {
    os: "Linux",
    arch: os.arch() === "arm64" ? "ARM64" : "X64",
    temp: runnerTemp,
    name: "mlgate-local",
    environment: "self-hosted",
    tool_cache: path.join(runnerTemp, "tool-cache"),
  };
  const github: Record<string, unknown> = {
    action_path: actionDir,
    workspace: opts.workspace,
    repository: "octo-org/octo-repo",
    repository_owner: "octo-org",
    event_name: "push",
    event: {},
    sha: "0".repeat(40),
    run_id: "1",
    run_attempt: "1",
    server_url: "https://github.com",
    api_url: "https://api.github.com",
    token: "",
    ...opts.github,
  };
  const contexts: Contexts = {
    github,
    inputs: {},
    env: { ...opts.env },
    steps: {},
    runner,
    job: {},
    strategy: {},
    matrix: { ...opts.matrix },
  };

  // Inputs: the caller's values, else defaults evaluated in the input-default context.
  const inputDefs = action.inputs ?? {};
  for (const [name, def] of Object.entries(inputDefs)) {
    const given = opts.inputs?.[name];
    if (given !== undefined) contexts.inputs[name] = given;
    else if (def.default !== undefined) contexts.inputs[name] = interpolate(scalar(def.default), contexts, state);
    else contexts.inputs[name] = "";
    if (def.required && given === undefined && def.default === undefined)
      warnings.push(`Input required and not supplied: ${name}`);
  }
  for (const name of Object.keys(opts.inputs ?? {}))
    if (!(name in inputDefs))
      warnings.push(`Unexpected input '${name}', valid inputs are [${Object.keys(inputDefs).join(", ")}]`);

  const eventPath = path.join(runnerTemp, "event.json");
  writeFileSync(eventPath, JSON.stringify(github.event ?? {}));
  const jobEnv: Record<string, string> = { ...opts.env };
  const extraPath: string[] = [];
  const local: LocalActionEnv = {
    workspace: opts.workspace,
    runnerTemp,
    cacheDir: opts.cacheDir ?? path.join(runnerTemp, "cache"),
    otherRuns: opts.otherRuns ?? {},
    actionRepos: opts.actionRepos ?? {},
    repoCheckouts: opts.repoCheckouts ?? {},
    postSaves: [],
    saved: [],
  };
  const steps: StepResult[] = [];
  const annotations: Annotation[] = [];
  let summary = "";

  for (const [index, step] of (action.runs.steps ?? []).entries()) {
    const id = step.id ?? `__step${index}`;
    const name = step.name ?? step.run ?? step.uses ?? id;
    contexts.env = { ...jobEnv };
    const result: StepResult = {
      id,
      name,
      kind: step.run !== undefined ? "run" : "uses",
      uses: step.uses,
      skipped: false,
      outcome: "success",
      outputs: {},
      stdout: "",
      stderr: "",
      env: {},
    };
    steps.push(result);
    if (!condition(step.if, contexts, state)) {
      result.skipped = true;
      result.outcome = "skipped";
      contexts.steps[id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }
    const render = (v: string): string => interpolate(v, contexts, state);
    const stepEnv = stringRecord(step.env, render);
    result.env = stepEnv;

    if (step.run !== undefined) {
      const stepDir = mkdtempSync(path.join(runnerTemp, "step-"));
      const files = {
        GITHUB_OUTPUT: "output",
        GITHUB_ENV: "env",
        GITHUB_PATH: "path",
        GITHUB_STEP_SUMMARY: "summary",
        GITHUB_STATE: "state",
      };
      const fileEnv: Record<string, string> = {};
      for (const [k, f] of Object.entries(files)) {
        fileEnv[k] = path.join(stepDir, f);
        writeFileSync(fileEnv[k], "");
      }
      const shellName = step.shell ?? "";
      const template = SHELLS[shellName] ?? (shellName.includes("{0}") ? shellName : undefined);
      if (!template)
        throw new Error(
          `step ${id}: shell "${shellName}" is not supported by the local runner (composite run steps must name a shell)`,
        );
      const script = render(step.run);
      const scriptFile = path.join(stepDir, "script");
      writeFileSync(scriptFile, script);
      result.script = script;
      const [command, ...args] = template.split(/\s+/).map((a) => a.replace("{0}", scriptFile));
      // A step's env: wins over the job's; the runner's own variables win over both, as on GitHub.
      const env: Record<string, string> = {
        ...baseEnv(),
        ...jobEnv,
        ...stepEnv,
        ...fileEnv,
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_ACTION: id,
        GITHUB_ACTION_PATH: actionDir,
        GITHUB_WORKSPACE: opts.workspace,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_EVENT_NAME: String(github.event_name),
        GITHUB_REPOSITORY: String(github.repository),
        GITHUB_REPOSITORY_OWNER: String(github.repository_owner),
        GITHUB_SHA: String(github.sha),
        GITHUB_RUN_ID: String(github.run_id),
        GITHUB_RUN_ATTEMPT: String(github.run_attempt),
        GITHUB_SERVER_URL: String(github.server_url),
        GITHUB_API_URL: String(github.api_url),
        // The ref and actor variables, when the context names them (a tag build: refs/tags/v1, v1, tag).
        ...refEnv(github),
        RUNNER_OS: runner.os,
        RUNNER_ARCH: runner.arch,
        RUNNER_TEMP: runnerTemp,
      };
      if (extraPath.length > 0) env.PATH = [...extraPath, env.PATH ?? ""].join(path.delimiter);
      const cwd = step["working-directory"] ? path.resolve(opts.workspace, render(step["working-directory"])) : opts.workspace;
      const run = await exec(command as string, args, { cwd, env, timeoutMs });
      result.exitCode = run.code;
      result.stdout = run.stdout;
      result.stderr = run.stderr;
      annotations.push(...parseAnnotations(run.stdout), ...parseAnnotations(run.stderr));
      result.outputs = parseKeyValueFile(fileEnv.GITHUB_OUTPUT as string);
      Object.assign(jobEnv, parseKeyValueFile(fileEnv.GITHUB_ENV as string));
      extraPath.unshift(...parsePathFile(fileEnv.GITHUB_PATH as string).reverse());
      summary += readFileSync(fileEnv.GITHUB_STEP_SUMMARY as string, "utf8");
      if (run.code !== 0) result.outcome = "failure";
    } else if (step.uses !== undefined) {
      const uses = render(step.uses);
      const [ref = ""] = uses.split("@");
      const [owner = "", name = "", ...sub] = ref.split("/");
      const repo = `${owner}/${name}`;
      // `./path`: an action in the workspace (the repository's own, after actions/checkout).
      const checkout = uses.startsWith("./") ? opts.workspace : opts.actionRepos?.[repo];
      const impl = LOCAL_ACTIONS[ref] ?? LOCAL_ACTIONS[repo];
      if (checkout !== undefined) {
        const nested = await runAction({
          ...opts,
          actionDir: uses.startsWith("./") ? path.resolve(opts.workspace, uses) : path.join(checkout, ...sub),
          inputs: stringRecord(step.with, render),
          env: { ...jobEnv },
          github: { ...opts.github },
          runnerTemp,
          cacheDir: local.cacheDir,
        });
        result.outputs = nested.outputs;
        result.nested = nested.steps;
        result.outcome = nested.conclusion === "failure" ? "failure" : "success";
        summary += nested.summary;
        annotations.push(...nested.annotations);
        warnings.push(...nested.warnings);
      } else if (!impl)
        throw new Error(
          `step ${id}: "uses: ${uses}" has no local equivalent in test/action-runner (known: ${Object.keys(LOCAL_ACTIONS).join(", ")})`,
        );
      else
        try {
          const done = impl(stringRecord(step.with, render), local);
          result.outputs = done.outputs;
          result.stdout = done.log;
        } catch (e) {
          result.outcome = "failure";
          result.stderr = e instanceof Error ? e.message : String(e);
        }
    } else {
      throw new Error(`step ${id}: neither run nor uses`);
    }

    const continueOnError = step["continue-on-error"] === true || step["continue-on-error"] === "true";
    const conclusion = result.outcome === "failure" && continueOnError ? "success" : result.outcome;
    contexts.steps[id] = { outputs: result.outputs, outcome: result.outcome, conclusion };
    if (conclusion === "failure") state.failed = true;
  }

  contexts.env = { ...jobEnv };
  const outputs: Record<string, string> = {};
  for (const [name, def] of Object.entries(action.outputs ?? {})) outputs[name] = interpolate(def.value ?? "", contexts, state);
  const savedCaches = [...local.saved, ...(state.failed ? [] : saveCaches(local))];
  const artifacts: Record<string, string> = {};
  try {
    for (const n of readdirSync(artifactsDir(runnerTemp))) artifacts[n] = path.join(artifactsDir(runnerTemp), n);
  } catch {
    // No artifact was uploaded.
  }
  return {
    conclusion: state.failed ? "failure" : "success",
    outputs,
    steps,
    summary,
    artifacts,
    annotations,
    warnings,
    runnerTemp,
    savedCaches,
  };
}

interface WorkflowFile {
  env?: Record<string, unknown>;
  defaults?: { run?: { shell?: string } };
  jobs?: Record<
    string,
    { if?: string; env?: Record<string, unknown>; defaults?: { run?: { shell?: string } }; steps?: ActionStep[] }
  >;
}

/**
 * One job of a workflow file, run like a composite action: the workflow's and the job's `env:`,
 * the job's `if:`, `run:` steps without a shell in `bash -e {0}` (GitHub's default on Linux), and
 * `uses:` through the same local equivalents and `actionRepos`.
 */
export async function runJob(
  workflowFile: string,
  jobId: string,
  opts: Omit<RunActionOptions, "actionDir" | "inputs">,
): Promise<RunActionResult> {
  const wf = parse(readFileSync(workflowFile, "utf8")) as WorkflowFile;
  const job = wf.jobs?.[jobId];
  if (!job) throw new Error(`${workflowFile}: no job "${jobId}"`);
  const shell = job.defaults?.run?.shell ?? wf.defaults?.run?.shell ?? "bash -e {0}";
  const runnerTemp = opts.runnerTemp ?? mkdtempSync(path.join(os.tmpdir(), "mlgate-runner-"));
  const contexts: Contexts = {
    github: { repository: "octo-org/octo-repo", event: {}, ...opts.github },
    inputs: {},
    env: {},
    steps: {},
    runner: { os: "Linux", temp: runnerTemp },
    job: {},
    strategy: {},
    matrix: { ...opts.matrix },
  };
  const state: EvalState = { failed: false, workspace: opts.workspace };
  const env: Record<string, string> = { ...opts.env };
  for (const scope of [wf.env, job.env])
    for (const [k, v] of Object.entries(scope ?? {})) {
      env[k] = interpolate(scalar(v), { ...contexts, env }, state);
    }
  const skipped = job.if !== undefined && !condition(job.if, { ...contexts, env }, state);
  if (skipped)
    return {
      conclusion: "skipped",
      outputs: {},
      steps: [],
      summary: "",
      artifacts: {},
      annotations: [],
      warnings: [],
      runnerTemp,
      savedCaches: [],
    };
  const steps = (job.steps ?? []).map((st) => (st.run !== undefined && st.shell === undefined ? { ...st, shell } : st));
  return runComposite({ runs: { using: "composite", steps } }, path.dirname(workflowFile), {
    ...opts,
    actionDir: path.dirname(workflowFile),
    env,
    runnerTemp,
  });
}
