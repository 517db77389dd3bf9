/**
 * The deploy gate's settings, parsed and checked at the edge into one typed object. The CLI and the
 * action (src/actions/deploy-action.ts) both build it with resolveDeployOptions from the raw text the
 * user gave, so a flag and an action input are validated by the same words.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Config, OnnxGateConfig } from "../../core/config.js";
import { ConfigurationError } from "../../core/errors.js";
import { checkRegistryName } from "../../core/registry.js";
import { parseDuration } from "../../core/units.js";
import { baseUrl, display } from "./targets/http-client.js";

export type Strategy = "direct" | "canary" | "blue-green";
export const STRATEGIES: readonly Strategy[] = ["direct", "canary", "blue-green"];

/** Health budgets a rollout step is judged against (`gates.deploy` in mlgate.yml). */
export interface HealthBudgets {
  /** Largest share of the new version's answers that may fail, 0..1. */
  maxErrorRate: number;
  maxP95Ms?: number;
  /** Largest new-p95 / champion-p95. */
  maxP95Ratio?: number;
  /** Fewer requests to the new version in a window is no evidence: the step fails safe. */
  minRequests: number;
}

export const DEFAULT_BUDGETS: HealthBudgets = { maxErrorRate: 0.01, minRequests: 20 };

/** What `gates.deploy` may hold in mlgate.yml (schemas/config.schema.json). */
export interface DeployGateConfig {
  max_error_rate?: number;
  max_p95_ms?: number;
  max_p95_ratio?: number;
  min_requests?: number;
  /** How long a server may take to load and apply a new generation (default 60s). */
  apply_timeout?: string;
  /** Longest one phase of a command: target's script may run (default 10m). */
  command_timeout?: string;
}

export interface DeployOptions {
  /** Absolute path of the model file to ship. */
  model: string;
  /** The model as the user named it (a repository path), for the report and the audit record. */
  modelDisplay: string;
  environment: string;
  /** The model's name in the target and at /v2/models/{name}. */
  name: string;
  version: string;
  /** `registry:DIR`, `http(s)://HOST:PORT` or `command:SCRIPT`, as given. */
  target: string;
  /** The target's folder (registry:) or script (command:), resolved under the workspace rules. */
  targetPath?: string;
  strategy: Strategy;
  /** Canary weights in percent, increasing, the last one 100. */
  steps: number[];
  watchMs: number;
  /** Check names (`mlgate/model`) every one of which must have passed; empty: every gate found. */
  require: string[];
  budgets: HealthBudgets;
  /** Longest wait for a server to apply a traffic change. */
  applyTimeoutMs: number;
  /** Longest run of one phase of a command: target's script. */
  commandTimeoutMs: number;
  /** The ONNX gate's settings: its tolerance and test data drive the serving-parity check. */
  onnx: OnnxGateConfig;
  /** Absolute path of the ONNX gate's test data folder, when there is one. */
  testData?: string;
  tag?: string;
  commit?: string;
  repository?: string;
  runUrl?: string;
  actor?: string;
  /** A server whose /v1/status gives the step health instead of the target's own (--health-url). */
  healthUrl?: string;
  /** Bearer token of an http(s):// target's admin API (MLGATE_ADMIN_TOKEN or the action's admin-token). */
  adminToken?: string;
  /** Working folder: relative paths in a command: target resolve here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Progress for long work (stderr). */
  progress: (message: string) => void;
}

/** What the user gave, as text: CLI flags or action inputs. */
export interface RawDeployInputs {
  model?: string;
  environment?: string;
  target?: string;
  version?: string;
  name?: string;
  strategy?: string;
  steps?: string;
  watch?: string;
  /** Comma-separated check names; repeated flags are joined. */
  require?: string;
  healthUrl?: string;
}

export interface ResolveContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  config: Config;
  /** Resolves a user path under the workspace rules (core/paths.ts) and checks it exists. */
  resolveFile: (p: string, flag: string) => string;
  /** Same for a folder that may not exist yet (a new registry); default: resolved against cwd. */
  resolveDir?: (p: string, flag: string) => string;
  progress?: (message: string) => void;
  /** How a setting is called in messages: `--model` on the CLI, `model` in the action. */
  flag?: (name: string) => string;
}

const DEFAULT_STEPS = [10, 50, 100];

/** `10,50,100` -> [10, 50, 100]; increasing weights in (0, 100], 100 appended when missing. */
export function parseSteps(text: string, flag = "--steps"): number[] {
  const parts = text.split(",").map((s) => s.trim());
  const steps: number[] = [];
  for (const p of parts) {
    const n = Number(p.replace(/%$/, ""));
    if (p === "" || !Number.isFinite(n) || n <= 0 || n > 100)
      throw new ConfigurationError(
        `${flag} "${text}": "${p}" is not a traffic share; give percentages from 1 to 100, such as 10,50,100`,
      );
    if (steps.length > 0 && n <= steps[steps.length - 1]!)
      throw new ConfigurationError(`${flag} "${text}": the shares must increase (${p} follows ${steps[steps.length - 1]})`);
    steps.push(n);
  }
  if (steps[steps.length - 1] !== 100) steps.push(100);
  return steps;
}

/** The tag a tag build deploys: GITHUB_REF_NAME only when the ref is a tag (a branch name is no version). */
export function tagOf(env: NodeJS.ProcessEnv): string | undefined {
  const isTag = env.GITHUB_REF_TYPE === "tag" || (env.GITHUB_REF ?? "").startsWith("refs/tags/");
  return isTag && env.GITHUB_REF_NAME ? env.GITHUB_REF_NAME : undefined;
}

export function budgetsOf(cfg: DeployGateConfig | undefined): HealthBudgets {
  const b: HealthBudgets = {
    maxErrorRate: cfg?.max_error_rate ?? DEFAULT_BUDGETS.maxErrorRate,
    minRequests: cfg?.min_requests ?? DEFAULT_BUDGETS.minRequests,
  };
  if (cfg?.max_p95_ms !== undefined) b.maxP95Ms = cfg.max_p95_ms;
  if (cfg?.max_p95_ratio !== undefined) b.maxP95Ratio = cfg.max_p95_ratio;
  return b;
}

export function deployConfigOf(config: Config): DeployGateConfig | undefined {
  return (config.gates as { deploy?: DeployGateConfig } | undefined)?.deploy;
}

/** Checks and completes the deploy settings; every mistake is one ConfigurationError naming the flag. */
export function resolveDeployOptions(raw: RawDeployInputs, ctx: ResolveContext): DeployOptions {
  const flag = ctx.flag ?? ((n: string) => `--${n}`);
  const need = (v: string | undefined, n: string): string => {
    if (v === undefined || v.trim() === "") throw new ConfigurationError(`${flag(n)} is required; see mlgate deploy --help`);
    return v.trim();
  };
  const modelDisplay = need(raw.model, "model");
  const model = ctx.resolveFile(modelDisplay, flag("model"));
  const environment = checkRegistryName("model name", need(raw.environment, "environment"), flag("environment"));
  const target = need(raw.target, "target");
  if (!/^(registry:|https?:\/\/|command:)/.test(target))
    throw new ConfigurationError(
      `${flag("target")} "${target}" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT`,
    );
  const tag = tagOf(ctx.env);
  const versionText = raw.version?.trim() || tag;
  if (!versionText)
    throw new ConfigurationError(
      `${flag("version")} is required outside a tag build (GITHUB_REF_NAME names no tag); give the version to deploy, such as ${flag("version")} v1.4.0`,
    );
  const version = checkRegistryName("version", versionText, raw.version?.trim() ? flag("version") : "the tag (GITHUB_REF_NAME)");
  const name = checkRegistryName(
    "model name",
    raw.name?.trim() || environment,
    raw.name?.trim() ? flag("name") : flag("environment"),
  );
  const strategy = (raw.strategy?.trim() || "direct") as Strategy;
  if (!STRATEGIES.includes(strategy))
    throw new ConfigurationError(
      `${flag("strategy")} "${raw.strategy ?? ""}" is not a strategy; use direct, canary or blue-green`,
    );
  const steps = raw.steps?.trim() ? parseSteps(raw.steps, flag("steps")) : DEFAULT_STEPS;
  if (raw.steps?.trim() && strategy !== "canary")
    throw new ConfigurationError(`${flag("steps")} goes with ${flag("strategy")} canary (the strategy is ${strategy})`);
  const watchMs = parseDuration(raw.watch?.trim() || "60s", flag("watch"));
  const require = (raw.require ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => (s.startsWith("mlgate/") ? s : `mlgate/${s}`));
  const dcfg = deployConfigOf(ctx.config);
  const onnx = ctx.config.gates?.onnx ?? {};
  const opts: DeployOptions = {
    model,
    modelDisplay,
    environment,
    name,
    version,
    target,
    strategy,
    steps,
    watchMs,
    require,
    budgets: budgetsOf(dcfg),
    applyTimeoutMs: dcfg?.apply_timeout ? parseDuration(dcfg.apply_timeout, "gates.deploy.apply_timeout") : 60_000,
    commandTimeoutMs: dcfg?.command_timeout ? parseDuration(dcfg.command_timeout, "gates.deploy.command_timeout") : 600_000,
    onnx,
    cwd: ctx.cwd,
    env: ctx.env,
    progress: ctx.progress ?? (() => undefined),
  };
  if (onnx.test_data) {
    try {
      const dir = ctx.resolveDir ? ctx.resolveDir(onnx.test_data, "gates.onnx.test_data") : path.resolve(ctx.cwd, onnx.test_data);
      if (existsSync(dir) && statSync(dir).isDirectory()) opts.testData = dir;
    } catch {
      // Parity then runs on synthesised rows; the ONNX gate itself reports a missing folder.
    }
  }
  if (target.startsWith("registry:")) {
    const dir = target.slice("registry:".length);
    if (dir === "") throw new ConfigurationError(`${flag("target")} "${target}" names no folder; use registry:DIR`);
    opts.targetPath = ctx.resolveDir ? ctx.resolveDir(dir, flag("target")) : path.resolve(ctx.cwd, dir);
  }
  if (target.startsWith("command:")) {
    const script = target.slice("command:".length);
    if (script === "") throw new ConfigurationError(`${flag("target")} "${target}" names no script; use command:SCRIPT`);
    opts.targetPath = ctx.resolveFile(script, flag("target"));
  }
  if (raw.healthUrl?.trim()) opts.healthUrl = display(baseUrl(raw.healthUrl.trim(), flag("health-url")));
  if (tag) opts.tag = tag;
  if (ctx.env.GITHUB_SHA) opts.commit = ctx.env.GITHUB_SHA;
  if (ctx.env.GITHUB_REPOSITORY) opts.repository = ctx.env.GITHUB_REPOSITORY;
  if (ctx.env.GITHUB_SERVER_URL && ctx.env.GITHUB_REPOSITORY && ctx.env.GITHUB_RUN_ID)
    opts.runUrl = `${ctx.env.GITHUB_SERVER_URL}/${ctx.env.GITHUB_REPOSITORY}/actions/runs/${ctx.env.GITHUB_RUN_ID}`;
  if (ctx.env.GITHUB_ACTOR) opts.actor = ctx.env.GITHUB_ACTOR;
  const token = ctx.env.MLGATE_ADMIN_TOKEN?.trim();
  if (token) opts.adminToken = token;
  if (/^https?:\/\//.test(target)) {
    const u = baseUrl(target, flag("target"));
    if (!token)
      throw new ConfigurationError(
        `${flag("target")} ${display(u)} needs the admin API's bearer token: set MLGATE_ADMIN_TOKEN (the action's admin-token input); a token is never a flag`,
      );
  }
  return opts;
}
