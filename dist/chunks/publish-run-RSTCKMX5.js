#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  checkRunName,
  setStepOutputs,
  stampProvenance
} from "./chunk-EUCM3UM7.js";
import {
  createClient,
  httpStatusOf
} from "./chunk-ENYL6DYG.js";
import "./chunk-IGPQE56H.js";
import {
  readGitHubContext
} from "./chunk-YI2FKSZ3.js";
import {
  warning
} from "./chunk-3SW64I2Z.js";
import {
  configFailOn,
  loadConfig
} from "./chunk-UBWSVVVQ.js";
import {
  require__,
  safeRegExp
} from "./chunk-AYZAZZX6.js";
import "./chunk-ENG5Z6VT.js";
import {
  isInside
} from "./chunk-E4IFUBZY.js";
import {
  escapeMarkdown
} from "./chunk-ANBSLUPX.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-ULEDS62O.js";
import {
  ConfigurationError,
  errorMessage,
  isConfigurationError
} from "./chunk-3PEGX5SE.js";
import {
  GATE_NAMES,
  errorReport,
  exitCodeFor
} from "./chunk-CW2BNLPJ.js";
import {
  __toESM
} from "./chunk-EFS5GV5K.js";

// src/github/publish-run.ts
import os2 from "node:os";
import path4 from "node:path";
import { mkdtempSync as mkdtempSync2 } from "node:fs";

// src/github/artifacts.ts
import path from "node:path";
function namePattern(glob) {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return safeRegExp(`^${body}$`);
}
async function downloadRunArtifacts(ctx, o) {
  const { DefaultArtifactClient } = await import("./artifact-E6W4ZVGC.js");
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

// src/github/judge.ts
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import os from "node:os";
import path2 from "node:path";
import { Writable } from "node:stream";
var SUBJECT_KEYS = { data: "data", model: "candidate", onnx: "model" };
var FLAG = { data: "--data", model: "--candidate", onnx: "--model" };
function judgeableGates(config) {
  return Object.keys(SUBJECT_KEYS).filter((g) => {
    const settings = config.gates?.[g];
    return typeof settings?.[SUBJECT_KEYS[g]] === "string";
  });
}
function linksLeadingOut(dir) {
  const root = realpathSync(dir);
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path2.join(d, e.name);
      if (e.isSymbolicLink()) {
        const target = path2.resolve(d, readlinkSync(p));
        let real = target;
        try {
          real = realpathSync(target);
        } catch {
        }
        if (!isInside(real, root)) out.push(`${path2.relative(root, p)} -> ${readlinkSync(p)}`);
      } else if (e.isDirectory() && e.name !== ".git") walk(p);
    }
  };
  walk(root);
  return out.sort();
}
var sink = () => new Writable({
  write(_c, _e, done) {
    done();
  }
});
async function judgePullRequest(o) {
  const gates = judgeableGates(o.config);
  if (gates.length === 0) return [];
  const escaping = linksLeadingOut(o.prDir);
  if (escaping.length > 0) {
    const why = `the pull request has a symbolic link leading out of its own files (${escaping.slice(0, 3).join(", ")}); mlgate does not judge a pull request through it`;
    return gates.map((gate) => ({ gate, report: errorReport(gate, why) }));
  }
  const { main } = await import("./cli-Q4AIIHT6.js");
  const tmp = mkdtempSync(path2.join(o.env.RUNNER_TEMP || os.tmpdir(), "mlgate-judge-"));
  const env = { ...o.env };
  delete env.GITHUB_OUTPUT;
  delete env.GITHUB_STEP_SUMMARY;
  const out = [];
  for (const gate of gates) {
    const settings = o.config.gates?.[gate];
    const subject = String(settings[SUBJECT_KEYS[gate]]);
    const inPr = path2.resolve(o.prDir, subject);
    if (path2.isAbsolute(subject) || !isInside(inPr, path2.resolve(o.prDir))) {
      out.push({
        gate,
        report: errorReport(
          gate,
          `gates.${gate}.${SUBJECT_KEYS[gate]}: "${subject}" is not a path inside the repository, so the pull request's copy cannot be judged`
        )
      });
      continue;
    }
    const json = path2.join(tmp, `${gate}.json`);
    const args = [gate, FLAG[gate], path2.relative(o.cwd, inPr) || ".", "--no-publish", "--quiet", "--json", json];
    if (o.configFile) args.push("--config", o.configFile);
    if (gate === "model" && settings.baseline === void 0)
      args.push("--baseline", existsSync(path2.resolve(o.cwd, subject)) ? subject : "none");
    o.log(`judging the pull request's ${subject} with mlgate ${args.slice(0, 1).join(" ")} and the base branch's rules`);
    const stderr = [];
    const errors = new Writable({
      write(chunk, _e, done) {
        stderr.push(chunk.toString());
        done();
      }
    });
    const code = await main(args, { stdout: sink(), stderr: errors, env, cwd: o.cwd });
    let report;
    try {
      report = JSON.parse(readFileSync(json, "utf8"));
    } catch {
      report = void 0;
    }
    if (!report) throw new Error(`mlgate ${gate} exited ${code} without writing its report: ${stderr.join("").trim()}`);
    out.push({ gate, report });
  }
  return out;
}
function checkPrCheckout(dir, cwd, shown = dir) {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory())
    throw new ConfigurationError(`--pr-checkout ${shown}: is not a folder; check out the pull request's head there first`);
  if (path2.resolve(dir) === path2.resolve(cwd))
    throw new ConfigurationError(
      `--pr-checkout ${shown}: is the workspace itself; check out the pull request into a folder of its own (the workspace holds the base branch and its rules)`
    );
}

// src/github/report-file.ts
var import__ = __toESM(require__(), 1);
import { readdirSync as readdirSync2, readFileSync as readFileSync2, statSync } from "node:fs";
import path3 from "node:path";

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
    parsed = JSON.parse(readFileSync2(file, "utf8"));
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
    for (const e of readdirSync2(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path3.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".json")) out.push(p);
    }
  };
  walk(target);
  return out;
}
function suffixFromFileName(file, gate) {
  const base = path3.basename(file, ".json");
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
async function reportSources(ctx, gh, token, required = true) {
  const given = ctx.list("report");
  if (given.length > 0) return given.flatMap((r) => reportFiles(ctx.resolvePath(r, { flag: "--report", kind: "any" })));
  const runIdText = ctx.str("run-id");
  const runId = runIdText !== void 0 ? Number(runIdText) : gh.triggeringRun?.id;
  if (runIdText !== void 0 && !(Number.isSafeInteger(runId) && (runId ?? 0) > 0))
    throw new ConfigurationError(`--run-id must be a workflow run id (a positive integer), not "${runIdText}"`);
  if (runId === void 0)
    throw new ConfigurationError("nothing to publish: pass --report FILE|DIR, or --run-id, or run in a workflow_run job");
  const dest = mkdtempSync2(path4.join(ctx.env.RUNNER_TEMP || os2.tmpdir(), "mlgate-reports-"));
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
  if (downloaded.length === 0 && required)
    throw new ConfigurationError(
      `workflow run ${runId} has no artifact named like "${ctx.str("artifact-pattern") ?? "mlgate-*"}"; did the gate job upload its report?`
    );
  return downloaded.flatMap((a) => reportFiles(a.dir));
}
async function runPublish(ctx) {
  const gh = readGitHubContext(ctx.env, ctx.cwd);
  const token = tokenOf(ctx);
  const configFile = ctx.str("config");
  const loadedConfig = loadConfig(
    configFile ? ctx.resolvePath(configFile, { flag: "--config", kind: "file" }) : void 0,
    ctx.cwd,
    { ...configFile ? { display: configFile } : {}, check: (f) => ctx.resolvePath(f, { flag: "the config", kind: "file" }) }
  );
  const config = loadedConfig.config;
  const prCheckout = ctx.str("pr-checkout");
  if (prCheckout === void 0 && gh.fork && gh.triggeringRun)
    throw new ConfigurationError(
      `the triggering run ${gh.triggeringRun.id} ran a fork's workflow, so its reports are the fork's claims, not verdicts; check out the pull request's head as data and pass --pr-checkout DIR (the pr-checkout input of actions/publish) to judge it here`
    );
  const target = await targetOf(ctx, gh, token);
  const expected = {
    headSha: gh.headSha,
    ...target.pullRequest !== void 0 ? { pullRequest: target.pullRequest } : {},
    source: gh.triggeringRun ? `the triggering run ${gh.triggeringRun.id}` : "this run"
  };
  if (prCheckout !== void 0) {
    const prDir = ctx.resolvePath(prCheckout, { flag: "--pr-checkout", kind: "dir" });
    checkPrCheckout(prDir, ctx.cwd, prCheckout);
    return publishJudged(ctx, {
      gh,
      target,
      token,
      config,
      expected,
      prDir,
      ...loadedConfig.file ? { configFile: loadedConfig.file } : {}
    });
  }
  const files = await reportSources(ctx, gh, token);
  if (files.length === 0) throw new ConfigurationError("--report: no .json reports found");
  const loaded = files.map((f) => ({
    file: f,
    shown: path4.relative(ctx.cwd, f) || f,
    report: loadReport(f, path4.relative(ctx.cwd, f) || f)
  }));
  const targets = /* @__PURE__ */ new Map();
  for (const l of loaded) {
    verifyProvenance(l.report, l.shown, expected);
    const name = checkRunName(l.report.gate, l.report.name ?? suffixFromFileName(l.file, l.report.gate));
    const other = targets.get(name);
    if (other) throw new ConfigurationError(`${other} and ${l.shown} would both be posted as ${name}; publish one of them`);
    targets.set(name, l.shown);
  }
  const poster = posterOf(ctx, target, token, config);
  for (const l of loaded) {
    const suffix = l.report.name ?? suffixFromFileName(l.file, l.report.gate);
    await poster.post(l.report, suffix, l.file, l.shown);
  }
  setStepOutputs({ status: poster.worst(), reports: String(loaded.length) }, ctx.env);
  poster.done();
  return 0;
}
async function targetOf(ctx, gh, token) {
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
  return target;
}
function posterOf(ctx, target, token, config) {
  let warning2;
  const warn = (m) => {
    warning2 ??= m;
  };
  let worst = "pass";
  let notPosted;
  let denied;
  return {
    worst: () => worst,
    /**
     * After the outputs: fails the step when the token was refused where it should write (checks that
     * were never posted cannot pass) or a report could not be posted, else gives the one warning.
     */
    done() {
      if (denied !== void 0) throw new ConfigurationError(`${denied}.`);
      if (notPosted !== void 0) throw new ConfigurationError(notPosted);
      if (warning2 !== void 0) warning(warning2);
    },
    async post(report, suffix, file, shown, note) {
      if (notPosted !== void 0) return;
      const publisher = new GitHubPublisher(
        { gate: report.gate, ...suffix ? { suffix } : {}, env: ctx.env, cwd: ctx.cwd, token, config, log: ctx.progress, warn },
        target
      );
      const res = await publisher.finish(report, {
        // The verdict settings come from this (the trusted) config: the same fail_on a same-repository
        // PR's gate job reads from it.
        failed: exitCodeFor(report.status, configFailOn(config, report.gate)) !== 0,
        ...file ? { reportPath: file } : {},
        findExisting: true,
        outputs: false,
        workflowAnnotations: false,
        ...note ? { note } : {}
      });
      if (WORST.indexOf(report.status) < WORST.indexOf(worst)) worst = report.status;
      denied ??= res.denied;
      const where = res.degraded ? "not posted" : `check run ${res.checkRunUrl ?? "?"}, comment ${res.comment ?? "none"}`;
      ctx.stdout.write(`${shown}: ${publisher.name} ${report.status}: ${where}
`);
      const expected = res.degradedBy === "permission" && target.fork && target.eventName !== "workflow_run";
      if (res.degraded && !expected) notPosted = `${shown} was not posted as ${publisher.name}: ${res.degraded}`;
    }
  };
}
function readClaims(files, ctx, expected) {
  const claims = [];
  for (const f of files) {
    const shown = path4.relative(ctx.cwd, f) || f;
    try {
      const report = loadReport(f, shown);
      const suffix = report.name ?? suffixFromFileName(f, report.gate);
      const claim = { name: checkRunName(report.gate, suffix), gate: report.gate, ...suffix ? { suffix } : {}, report };
      try {
        verifyProvenance(report, shown, expected);
      } catch (e) {
        if (!isConfigurationError(e)) throw e;
        claim.unreadable = e.message;
      }
      claims.push(claim);
    } catch (e) {
      if (!isConfigurationError(e)) throw e;
      ctx.progress(`ignoring ${e.message}`);
    }
  }
  return claims;
}
function claimNote(claim) {
  const why = "A fork's run executes code the fork controls; this verdict is the base repository's mlgate on the pull request's files, with the base branch's rules.";
  if (!claim) return `_The fork's own run uploaded no report for this check._ ${why}`;
  if (claim.unreadable || !claim.report)
    return `_The fork's own run uploaded a report for this check that does not belong to this commit: ${escapeMarkdown(claim.unreadable ?? "unreadable", 300)}._ ${why}`;
  return `_The fork's claim (not used): ${claim.report.status}: ${escapeMarkdown(claim.report.summary, 300)}._ ${why}`;
}
async function publishJudged(ctx, o) {
  const claimFiles = ctx.list("report").length > 0 || o.gh.triggeringRun || ctx.str("run-id") ? await reportSources(ctx, o.gh, o.token, false) : [];
  const claims = readClaims(claimFiles, ctx, o.expected);
  const judged = await judgePullRequest({
    prDir: o.prDir,
    ...o.configFile ? { configFile: o.configFile } : {},
    config: o.config,
    cwd: ctx.cwd,
    env: ctx.env,
    log: ctx.progress
  });
  if (judged.length === 0 && claims.length === 0)
    throw new ConfigurationError(
      "nothing to judge: the base branch's config names no gate's subject (gates.data.data, gates.model.candidate or gates.onnx.model)"
    );
  const poster = posterOf(ctx, o.target, o.token, o.config);
  const posted = /* @__PURE__ */ new Set();
  for (const j of judged) {
    stampProvenance(j.report, o.target);
    const name = checkRunName(j.gate);
    posted.add(name);
    await poster.post(j.report, void 0, void 0, `judged ${j.gate}`, claimNote(claims.find((c) => c.name === name)));
  }
  for (const c of claims) {
    if (posted.has(c.name)) continue;
    posted.add(c.name);
    const report = errorReport(
      c.gate,
      `${c.name} cannot be judged from a fork, because the base branch's config judges only ${judged.length ? judged.map((j) => checkRunName(j.gate)).join(", ") : "no gate"} (the unnamed check of each gate whose data, candidate or model it names); the fork's own verdict is not trusted`
    );
    stampProvenance(report, o.target);
    await poster.post(report, c.suffix, void 0, `claim ${c.name}`, claimNote(c));
  }
  setStepOutputs({ status: poster.worst(), reports: String(posted.size) }, ctx.env);
  poster.done();
  return 0;
}
export {
  claimNote,
  runPublish,
  verifyProvenance
};
