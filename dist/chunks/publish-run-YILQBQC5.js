#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  checkRunName,
  setStepOutputs
} from "./chunk-HTJCKSH5.js";
import {
  createClient,
  httpStatusOf
} from "./chunk-MN732ZTY.js";
import "./chunk-IGPQE56H.js";
import {
  readGitHubContext
} from "./chunk-YI2FKSZ3.js";
import {
  warning
} from "./chunk-MDOPJLM6.js";
import {
  configFailOn,
  loadConfig
} from "./chunk-NF27OBJI.js";
import {
  require__,
  safeRegExp
} from "./chunk-XL46GJPX.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-HNTF622D.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-ULEDS62O.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";
import {
  GATE_NAMES,
  exitCodeFor
} from "./chunk-HWVZW6M5.js";
import {
  __toESM
} from "./chunk-EFS5GV5K.js";

// src/github/publish-run.ts
import os from "node:os";
import path3 from "node:path";
import { mkdtempSync } from "node:fs";

// src/github/artifacts.ts
import path from "node:path";
function namePattern(glob) {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return safeRegExp(`^${body}$`);
}
async function downloadRunArtifacts(ctx, o) {
  const { DefaultArtifactClient } = await import("./artifact-VBLKEVWZ.js");
  const client = new DefaultArtifactClient();
  const findBy = { token: o.token, workflowRunId: o.runId, repositoryOwner: ctx.owner, repositoryName: ctx.repo };
  const { artifacts } = await client.listArtifacts({ latest: true, findBy });
  const re = namePattern(o.pattern);
  const out = [];
  for (const a of artifacts.filter((x) => re.test(x.name)).sort((x, y) => x.name.localeCompare(y.name))) {
    const dir = path.join(o.dest, a.name.replace(/[^A-Za-z0-9._-]+/g, "_"));
    o.log?.(`downloading artifact ${a.name} (${a.size} bytes) from run ${o.runId}`);
    await client.downloadArtifact(a.id, { path: dir, findBy });
    out.push({ name: a.name, id: a.id, dir });
  }
  return out;
}

// src/github/report-file.ts
var import__ = __toESM(require__(), 1);
import { readdirSync, readFileSync, statSync } from "node:fs";
import path2 from "node:path";

// schemas/report.schema.json
var report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://mlgate.dev/schemas/report.schema.json",
  title: "mlgate report",
  description: "The JSON report every mlgate gate writes with --json: the contract between gates, renderers, publishers and users.",
  type: "object",
  required: ["schemaVersion", "gate", "status", "summary", "checks", "provenance"],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1, description: "Bumped only on a breaking change of this format." },
    gate: { enum: ["data", "model", "onnx", "deploy"], description: "The gate that wrote the report." },
    status: {
      enum: ["pass", "warn", "fail", "error"],
      description: "fail if any check failed, warn if any warned, else pass; error when the gate could not run."
    },
    summary: { type: "string", description: "One line a reviewer reads first." },
    name: {
      type: "string",
      pattern: "^[^\\r\\n]{1,60}$",
      description: "The gate run's --name: its check run is mlgate/<gate> (NAME); mlgate publish posts the report under that name."
    },
    error: { type: "string", description: "Why the gate could not run (status error only)." },
    subject: { $ref: "#/$defs/subject" },
    subjects: { type: "array", items: { $ref: "#/$defs/subject" } },
    checks: { type: "array", items: { $ref: "#/$defs/check" } },
    metrics: { type: "object", description: "Gate-specific numbers (model metrics, column statistics)." },
    sections: { type: "array", items: { $ref: "#/$defs/section" } },
    provenance: {
      type: "object",
      required: ["tool", "inputs"],
      additionalProperties: false,
      properties: {
        commit: { type: "string" },
        runUrl: { type: "string" },
        tool: { type: "string", pattern: "^mlgate " },
        inputs: {
          type: "object",
          description: "Every input file read, by path, with its SHA-256.",
          additionalProperties: { type: "string", pattern: "^[0-9a-f]{64}$" }
        },
        pullRequest: { type: "integer", minimum: 1 },
        headSha: { type: "string", pattern: "^[0-9a-f]{40}$" },
        repository: { type: "string" },
        createdAt: { type: "string" }
      }
    }
  },
  $defs: {
    scalar: { type: ["string", "number", "boolean", "null"] },
    subject: {
      type: "object",
      required: ["path", "sha256"],
      additionalProperties: false,
      properties: {
        path: { type: "string" },
        sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
        bytes: { type: "integer", minimum: 0 },
        role: { type: "string" }
      }
    },
    check: {
      type: "object",
      required: ["id", "title", "status"],
      additionalProperties: false,
      properties: {
        id: {
          type: "string",
          pattern: "^(schema|rule|dataset|drift|metric|slice|fairness|latency|robustness|policy|load|parity|shape|signature|deploy|input|determinism|batch|numeric|size|rollout|gate|verify|rollback)(\\.[A-Za-z0-9_:\\-\\[\\]]+)+$",
          description: "Stable dotted id starting with its check family."
        },
        title: { type: "string" },
        status: { enum: ["pass", "warn", "fail", "skip"] },
        column: { type: "string" },
        observed: { $ref: "#/$defs/scalar" },
        expected: { $ref: "#/$defs/scalar" },
        message: { type: "string" },
        failedRows: { type: "integer", minimum: 0 },
        file: { type: "string" },
        examples: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              line: { type: "integer", minimum: 1 },
              value: { $ref: "#/$defs/scalar" },
              where: { type: "string" }
            }
          }
        },
        details: { type: "object", additionalProperties: { $ref: "#/$defs/scalar" } }
      }
    },
    section: {
      type: "object",
      required: ["kind", "title"],
      properties: {
        kind: { enum: ["table", "bar-chart", "text"] },
        title: { type: "string" },
        headers: { type: "array", items: { type: "string" } },
        rows: { type: "array", items: { type: "array", items: { $ref: "#/$defs/scalar" } } },
        align: { type: "array", items: { enum: ["l", "r", "c"] } },
        note: { type: "string" },
        xLabel: { type: "string" },
        yLabel: { type: "string" },
        labels: { type: "array", items: { type: "string" } },
        series: {
          type: "array",
          items: {
            type: "object",
            required: ["name", "values"],
            properties: { name: { type: "string" }, values: { type: "array", items: { type: "number" } } }
          }
        },
        text: { type: "string" }
      }
    }
  }
};

// src/github/report-file.ts
var validate;
function loadReport(file, shown = file) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new ConfigurationError(`${shown}: is not a JSON report`);
  }
  validate ??= new import__.Ajv2020({ allErrors: false, strict: false }).compile(report_schema_default);
  if (!validate(parsed)) {
    const err = validate.errors?.[0];
    const where = err?.instancePath ? ` at ${err.instancePath}` : "";
    throw new ConfigurationError(`${shown}: is not a valid mlgate report${where}: ${err?.message ?? "invalid"}`);
  }
  return parsed;
}
function reportFiles(target) {
  if (!statSync(target).isDirectory()) return [target];
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path2.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".json")) out.push(p);
    }
  };
  walk(target);
  return out;
}
function suffixFromFileName(file, gate) {
  const base = path2.basename(file, ".json");
  if (!GATE_NAMES.includes(gate) || !base.startsWith(`${gate}-`)) return void 0;
  const suffix = base.slice(gate.length + 1);
  return suffix === "" ? void 0 : suffix;
}

// src/github/publish-run.ts
var WORST = ["error", "fail", "warn", "pass"];
function verifyProvenance(report, shown, expected) {
  const p = report.provenance;
  if (p.headSha === void 0)
    throw new ConfigurationError(`${shown}: has no provenance.headSha; refusing to publish a report not tied to a commit`);
  if (p.headSha !== expected.headSha)
    throw new ConfigurationError(
      `${shown}: was made for commit ${p.headSha}, but ${expected.source} ran on commit ${expected.headSha}; refusing to publish it`
    );
  if ((p.pullRequest ?? null) !== (expected.pullRequest ?? null))
    throw new ConfigurationError(
      `${shown}: claims pull request ${p.pullRequest === void 0 ? "none" : `#${p.pullRequest}`}, but ${expected.source} belongs to ${expected.pullRequest === void 0 ? "no pull request" : `#${expected.pullRequest}`}; refusing to publish it`
    );
}
async function pullRequestOfRun(ctx, token, env) {
  const run = ctx.triggeringRun;
  if (!run || run.pullRequest !== void 0) return run?.pullRequest;
  if (!run.headLabel || run.event !== "pull_request" && run.event !== "pull_request_target") return void 0;
  const octokit = createClient({ token, env });
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner: ctx.owner,
    repo: ctx.repo,
    state: "open",
    head: run.headLabel,
    per_page: 100
  });
  return pulls.find((p) => p.head.sha === run.headSha)?.number;
}
function tokenOf(ctx) {
  const token = ctx.str("token") ?? ctx.env.GITHUB_TOKEN;
  if (!token) throw new ConfigurationError("no GitHub token: pass --token or set GITHUB_TOKEN");
  return token;
}
async function reportSources(ctx, gh, token) {
  const given = ctx.list("report");
  if (given.length > 0) return given.flatMap((r) => reportFiles(ctx.resolvePath(r, { flag: "--report", kind: "any" })));
  const runIdText = ctx.str("run-id");
  const runId = runIdText !== void 0 ? Number(runIdText) : gh.triggeringRun?.id;
  if (runIdText !== void 0 && !(Number.isSafeInteger(runId) && (runId ?? 0) > 0))
    throw new ConfigurationError(`--run-id must be a workflow run id (a positive integer), not "${runIdText}"`);
  if (runId === void 0)
    throw new ConfigurationError("nothing to publish: pass --report FILE|DIR, or --run-id, or run in a workflow_run job");
  const dest = mkdtempSync(path3.join(ctx.env.RUNNER_TEMP || os.tmpdir(), "mlgate-reports-"));
  let downloaded;
  try {
    downloaded = await downloadRunArtifacts(gh, {
      token,
      runId,
      pattern: ctx.str("artifact-pattern") ?? "mlgate-*",
      dest,
      log: ctx.progress
    });
  } catch (e) {
    throw new ConfigurationError(
      `could not download the report artifacts of workflow run ${runId} (${errorMessage(e).split("\n")[0] ?? ""}); the token needs actions: read`
    );
  }
  if (downloaded.length === 0)
    throw new ConfigurationError(
      `workflow run ${runId} has no artifact named like "${ctx.str("artifact-pattern") ?? "mlgate-*"}"; did the gate job upload its report?`
    );
  return downloaded.flatMap((a) => reportFiles(a.dir));
}
async function runPublish(ctx) {
  const gh = readGitHubContext(ctx.env, ctx.cwd);
  const token = tokenOf(ctx);
  const configFile = ctx.str("config");
  const config = loadConfig(
    configFile ? ctx.resolvePath(configFile, { flag: "--config", kind: "file" }) : void 0,
    ctx.cwd
  ).config;
  const files = await reportSources(ctx, gh, token);
  if (files.length === 0) throw new ConfigurationError("--report: no .json reports found");
  const loaded = files.map((f) => ({
    file: f,
    shown: path3.relative(ctx.cwd, f) || f,
    report: loadReport(f, path3.relative(ctx.cwd, f) || f)
  }));
  let pullRequest;
  try {
    pullRequest = await pullRequestOfRun(gh, token, ctx.env);
  } catch (e) {
    if (httpStatusOf(e) === void 0) throw e;
    throw new ConfigurationError(
      `could not find the pull request of workflow run ${gh.triggeringRun?.id ?? "?"} (HTTP ${httpStatusOf(e) ?? "?"}: ${errorMessage(e).split("\n")[0] ?? ""}); the token needs pull-requests: read`
    );
  }
  const target = { ...gh };
  if (pullRequest !== void 0) target.pullRequest = pullRequest;
  const sourceRun = ctx.str("run-id") ?? (ctx.list("report").length === 0 ? gh.triggeringRun?.id : void 0);
  if (sourceRun !== void 0) target.runUrl = `${gh.serverUrl}/${gh.repository}/actions/runs/${sourceRun}`;
  const expected = {
    headSha: gh.headSha,
    ...target.pullRequest !== void 0 ? { pullRequest: target.pullRequest } : {},
    source: gh.triggeringRun ? `the triggering run ${gh.triggeringRun.id}` : "this run"
  };
  const targets = /* @__PURE__ */ new Map();
  for (const l of loaded) {
    verifyProvenance(l.report, l.shown, expected);
    const name = checkRunName(l.report.gate, l.report.name ?? suffixFromFileName(l.file, l.report.gate));
    const other = targets.get(name);
    if (other) throw new ConfigurationError(`${other} and ${l.shown} would both be posted as ${name}; publish one of them`);
    targets.set(name, l.shown);
  }
  let warned = false;
  const warn = (m) => {
    if (warned) return;
    warned = true;
    warning(m);
  };
  let worst = "pass";
  for (const l of loaded) {
    const suffix = l.report.name ?? suffixFromFileName(l.file, l.report.gate);
    const publisher = new GitHubPublisher(
      { gate: l.report.gate, ...suffix ? { suffix } : {}, env: ctx.env, cwd: ctx.cwd, token, config, log: ctx.progress, warn },
      target
    );
    const res = await publisher.finish(l.report, {
      // The gate job's --fail-on is not in the report; the config's fail_on is the best guess.
      failed: exitCodeFor(l.report.status, configFailOn(config, l.report.gate)) !== 0,
      reportPath: l.file,
      findExisting: true,
      outputs: false,
      workflowAnnotations: false
    });
    if (WORST.indexOf(l.report.status) < WORST.indexOf(worst)) worst = l.report.status;
    const where = res.degraded ? "not posted (see the warning)" : `check run ${res.checkRunUrl ?? "?"}, comment ${res.comment ?? "none"}`;
    ctx.stdout.write(`${l.shown}: ${publisher.name} ${l.report.status}: ${where}
`);
  }
  setStepOutputs({ status: worst, reports: String(loaded.length) }, ctx.env);
  return 0;
}
export {
  runPublish,
  verifyProvenance
};
