import type { Command, CommandContext, OptionSpec } from "../../cli/command.js";
import { ConfigurationError } from "../../core/errors.js";
import { inGitHubActions } from "../../github/context.js";
import type { Report } from "../../core/report.js";
import { ReportsEvidence } from "./evidence-reports.js";
import { resolveDeployOptions } from "./options.js";
import { runDeploy } from "./run.js";

export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  environment: { type: "string", valueName: "ENV", description: "Environment to deploy to (production, staging …)." },
  target: {
    type: "string",
    valueName: "TARGET",
    description: "registry:DIR (served by mlgate serve --registry DIR), http(s)://HOST:PORT or command:SCRIPT.",
  },
  name: {
    type: "string",
    valueName: "NAME",
    description: "The model's name in the target and at /v2/models/{name} (default: the environment).",
  },
  "health-url": {
    type: "string",
    valueName: "URL",
    description: "Read step health from this server's /v1/status instead of the target's own (command: targets).",
  },
};

export const deployCommand: Command = {
  name: "deploy",
  summary: "Ship a model that passed the gates: verify its digest, roll it out, watch it, roll back if it misbehaves.",
  usage: [
    "deploy --model FILE --environment ENV --target registry:DIR|http(s)://HOST:PORT|command:SCRIPT",
    "       [--version V] [--name NAME] [--strategy direct|canary|blue-green] [--steps 10,50,100] [--watch 60s]",
    "       [--require mlgate/model,mlgate/onnx] [--reports DIR] [--json FILE]",
  ],
  description: [
    "Verifies first: every required gate (default: every gate report in --reports, at least one) passed, and the",
    "SHA-256 of --model is the digest the model and ONNX gates validated. Then it locks the target, stages the",
    "version without traffic, checks serving parity, and rolls out; a failed step rolls back to the previous",
    "version. Health budgets come from gates.deploy in mlgate.yml (max_error_rate, max_p95_ms, max_p95_ratio,",
    "min_requests). The version defaults to the tag being built (GITHUB_REF_NAME). Exit codes: 0 deployed or",
    "already deployed, 1 refused or rolled back, 2 could not run. See docs/deploy.md.",
  ].join("\n"),
  gate: "deploy",
  options: {
    model: { type: "string", valueName: "FILE", description: "The ONNX model to ship." },
    ...TARGET_OPTIONS,
    version: { type: "string", valueName: "V", description: "Version to deploy as (default: the tag, GITHUB_REF_NAME)." },
    strategy: { type: "string", valueName: "S", description: "direct (default), canary or blue-green." },
    steps: { type: "string", valueName: "W,W,...", description: "Canary traffic shares in percent (default 10,50,100)." },
    watch: { type: "string", valueName: "DURATION", description: "How long each step is watched (default 60s)." },
    require: {
      type: "string",
      multiple: true,
      valueName: "CHECKS",
      description: "Gates that must have passed, comma-separated (default: every gate found).",
    },
    reports: { type: "string", valueName: "DIR", description: "Verify against the gates' JSON reports in this folder." },
    "trusted-app": {
      type: "string",
      valueName: "SLUG",
      description: "GitHub App whose check runs count as gate evidence (default github-actions, the GITHUB_TOKEN's).",
    },
  },
  run: async (ctx: CommandContext): Promise<Report> => {
    const reports = ctx.str("reports");
    // In GitHub Actions the evidence is the gates' check runs (src/github/deploy-ports.ts); elsewhere the reports.
    if (reports === undefined && !inGitHubActions(ctx.env))
      throw new ConfigurationError(
        "--reports DIR is required: give the folder of the gates' JSON reports (--json) to verify the model against",
      );
    const dir = reports === undefined ? undefined : ctx.resolvePath(reports, { flag: "--reports", kind: "dir" });
    const trustedApp = trustedAppOf(ctx.str("trusted-app"), reports !== undefined);
    const o = resolveDeployOptions(
      {
        model: ctx.str("model"),
        environment: ctx.str("environment"),
        target: ctx.str("target"),
        version: ctx.str("version"),
        name: ctx.str("name"),
        strategy: ctx.str("strategy"),
        steps: ctx.str("steps"),
        watch: ctx.str("watch"),
        require: ctx.list("require").join(","),
        healthUrl: ctx.str("health-url"),
      },
      {
        cwd: ctx.cwd,
        env: ctx.env,
        config: ctx.config,
        resolveFile: (p, flag) => ctx.resolvePath(p, { flag, kind: "file" }),
        resolveDir: (p, flag) => ctx.resolvePath(p, { flag, kind: "dir", mustExist: false }),
        progress: ctx.progress,
      },
    );
    const ports =
      dir !== undefined && reports !== undefined
        ? { evidence: new ReportsEvidence(dir, reports) }
        : (await import("../../github/deploy-ports.js")).gitHubDeployPorts({
            env: ctx.env,
            cwd: ctx.cwd,
            ...(ctx.str("token") ? { token: ctx.str("token") } : {}),
            ...(o.tag ? { tag: o.tag } : {}),
            ...(trustedApp ? { trustedApp } : {}),
            name: o.name,
            target: o.target,
            progress: ctx.progress,
          });
    const result = await runDeploy(o, ports);
    // The check run is `mlgate/deploy (ENV)`: --name is the model's name here, not a run suffix.
    result.report.name = o.environment;
    // The action's outputs (besides status and report-path), through the publisher's step outputs.
    result.report.metrics = {
      ...result.report.metrics,
      outputs: {
        outcome: result.outputs.status,
        version: result.outputs.version,
        "deployed-digest": result.outputs.deployedDigest,
        "previous-version": result.outputs.previousVersion,
        "deployment-id": result.outputs.deploymentId,
      },
    };
    return result.report;
  },
};

/**
 * `--trusted-app SLUG`: the GitHub App whose check runs are evidence (an organisation that runs its
 * gates through its own app instead of the GITHUB_TOKEN). A slug as GitHub spells one; only for
 * check-run evidence, so next to --reports it is a mistake said at once.
 */
function trustedAppOf(value: string | undefined, offline: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (offline)
    throw new ConfigurationError(
      "--trusted-app goes with the gates' check runs; with --reports DIR the evidence is the reports, and no app is involved",
    );
  if (!/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/.test(value))
    throw new ConfigurationError(
      `--trusted-app "${value}" is not a GitHub App slug (lower-case letters, digits and inner hyphens, as in the app's URL github.com/apps/SLUG)`,
    );
  return value;
}
