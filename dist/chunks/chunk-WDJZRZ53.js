#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  HelperThread,
  workerSetting
} from "./chunk-MSLKYCMH.js";
import {
  METRICS,
  PRIMARY_METRIC
} from "./chunk-EHBBVEWB.js";
import {
  rowBudget,
  rowLimit
} from "./chunk-D3EGGY3J.js";
import {
  MEMORY_LIMIT_OPTION,
  duckdbMemoryLimit,
  outOfMemory,
  parseBytes,
  parseDuration
} from "./chunk-3ILC2NNE.js";
import {
  writeJsonReport
} from "./chunk-IGPQE56H.js";
import {
  inGitHubActions
} from "./chunk-YI2FKSZ3.js";
import {
  configFailOn,
  loadConfig,
  locateConfigMessage
} from "./chunk-UBWSVVVQ.js";
import {
  regexProblem,
  safeRegExp
} from "./chunk-AYZAZZX6.js";
import {
  didYouMean
} from "./chunk-ENG5Z6VT.js";
import {
  assertNotLfsPointer
} from "./chunk-RYB26OIQ.js";
import {
  resolveInputPath,
  workspacePath,
  workspaceRoot
} from "./chunk-E4IFUBZY.js";
import {
  CrashRecord,
  baselineCrashSentence,
  crashSentence
} from "./chunk-PVVQWW7F.js";
import {
  escapeTerminal,
  renderMarkdown,
  sortChecks
} from "./chunk-ANBSLUPX.js";
import {
  STATUS_SYMBOL,
  STATUS_WORD,
  formatCount,
  formatNumber,
  formatValue
} from "./chunk-CYBZZBR3.js";
import {
  LOCK_STALE_MS,
  REGISTRY_SCHEMA_VERSION,
  acquireLock,
  aliasesView,
  appendHistory,
  checkRegistryName,
  emptyAliases,
  isDeploymentId,
  isLockStale,
  listVersions,
  newLock,
  readAliases,
  readHistory,
  readLock,
  readServerStatuses,
  releaseLock,
  stageVersion,
  updateLock,
  writeAliases
} from "./chunk-R6IAO5N7.js";
import {
  sha256File,
  subjectOf
} from "./chunk-FK2QC4SI.js";
import {
  LIMITS,
  limitMessage
} from "./chunk-ULEDS62O.js";
import {
  ConfigurationError,
  errorMessage,
  isConfigurationError
} from "./chunk-3PEGX5SE.js";
import {
  TOOL,
  TOOL_VERSION,
  countByStatus,
  errorReport,
  exitCodeFor,
  makeReport
} from "./chunk-CW2BNLPJ.js";

// src/cli.ts
import { parseArgs } from "node:util";

// src/cli/options.ts
var GLOBAL_OPTIONS = {
  help: { type: "boolean", short: "h", description: "Show help for this command." },
  debug: { type: "boolean", description: "Print stack traces of internal errors." },
  quiet: { type: "boolean", short: "q", description: "Only the verdict line on stdout; no progress on stderr." },
  "allow-path": {
    type: "string",
    multiple: true,
    valueName: "DIR",
    description: "Inside GitHub Actions, also read inputs from this folder (besides the workspace and $RUNNER_TEMP)."
  },
  "allow-outside-workspace": {
    type: "boolean",
    description: "Inside GitHub Actions, read inputs from any folder (outside Actions there is no folder rule)."
  }
};
var GATE_OPTIONS = {
  config: { type: "string", valueName: "FILE", description: "Config file (default: mlgate.yml if present)." },
  json: { type: "string", valueName: "FILE", description: "Write the JSON report here." },
  markdown: { type: "string", valueName: "FILE", description: "Write the Markdown report here." },
  html: {
    type: "string",
    valueName: "FILE",
    description: "Write a self-contained HTML report here (inline CSS and SVG charts, no scripts)."
  },
  "fail-on": {
    type: "string",
    valueName: "error|warning",
    description: "Fail on failed checks only (default) or on warnings too."
  },
  name: { type: "string", valueName: "SUFFIX", description: "Suffix of the check run name, to keep matrix jobs apart." },
  token: { type: "string", valueName: "TOKEN", description: "GitHub token for publishing (default: $GITHUB_TOKEN)." },
  "no-publish": { type: "boolean", description: "Inside GitHub Actions, do not publish check runs or comments." },
  timeout: {
    type: "string",
    valueName: "DURATION",
    description: "Stop with an error report when the gate has not finished after this long (default 30m; config: timeout:)."
  }
};

// src/cli/run-gate.ts
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// src/render/terminal.ts
function useColor(stream, env = process.env) {
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== void 0 && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}
var CODES = { red: 31, green: 32, yellow: 33, gray: 90, bold: 1 };
var COLOR_OF = { pass: "green", warn: "yellow", fail: "red", error: "red", skip: "gray" };
var width = (s) => [...s].length;
function alignTable(headers, rows, align = []) {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const pad = (s, i) => {
    const w = widths[i] ?? 0;
    const gap = " ".repeat(Math.max(0, w - width(s)));
    return align[i] === "r" ? gap + s : s + gap;
  };
  const line = (r) => r.map((c, i) => pad(c, i)).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "\u2500".repeat(w)).join("  "), ...rows.map(line)];
}
function section(s, maxRows, paint) {
  const out = ["", paint("bold", escapeTerminal(s.title))];
  if (s.kind === "table") {
    const rows = s.rows.slice(0, maxRows).map((r) => r.map((v) => escapeTerminal(typeof v === "number" ? formatNumber(v) : formatValue(v), 40)));
    out.push(
      ...alignTable(
        s.headers.map((h) => escapeTerminal(h)),
        rows,
        s.align
      ).map((l) => "  " + l)
    );
    if (s.rows.length > maxRows) out.push(paint("gray", `  \u2026 ${s.rows.length - maxRows} more rows in the JSON report`));
  } else if (s.kind === "bar-chart") {
    const max = Math.max(1e-12, ...s.series.flatMap((x) => x.values.map((v) => Math.abs(v))));
    for (const [i, label] of s.labels.entries()) {
      const bars = s.series.map((x) => {
        const v = Number.isFinite(x.values[i]) ? x.values[i] ?? 0 : 0;
        return ((v < 0 ? "-" : "") + "\u2588".repeat(Math.round(Math.abs(v) / max * 20))).padEnd(21);
      });
      out.push(`  ${escapeTerminal(label, 16).padEnd(16)} ${bars.join(" ")}`);
    }
    out.push(paint("gray", `  ${s.series.map((x) => x.name).join(" | ")}`));
  } else {
    out.push("  " + escapeTerminal(s.text, 2e3));
  }
  return out;
}
function renderTerminal(report, opts = {}) {
  const paint = opts.color ? (code, s) => `\x1B[${CODES[code]}m${s}\x1B[0m` : (_c, s) => s;
  const maxRows = opts.maxRows ?? 20;
  const lines = [];
  const status = paint(
    COLOR_OF[report.status],
    `${STATUS_SYMBOL[report.status]} mlgate ${report.gate} ${STATUS_WORD[report.status]}`
  );
  lines.push(`${paint("bold", status)}: ${escapeTerminal(report.summary, 300)}`);
  if (report.checks.length > 0) {
    const counts = countByStatus(report.checks);
    lines.push(
      paint("gray", `${counts.fail} failed, ${counts.warn} warnings, ${counts.pass} passed, ${counts.skip} skipped`),
      ""
    );
    const sorted = sortChecks(report.checks);
    const rows = sorted.slice(0, Math.max(maxRows, sorted.filter((c) => c.status === "fail").length)).map((c) => {
      const ex = (c.examples ?? []).slice(0, 2).map(
        (e) => (e.line !== void 0 ? `line ${e.line}` : e.where ?? "") + (e.value !== void 0 ? `=${escapeTerminal(formatValue(e.value), 20)}` : "")
      );
      return [
        paint(COLOR_OF[c.status], STATUS_SYMBOL[c.status]),
        escapeTerminal(c.id, 48),
        escapeTerminal(formatValue(c.observed), 30),
        escapeTerminal(formatValue(c.expected), 30),
        c.failedRows !== void 0 ? String(c.failedRows) : "",
        ex.join(", ")
      ];
    });
    const plain = rows.map((r) => [r[0] ? "x" : "", ...r.slice(1)]);
    const table = alignTable(["", "check", "observed", "expected", "rows", "examples"], plain, ["l", "l", "r", "r", "r", "l"]);
    lines.push(table[0] ?? "", table[1] ?? "");
    table.slice(2).forEach((l, i) => lines.push((rows[i]?.[0] ?? "") + l.slice(1)));
    if (sorted.length > rows.length) lines.push(paint("gray", `\u2026 ${sorted.length - rows.length} more checks in the JSON report`));
  }
  for (const s of report.sections ?? []) lines.push(...section(s, maxRows, paint));
  if (report.subject)
    lines.push("", paint("gray", `${escapeTerminal(report.subject.path)} sha256:${report.subject.sha256.slice(0, 12)}`));
  return lines.join("\n") + "\n";
}

// src/cli/run-gate.ts
function failOnOf(ctx, fromConfig) {
  const v = ctx.str("fail-on") ?? fromConfig ?? "error";
  if (v !== "error" && v !== "warning") throw new ConfigurationError(`--fail-on must be "error" or "warning", not "${v}"`);
  return v;
}
async function recordConfig(report, ctx) {
  if (!ctx.configFile) return;
  const abs = path.resolve(ctx.cwd, ctx.configFile);
  report.provenance.inputs[workspacePath(abs, workspaceRoot(ctx.env, ctx.cwd)) ?? abs] = await sha256File(abs);
}
function outputFile(ctx, given, flag) {
  const file = path.resolve(ctx.cwd, given);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new ConfigurationError(`${flag} ${given}: is a folder; name a file, such as ${path.join(given, "report.json")}`);
  }
  return file;
}
function jsonPathOf(ctx, report) {
  const explicit = ctx.str("json");
  if (explicit) return outputFile(ctx, explicit, "--json");
  if (ctx.env.GITHUB_ACTIONS === "true") {
    const name = ctx.str("name") || (report.gate === "deploy" ? ctx.str("environment") : void 0);
    const suffix = name ? `-${name.replace(/[^A-Za-z0-9._-]+/g, "_")}` : "";
    return path.resolve(ctx.cwd, "mlgate-report", `${report.gate}${suffix}.json`);
  }
  return void 0;
}
async function emitReport(report, ctx, failOn) {
  const jsonPath = jsonPathOf(ctx, report);
  if (jsonPath) writeJsonReport(report, jsonPath);
  const md = ctx.str("markdown");
  if (md) {
    const file = outputFile(ctx, md, "--markdown");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderMarkdown(report));
  }
  const html = ctx.str("html");
  if (html) {
    const { writeHtmlReport } = await import("./html-FD5QQDY4.js");
    await writeHtmlReport([report], path.resolve(ctx.cwd, html));
  }
  if (ctx.bool("quiet")) {
    ctx.stdout.write(`${report.status}: ${report.summary}
`);
  } else {
    ctx.stdout.write(renderTerminal(report, { color: useColor(ctx.stdout, ctx.env) }));
  }
  return { exitCode: exitCodeFor(report.status, failOn), ...jsonPath ? { jsonPath } : {} };
}

// src/cli/timeout.ts
function gateTimeout(ctx) {
  const flag = ctx.str("timeout");
  if (flag !== void 0) return { ms: parseDuration(flag, "--timeout"), text: flag, source: "--timeout" };
  const cfg = ctx.config.timeout;
  if (cfg !== void 0) {
    const text = String(cfg);
    const at = ctx.configAt?.(["timeout"]) ?? "the config";
    return { ms: parseDuration(text, `${at}: timeout`), text, source: `timeout: at ${at}` };
  }
  return { ms: LIMITS.defaultTimeoutMs, text: "30m", source: "the default; set --timeout or timeout: in mlgate.yml" };
}
async function withTimeout(work, limit, abandoned) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      abandoned?.();
      reject(
        new ConfigurationError(
          `the gate did not finish within ${limit.text} (${limit.source}); the report says error: raise the limit or give the gate less to do`
        )
      );
    }, limit.ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

// src/cli/interrupt.ts
var Interrupted = class extends Error {
  constructor(signal) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
    this.name = "Interrupted";
  }
  signal;
};
function whenInterrupted() {
  let onSignal;
  const promise = new Promise((_, reject) => {
    onSignal = (signal) => {
      reject(new Interrupted(signal));
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  promise.catch(() => void 0);
  return {
    promise,
    dispose: () => {
      if (!onSignal) return;
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}

// src/demo.ts
import { existsSync as existsSync2, mkdirSync as mkdirSync2, readFileSync } from "node:fs";
import path2 from "node:path";
var PLAN = [
  { gate: "data", args: ["data"] },
  { gate: "model", args: ["model"] },
  { gate: "onnx", args: ["onnx"] }
];
var VERDICT = { 0: "passed", 1: "failed (as a gate should, on this input)", 2: "could not run" };
var demoCommand = {
  name: "demo",
  summary: "Run every gate on the bundled examples/ project; reports go to mlgate-report/.",
  usage: ["demo [--out DIR]"],
  options: { out: { type: "string", valueName: "DIR", description: "Folder for the reports (default mlgate-report)." } },
  run: async (ctx) => {
    const { main: main2 } = await import("./cli-Q4AIIHT6.js");
    const runMain = (argv) => main2(argv, { stdout: ctx.stdout, stderr: ctx.stderr, env: ctx.env, cwd: ctx.cwd });
    const config = path2.join("examples", "mlgate.yml");
    if (!existsSync2(path2.resolve(ctx.cwd, config))) {
      throw new ConfigurationError(`${config}: not found; run mlgate demo from the root of the mlgate repository`);
    }
    const out = ctx.str("out") ?? "mlgate-report";
    mkdirSync2(path2.resolve(ctx.cwd, out), { recursive: true });
    const results = [];
    let worst = 0;
    for (const step of PLAN) {
      ctx.stdout.write(`
\u2501\u2501 mlgate ${step.gate} \u2501\u2501
`);
      const json = path2.join(out, `${step.gate}.json`);
      const md = path2.join(out, `${step.gate}.md`);
      const code = await runMain([
        ...step.args,
        "--config",
        config,
        "--json",
        json,
        "--markdown",
        md,
        "--no-publish",
        ...quietFlag(ctx)
      ]);
      worst = Math.max(worst, code);
      results.push([step.gate, String(code), VERDICT[code] ?? "unknown", json]);
    }
    ctx.stdout.write(`
${alignTable(["gate", "exit", "verdict", "report"], results).join("\n")}
`);
    const reports = PLAN.map((step) => path2.resolve(ctx.cwd, out, `${step.gate}.json`)).filter((f) => existsSync2(f)).map((f) => JSON.parse(readFileSync(f, "utf8")));
    const index = path2.join(out, "index.html");
    const { writeHtmlReport } = await import("./html-FD5QQDY4.js");
    await writeHtmlReport(reports, path2.resolve(ctx.cwd, index));
    ctx.stdout.write(
      `
Markdown (as posted to a pull request) and JSON reports are in ${out}/; open ${index} in a browser for the charts.
`
    );
    ctx.stdout.write(`
\u2501\u2501 mlgate deploy \u2501\u2501
`);
    const { demoDeploy } = await import("./demo-deploy-OWNPNG7M.js");
    const deployed = await demoDeploy(ctx, out, config, runMain);
    ctx.stdout.write(`
${deployed.line}
`);
    return worst === 2 || deployed.code !== 0 ? 2 : 0;
  }
};
function quietFlag(ctx) {
  return ctx.bool("quiet") ? ["--quiet"] : [];
}

// src/github/publish-command.ts
var publishCommand = {
  name: "publish",
  summary: "Post gate reports to GitHub (check runs, sticky comments), e.g. from a fork-safe workflow_run job.",
  usage: [
    "publish [--report FILE|DIR]... [--run-id ID] [--artifact-pattern GLOB] [--token TOKEN] [--config FILE]",
    "publish --pr-checkout DIR [--run-id ID] [--config FILE]"
  ],
  description: [
    "With --report, posts the given JSON reports. In a workflow_run job without --report, downloads the",
    "report artifacts of the triggering run (or --run-id) and posts them. Every report must be for the",
    "head commit and pull request of that run; reports are validated data, nothing from the PR is run.",
    "",
    "A fork's run is never trusted: with --pr-checkout DIR (the PR head checked out as data), every gate",
    "whose subject the config names (gates.data.data, gates.model.candidate, gates.onnx.model) is run",
    "here on DIR's copy of it, with every other input and setting from the config and the workspace (the",
    "base branch); the fork's reports are shown beside the verdict as its claim. Without --pr-checkout a",
    "fork's reports are refused.",
    "",
    "Exit codes: 0 published (or, without write access, summarised with a warning), 2 bad input."
  ].join("\n"),
  options: {
    report: { type: "string", multiple: true, valueName: "FILE|DIR", description: "JSON report, or a folder of them." },
    "run-id": { type: "string", valueName: "ID", description: "Workflow run whose artifacts hold the reports." },
    "artifact-pattern": { type: "string", valueName: "GLOB", description: "Names of the report artifacts (default mlgate-*)." },
    token: { type: "string", valueName: "TOKEN", description: "GitHub token (default: $GITHUB_TOKEN)." },
    "pr-checkout": {
      type: "string",
      valueName: "DIR",
      description: "The pull request's head checked out as data: judge it here instead of trusting the fork's reports."
    },
    config: {
      type: "string",
      valueName: "FILE",
      description: "Config file for publish settings (default: mlgate.yml if present)."
    }
  },
  // Octokit, @actions/* and the artifact client load only for publish, not at every start-up.
  run: async (ctx) => (await import("./publish-run-RSTCKMX5.js")).runPublish(ctx)
};

// src/gates/onnx/command.ts
import path4 from "node:path";

// src/gates/onnx/glob.ts
import { readdirSync } from "node:fs";
import path3 from "node:path";
function hasGlob(p) {
  return /[*?[]/.test(p);
}
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return safeRegExp(`^${re}$`);
}
function expandGlob(pattern, cwd, flag = "--model", maxEntries = LIMITS.walkEntries) {
  if (pattern.length > LIMITS.globLength)
    throw new ConfigurationError(limitMessage.globTooLong(`${flag} ${pattern.slice(0, 40)}\u2026`, pattern.length));
  const abs = path3.resolve(cwd, pattern);
  const parts = abs.split(path3.sep);
  const first = parts.findIndex(hasGlob);
  if (first < 0) return [abs];
  const root = parts.slice(0, first).join(path3.sep) || path3.sep;
  const rest = parts.slice(first).join("/");
  let re;
  try {
    re = globToRegExp(rest);
  } catch (e) {
    throw new ConfigurationError(`${flag} ${pattern}: is not a valid glob (${regexProblem(e)})`, { cause: e });
  }
  let seen = 0;
  const named = (d) => rest.includes(d);
  const out = [];
  const walk = (dir, rel) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > maxEntries) throw new ConfigurationError(limitMessage.walkTooLarge(`${flag} ${pattern}`, maxEntries));
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if ((e.name.startsWith(".") || e.name === "node_modules") && !named(e.name)) continue;
        walk(path3.join(dir, e.name), r);
      } else if (e.isFile() && re.test(r)) out.push(path3.join(dir, e.name));
    }
  };
  walk(root, "");
  return out.sort();
}

// src/gates/onnx/command.ts
function display(ctx, abs) {
  const rel = path4.relative(ctx.cwd, abs);
  return rel && !rel.startsWith("..") ? rel : abs;
}
function modelPaths(ctx, cfg) {
  const given = ctx.list("model");
  const patterns = given.length ? given : cfg.model ? [cfg.model] : [];
  const flag = given.length ? "--model" : "gates.onnx.model";
  if (!patterns.length) throw new ConfigurationError("--model is required (an ONNX file or a glob such as models/*.onnx)");
  const out = [];
  for (const p of patterns) {
    if (!hasGlob(p)) {
      out.push(ctx.resolvePath(p, { flag, kind: "file" }));
      continue;
    }
    const found = expandGlob(p, ctx.cwd, flag);
    if (!found.length) throw new ConfigurationError(`${flag} ${p}: matches no files`);
    for (const f of found) out.push(ctx.resolvePath(f, { flag, kind: "file" }));
  }
  return [...new Set(out)];
}
async function read(ctx, abs, role, inputs) {
  const shown = display(ctx, abs);
  assertNotLfsPointer(abs, `${role === "baseline" ? "--baseline" : "--model"} ${shown}`);
  const { readModelFile } = await import("./inspect-5SCLMEMW.js");
  const file = readModelFile(abs, shown);
  const subject = await subjectOf(abs, shown, role);
  inputs[shown] = subject.sha256;
  for (const e of file.external) inputs[display(ctx, e.path)] = await sha256File(e.path);
  return { file, subject };
}
var onnxCommand = {
  name: "onnx",
  gate: "onnx",
  summary: "Will this ONNX model load and compute the same numbers in the onnxruntime we serve with?",
  usage: ["onnx --model FILE|GLOB [--test-data DIR] [--baseline FILE] [--config FILE] [--json FILE]"],
  description: [
    "Inspects each model (IR, opsets, operators, parameters, signature), applies the policy in",
    "gates.onnx (target onnxruntime, opsets, operators, domains, size, metadata), loads it in onnxruntime",
    "with graph optimisation disabled and all, compares outputs with reference data in the ONNX test",
    "layout, and on synthesised inputs checks NaN/Inf, determinism, optimisation parity, batch",
    "invariance and a sweep over the symbolic dimensions. With --baseline it checks the serving",
    "contract and, when gates.onnx.latency.max_ratio is set, latency against the baseline."
  ].join("\n"),
  options: {
    model: { type: "string", multiple: true, valueName: "FILE|GLOB", description: "ONNX model(s) to check; quote globs." },
    "test-data": { type: "string", valueName: "DIR", description: "Reference data: DIR/test_data_set_N/{input,output}_K.pb." },
    baseline: { type: "string", valueName: "FILE", description: "The model in production, for the serving contract." }
  },
  async run(ctx) {
    const cfg = ctx.config.gates?.onnx ?? {};
    const [{ onnxGate }, { readTestData }, { targetOrt }] = await Promise.all([
      import("./gate-SOCIR6ZM.js"),
      import("./testdata-YYQAZRT4.js"),
      import("./policy-WBM2PBJ3.js")
    ]);
    targetOrt(cfg);
    const inputs = {};
    const paths = modelPaths(ctx, cfg);
    const models = [];
    const subjects = [];
    for (const p of paths) {
      const r = await read(ctx, p, "candidate", inputs);
      models.push(r.file);
      subjects.push(r.subject);
    }
    const baselineArg = ctx.str("baseline") ?? cfg.baseline;
    const baseline = baselineArg ? await read(
      ctx,
      ctx.resolvePath(baselineArg, { flag: ctx.str("baseline") ? "--baseline" : "gates.onnx.baseline", kind: "file" }),
      "baseline",
      inputs
    ) : void 0;
    const tdArg = ctx.str("test-data") ?? cfg.test_data;
    let testData;
    if (tdArg) {
      const dir = ctx.resolvePath(tdArg, { flag: ctx.str("test-data") ? "--test-data" : "gates.onnx.test_data", kind: "dir" });
      testData = readTestData(dir, display(ctx, dir));
      for (const s of testData) for (const t of [...s.inputs, ...s.outputs]) inputs[t.display] = t.sha256;
    }
    const runtime = CrashRecord.of(ctx.env);
    const baselineCrash = baseline ? runtime?.crashOf("baseline", baseline.file.display) : void 0;
    if (baselineCrash) throw new ConfigurationError(baselineCrashSentence(baselineCrash));
    ctx.progress(`checking ${models.length} model(s)${baseline ? ` against ${baseline.subject.path}` : ""}`);
    return onnxGate({
      models,
      subjects,
      config: cfg,
      inputs,
      progress: ctx.progress,
      ...runtime ? { runtime } : {},
      ...baseline ? { baseline } : {},
      ...testData ? { testData } : {}
    });
  }
};

// src/gates/data/command.ts
import { mkdirSync as mkdirSync3, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path5 from "node:path";
var GLOB = /[*?[]/;
function memoryLimit(ctx) {
  const v = ctx.str("memory-limit");
  return duckdbMemoryLimit(v !== void 0 ? { value: v, name: "--memory-limit" } : void 0, ctx.env);
}
function fileArg(ctx, p, flag) {
  const real = ctx.resolvePath(p, { flag, kind: "any", mustExist: !GLOB.test(p) });
  if (!GLOB.test(p) && statSync2(real).isFile()) assertNotLfsPointer(real, `${flag} ${p}`);
  return { path: real, display: workspacePath(path5.resolve(ctx.cwd, p), workspaceRoot(ctx.env, ctx.cwd)) ?? p };
}
function driftMode(v, flag) {
  if (v === void 0) return void 0;
  if (v === "warn" || v === "fail" || v === "off") return v;
  throw new ConfigurationError(`${flag} must be warn, fail or off, not "${v}"`);
}
var dataCommand = {
  name: "data",
  gate: "data",
  summary: "Check a data file against its contract and measure drift from a reference.",
  usage: [
    "data --data FILE [--schema FILE] [--reference FILE] [--label COL] [--drift warn|fail|off] [--config FILE] [--json FILE]"
  ],
  description: [
    "Reads CSV/TSV (.gz too), Parquet (file, glob or hive-partitioned folder) and JSON Lines. Every failed rule",
    "lists its first rows by file line (header = line 1). Drift warns by default; `drift: fail` in mlgate.yml or",
    "--drift fail makes it fail. Settings also come from gates.data in mlgate.yml; flags win."
  ].join("\n"),
  options: {
    data: { type: "string", valueName: "FILE", description: "Data file, folder or glob to check." },
    schema: { type: "string", valueName: "FILE", description: "Contract (YAML), e.g. written by `mlgate data infer`." },
    reference: { type: "string", valueName: "FILE", description: "Reference data to measure drift against." },
    label: { type: "string", valueName: "COL", description: "Label column (its drift is reported as label drift)." },
    drift: { type: "string", valueName: "warn|fail|off", description: "What significant drift does (default warn)." },
    "memory-limit": MEMORY_LIMIT_OPTION
  },
  async run(ctx) {
    const cfg = ctx.config.gates?.data ?? {};
    const fromFlag = (flag, fromConfig) => {
      const v = ctx.str(flag);
      if (v !== void 0) return [v, `--${flag}`];
      return fromConfig !== void 0 ? [fromConfig, `gates.data.${flag}`] : void 0;
    };
    const data = fromFlag("data", cfg.data);
    if (!data) throw new ConfigurationError("--data is required (or gates.data.data in mlgate.yml); see mlgate data --help");
    const schema = fromFlag("schema", cfg.schema);
    const reference = fromFlag("reference", cfg.reference);
    const label = ctx.str("label") ?? cfg.label;
    const drift = driftMode(ctx.str("drift"), "--drift") ?? cfg.drift ?? "warn";
    const limit = memoryLimit(ctx);
    const { runDataGate } = await import("./gate-CDM447PQ.js");
    return runDataGate({
      memoryLimit: limit,
      data: fileArg(ctx, data[0], data[1]),
      ...schema ? { schema: fileArg(ctx, schema[0], schema[1]) } : {},
      ...reference ? { reference: fileArg(ctx, reference[0], reference[1]) } : {},
      ...label ? { label } : {},
      drift,
      ...cfg.drift_thresholds ? { thresholds: cfg.drift_thresholds } : {},
      maxExamples: cfg.max_examples ?? 5,
      ...cfg.waive ? { waive: cfg.waive } : {},
      progress: ctx.progress,
      resolve: (p, relativeTo, flag) => ctx.resolvePath(p, { flag, kind: "file", relativeTo })
    });
  }
};
var dataInferCommand = {
  name: "data infer",
  summary: "Write a first contract (commented YAML) from reference data.",
  usage: ["data infer --data FILE --out SCHEMA_FILE [--label COL]"],
  description: "Types, required columns, categorical domains and identifiers are inferred; numeric ranges become warnings\n(reference_range), not failures. Review and edit the file, then pass it to `mlgate data --schema`.",
  options: {
    data: { type: "string", valueName: "FILE", description: "Reference data to learn from." },
    out: { type: "string", valueName: "FILE", description: "Where to write the contract (YAML)." },
    label: { type: "string", valueName: "COL", description: "Label column: its values become its allowed domain." },
    "memory-limit": MEMORY_LIMIT_OPTION
  },
  async run(ctx) {
    const data = ctx.str("data");
    if (!data) throw new ConfigurationError("--data is required; see mlgate data infer --help");
    const out = ctx.str("out");
    if (!out) throw new ConfigurationError("--out is required; see mlgate data infer --help");
    const outPath = ctx.resolvePath(out, { flag: "--out", mustExist: false });
    const label = ctx.str("label");
    const limit = memoryLimit(ctx);
    const { inferContract } = await import("./infer-IU7PVT56.js");
    const r = await inferContract(fileArg(ctx, data, "--data"), {
      ...label ? { label } : {},
      progress: ctx.progress,
      memoryLimit: limit
    });
    mkdirSync3(path5.dirname(outPath), { recursive: true });
    writeFileSync2(outPath, r.yaml);
    if (r.rejected) {
      const first = r.firstRejected;
      ctx.stderr.write(
        `mlgate data infer: warning: ${r.rejected} malformed record(s) ignored (first at line ${first?.line ?? "?"}: ${first?.message ?? ""})
`
      );
    }
    ctx.stdout.write(`wrote ${out}: ${r.columns} columns inferred from ${r.rows} rows
`);
    return 0;
  }
};

// src/gates/model/command.ts
import { statSync as statSync3 } from "node:fs";
import path6 from "node:path";

// src/gates/model/settings.ts
var TASKS = ["binary", "multiclass", "regression"];
function defaultThresholds(task, primary) {
  return { [primary]: task === "regression" ? { max_drop: 0.01, relative: true } : { max_drop: 0.01 } };
}
function parseTask(v, flag) {
  if (v === void 0) throw new ConfigurationError(`${flag} is required: binary, multiclass or regression`);
  if (!TASKS.includes(v))
    throw new ConfigurationError(`${flag} must be binary, multiclass or regression, not "${v}"`);
  return v;
}
function parseShard(v) {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new ConfigurationError(`--shard must be i/n with 1 <= i <= n, like 1/4, not "${v}"`);
  return { index: i - 1, count: n };
}
function parseDecision(v, flag) {
  if (v === void 0 || v === "point" || v === "significant" || v === "non-inferior") return v;
  throw new ConfigurationError(`${flag} must be point, significant or non-inferior, not "${v}"`);
}
function positiveInt(v, flag) {
  if (v === void 0) return void 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new ConfigurationError(`${flag} must be a positive integer, not "${v}"`);
  return n;
}
var MAX_BATCH_SIZE = 1048576;
function batchSize(n, flag) {
  if (n <= MAX_BATCH_SIZE) return n;
  const where = flag !== void 0 ? `--batch-size ${flag}` : `gates.model.batch_size ${n}`;
  throw new ConfigurationError(`${where} is over the most rows per batch, 1,048,576; batches of a few thousand rows are as fast`);
}
function resolveSettings(flags, cfg = {}) {
  const task = parseTask(flags.task ?? cfg.task, "--task");
  const candidate = flags.candidate ?? cfg.candidate;
  if (!candidate) throw new ConfigurationError("--candidate is required (or gates.model.candidate in the config)");
  const data = flags.data ?? cfg.data;
  if (!data) throw new ConfigurationError("--data is required (or gates.model.data in the config)");
  const label = flags.label ?? cfg.label;
  if (!label) throw new ConfigurationError("--label is required (or gates.model.label in the config)");
  const chosen = parseDecision(flags.decision ?? cfg.decision, "--decision");
  const decision = chosen ?? "point";
  const sliceDecision = parseDecision(flags.sliceDecision ?? cfg.slice_decision, "--slice-decision") ?? chosen ?? "significant";
  const features = flags.features ? flags.features.split(",").map((s) => s.trim()).filter((s) => s !== "") : cfg.features;
  const primaryMetric = cfg.primary_metric ?? PRIMARY_METRIC[task];
  const thresholds = cfg.thresholds ?? defaultThresholds(task, primaryMetric);
  for (const [key, name] of [["primary_metric", primaryMetric], ...Object.keys(thresholds).map((m) => [`thresholds.${m}`, m])]) {
    if (!METRICS[task].includes(name ?? ""))
      throw new ConfigurationError(
        `gates.model.${key}: "${name}" is not a ${task} metric; use one of ${METRICS[task].join(", ")}`
      );
  }
  const primary = thresholds[primaryMetric];
  const verdict = {
    task,
    primaryMetric,
    decision,
    sliceDecision,
    thresholds,
    minSliceSize: cfg.min_slice_size ?? 30,
    sliceRelative: cfg.slice_max_drop === void 0 ? primary?.relative === true : false,
    fairness: {
      ...cfg.fairness?.max_demographic_parity_gap !== void 0 ? { maxDemographicParityGap: cfg.fairness.max_demographic_parity_gap } : {},
      ...cfg.fairness?.max_equal_opportunity_gap !== void 0 ? { maxEqualOpportunityGap: cfg.fairness.max_equal_opportunity_gap } : {}
    },
    bootstrap: { samples: cfg.bootstrap?.samples ?? 1e3, seed: cfg.bootstrap?.seed ?? 42 },
    alpha: 0.05,
    waive: cfg.waive ?? []
  };
  const sliceMaxDrop = cfg.slice_max_drop ?? primary?.max_drop;
  if (sliceMaxDrop !== void 0) verdict.sliceMaxDrop = sliceMaxDrop;
  if (cfg.latency?.max_ratio !== void 0) verdict.latencyMaxRatio = cfg.latency.max_ratio;
  if (cfg.robustness?.max_flip_rate !== void 0) verdict.robustnessMaxFlipRate = cfg.robustness.max_flip_rate;
  const settings = {
    candidate,
    data,
    label,
    sliceColumns: flags.slice.length ? flags.slice : cfg.slice_columns ?? [],
    namedSlices: cfg.slices ?? [],
    sensitive: flags.sensitive.length ? flags.sensitive : cfg.sensitive ?? [],
    batchSize: batchSize(positiveInt(flags.batchSize, "--batch-size") ?? cfg.batch_size ?? 4096, flags.batchSize),
    latencyRuns: cfg.latency?.runs ?? 200,
    robustness: { epsilon: cfg.robustness?.epsilon ?? 0.01, rows: cfg.robustness?.rows ?? 1e4 },
    verdict
  };
  const baseline = flags.baseline ?? cfg.baseline;
  if (baseline !== void 0) settings.baseline = baseline;
  if (features) settings.features = features;
  const output = flags.output ?? cfg.output;
  if (output) settings.output = output;
  if (flags.shard) settings.shard = parseShard(flags.shard);
  return settings;
}

// src/gates/model/command.ts
var HELPER_MIN_BYTES = 16 << 20;
var PLAIN_TEXT = /\.(csv|txt|tsv|tab)$/i;
function gateIo(ctx) {
  return {
    cwd: ctx.cwd,
    env: ctx.env,
    progress: ctx.progress,
    resolvePath: ctx.resolvePath,
    memoryLimit: memoryLimitOf(ctx),
    rowBudget: rowBudgetOf(ctx),
    ...ctx.configFile ? { configFile: ctx.configFile } : {},
    ...ctx.configAt ? { configAt: ctx.configAt } : {}
  };
}
function definedOnly(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
}
var earlyHelpers = /* @__PURE__ */ new WeakMap();
function takeEarlyHelper(ctx, data, whole) {
  const early = earlyHelpers.get(ctx);
  earlyHelpers.delete(ctx);
  if (!early) return void 0;
  let file;
  try {
    file = ctx.resolvePath(data, { flag: "--data", kind: "any" });
  } catch {
    file = void 0;
  }
  if (file === early.hash.file && whole === early.whole) return early;
  early.helper.close();
  return void 0;
}
var modelCommand = {
  name: "model",
  gate: "model",
  // A shard writes statistics for `mlgate model merge`; the merge publishes the verdict.
  publishes: (ctx) => ctx.str("shard") === void 0,
  early(ctx) {
    const data = ctx.str("data");
    const whole = ctx.str("shard") === void 0;
    const started = data ? startHelper(ctx, data, whole) : void 0;
    if (!started) return void 0;
    earlyHelpers.set(ctx, { ...started, whole });
    return {
      dispose: () => {
        earlyHelpers.get(ctx)?.helper.close();
        earlyHelpers.delete(ctx);
      }
    };
  },
  summary: "Compare a candidate ONNX model with a baseline on one evaluation set: metrics, slices, statistics.",
  usage: [
    "model --candidate FILE [--baseline FILE|git:REF:PATH|release:[TAG:]ASSET|none] --data FILE --label COL --task binary|multiclass|regression",
    "model ... [--features a,b,c] [--output NAME] [--slice COL]... [--sensitive COL]... [--shard i/n --stats FILE]"
  ],
  description: [
    "Both models score the same rows in the same batches; every comparison reports the paired delta with a 95% CI",
    "and a p-value. Without thresholds in gates.model.thresholds, the primary metric (roc_auc, accuracy, rmse) may",
    "not be worse than the baseline's by more than 0.01 (1% for rmse). Inside a pull request, the baseline defaults",
    "to the candidate's path at the base commit. With --shard, the command writes mergeable statistics (--stats)",
    "instead of a verdict; `mlgate model merge` judges all shards together."
  ].join("\n"),
  options: {
    candidate: { type: "string", valueName: "FILE", description: "Candidate ONNX model (the subject of the verdict)." },
    baseline: {
      type: "string",
      valueName: "SPEC",
      description: "Baseline: a path, git:<ref>:<path>, git:<path> (PR base), release:<asset> (latest GitHub release), release:<tag>:<asset>, or none."
    },
    data: { type: "string", valueName: "FILE", description: "Evaluation data: CSV, TSV, Parquet or JSON Lines." },
    label: { type: "string", valueName: "COL", description: "Label column." },
    task: { type: "string", valueName: "TASK", description: "binary, multiclass or regression." },
    features: {
      type: "string",
      valueName: "a,b,c",
      description: "Feature columns in model input order (default: all but label, slice, sensitive)."
    },
    output: {
      type: "string",
      valueName: "NAME",
      description: "Model output to score (default: probabilities, else the only float output)."
    },
    slice: {
      type: "string",
      multiple: true,
      valueName: "COL",
      description: "Slice by this column (numbers binned by quintiles)."
    },
    sensitive: {
      type: "string",
      multiple: true,
      valueName: "COL",
      description: "Sensitive column for fairness gaps (binary tasks)."
    },
    decision: {
      type: "string",
      valueName: "MODE",
      description: "How metrics over all rows are decided: point, significant or non-inferior (default: point)."
    },
    "slice-decision": {
      type: "string",
      valueName: "MODE",
      description: "How slices are decided (default: --decision when given, else significant: Benjamini\u2013Hochberg across slices)."
    },
    "batch-size": { type: "string", valueName: "N", description: "Rows per inference batch (default 4096, at most 1048576)." },
    "memory-limit": MEMORY_LIMIT_OPTION,
    shard: { type: "string", valueName: "i/n", description: "Evaluate rows with row number % n = i-1 and write statistics." },
    stats: {
      type: "string",
      valueName: "FILE",
      description: "Where --shard writes its statistics (default mlgate-report/model-shard-i-of-n.json)."
    }
  },
  async run(ctx) {
    const s = resolveSettings(
      definedOnly({
        candidate: ctx.str("candidate"),
        baseline: ctx.str("baseline"),
        data: ctx.str("data"),
        label: ctx.str("label"),
        task: ctx.str("task"),
        features: ctx.str("features"),
        output: ctx.str("output"),
        slice: ctx.list("slice"),
        sensitive: ctx.list("sensitive"),
        decision: ctx.str("decision"),
        sliceDecision: ctx.str("slice-decision"),
        batchSize: ctx.str("batch-size"),
        shard: ctx.str("shard")
      }),
      ctx.config.gates?.model
    );
    if (ctx.str("stats") && !s.shard) throw new ConfigurationError("--stats is only written with --shard i/n");
    const crash = CrashRecord.of(ctx.env)?.crashOf("candidate", s.candidate);
    if (crash) {
      if (s.shard) throw new ConfigurationError(`--candidate ${s.candidate}: ${crashSentence(crash)}`);
      const file = ctx.resolvePath(s.candidate, { flag: "--candidate", kind: "file" });
      return (await import("./crashed-SIVIU27P.js")).crashedCandidateReport(file, s.candidate, crash);
    }
    const limit = memoryLimitOf(ctx);
    const early = takeEarlyHelper(ctx, s.data, s.shard === void 0) ?? startHelper(ctx, s.data, s.shard === void 0);
    try {
      return await runGate(ctx, s, early);
    } catch (e) {
      throw outOfMemory(e, limit, `the model gate on ${s.data}`) ?? e;
    } finally {
      early?.helper.close();
    }
  }
};
function memoryLimitOf(ctx) {
  const v = ctx.str("memory-limit");
  return duckdbMemoryLimit(v !== void 0 ? { value: v, name: "--memory-limit" } : void 0, ctx.env);
}
function rowBudgetOf(ctx) {
  const v = ctx.str("memory-limit");
  return rowBudget(v !== void 0 ? { value: v, name: "--memory-limit" } : void 0, ctx.env);
}
function startHelper(ctx, data, whole) {
  let file;
  try {
    file = ctx.resolvePath(data, { flag: "--data", kind: "any" });
    if (statSync3(file).size < HELPER_MIN_BYTES && workerSetting() !== "on") return void 0;
  } catch {
    return void 0;
  }
  let limit;
  try {
    limit = memoryLimitOf(ctx);
  } catch {
    return void 0;
  }
  const helper = HelperThread.start(limit);
  if (!helper) return void 0;
  const scans = whole && PLAIN_TEXT.test(file);
  if (scans) helper.warm(file, data);
  return { helper, hash: { file, sha256: helper.sha256(file) }, scans };
}
async function runGate(ctx, s, early) {
  const [{ evaluateModels }, { writeShard }, { buildReportConcurrently, startBaselineMetrics }] = await Promise.all([
    import("./gate-NINM7XLU.js"),
    import("./shard-KXUS2MJO.js"),
    import("./build-report-LWPXIHGM.js")
  ]);
  const helper = early?.helper;
  const state = await evaluateModels(s, {
    ...gateIo(ctx),
    ...early ? { dataHash: early.hash } : {},
    ...helper && !s.shard ? {
      scoresReady: (st) => {
        startBaselineMetrics(st, ctx.progress, helper);
      }
    } : {},
    ...helper && early.scans ? {
      helperScan: (job) => helper.scan(job),
      helperSource: (file) => helper.source(file, s.data)
    } : {}
  });
  if (s.shard) {
    const file = path6.resolve(
      ctx.cwd,
      ctx.str("stats") ?? `mlgate-report/model-shard-${s.shard.index + 1}-of-${s.shard.count}.json`
    );
    writeShard(state, file);
    ctx.stdout.write(
      `shard ${s.shard.index + 1}/${s.shard.count}: ${state.yTrue.length} rows scored; statistics written to ${path6.relative(ctx.cwd, file)} (run mlgate model merge for the verdict)
`
    );
    return 0;
  }
  ctx.progress(`computing metrics and paired statistics over ${formatCount(state.yTrue.length)} rows`);
  return buildReportConcurrently(state, ctx.progress, helper);
}
var modelMergeCommand = {
  name: "model merge",
  gate: "model",
  summary: "Merge the statistics of `mlgate model --shard` runs into one report, as one unsharded run.",
  usage: ["model merge SHARD_FILE... [--json FILE] [--markdown FILE] [--memory-limit SIZE]"],
  description: "Thresholds, slices and models come from the shard files, so every shard is judged alike.",
  options: {
    "memory-limit": {
      ...MEMORY_LIMIT_OPTION,
      description: "Memory budget of the merged rows, e.g. 2gb (default: MLGATE_MEMORY_LIMIT, else a quarter of available memory, at most 1gb); a merge of more rows than it holds is refused."
    }
  },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length === 0)
      throw new ConfigurationError("mlgate model merge needs the shard files written by mlgate model --shard");
    const files = ctx.positionals.map((p) => ({ display: p, file: ctx.resolvePath(p, { flag: "model merge", kind: "file" }) }));
    const [{ mergeShards, readShards }, { buildReportConcurrently }] = await Promise.all([
      import("./shard-KXUS2MJO.js"),
      import("./build-report-LWPXIHGM.js")
    ]);
    const merged = mergeShards(readShards(files, rowLimit(rowBudgetOf(ctx), ctx.env)));
    for (const f of files) merged.inputs[f.display] = await sha256File(f.file);
    ctx.progress(`computing metrics and paired statistics over ${formatCount(merged.yTrue.length)} rows`);
    return buildReportConcurrently(merged, ctx.progress);
  }
};

// src/serve/command.ts
import { readFileSync as readFileSync2 } from "node:fs";
import path7 from "node:path";
function adminToken(ctx) {
  const file = ctx.str("admin-token-file");
  if (file !== void 0) {
    const abs = ctx.resolvePath(file, { flag: "--admin-token-file", kind: "file" });
    const token = readFileSync2(abs, "utf8").trim();
    if (token === "" || /\s/.test(token))
      throw new ConfigurationError(
        `--admin-token-file ${file}: must hold one token without spaces (the file is empty or has several words)`
      );
    return token;
  }
  const env = ctx.env.MLGATE_ADMIN_TOKEN?.trim();
  if (env !== void 0 && /\s/.test(env)) throw new ConfigurationError("MLGATE_ADMIN_TOKEN must be one token without spaces");
  return env || void 0;
}
function options(ctx) {
  const model = ctx.str("model");
  const registry = ctx.str("registry");
  if (model === void 0 === (registry === void 0))
    throw new ConfigurationError("give --model FILE or --registry DIR (one of them); see mlgate serve --help");
  const portText = ctx.str("port") ?? "8080";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ConfigurationError(`--port "${portText}" is not a port; use 0 (any free port) to 65535`);
  const header = ctx.str("affinity-header") ?? "x-user-id";
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header))
    throw new ConfigurationError(`--affinity-header "${header}" is not an HTTP header name`);
  const windowMs = parseDuration(ctx.str("window") ?? "30s", "--window");
  if (windowMs < 1e3) throw new ConfigurationError(`--window "${ctx.str("window") ?? ""}" is shorter than one second`);
  const token = adminToken(ctx);
  const o = {
    host: ctx.str("host") ?? "127.0.0.1",
    port,
    windowSeconds: Math.round(windowMs / 1e3),
    affinityHeader: header,
    maxBodyBytes: parseBytes(ctx.str("max-body") ?? "10mb", "--max-body"),
    timeoutMs: parseDuration(ctx.str("timeout") ?? "30s", "--timeout"),
    log: (m) => {
      ctx.progress(m);
    },
    ...token !== void 0 ? { adminToken: token } : {}
  };
  if (model !== void 0) {
    const file = ctx.resolvePath(model, { flag: "--model", kind: "file" });
    const name = ctx.str("name") ?? path7.basename(model).replace(/\.onnx$/i, "");
    checkRegistryName("model name", name, ctx.str("name") !== void 0 ? "--name" : "--model");
    o.model = { file, name, label: model };
  } else {
    if (ctx.str("name") !== void 0)
      throw new ConfigurationError("--name goes with --model; a registry serves each model under its folder's name");
    o.registry = ctx.resolvePath(registry ?? "", { flag: "--registry", kind: "dir" });
  }
  return o;
}
var serveCommand = {
  name: "serve",
  summary: "Serve ONNX models over HTTP: Open Inference Protocol v2 and v1 :predict, canary routing, metrics, admin API.",
  usage: [
    "serve --model FILE [--name NAME] [--port N] [--host 127.0.0.1] [--admin-token-file FILE]",
    "serve --registry DIR [--port N] [--host 127.0.0.1] [--window 30s] [--affinity-header x-user-id] [--admin-token-file FILE]"
  ],
  description: [
    "Prints `mlgate serve: listening on URL` on stdout once ready and runs until SIGTERM or SIGINT, then drains",
    "requests in flight (at most --timeout) and stops. With --registry it follows the registry's aliases without a",
    "restart and writes its status to DIR/status/ every second. The admin API (/v1/admin/) is on only with a token",
    "from --admin-token-file or MLGATE_ADMIN_TOKEN. See docs/deploy.md."
  ].join("\n"),
  options: {
    model: { type: "string", valueName: "FILE", description: "Serve this ONNX model as version 1 of one model." },
    name: {
      type: "string",
      valueName: "NAME",
      description: "The model's name in URLs (default: the file's name without .onnx)."
    },
    registry: {
      type: "string",
      valueName: "DIR",
      description: "Serve every model of this registry folder and follow its changes."
    },
    port: { type: "string", valueName: "N", description: "Port to listen on (default 8080; 0 picks a free one)." },
    host: { type: "string", valueName: "HOST", description: "Address to listen on (default 127.0.0.1)." },
    window: { type: "string", valueName: "DURATION", description: "Sliding window of /v1/status figures (default 30s)." },
    "affinity-header": {
      type: "string",
      valueName: "NAME",
      description: "Header whose value keeps a user on one version (default x-user-id)."
    },
    "max-body": { type: "string", valueName: "SIZE", description: "Largest request body; larger ones get 413 (default 10mb)." },
    timeout: { type: "string", valueName: "DURATION", description: "Longest a request may take; then 504 (default 30s)." },
    "admin-token-file": {
      type: "string",
      valueName: "FILE",
      description: "File holding the admin API's bearer token (or set MLGATE_ADMIN_TOKEN)."
    }
  },
  run: async (ctx) => {
    const o = options(ctx);
    const { startServer } = await import("./server-34YR7F7Q.js");
    const server = await startServer(o);
    const stopped = new Promise((resolve) => {
      const on = (s) => {
        process.off("SIGTERM", on);
        process.off("SIGINT", on);
        resolve(s);
      };
      process.on("SIGTERM", on);
      process.on("SIGINT", on);
    });
    ctx.stdout.write(`mlgate serve: listening on ${server.url}
`);
    const signal = await stopped;
    ctx.progress(`${signal}: draining requests in flight, then stopping`);
    await server.close();
    ctx.progress("stopped");
    return 0;
  }
};

// src/gates/deploy/evidence-reports.ts
import { readdirSync as readdirSync2, readFileSync as readFileSync3, statSync as statSync4 } from "node:fs";
import path8 from "node:path";
function checkNameOf(gate, suffix) {
  return `mlgate/${gate}${suffix ? ` (${suffix})` : ""}`;
}
function conclusionOf(status) {
  return status === "pass" || status === "warn" ? "success" : status === "fail" ? "failure" : status;
}
var EVIDENCE_GATES = /* @__PURE__ */ new Set(["data", "model", "onnx"]);
function isReport(v) {
  const r = v;
  return typeof r === "object" && r !== null && r.schemaVersion === 1 && typeof r.gate === "string" && typeof r.status === "string" && Array.isArray(r.checks);
}
var ReportsEvidence = class {
  /** `dir`: absolute folder; `display`: as the user gave it. */
  constructor(dir, display3) {
    this.dir = dir;
    this.display = display3;
    this.description = `reports in ${display3}`;
  }
  dir;
  display;
  description;
  collect() {
    let files;
    try {
      files = readdirSync2(this.dir).filter((f) => f.endsWith(".json") && !f.startsWith(".")).sort();
    } catch (e) {
      throw new ConfigurationError(`--reports ${this.display}: cannot read the folder (${errorMessage(e)})`);
    }
    const notes = [];
    const latest = /* @__PURE__ */ new Map();
    for (const f of files) {
      const file = path8.join(this.dir, f);
      const display3 = path8.join(this.display, f);
      let parsed;
      try {
        parsed = JSON.parse(readFileSync3(file, "utf8"));
      } catch (e) {
        throw new ConfigurationError(`--reports ${display3}: is not valid JSON (${errorMessage(e)})`);
      }
      if (!isReport(parsed)) {
        notes.push(`${display3} is not an mlgate report; skipped.`);
        continue;
      }
      if (!EVIDENCE_GATES.has(parsed.gate)) continue;
      const subjects = (parsed.subjects ?? (parsed.subject ? [parsed.subject] : [])).map((s) => ({
        path: s.path,
        sha256: s.sha256,
        ...s.role ? { role: s.role } : {}
      }));
      const check = checkNameOf(parsed.gate, parsed.name);
      const evidence = {
        check,
        gate: parsed.gate,
        conclusion: conclusionOf(parsed.status),
        subjects,
        url: display3,
        source: "report"
      };
      if (parsed.provenance.commit) evidence.commit = parsed.provenance.commit;
      const at = Date.parse(parsed.provenance.createdAt ?? "") || statSync4(file).mtimeMs;
      const prev = latest.get(check);
      if (prev) notes.push(`${check}: two reports; the later one, ${at >= prev.at ? display3 : prev.evidence.url}, is used.`);
      if (!prev || at >= prev.at) latest.set(check, { at, evidence });
    }
    return Promise.resolve({
      evidence: [...latest.values()].map((x) => x.evidence).sort((a, b) => a.check.localeCompare(b.check)),
      notes
    });
  }
};

// src/gates/deploy/options.ts
import { existsSync as existsSync3, statSync as statSync5 } from "node:fs";
import path9 from "node:path";

// src/gates/deploy/targets/http-client.ts
function errorText(a) {
  const e = a.json?.error;
  const s = typeof e === "string" ? e : a.text.trim().slice(0, 200);
  return s.replace(/\s+/g, " ").replace(/[.]$/, "");
}
function isPlainRemote(url) {
  return url.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}
async function call(base, method, pathname, o = {}) {
  const url = `${base}${pathname}`;
  const timeoutMs = o.timeoutMs ?? 3e4;
  let res;
  try {
    const init = {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...o.headers ? { headers: o.headers } : {},
      ...o.body !== void 0 ? { body: o.body, duplex: "half" } : {}
    };
    res = await fetch(url, init);
  } catch (e) {
    const name = e.name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new ConfigurationError(`${method} ${url} did not answer within ${Math.round(timeoutMs / 1e3)} s`);
    const cause = e.cause;
    throw new ConfigurationError(
      `cannot reach mlgate serve at ${base} (${cause?.code ?? cause?.message ?? errorMessage(e)} on ${method} ${pathname}): is it running at that address?`
    );
  }
  let text;
  try {
    text = await res.text();
  } catch (e) {
    throw new ConfigurationError(`${method} ${url} broke off its answer (${errorMessage(e)})`);
  }
  let json;
  try {
    json = text === "" ? void 0 : JSON.parse(text);
  } catch {
    json = void 0;
  }
  const a = { status: res.status, json, text };
  if (res.status >= 200 && res.status < 300 || o.expect?.includes(res.status)) return a;
  if ((res.status === 401 || res.status === 403) && o.tokenHint)
    throw new ConfigurationError(
      `${base} refused the admin token (${res.status} on ${method} ${pathname}): set ${o.tokenHint} to the token mlgate serve was started with`
    );
  if (res.status === 404 && /admin API is off/.test(errorText(a)))
    throw new ConfigurationError(
      `${base} has no admin API (404 on ${method} ${pathname}): start mlgate serve there with --admin-token-file FILE or MLGATE_ADMIN_TOKEN`
    );
  if (res.status >= 500)
    throw new ConfigurationError(`${base} failed on ${method} ${pathname} with ${res.status}: ${errorText(a)}`);
  throw new ConfigurationError(`${base} answered ${res.status} to ${method} ${pathname}: ${errorText(a)}`);
}
function baseUrl(text, flag) {
  let u;
  try {
    u = new URL(text);
  } catch {
    throw new ConfigurationError(`${flag} "${text}" is not a URL; use http(s)://HOST:PORT`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new ConfigurationError(`${flag} "${text}" is not an http(s):// URL`);
  if (u.username || u.password)
    throw new ConfigurationError(
      `${flag} "${u.host}": credentials do not belong in the URL (it is printed in reports); the admin token comes from MLGATE_ADMIN_TOKEN`
    );
  if (u.search || u.hash) throw new ConfigurationError(`${flag} "${text}": give the server's base URL, without ? or #`);
  return u;
}
function display2(u) {
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

// src/gates/deploy/options.ts
var STRATEGIES = ["direct", "canary", "blue-green"];
var DEFAULT_BUDGETS = { maxErrorRate: 0.01, minRequests: 20 };
var DEFAULT_STEPS = [10, 50, 100];
function parseSteps(text, flag = "--steps") {
  const parts = text.split(",").map((s) => s.trim());
  const steps = [];
  for (const p of parts) {
    const n = Number(p.replace(/%$/, ""));
    if (p === "" || !Number.isFinite(n) || n <= 0 || n > 100)
      throw new ConfigurationError(
        `${flag} "${text}": "${p}" is not a traffic share; give percentages from 1 to 100, such as 10,50,100`
      );
    if (steps.length > 0 && n <= steps[steps.length - 1])
      throw new ConfigurationError(`${flag} "${text}": the shares must increase (${p} follows ${steps[steps.length - 1]})`);
    steps.push(n);
  }
  if (steps[steps.length - 1] !== 100) steps.push(100);
  return steps;
}
function tagOf(env) {
  const isTag = env.GITHUB_REF_TYPE === "tag" || (env.GITHUB_REF ?? "").startsWith("refs/tags/");
  return isTag && env.GITHUB_REF_NAME ? env.GITHUB_REF_NAME : void 0;
}
function budgetsOf(cfg) {
  const b = {
    maxErrorRate: cfg?.max_error_rate ?? DEFAULT_BUDGETS.maxErrorRate,
    minRequests: cfg?.min_requests ?? DEFAULT_BUDGETS.minRequests
  };
  if (cfg?.max_p95_ms !== void 0) b.maxP95Ms = cfg.max_p95_ms;
  if (cfg?.max_p95_ratio !== void 0) b.maxP95Ratio = cfg.max_p95_ratio;
  return b;
}
function deployConfigOf(config) {
  return config.gates?.deploy;
}
function resolveDeployOptions(raw, ctx) {
  const flag = ctx.flag ?? ((n) => `--${n}`);
  const need = (v, n) => {
    if (v === void 0 || v.trim() === "") throw new ConfigurationError(`${flag(n)} is required; see mlgate deploy --help`);
    return v.trim();
  };
  const modelDisplay = need(raw.model, "model");
  const model = ctx.resolveFile(modelDisplay, flag("model"));
  const environment = checkRegistryName("model name", need(raw.environment, "environment"), flag("environment"));
  const target = need(raw.target, "target");
  if (!/^(registry:|https?:\/\/|command:)/.test(target))
    throw new ConfigurationError(
      `${flag("target")} "${target}" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT`
    );
  const tag = tagOf(ctx.env);
  const versionText = raw.version?.trim() || tag;
  if (!versionText)
    throw new ConfigurationError(
      `${flag("version")} is required outside a tag build (GITHUB_REF_NAME names no tag); give the version to deploy, such as ${flag("version")} v1.4.0`
    );
  const version = checkRegistryName("version", versionText, raw.version?.trim() ? flag("version") : "the tag (GITHUB_REF_NAME)");
  const name = checkRegistryName(
    "model name",
    raw.name?.trim() || environment,
    raw.name?.trim() ? flag("name") : flag("environment")
  );
  const strategy = raw.strategy?.trim() || "direct";
  if (!STRATEGIES.includes(strategy))
    throw new ConfigurationError(
      `${flag("strategy")} "${raw.strategy ?? ""}" is not a strategy; use direct, canary or blue-green`
    );
  const steps = raw.steps?.trim() ? parseSteps(raw.steps, flag("steps")) : DEFAULT_STEPS;
  if (raw.steps?.trim() && strategy !== "canary")
    throw new ConfigurationError(`${flag("steps")} goes with ${flag("strategy")} canary (the strategy is ${strategy})`);
  const watchMs = parseDuration(raw.watch?.trim() || "60s", flag("watch"));
  const require2 = (raw.require ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => s.startsWith("mlgate/") ? s : `mlgate/${s}`);
  const dcfg = deployConfigOf(ctx.config);
  const onnx = ctx.config.gates?.onnx ?? {};
  const opts = {
    model,
    modelDisplay,
    environment,
    name,
    version,
    target,
    strategy,
    steps,
    watchMs,
    require: require2,
    budgets: budgetsOf(dcfg),
    applyTimeoutMs: dcfg?.apply_timeout ? parseDuration(dcfg.apply_timeout, "gates.deploy.apply_timeout") : 6e4,
    commandTimeoutMs: dcfg?.command_timeout ? parseDuration(dcfg.command_timeout, "gates.deploy.command_timeout") : 6e5,
    onnx,
    cwd: ctx.cwd,
    env: ctx.env,
    progress: ctx.progress ?? (() => void 0)
  };
  if (onnx.test_data) {
    try {
      const dir = ctx.resolveDir ? ctx.resolveDir(onnx.test_data, "gates.onnx.test_data") : path9.resolve(ctx.cwd, onnx.test_data);
      if (existsSync3(dir) && statSync5(dir).isDirectory()) opts.testData = dir;
    } catch {
    }
  }
  if (target.startsWith("registry:")) {
    const dir = target.slice("registry:".length);
    if (dir === "") throw new ConfigurationError(`${flag("target")} "${target}" names no folder; use registry:DIR`);
    opts.targetPath = ctx.resolveDir ? ctx.resolveDir(dir, flag("target")) : path9.resolve(ctx.cwd, dir);
  }
  if (target.startsWith("command:")) {
    const script = target.slice("command:".length);
    if (script === "") throw new ConfigurationError(`${flag("target")} "${target}" names no script; use command:SCRIPT`);
    opts.targetPath = ctx.resolveFile(script, flag("target"));
  }
  if (raw.healthUrl?.trim()) opts.healthUrl = display2(baseUrl(raw.healthUrl.trim(), flag("health-url")));
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
        `${flag("target")} ${display2(u)} needs the admin API's bearer token: set MLGATE_ADMIN_TOKEN (the action's admin-token input); a token is never a flag`
      );
  }
  return opts;
}

// src/gates/deploy/report.ts
var num = (x, digits = 1) => x === null || x === void 0 || !Number.isFinite(x) ? null : Number(x.toFixed(digits));
function budgetText(b) {
  if (!b) return "";
  return Object.entries(b).map(([k, v]) => `${k} ${v}`).join(", ");
}
function stepsTable(steps) {
  return {
    kind: "table",
    title: "Rollout",
    headers: [
      "phase",
      "weight %",
      "requests",
      "errors",
      "error rate",
      "p95 ms",
      "champion p95 ms",
      "budget",
      "status",
      "message"
    ],
    align: ["l", "r", "r", "r", "r", "r", "r", "l", "l", "l"],
    rows: steps.map((s) => [
      s.phase,
      s.weight ?? null,
      s.requests ?? null,
      s.errors ?? null,
      num(s.errorRate, 4),
      num(s.p95Ms),
      num(s.championP95Ms),
      budgetText(s.budget),
      s.status,
      s.message ?? ""
    ])
  };
}
function buildReport(o, p) {
  const sections = [p.verification.table];
  if (p.steps.length) sections.push(stepsTable(p.steps));
  if (p.output?.length) sections.push({ kind: "text", title: "Target output", text: p.output.join("\n") });
  const what = `${o.name} ${o.version} (${p.sha256.slice(0, 12)}) to ${o.environment}`;
  const summary = p.outcome === "deployed" ? `deployed ${what} via ${o.strategy === "canary" ? `canary ${o.steps.join("\u2192")}%` : o.strategy}; ${p.message}` : p.outcome === "no-op" ? p.message : p.outcome === "rolled-back" ? `rolled back ${what}: ${p.message}` : p.outcome === "refused" ? `refused to deploy ${what}: ${p.message}` : `deploy of ${what} failed: ${p.message}`;
  const report = makeReport({
    gate: "deploy",
    checks: p.checks,
    summary,
    subject: { path: o.modelDisplay, sha256: p.sha256, role: "shipped" },
    sections,
    metrics: {
      deploy: {
        outcome: p.outcome,
        name: o.name,
        environment: o.environment,
        version: o.version,
        previous: p.audit.previous,
        strategy: o.strategy,
        target: p.audit.target
      },
      audit: p.audit
    },
    inputs: { [o.modelDisplay]: p.sha256 }
  });
  if ((p.outcome === "refused" || p.outcome === "rolled-back" || p.outcome === "failed") && report.status !== "fail")
    report.status = "fail";
  return report;
}

// src/gates/deploy/health.ts
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
var FAILURE_GRACE_MS = 3e3;
async function waitApplied(target, generation, writtenAt, timeoutMs, expect) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    const statuses = await target.serving();
    const pending = [];
    for (const s of statuses) {
      const m = s.model;
      if (m && m.generation >= generation) {
        const v = expect ? m.versions[expect.version] : void 0;
        if (expect && v && v.sha256 !== expect.sha256)
          return {
            ok: false,
            message: `${s.url} serves version ${expect.version} with SHA-256 ${v.sha256.slice(0, 12)}, not the shipped ${expect.sha256.slice(0, 12)}`
          };
        continue;
      }
      if (m?.error && Date.parse(s.updatedAt) - writtenAt > FAILURE_GRACE_MS)
        return { ok: false, message: `${s.url} could not apply generation ${generation}: ${m.error}` };
      pending.push(`${s.url} (at generation ${m?.generation ?? "none"})`);
    }
    if (pending.length === 0) return { ok: true, statuses };
    if (Date.now() > deadline)
      return {
        ok: false,
        message: `not applied within ${Math.round(timeoutMs / 1e3)} s by ${pending.join(", ")} (expected generation ${generation})`
      };
    await sleep(200);
  }
}
async function freshStatuses(target, at, timeoutMs = 5e3) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    const statuses = await target.serving();
    if (statuses.every((s) => Date.parse(s.updatedAt) >= at) || Date.now() > deadline) return statuses;
    await sleep(100);
  }
}
function counters(statuses, version) {
  const out = /* @__PURE__ */ new Map();
  for (const s of statuses) {
    const v = s.model?.versions[version];
    out.set(s.url, { startedAt: s.startedAt, requests: v?.requests ?? 0, errors: v?.errors ?? 0 });
  }
  return out;
}
var maxOf = (xs) => {
  const ns = xs.filter((x) => typeof x === "number" && Number.isFinite(x));
  return ns.length ? Math.max(...ns) : null;
};
function figures(before, after, version, champion) {
  let requests = 0;
  let errors = 0;
  for (const s of after) {
    const v = s.model?.versions[version];
    if (!v) continue;
    const b = before.get(s.url);
    const same = b !== void 0 && b.startedAt === s.startedAt && b.requests <= v.requests;
    requests += v.requests - (same ? b.requests : 0);
    errors += v.errors - (same ? b.errors : 0);
  }
  return {
    requests,
    errors,
    p95Ms: maxOf(after.map((s) => s.model?.versions[version]?.window.p95Ms)),
    championP95Ms: champion === null ? null : maxOf(after.map((s) => s.model?.versions[champion]?.window.p95Ms))
  };
}
function judge(f, budgets, version) {
  const errorRate = f.requests > 0 ? f.errors / f.requests : 0;
  const budget = { max_error_rate: budgets.maxErrorRate, min_requests: budgets.minRequests };
  if (budgets.maxP95Ms !== void 0) budget.max_p95_ms = budgets.maxP95Ms;
  if (budgets.maxP95Ratio !== void 0) budget.max_p95_ratio = budgets.maxP95Ratio;
  const base = { requests: f.requests, errors: f.errors, errorRate, p95Ms: f.p95Ms, championP95Ms: f.championP95Ms, budget };
  const ms = (x) => x === null ? "n/a" : `${x.toFixed(1)} ms`;
  if (f.requests < budgets.minRequests)
    return {
      ...base,
      status: "fail",
      message: `only ${f.requests} request(s) reached ${version} in the window, fewer than min_requests ${budgets.minRequests}: no evidence, so the step fails safe`
    };
  if (errorRate > budgets.maxErrorRate)
    return {
      ...base,
      status: "fail",
      message: `${version} failed ${f.errors} of ${f.requests} requests (error rate ${errorRate.toFixed(4)} > max_error_rate ${budgets.maxErrorRate})`
    };
  if ((budgets.maxP95Ms !== void 0 || budgets.maxP95Ratio !== void 0) && f.p95Ms === null)
    return {
      ...base,
      status: "fail",
      message: `no p95 latency for ${version} in the servers' window although a latency budget is set: no evidence, so the step fails safe`
    };
  if (budgets.maxP95Ms !== void 0 && f.p95Ms !== null && f.p95Ms > budgets.maxP95Ms)
    return { ...base, status: "fail", message: `${version}'s p95 ${ms(f.p95Ms)} > max_p95_ms ${budgets.maxP95Ms}` };
  if (budgets.maxP95Ratio !== void 0 && f.p95Ms !== null && f.championP95Ms !== null && f.championP95Ms > 0) {
    const ratio = f.p95Ms / f.championP95Ms;
    if (ratio > budgets.maxP95Ratio)
      return {
        ...base,
        status: "fail",
        message: `${version}'s p95 ${ms(f.p95Ms)} is ${ratio.toFixed(2)}\xD7 the champion's ${ms(f.championP95Ms)} (max_p95_ratio ${budgets.maxP95Ratio})`
      };
  }
  return {
    ...base,
    status: "pass",
    message: `${version}: ${f.requests} requests, ${f.errors} errors (rate ${errorRate.toFixed(4)}), p95 ${ms(f.p95Ms)}${f.championP95Ms !== null ? ` vs champion ${ms(f.championP95Ms)}` : ""}`
  };
}

// src/gates/deploy/targets/target.ts
var TargetRefusal = class extends Error {
  name = "TargetRefusal";
};

// src/gates/deploy/rollout.ts
var sleep2 = (ms) => new Promise((r) => setTimeout(r, ms));
var StepFailed = class extends Error {
};
var Rollout = class {
  constructor(o, target, sha256, before, fields, parity) {
    this.o = o;
    this.target = target;
    this.sha256 = sha256;
    this.before = before;
    this.fields = fields;
    this.parity = parity;
    this.generation = before.generation;
    this.last = aliasesView(before);
  }
  o;
  target;
  sha256;
  before;
  fields;
  parity;
  steps = [];
  checks = [];
  /** Set once traffic (or the staged challenger) differs from `before`: a failure must then roll back. */
  moved = false;
  phase = "stage";
  /** Why the rollout rolled back (the failed step, in one clause). */
  failure;
  /** Set when even the rollback failed: traffic may still be where `last` says. */
  rollbackFailure;
  /** The last traffic the target confirmed (accepted), starting from `before`. */
  last;
  generation;
  /** Called on every phase change: the lock records where the rollout is, for whoever finds it stale. */
  onPhase;
  async setPhase(phase) {
    this.phase = phase;
    await this.onPhase?.(phase).catch(() => void 0);
  }
  step(phase, startedAt, rest) {
    const s = { phase, startedAt: new Date(startedAt).toISOString(), endedAt: (/* @__PURE__ */ new Date()).toISOString(), ...rest };
    this.steps.push(s);
    return s;
  }
  /** Writes traffic and waits for every server to apply it; a refusal fails the step `phase`. */
  async traffic(view, phase, label, started) {
    const writtenAt = Date.now();
    const weight = view.challenger === this.o.version ? view.weight : 100;
    const written = await this.refusable(label, started, weight, () => this.target.setTraffic(view, phase, this.generation));
    this.generation = written.generation;
    this.last = view;
    if (phase !== "rollback") this.moved = true;
    const applied = await waitApplied(
      this.target,
      written.generation,
      writtenAt,
      this.o.applyTimeoutMs,
      view.champion === this.o.version || view.challenger === this.o.version ? { version: this.o.version, sha256: this.sha256 } : void 0
    );
    if (!applied.ok) {
      this.step(label, started, { status: "fail", weight, message: applied.message });
      throw new StepFailed(`${label}: ${applied.message}`);
    }
    return applied.statuses;
  }
  /** A change the target refuses (TargetRefusal) fails the step `label`, like one a server cannot apply. */
  async refusable(label, started, weight, change) {
    try {
      return await change();
    } catch (e) {
      if (e instanceof TargetRefusal) {
        this.step(label, started, { status: "fail", weight, message: e.message });
        throw new StepFailed(`${label}: ${e.message}`);
      }
      if (!this.moved) throw e;
      const message = errorMessage(e);
      this.step(label, started, { status: "fail", weight, message });
      this.checks.push({
        id: "rollout.target",
        title: "The target carried out every change",
        status: "fail",
        observed: label,
        message: `${label}: ${message}.`
      });
      throw new StepFailed(`${label}: ${message}`);
    }
  }
  async watch() {
    this.o.progress(`watching for ${Math.round(this.o.watchMs / 100) / 10} s`);
    await sleep2(this.o.watchMs);
  }
  async run() {
    const { o } = this;
    const v = o.version;
    try {
      let t = Date.now();
      await this.setPhase("stage");
      o.progress(`staging ${o.name} ${v} in ${this.target.description}`);
      const staged = await this.refusable("stage", t, 0, () => this.target.stage(o.model, this.fields));
      const stageView = { ...aliasesView(this.before), challenger: v, weight: 0, mode: "split" };
      const statuses = await this.traffic(stageView, "stage", "stage", t);
      await this.target.record({ event: "staged", version: v, from: aliasesView(this.before), to: stageView });
      const servers = statuses.length;
      this.step("stage", t, {
        status: "pass",
        weight: 0,
        message: `${staged.created ? "staged" : "already staged"} ${v} (${this.sha256.slice(0, 12)})${servers ? `; loaded by ${servers} server(s)` : "; no server is serving the target"}`
      });
      this.checks.push({
        id: "rollout.stage",
        title: "New version staged and loaded without traffic",
        status: "pass",
        observed: servers ? `loaded by ${servers} server(s)` : "staged",
        message: this.steps[this.steps.length - 1].message ?? ""
      });
      await this.setPhase("parity");
      t = Date.now();
      const parity = servers && this.parity ? await this.parity(statuses) : {
        id: "rollout.parity",
        title: "Serving parity before traffic",
        status: "skip",
        message: servers ? "No parity check for this target." : `No server is serving ${this.target.description}: nothing to call.`
      };
      this.checks.push(parity);
      this.step("parity", t, { status: parity.status, ...parity.message ? { message: parity.message } : {} });
      if (parity.status === "fail") throw new StepFailed(`serving parity: ${parity.message ?? "failed"}`);
      if (this.before.champion === null || o.strategy === "direct") {
        await this.promote(this.before.champion === null && o.strategy !== "direct");
      } else if (o.strategy === "canary") {
        await this.canary();
      } else {
        await this.blueGreen(await freshStatuses(this.target, Date.now()));
      }
      return {
        outcome: "deployed",
        message: `${v} serves ${o.environment}${this.before.champion ? ` (previous: ${this.before.champion})` : ""}`
      };
    } catch (e) {
      if (!(e instanceof StepFailed)) throw e;
      const failed = this.steps.find((s) => s.status === "fail");
      const why = failed ? `${failed.phase} failed: ${failed.message ?? ""}` : e.message;
      this.failure = why;
      await this.rollback(why);
      return { outcome: "rolled-back", message: `${why}; ${this.before.champion ?? "nothing"} serves ${o.environment} again` };
    }
  }
  async promote(first) {
    const t = Date.now();
    await this.setPhase("promote");
    this.o.progress(`promoting ${this.o.version} to champion`);
    const view = {
      champion: this.o.version,
      challenger: null,
      weight: 0,
      mode: "split",
      previous: this.before.champion
    };
    await this.traffic(view, "promote", "promote", t);
    await this.target.record({ event: "promoted", version: this.o.version, from: aliasesView(this.before), to: view });
    const message = first ? `first version of ${this.o.name}: no champion to compare with, promoted at once` : `${this.o.version} takes all traffic`;
    this.step("promote", t, { status: "pass", weight: 100, message });
    this.checks.push({ id: "rollout.promote", title: "Promoted to champion", status: "pass", observed: this.o.version, message });
  }
  async canary() {
    const weights = this.o.steps.filter((w) => w < 100);
    for (const [i, w] of weights.entries()) {
      const label = `step ${i + 1}/${this.o.steps.length} (${w}%)`;
      await this.setPhase(label);
      const t = Date.now();
      this.o.progress(`${label}: ${this.o.version} gets ${w}% of traffic`);
      const view = { ...aliasesView(this.before), challenger: this.o.version, weight: w, mode: "split" };
      const statuses = await this.traffic(view, "canary", label, t);
      await this.target.record({ event: "traffic", version: this.o.version, to: view });
      const start = counters(statuses, this.o.version);
      await this.watch();
      const after = await freshStatuses(this.target, Date.now());
      const verdict = judge(figures(start, after, this.o.version, this.before.champion), this.o.budgets, this.o.version);
      this.step(label, t, { weight: w, ...verdict });
      this.o.progress(`${label}: ${verdict.status} \u2014 ${verdict.message ?? ""}`);
      this.checks.push({
        id: `rollout.step.${i + 1}`,
        title: `Canary step ${i + 1}: ${w}% of traffic`,
        status: verdict.status,
        observed: `${verdict.requests ?? 0} requests, error rate ${(verdict.errorRate ?? 0).toFixed(4)}, p95 ${verdict.p95Ms ?? "n/a"} ms`,
        ...verdict.message ? { message: verdict.message } : {},
        details: {
          weight: w,
          requests: verdict.requests ?? 0,
          errors: verdict.errors ?? 0,
          p95_ms: verdict.p95Ms ?? null,
          ...verdict.budget
        }
      });
      if (verdict.status === "fail") throw new StepFailed(`${label}: ${verdict.message ?? ""}`);
    }
    await this.promote(false);
  }
  async blueGreen(before) {
    const champion = this.before.champion;
    const championP95 = figures(/* @__PURE__ */ new Map(), before, champion ?? "", null).p95Ms;
    const t = Date.now();
    await this.setPhase("switch");
    this.o.progress(`switching all traffic from ${champion ?? "none"} to ${this.o.version}`);
    const view = { champion: this.o.version, challenger: null, weight: 0, mode: "split", previous: champion };
    const statuses = await this.traffic(view, "switch", "switch", t);
    await this.target.record({ event: "traffic", version: this.o.version, from: aliasesView(this.before), to: view });
    const start = counters(statuses, this.o.version);
    await this.watch();
    const after = await freshStatuses(this.target, Date.now());
    const f = { ...figures(start, after, this.o.version, null), championP95Ms: championP95 };
    const verdict = judge(f, this.o.budgets, this.o.version);
    this.step("switch", t, { weight: 100, ...verdict });
    this.checks.push({
      id: "rollout.switch",
      title: "Blue-green switch: all traffic on the new colour",
      status: verdict.status,
      observed: `${verdict.requests ?? 0} requests, error rate ${(verdict.errorRate ?? 0).toFixed(4)}, p95 ${verdict.p95Ms ?? "n/a"} ms`,
      ...verdict.message ? { message: verdict.message } : {},
      details: { requests: verdict.requests ?? 0, errors: verdict.errors ?? 0, p95_ms: verdict.p95Ms ?? null, ...verdict.budget }
    });
    if (verdict.status === "fail") throw new StepFailed(`switch: ${verdict.message ?? ""}`);
    await this.target.record({ event: "promoted", version: this.o.version, from: aliasesView(this.before), to: view });
  }
  /** Returns traffic to exactly what it was before this rollout. */
  async rollback(why) {
    const t = Date.now();
    await this.setPhase("rollback");
    this.o.progress(`rolling back: ${why}`);
    const view = aliasesView(this.before);
    let message = `traffic restored: champion ${view.champion ?? "none"}${view.challenger ? `, challenger ${view.challenger} at ${view.weight}%` : ""}`;
    let status = "pass";
    let written;
    try {
      written = await this.target.setTraffic(view, "rollback");
      this.generation = written.generation;
      this.last = view;
    } catch (e) {
      status = "fail";
      message = `rollback failed: ${errorMessage(e)}`;
      this.rollbackFailure = message;
    }
    if (written) {
      try {
        const applied = await waitApplied(this.target, written.generation, Date.now(), this.o.applyTimeoutMs);
        if (!applied.ok) {
          status = "fail";
          message = `rollback written but ${applied.message}`;
        }
      } catch (e) {
        status = "fail";
        message = `rollback written but not confirmed: ${errorMessage(e)}`;
      }
    }
    await this.target.record({ event: "rolled-back", version: this.o.version, to: view, message: why }).catch(() => void 0);
    this.step("rollback", t, { status, weight: 0, message });
    this.checks.push({
      id: "rollback.auto",
      title: "Automatic rollback",
      status,
      observed: view.champion ?? "none",
      message: `${why}; ${message}.`
    });
  }
};

// src/gates/deploy/targets/open.ts
import path10 from "node:path";

// src/gates/deploy/targets/command.ts
import { spawn } from "node:child_process";
import { statSync as statSync6 } from "node:fs";
var OUTPUT_PER_PHASE = 4e3;
var STATE_VERSIONS = 20;
function clean(text) {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
}
function bounded(text, limit) {
  return text.length <= limit ? text : `${text.slice(0, limit)}
\u2026 (${text.length - limit} more characters)`;
}
function withoutUpdatedAt(a) {
  return { schemaVersion: a.schemaVersion, name: a.name, generation: a.generation, ...aliasesView(a) };
}
function aliasesOf(s) {
  return { schemaVersion: 1, name: s.name, generation: s.generation, ...aliasesView(s), updatedAt: (/* @__PURE__ */ new Date()).toISOString() };
}
var CommandTarget = class {
  constructor(o) {
    this.o = o;
    this.description = `command:${o.display}`;
  }
  o;
  description;
  measures = false;
  lines = [];
  current;
  events = [];
  pending;
  lock;
  output() {
    return this.lines;
  }
  /** Runs the script once; resolves with what it did (never rejects for the script's own failure). */
  run(phase, vars) {
    const env = { ...this.o.env };
    delete env.GITHUB_TOKEN;
    delete env.MLGATE_ADMIN_TOKEN;
    Object.assign(env, {
      MLGATE_PHASE: phase,
      MLGATE_MODEL_NAME: this.o.name,
      MLGATE_ENVIRONMENT: this.o.environment,
      MLGATE_STRATEGY: this.o.strategy,
      ...vars
    });
    return new Promise((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      let timedOut = false;
      const child = spawn(this.o.script, [], { cwd: this.o.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      const kill = (signal) => {
        try {
          if (child.pid !== void 0) process.kill(-child.pid, signal);
        } catch {
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill("SIGTERM");
        setTimeout(() => {
          kill("SIGKILL");
        }, 5e3).unref();
      }, this.o.timeoutMs);
      child.stdout.on("data", (d) => {
        if (stdout.length < 1024 ** 2) stdout += d.toString();
      });
      child.stderr.on("data", (d) => {
        if (stderr.length < 1024 ** 2) stderr += d.toString();
      });
      child.on("error", (e) => {
        clearTimeout(timer);
        const why = e.code === "EACCES" ? "is not executable (chmod +x it, with a #! line)" : e.code === "ENOENT" ? "does not exist or names an interpreter (#!) that does not" : `cannot run (${e.code ?? e.message})`;
        reject(new ConfigurationError(`--target command:${this.o.display} ${why}`));
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        kill("SIGKILL");
        const out = clean(stdout).trimEnd();
        this.lines.push(
          `$ MLGATE_PHASE=${phase} ${this.o.display} -> ${timedOut ? "timed out" : code === null ? `killed by ${signal}` : `exit ${code}`}`
        );
        if (out) this.lines.push(bounded(out, OUTPUT_PER_PHASE));
        resolve({ code, signal, timedOut, stdout, stderr: clean(stderr) });
      });
    });
  }
  why(phase, r) {
    const tail = (r.stderr.trim() || clean(r.stdout).trim()).split("\n").at(-1)?.slice(0, 300) ?? "";
    const how = r.timedOut ? `did not finish within ${Math.round(this.o.timeoutMs / 1e3)} s and was stopped` : r.code === null ? `was killed by ${r.signal ?? "a signal"}` : `exited with ${r.code}`;
    return `command:${this.o.display} ${how} in phase ${phase}${tail ? `: ${tail}` : ""}`;
  }
  parseState(stdout) {
    const line = clean(stdout).split("\n").map((l) => l.trim()).filter((l) => l.startsWith("{")).at(-1);
    if (line === void 0) return void 0;
    let s;
    try {
      s = JSON.parse(line);
    } catch {
      throw new ConfigurationError(
        `command:${this.o.display} printed a line starting with { in phase status that is not JSON; print back exactly the last MLGATE_STATE (or nothing)`
      );
    }
    const str = (v) => v === null || typeof v === "string";
    if (!str(s.champion) || !str(s.challenger) || !str(s.previous) || typeof s.weight !== "number" || typeof s.generation !== "number" || !Array.isArray(s.versions))
      throw new ConfigurationError(
        `command:${this.o.display} printed a state in phase status without champion, challenger, previous, weight, generation and versions; print back exactly the last MLGATE_STATE`
      );
    if (s.lock !== void 0 && !isLock(s.lock))
      throw new ConfigurationError(
        `command:${this.o.display} printed a state in phase status whose lock is not the one mlgate handed it; print back exactly the last MLGATE_STATE`
      );
    return { ...emptyAliases(this.o.name), ...s };
  }
  async state() {
    if (!this.current) {
      const r = await this.run("status", {});
      if (r.code !== 0) throw new ConfigurationError(this.why("status", r));
      const s = this.parseState(r.stdout);
      this.current = s ?? { ...withoutUpdatedAt(emptyAliases(this.o.name)), versions: [] };
    }
    const versions = this.current.versions;
    return {
      aliases: aliasesOf(this.current),
      versions: versions.map((v) => ({ schemaVersion: 1, name: this.o.name, gates: [], ...v })),
      lock: this.lock ?? this.current.lock
    };
  }
  /**
   * The lock lives in the platform's state only while a rollout moves traffic (the workflow's concurrency
   * group serialises deploys to one environment); one found there is a rollout that never finished.
   */
  async acquireLock(lock) {
    const holder = (await this.state()).lock;
    if (holder) return { acquired: false, holder, stale: isLockStale(holder) };
    this.lock = { ...newLock(lock), staleAfterMs: this.o.staleAfterMs };
    return { acquired: true, lock: this.lock };
  }
  heartbeat(_id, phase, deploymentId) {
    if (this.lock)
      this.lock = {
        ...this.lock,
        phase,
        heartbeatAt: (/* @__PURE__ */ new Date()).toISOString(),
        ...deploymentId !== void 0 ? { deploymentId } : {}
      };
    return Promise.resolve();
  }
  releaseLock(_id, force = false) {
    this.lock = void 0;
    if (force && this.current) delete this.current.lock;
    return Promise.resolve();
  }
  /** Hashes the file; the script sees it in the `stage` phase, which the rollout runs next. */
  async stage(modelFile, fields) {
    const known = (await this.state()).versions.find((v) => v.version === fields.version);
    const manifest = {
      schemaVersion: REGISTRY_SCHEMA_VERSION,
      ...fields,
      sha256: await sha256File(modelFile),
      bytes: statSync6(modelFile).size,
      createdAt: (/* @__PURE__ */ new Date()).toISOString()
    };
    this.pending = { file: modelFile, manifest };
    return { created: !known, manifest: known ?? manifest };
  }
  async setTraffic(view, phase) {
    const before = this.current ?? (await this.state(), this.current);
    const p = this.pending;
    const versions = [...before.versions.filter((v) => v.version !== p?.manifest.version)];
    if (p) {
      const m = p.manifest;
      versions.push({
        version: m.version,
        sha256: m.sha256,
        bytes: m.bytes,
        createdAt: m.createdAt,
        ...m.tag ? { tag: m.tag } : {},
        ...m.commit ? { commit: m.commit } : {}
      });
    }
    const keep = /* @__PURE__ */ new Set([view.champion, view.challenger, view.previous]);
    while (versions.length > STATE_VERSIONS) {
      const i = versions.findIndex((v) => !keep.has(v.version));
      versions.splice(i < 0 ? 0 : i, 1);
    }
    const next = { ...before, ...view, generation: before.generation + 1, versions };
    delete next.lock;
    if (this.lock && (phase === "stage" || phase === "canary"))
      next.lock = { ...this.lock, heartbeatAt: (/* @__PURE__ */ new Date()).toISOString() };
    const newVersion = p?.manifest.version ?? view.challenger ?? view.champion;
    const share = newVersion === null ? 0 : view.challenger === newVersion ? view.weight : view.champion === newVersion ? 100 : 0;
    const r = await this.run(phase, {
      MLGATE_MODEL: p?.file ?? "",
      MLGATE_VERSION: p?.manifest.version ?? "",
      MLGATE_DIGEST: p?.manifest.sha256 ?? "",
      MLGATE_TRAFFIC: String(p ? share : 0),
      MLGATE_CHAMPION: view.champion ?? "",
      MLGATE_CHAMPION_DIGEST: versions.find((v) => v.version === view.champion)?.sha256 ?? "",
      MLGATE_CHALLENGER: view.challenger ?? "",
      MLGATE_CHALLENGER_WEIGHT: String(view.challenger === null ? 0 : view.weight),
      MLGATE_PREVIOUS: view.previous ?? "",
      MLGATE_STATE: JSON.stringify(next)
    });
    if (r.code !== 0) throw new TargetRefusal(this.why(phase, r));
    this.current = next;
    return aliasesOf(next);
  }
  /** A script reports no figures: --health-url names a server that does. */
  serving() {
    return Promise.resolve([]);
  }
  record(event) {
    this.events.push({ at: (/* @__PURE__ */ new Date()).toISOString(), ...event });
    return Promise.resolve();
  }
  history() {
    return Promise.resolve([...this.events]);
  }
};
function isLock(v) {
  if (typeof v !== "object" || v === null) return false;
  const l = v;
  return ["id", "version", "phase", "host", "heartbeatAt", "startedAt"].every((k) => typeof l[k] === "string") && typeof l.pid === "number" && typeof l.before === "object" && l.before !== null && (l.staleAfterMs === void 0 || typeof l.staleAfterMs === "number") && (l.deploymentId === void 0 || isDeploymentId(l.deploymentId));
}

// src/gates/deploy/targets/http.ts
import { createReadStream, statSync as statSync7 } from "node:fs";
import { hostname } from "node:os";
import { Readable } from "node:stream";

// src/gates/deploy/targets/status-url.ts
async function readStatusUrl(base, name, flag) {
  const a = await call(base, "GET", "/v1/status");
  const s = a.json;
  if (typeof s !== "object" || s === null || typeof s.updatedAt !== "string" || typeof s.models !== "object")
    throw new ConfigurationError(
      `${flag} ${base}: /v1/status is not mlgate serve's status (no updatedAt and models); point it at a server that reports one`
    );
  return {
    url: base,
    startedAt: typeof s.startedAt === "string" ? s.startedAt : "",
    updatedAt: s.updatedAt,
    model: s.models[name]
  };
}

// src/gates/deploy/targets/http.ts
var TOKEN_HINT = "MLGATE_ADMIN_TOKEN (the action's admin-token input)";
var HttpTarget = class {
  constructor(base, name, token, applyTimeoutMs) {
    this.base = base;
    this.name = name;
    this.token = token;
    this.applyTimeoutMs = applyTimeoutMs;
    this.description = base;
    this.model = `/v1/admin/models/${encodeURIComponent(name)}`;
  }
  base;
  name;
  token;
  applyTimeoutMs;
  description;
  measures = true;
  model;
  admin(method, rest, o = {}) {
    return call(this.base, method, `${this.model}${rest}`, {
      ...o,
      headers: { authorization: `Bearer ${this.token}`, ...o.headers },
      tokenHint: TOKEN_HINT
    });
  }
  json(method, rest, body, o = {}) {
    return this.admin(method, rest, {
      ...o,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    });
  }
  async state() {
    const a = await this.admin("GET", "", { expect: [404] });
    if (a.status === 404) return { aliases: emptyAliases(this.name), versions: [], lock: void 0 };
    const s = a.json;
    return { aliases: s.aliases, versions: s.versions, lock: s.lock ?? void 0 };
  }
  async acquireLock(lock) {
    const a = await this.json("POST", "/lock", { pid: process.pid, host: hostname(), ...lock }, { expect: [409] });
    if (a.status === 409) {
      const b = a.json;
      return { acquired: false, holder: b.holder, stale: b.stale };
    }
    return { acquired: true, lock: a.json };
  }
  async heartbeat(id, phase, deploymentId) {
    await this.json("PUT", "/lock", { id, phase, ...deploymentId !== void 0 ? { deploymentId } : {} });
  }
  async releaseLock(id, force = false) {
    await this.admin("DELETE", `/lock?${force ? "force=true" : `id=${encodeURIComponent(id)}`}`);
  }
  async stage(modelFile, fields) {
    const sha256 = await sha256File(modelFile);
    const manifest = Buffer.from(JSON.stringify({ ...fields, sha256 })).toString("base64");
    const a = await this.admin("PUT", `/versions/${encodeURIComponent(fields.version)}`, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(statSync7(modelFile).size),
        "x-mlgate-manifest": manifest
      },
      body: Readable.toWeb(createReadStream(modelFile)),
      // The upload, then the server's load and warm-up.
      timeoutMs: 10 * 6e4 + this.applyTimeoutMs,
      expect: [409, 422]
    });
    if (a.status === 409 || a.status === 422)
      throw new TargetRefusal(`${this.base} refused version ${fields.version} (${a.status}): ${errorText(a)}`);
    return { created: a.status === 201, manifest: a.json };
  }
  async setTraffic(view, _phase, expectGeneration) {
    const a = await this.json("PUT", "/aliases", expectGeneration === void 0 ? view : { ...view, expectGeneration }, {
      timeoutMs: this.applyTimeoutMs + 3e4,
      expect: [409, 422]
    });
    if (a.status === 409 || a.status === 422)
      throw new TargetRefusal(`${this.base} did not apply the traffic change (${a.status}): ${errorText(a)}`);
    return a.json;
  }
  async serving() {
    return [await readStatusUrl(this.base, this.name, "--target")];
  }
  async record(event) {
    await this.json("POST", "/history", event);
  }
  async history() {
    const a = await this.admin("GET", "/history", { expect: [404] });
    return a.status === 404 ? [] : a.json;
  }
};

// src/gates/deploy/targets/health-url.ts
function shows(m, v) {
  return m !== void 0 && m.champion === v.champion && m.challenger === v.challenger && (v.challenger === null || m.weight === v.weight) && (v.challenger === null || m.mode === v.mode);
}
function withHealthUrl(inner, healthUrl, name) {
  let asked;
  const target = {
    description: inner.description,
    measures: true,
    state: () => inner.state(),
    acquireLock: (l) => inner.acquireLock(l),
    heartbeat: (id, phase) => inner.heartbeat(id, phase),
    releaseLock: (id, force) => inner.releaseLock(id, force),
    stage: (file, fields) => inner.stage(file, fields),
    setTraffic: async (view, phase, expect) => {
      const written = await inner.setTraffic(view, phase, expect);
      asked = { view, generation: written.generation };
      return written;
    },
    serving: async () => {
      const s = await readStatusUrl(healthUrl, name, "--health-url");
      if (!s.model || !asked) return [s];
      const generation = shows(s.model, asked.view) ? asked.generation : Math.min(s.model.generation, asked.generation - 1);
      return [{ ...s, model: { ...s.model, generation } }];
    },
    record: (e) => inner.record(e),
    history: () => inner.history()
  };
  if (inner.output) target.output = () => inner.output?.() ?? [];
  return target;
}

// src/gates/deploy/targets/registry.ts
import { mkdirSync as mkdirSync4 } from "node:fs";
var RegistryTarget = class {
  constructor(dir, display3, name) {
    this.dir = dir;
    this.name = name;
    this.description = `registry:${display3}`;
    mkdirSync4(dir, { recursive: true });
  }
  dir;
  name;
  description;
  measures = true;
  state() {
    return Promise.resolve({
      aliases: readAliases(this.dir, this.name),
      versions: listVersions(this.dir, this.name),
      lock: readLock(this.dir, this.name)
    });
  }
  acquireLock(lock) {
    return Promise.resolve(acquireLock(this.dir, this.name, lock));
  }
  heartbeat(id, phase, deploymentId) {
    updateLock(this.dir, this.name, id, { phase, ...deploymentId !== void 0 ? { deploymentId } : {} });
    return Promise.resolve();
  }
  releaseLock(id, force = false) {
    releaseLock(this.dir, this.name, id, force);
    return Promise.resolve();
  }
  stage(modelFile, fields) {
    return stageVersion(this.dir, modelFile, fields);
  }
  setTraffic(view, _phase, expectGeneration) {
    return Promise.resolve(writeAliases(this.dir, this.name, view, expectGeneration));
  }
  serving() {
    return Promise.resolve(
      readServerStatuses(this.dir).map((s) => ({
        url: s.url,
        startedAt: s.startedAt,
        updatedAt: s.updatedAt,
        model: s.models[this.name]
      }))
    );
  }
  record(event) {
    appendHistory(this.dir, this.name, event);
    return Promise.resolve();
  }
  history() {
    return Promise.resolve(readHistory(this.dir, this.name));
  }
};

// src/gates/deploy/targets/open.ts
function openTarget(o) {
  const t = openOwn(o);
  return o.healthUrl ? withHealthUrl(t, o.healthUrl, o.name) : t;
}
function openOwn(o) {
  const t = o.target;
  if (t.startsWith("registry:")) {
    const display3 = t.slice("registry:".length);
    return new RegistryTarget(o.targetPath ?? path10.resolve(o.cwd, display3), display3, o.name);
  }
  if (/^https?:\/\//.test(t)) {
    const u = baseUrl(t, "--target");
    if (!o.adminToken)
      throw new ConfigurationError(
        `--target ${display2(u)} needs the admin API's bearer token: set MLGATE_ADMIN_TOKEN (the action's admin-token input); a token is never a flag`
      );
    if (isPlainRemote(u)) o.progress(`the admin token goes to ${u.host} over plain http: use https:// beyond this machine`);
    return new HttpTarget(display2(u), o.name, o.adminToken, o.applyTimeoutMs ?? 6e4);
  }
  if (t.startsWith("command:")) {
    const display3 = t.slice("command:".length);
    const timeoutMs = o.commandTimeoutMs ?? 6e5;
    return new CommandTarget({
      script: o.targetPath ?? path10.resolve(o.cwd, display3),
      display: display3,
      name: o.name,
      environment: o.environment ?? o.name,
      strategy: o.strategy ?? "rollback",
      cwd: o.cwd,
      env: o.env,
      timeoutMs,
      // The lock is rewritten only when the script runs: it must outlive a watched step and a slow phase.
      staleAfterMs: LOCK_STALE_MS + (o.watchMs ?? 0) + timeoutMs,
      progress: o.progress
    });
  }
  throw new ConfigurationError(`--target "${t}" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT`);
}

// src/gates/deploy/verify.ts
var MODEL_GATES = /* @__PURE__ */ new Set(["model", "onnx"]);
var short = (sha) => sha ? sha.slice(0, 12) : "\u2014";
function slug(check) {
  return check.replace(/^mlgate\//, "").replace(/[()]/g, "").trim().replace(/[^A-Za-z0-9_:-]+/g, "_");
}
function validatedDigest(e, sha256) {
  if (!MODEL_GATES.has(e.gate)) return { matches: false };
  const candidates = e.subjects.filter((s) => s.role !== "baseline");
  const hit = candidates.find((s) => s.sha256 === sha256);
  if (hit) return { sha256: hit.sha256, matches: true };
  return { ...candidates[0] ? { sha256: candidates[0].sha256 } : {}, matches: false };
}
function verify(set, sha256, require2, source) {
  const checks = [];
  const byName = new Map(set.evidence.map((e) => [e.check, e]));
  const required = require2.length > 0 ? [...require2] : set.evidence.map((e) => e.check);
  checks.push(
    set.evidence.length === 0 ? {
      id: "verify.evidence",
      title: "Gate evidence found",
      status: "fail",
      observed: "none",
      expected: "at least one gate",
      message: `No gate results in ${source}: run the model and ONNX gates on this model first.`
    } : {
      id: "verify.evidence",
      title: "Gate evidence found",
      status: "pass",
      observed: set.evidence.map((e) => e.check).join(", "),
      message: `${set.evidence.length} gate result(s) in ${source}${require2.length ? `; required: ${require2.join(", ")}` : "; every one is required"}.`
    }
  );
  const used = [];
  const rows = [];
  for (const name of required) {
    const e = byName.get(name);
    const id = `verify.gate.${slug(name)}`;
    if (!e) {
      checks.push({
        id,
        title: `${name} passed`,
        status: "fail",
        observed: "missing",
        expected: "success",
        message: `${name} is required but has no result in ${source}.`
      });
      rows.push([name, "missing", "\u2014", short(sha256), null]);
      continue;
    }
    used.push(e);
    const ok = e.conclusion === "success";
    checks.push({
      id,
      title: `${name} passed`,
      status: ok ? "pass" : "fail",
      observed: e.conclusion,
      expected: "success",
      message: ok ? `${name} concluded success.` : `${name} concluded ${e.conclusion}: a model that failed a gate is not shipped.`
    });
    const d = validatedDigest(e, sha256);
    rows.push([name, e.conclusion, MODEL_GATES.has(e.gate) ? short(d.sha256) : "(data)", short(sha256), e.url ?? null]);
  }
  const modelGates = used.filter((e) => MODEL_GATES.has(e.gate));
  const mismatched = modelGates.filter((e) => !validatedDigest(e, sha256).matches);
  let digest;
  if (modelGates.length === 0) {
    digest = {
      id: "verify.digest",
      title: "Shipped model is the validated model",
      status: "fail",
      observed: short(sha256),
      expected: "validated by mlgate/model or mlgate/onnx",
      message: `None of the required gates validated a model, so nothing proves that ${short(sha256)} passed; require mlgate/model or mlgate/onnx.`
    };
  } else if (mismatched.length > 0) {
    const list = mismatched.map((e) => `${e.check} validated ${short(validatedDigest(e, sha256).sha256)}`).join("; ");
    digest = {
      id: "verify.digest",
      title: "Shipped model is the validated model",
      status: "fail",
      observed: short(sha256),
      expected: short(validatedDigest(mismatched[0], sha256).sha256),
      message: `The model being shipped (SHA-256 ${short(sha256)}) is not the one the gates validated: ${list}. A changed or re-exported file needs the gates to run on it again.`,
      details: { shipped: sha256 }
    };
  } else {
    digest = {
      id: "verify.digest",
      title: "Shipped model is the validated model",
      status: "pass",
      observed: short(sha256),
      expected: short(sha256),
      message: `${modelGates.map((e) => e.check).join(" and ")} validated exactly this file (SHA-256 ${sha256}).`,
      details: { shipped: sha256 }
    };
  }
  checks.push(digest);
  const table = {
    kind: "table",
    title: "Gate evidence",
    headers: ["gate", "conclusion", "digest validated", "digest shipped", "link"],
    rows,
    ...set.notes.length ? { note: set.notes.join(" ") } : {}
  };
  return { passed: checks.every((c) => c.status !== "fail"), checks, table, used };
}

// src/gates/deploy/resolve.ts
function abandonedDescription(lock, rolledBack, by) {
  return `mlgate: stopped before it finished (at ${lock.phase}); ${rolledBack ? "rolled back" : "traffic untouched, lock cleared"} by ${by}`;
}
async function resolveStale(target, lock, progress, record) {
  const state = await target.state();
  const before = aliasesView(lock.before);
  const now = aliasesView(state.aliases);
  const same = JSON.stringify(before) === JSON.stringify(now);
  const what = `the rollout of ${lock.version} (pid ${lock.pid} on ${lock.host}, last heartbeat ${lock.heartbeatAt}) stopped at ${lock.phase}`;
  progress(`${what}; ${same ? "traffic was not changed" : "rolling back to what it started from"}`);
  if (!same) await target.setTraffic(before, "rollback");
  const unrecorded = lock.deploymentId !== void 0 && !record ? ` GitHub deployment ${lock.deploymentId} of that run stays in progress: no GitHub token here to close it.` : "";
  const done = same ? `traffic was as it started (champion ${before.champion ?? "none"})` : `rolled back to champion ${before.champion ?? "none"}${before.challenger ? ` with ${before.challenger} at ${before.weight}%` : ""}`;
  const message = `${what}; ${done}, lock removed.${unrecorded}`;
  await target.record({ event: "resolved", version: lock.version, from: now, to: before, message });
  await target.releaseLock(lock.id, true);
  if (record && lock.deploymentId !== void 0) {
    try {
      await record.recorder.abandoned(lock.deploymentId, abandonedDescription(lock, !same, record.by));
    } catch (e) {
      progress(`could not record the end of deployment ${lock.deploymentId}: ${errorMessage(e)}`);
    }
  }
  return message;
}

// src/gates/deploy/run.ts
var HEARTBEAT_MS = 5e3;
async function runDeploy(o, ports) {
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  o.progress(`hashing ${o.modelDisplay}`);
  const sha256 = await sha256File(o.model);
  o.progress(`verifying ${o.modelDisplay} (${sha256.slice(0, 12)}) against ${ports.evidence.description}`);
  const set = await ports.evidence.collect();
  const verification = verify(set, sha256, o.require, ports.evidence.description);
  const checks = [...verification.checks];
  const steps = [];
  let deploymentId;
  let previous = null;
  const finish = async (outcome, message, target2) => {
    const audit = {
      schemaVersion: 1,
      name: o.name,
      environment: o.environment,
      version: o.version,
      model: o.modelDisplay,
      sha256,
      target: target2?.description ?? o.target,
      strategy: o.strategy,
      gates: verification.used.length ? verification.used : set.evidence,
      approvals: [],
      previous,
      steps,
      outcome,
      message,
      startedAt,
      finishedAt: (/* @__PURE__ */ new Date()).toISOString()
    };
    for (const k of ["tag", "commit", "repository", "runUrl", "actor"]) if (o[k]) audit[k] = o[k];
    if (set.commit && !audit.commit) audit.commit = set.commit;
    if (deploymentId) audit.deploymentId = deploymentId;
    if (ports.recorder && outcome !== "refused") {
      try {
        audit.approvals = await ports.recorder.approvals();
      } catch (e) {
        o.progress(`could not read the approvals: ${errorMessage(e)}`);
      }
    }
    const report = buildReport(o, {
      sha256,
      checks,
      verification,
      steps,
      outcome,
      message,
      audit,
      ...target2?.output ? { output: target2.output() } : {}
    });
    return {
      report,
      audit,
      outcome,
      outputs: {
        status: outcome,
        version: o.version,
        deployedDigest: outcome === "deployed" || outcome === "no-op" ? sha256 : "",
        previousVersion: previous ?? "",
        deploymentId: deploymentId ?? ""
      }
    };
  };
  if (!verification.passed) {
    const first = verification.checks.find((c) => c.status === "fail");
    o.progress("refused: the gates' evidence does not cover this model");
    return finish("refused", first?.message ?? "verification failed");
  }
  const target = ports.target ?? openTarget(o);
  const lock = await takeLock(o, target, checks, ports.recorder);
  if (!lock) return finish("refused", checks[checks.length - 1]?.message ?? "the target is locked", target);
  let heartbeat;
  let rollout;
  let halfFinished;
  try {
    const state = await target.state();
    const before = state.aliases;
    previous = before.champion;
    const existing = state.versions.find((m) => m.version === o.version);
    if (existing && existing.sha256 !== sha256) {
      checks.push({
        id: "rollout.version",
        title: "Version is new or identical",
        status: "fail",
        observed: existing.sha256.slice(0, 12),
        expected: sha256.slice(0, 12),
        message: `Version ${o.version} of ${o.name} is already in ${target.description} with SHA-256 ${existing.sha256.slice(0, 12)}, not ${sha256.slice(0, 12)}; a version is immutable, deploy under a new version.`
      });
      return await finish("refused", `version ${o.version} already exists with another model (a version is immutable)`, target);
    }
    const serving = before.champion ? state.versions.find((m) => m.version === before.champion) : void 0;
    if (serving && serving.sha256 === sha256 && before.challenger === null) {
      const message = `${serving.version} (${sha256.slice(0, 12)}) already serves ${o.environment}: nothing to do`;
      checks.push({
        id: "rollout.noop",
        title: "Already deployed",
        status: "pass",
        observed: serving.version,
        message: `${message}.`
      });
      await target.record({ event: "no-op", version: o.version, message });
      o.progress(message);
      return await finish("no-op", message, target);
    }
    if (ports.recorder) {
      const begun = await ports.recorder.begin({
        name: o.name,
        environment: o.environment,
        version: o.version,
        sha256,
        strategy: o.strategy,
        ...o.commit ? { commit: o.commit } : {}
      });
      deploymentId = begun.deploymentId;
      if (deploymentId !== void 0) await target.heartbeat(lock.id, lock.phase, deploymentId);
    }
    rollout = new Rollout(
      o,
      target,
      sha256,
      before,
      {
        name: o.name,
        version: o.version,
        source: o.modelDisplay,
        gates: verification.used,
        ...o.tag ? { tag: o.tag } : {},
        ...o.commit ? { commit: o.commit } : {},
        ...o.repository ? { repository: o.repository } : {},
        ...o.runUrl ? { runUrl: o.runUrl } : {},
        ...o.actor ? { actor: o.actor } : {}
      },
      ports.parity ?? await defaultParity(o, sha256)
    );
    const r = rollout;
    r.onPhase = (phase) => target.heartbeat(lock.id, phase);
    heartbeat = setInterval(() => {
      target.heartbeat(lock.id, r.phase).catch(() => void 0);
    }, HEARTBEAT_MS);
    const result = await rollout.run();
    steps.push(...rollout.steps);
    checks.push(...rollout.checks);
    if (rollout.rollbackFailure !== void 0) {
      halfFinished = halfFinishedSentence(o, target, rollout.failure ?? result.message, rollout.rollbackFailure, rollout.last);
      const failed = await finish("failed", halfFinished, target);
      await target.record({ event: "failed", version: o.version, message: halfFinished, audit: failed.audit }).catch(() => void 0);
      await endRecorder(ports.recorder, failed, o);
    } else {
      const done = await finish(result.outcome, result.message, target);
      await target.record({
        event: result.outcome === "deployed" ? "deployed" : "rolled-back",
        version: o.version,
        message: result.message,
        audit: done.audit
      });
      await endRecorder(ports.recorder, done, o);
      return done;
    }
  } catch (e) {
    if (rollout?.moved) {
      await rollout.rollback(`interrupted: ${errorMessage(e)}`).catch(() => void 0);
      if (rollout.rollbackFailure !== void 0)
        halfFinished = halfFinishedSentence(o, target, errorMessage(e), rollout.rollbackFailure, rollout.last);
      await target.record({ event: "failed", version: o.version, message: halfFinished ?? errorMessage(e) }).catch(() => void 0);
    }
    if (rollout) steps.push(...rollout.steps);
    if (ports.recorder && deploymentId) {
      const failed = await finish("failed", halfFinished ?? errorMessage(e), target);
      await endRecorder(ports.recorder, failed, o);
    }
    throw halfFinished === void 0 ? e : new ConfigurationError(halfFinished);
  } finally {
    clearInterval(heartbeat);
    if (halfFinished === void 0) await target.releaseLock(lock.id).catch(() => void 0);
  }
  throw new ConfigurationError(halfFinished);
}
function halfFinishedSentence(o, target, why, rollback, last) {
  const split = last.challenger ? `, challenger ${last.challenger} at ${last.weight}%` : "";
  return `the rollout of ${o.name} ${o.version} to ${o.environment} failed (${why}) and so did its rollback (${rollback}): traffic may still be as last confirmed (champion ${last.champion ?? "none"}${split}); the rollout lock stays, so the next mlgate deploy or mlgate deploy status rolls it back once ${target.description} answers`;
}
async function endRecorder(recorder, done, o) {
  if (!recorder) return;
  try {
    await recorder.end(done.audit, o.model);
  } catch (e) {
    o.progress(`could not record the deployment: ${errorMessage(e)}`);
  }
}
async function takeLock(o, target, checks, recorder) {
  const state = await target.state();
  const want = {
    version: o.version,
    environment: o.environment,
    strategy: o.strategy,
    phase: "verify",
    before: aliasesView(state.aliases),
    ...o.runUrl ? { runUrl: o.runUrl } : {}
  };
  let r = await target.acquireLock(want);
  if (!r.acquired && r.stale) {
    const record = recorder ? { recorder, by: o.runUrl ?? "a later deploy" } : void 0;
    const resolved = await resolveStale(target, r.holder, o.progress, record);
    checks.push({
      id: "rollback.resolved",
      title: "Half-finished rollout resolved",
      status: "warn",
      observed: `${r.holder.version} at ${r.holder.phase}`,
      message: resolved
    });
    r = await target.acquireLock({ ...want, before: aliasesView((await target.state()).aliases) });
  }
  if (r.acquired) {
    checks.push({
      id: "rollout.lock",
      title: "Rollout lock",
      status: "pass",
      observed: "acquired",
      message: `Holding the lock of ${o.name}.`
    });
    return r.lock;
  }
  const h = r.holder;
  checks.push({
    id: "rollout.lock",
    title: "Rollout lock",
    status: "fail",
    observed: `held by ${h.version} (${h.phase})`,
    message: `Another rollout of ${o.name} is running (version ${h.version}, ${h.phase}, started ${h.startedAt}${h.runUrl ? `, ${h.runUrl}` : ""}); one deploy at a time.`
  });
  return void 0;
}
async function defaultParity(o, sha256) {
  const { parityCheck } = await import("./parity-ZZWC5LN3.js");
  return parityCheck(o, sha256);
}

// src/gates/deploy/command.ts
var TARGET_OPTIONS = {
  environment: { type: "string", valueName: "ENV", description: "Environment to deploy to (production, staging \u2026)." },
  target: {
    type: "string",
    valueName: "TARGET",
    description: "registry:DIR (served by mlgate serve --registry DIR), http(s)://HOST:PORT or command:SCRIPT."
  },
  name: {
    type: "string",
    valueName: "NAME",
    description: "The model's name in the target and at /v2/models/{name} (default: the environment)."
  },
  "health-url": {
    type: "string",
    valueName: "URL",
    description: "Read step health from this server's /v1/status instead of the target's own (command: targets)."
  }
};
var deployCommand = {
  name: "deploy",
  summary: "Ship a model that passed the gates: verify its digest, roll it out, watch it, roll back if it misbehaves.",
  usage: [
    "deploy --model FILE --environment ENV --target registry:DIR|http(s)://HOST:PORT|command:SCRIPT",
    "       [--version V] [--name NAME] [--strategy direct|canary|blue-green] [--steps 10,50,100] [--watch 60s]",
    "       [--require mlgate/model,mlgate/onnx] [--reports DIR] [--json FILE]"
  ],
  description: [
    "Verifies first: every required gate (default: every gate report in --reports, at least one) passed, and the",
    "SHA-256 of --model is the digest the model and ONNX gates validated. Then it locks the target, stages the",
    "version without traffic, checks serving parity, and rolls out; a failed step rolls back to the previous",
    "version. Health budgets come from gates.deploy in mlgate.yml (max_error_rate, max_p95_ms, max_p95_ratio,",
    "min_requests). The version defaults to the tag being built (GITHUB_REF_NAME). Exit codes: 0 deployed or",
    "already deployed, 1 refused or rolled back, 2 could not run. See docs/deploy.md."
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
      description: "Gates that must have passed, comma-separated (default: every gate found)."
    },
    reports: { type: "string", valueName: "DIR", description: "Verify against the gates' JSON reports in this folder." },
    "trusted-app": {
      type: "string",
      valueName: "SLUG",
      description: "GitHub App whose check runs count as gate evidence (default github-actions, the GITHUB_TOKEN's)."
    }
  },
  run: async (ctx) => {
    const reports = ctx.str("reports");
    if (reports === void 0 && !inGitHubActions(ctx.env))
      throw new ConfigurationError(
        "--reports DIR is required: give the folder of the gates' JSON reports (--json) to verify the model against"
      );
    const dir = reports === void 0 ? void 0 : ctx.resolvePath(reports, { flag: "--reports", kind: "dir" });
    const trustedApp = trustedAppOf(ctx.str("trusted-app"), reports !== void 0);
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
        healthUrl: ctx.str("health-url")
      },
      {
        cwd: ctx.cwd,
        env: ctx.env,
        config: ctx.config,
        resolveFile: (p, flag) => ctx.resolvePath(p, { flag, kind: "file" }),
        resolveDir: (p, flag) => ctx.resolvePath(p, { flag, kind: "dir", mustExist: false }),
        progress: ctx.progress
      }
    );
    const ports = dir !== void 0 && reports !== void 0 ? { evidence: new ReportsEvidence(dir, reports) } : (await import("./deploy-ports-BIY3VXGV.js")).gitHubDeployPorts({
      env: ctx.env,
      cwd: ctx.cwd,
      ...ctx.str("token") ? { token: ctx.str("token") } : {},
      ...o.tag ? { tag: o.tag } : {},
      ...trustedApp ? { trustedApp } : {},
      name: o.name,
      target: o.target,
      progress: ctx.progress
    });
    const result = await runDeploy(o, ports);
    result.report.name = o.environment;
    result.report.metrics = {
      ...result.report.metrics,
      outputs: {
        outcome: result.outputs.status,
        version: result.outputs.version,
        "deployed-digest": result.outputs.deployedDigest,
        "previous-version": result.outputs.previousVersion,
        "deployment-id": result.outputs.deploymentId
      }
    };
    return result.report;
  }
};
function trustedAppOf(value, offline) {
  if (value === void 0) return void 0;
  if (offline)
    throw new ConfigurationError(
      "--trusted-app goes with the gates' check runs; with --reports DIR the evidence is the reports, and no app is involved"
    );
  if (!/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/.test(value))
    throw new ConfigurationError(
      `--trusted-app "${value}" is not a GitHub App slug (lower-case letters, digits and inner hyphens, as in the app's URL github.com/apps/SLUG)`
    );
  return value;
}

// src/gates/deploy/manage.ts
function targetOf(ctx) {
  const env = ctx.str("environment");
  if (!env) throw new ConfigurationError("--environment is required: the environment whose deployment to show or roll back");
  const environment = checkRegistryName("model name", env, "--environment");
  const t = ctx.str("target");
  if (!t) throw new ConfigurationError("--target is required: registry:DIR, http(s)://HOST:PORT or command:SCRIPT");
  if (!/^(registry:|https?:\/\/|command:)/.test(t))
    throw new ConfigurationError(`--target "${t}" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT`);
  const name = checkRegistryName("model name", ctx.str("name") ?? environment, ctx.str("name") ? "--name" : "--environment");
  const o = { target: t, name, cwd: ctx.cwd, env: ctx.env, progress: ctx.progress };
  const token = ctx.env.MLGATE_ADMIN_TOKEN?.trim();
  if (token) o.adminToken = token;
  const health = ctx.str("health-url");
  if (health !== void 0) o.healthUrl = display2(baseUrl(health, "--health-url"));
  if (t.startsWith("registry:")) {
    const dir = t.slice("registry:".length);
    if (dir === "") throw new ConfigurationError(`--target "${t}" names no folder; use registry:DIR`);
    o.targetPath = ctx.resolvePath(dir, { flag: "--target", kind: "dir", mustExist: false });
  }
  if (t.startsWith("command:")) {
    const script = t.slice("command:".length);
    if (script === "") throw new ConfigurationError(`--target "${t}" names no script; use command:SCRIPT`);
    o.targetPath = ctx.resolvePath(script, { flag: "--target", kind: "file" });
    o.environment = environment;
    const timeout = deployConfigOf(ctx.config)?.command_timeout;
    if (timeout) o.commandTimeoutMs = parseDuration(timeout, "gates.deploy.command_timeout");
  }
  return { target: openTarget(o), name };
}
async function resolveIfStale(target, ctx, name) {
  const { lock } = await target.state();
  if (!lock || !isLockStale(lock)) return void 0;
  const record = lock.deploymentId === void 0 ? void 0 : await staleRecord(ctx, name);
  return resolveStale(target, lock, ctx.progress, record);
}
async function staleRecord(ctx, name) {
  try {
    const { gitHubStatusRecorder } = await import("./deploy-ports-BIY3VXGV.js");
    const r = gitHubStatusRecorder({ env: ctx.env, cwd: ctx.cwd, name, target: ctx.str("target") ?? "", progress: ctx.progress });
    return r && { recorder: r.recorder, by: r.runUrl ?? "mlgate deploy status" };
  } catch (e) {
    ctx.progress(`cannot reach GitHub to end the stopped deploy's deployment: ${errorMessage(e)}`);
    return void 0;
  }
}
var deployStatusCommand = {
  name: "deploy status",
  summary: "What a deploy target serves: champion, challenger and weight, previous version, lock, servers' figures.",
  usage: ["deploy status --environment ENV --target registry:DIR|http(s)://HOST:PORT [--name NAME]"],
  description: "A rollout left half-finished by a killed deploy (a stale lock) is rolled back first, and said so; inside GitHub Actions with GITHUB_TOKEN set, the killed run's GitHub deployment also gets state error.",
  options: { ...TARGET_OPTIONS },
  run: async (ctx) => {
    const { target, name } = targetOf(ctx);
    const resolved = await resolveIfStale(target, ctx, name);
    const s = await target.state();
    const a = s.aliases;
    const digest = (v) => {
      if (v === null) return "none";
      const m = s.versions.find((x) => x.version === v);
      return m ? `${v} (sha256 ${m.sha256.slice(0, 12)}${m.tag ? `, tag ${m.tag}` : ""})` : v;
    };
    const rows = [
      ["model", `${name} in ${target.description}`],
      ["champion", digest(a.champion)],
      [
        "challenger",
        a.challenger === null ? "none" : `${digest(a.challenger)} at ${a.weight}%${a.mode === "shadow" ? " (shadow)" : ""}`
      ],
      ["previous", digest(a.previous)],
      ["generation", String(a.generation)],
      ["lock", s.lock ? `held by the rollout of ${s.lock.version} (${s.lock.phase}, since ${s.lock.startedAt})` : "none"]
    ];
    for (const srv of await target.serving()) {
      const m = srv.model;
      const figures2 = m ? Object.values(m.versions).map(
        (v) => `${v.version} ${v.weight}%: ${v.window.requests} req, ${v.window.errors} err, p95 ${v.window.p95Ms ?? "n/a"} ms`
      ).join("; ") : "not serving this model";
      rows.push([
        "server",
        `${srv.url} generation ${m?.generation ?? "none"}${m?.error ? ` (error: ${m.error})` : ""}: ${figures2}`
      ]);
    }
    const last = (await target.history()).filter((h) => h.event !== "traffic" && h.event !== "staged").at(-1);
    if (last)
      rows.push(["last event", `${last.event} ${last.version ?? ""} at ${last.at}${last.message ? `: ${last.message}` : ""}`]);
    if (resolved) rows.push(["resolved", resolved]);
    ctx.stdout.write(`${alignTable(["", ""], rows).slice(2).join("\n")}
`);
    return 0;
  }
};
var deployRollbackCommand = {
  name: "deploy rollback",
  summary: "Return a deploy target to its previous version (or --to VERSION), under the rollout lock.",
  usage: ["deploy rollback --environment ENV --target registry:DIR|http(s)://HOST:PORT [--name NAME] [--to VERSION]"],
  options: {
    ...TARGET_OPTIONS,
    to: { type: "string", valueName: "VERSION", description: "Version to return to (default: the previous champion)." }
  },
  run: async (ctx) => {
    const { target, name } = targetOf(ctx);
    await resolveIfStale(target, ctx, name);
    const s = await target.state();
    const to = ctx.str("to") ?? s.aliases.previous;
    if (to === null) throw new ConfigurationError(`${name} has no previous version to roll back to; give --to VERSION`);
    checkRegistryName("version", to, "--to");
    if (!s.versions.some((v) => v.version === to))
      throw new ConfigurationError(
        `--to ${to}: no such version of ${name} in ${target.description} (staged: ${s.versions.map((v) => v.version).join(", ") || "none"})`
      );
    if (s.aliases.champion === to && s.aliases.challenger === null) {
      ctx.stdout.write(`${to} already serves ${name}: nothing to roll back
`);
      return 0;
    }
    const lock = await target.acquireLock({
      version: to,
      environment: ctx.str("environment") ?? name,
      strategy: "rollback",
      phase: "rollback",
      before: aliasesView(s.aliases)
    });
    if (!lock.acquired) {
      ctx.stderr.write(
        `mlgate deploy rollback: a rollout of ${lock.holder.version} holds the lock (${lock.holder.phase}); try again when it ends
`
      );
      return 1;
    }
    try {
      const view = { champion: to, challenger: null, weight: 0, mode: "split", previous: s.aliases.champion };
      await target.setTraffic(view, "rollback", s.aliases.generation);
      const message = `rolled back ${name} from ${s.aliases.champion ?? "none"} to ${to}`;
      await target.record({ event: "rolled-back", version: to, from: aliasesView(s.aliases), to: view, message });
      ctx.stdout.write(`${message}
`);
      return 0;
    } finally {
      await target.releaseLock(lock.lock.id);
    }
  }
};

// src/commands.ts
var COMMANDS = [
  dataCommand,
  dataInferCommand,
  modelCommand,
  modelMergeCommand,
  onnxCommand,
  deployCommand,
  deployStatusCommand,
  deployRollbackCommand,
  serveCommand,
  publishCommand,
  demoCommand
];

// src/cli.ts
var publisherModule;
async function startPublishing(...args) {
  return publisherModule?.startPublishing(...args);
}
function enrichReport(...args) {
  publisherModule?.enrichReport(...args);
}
function optionsOf(cmd) {
  return { ...cmd.options, ...cmd.gate ? GATE_OPTIONS : {}, ...GLOBAL_OPTIONS };
}
function flagList(options2) {
  const rows = Object.entries(options2).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    return [flag, o.description + (o.multiple ? " Repeatable." : "")];
  });
  const w = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(w)}  ${d}`).join("\n");
}
function commandHelp(cmd) {
  const usage = cmd.usage.map((u, i) => `${i === 0 ? "Usage: " : "       "}mlgate ${u}`).join("\n");
  const exit = cmd.gate ? "\n\nExit codes: 0 passed (warnings allowed), 1 failed, 2 could not run (bad input)." : "";
  return `${usage}

${cmd.summary}${cmd.description ? `

${cmd.description}` : ""}

Options:
${flagList(optionsOf(cmd))}${exit}
`;
}
function mainHelp(commands) {
  const w = Math.max(8, ...commands.map((c) => c.name.length));
  const list = commands.length ? commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join("\n") : "  (no gates are installed in this build)";
  return `Usage: mlgate <command> [options]

Gates for machine-learning changes, the way unit tests gate code.

Commands:
${list}

Options:
  -h, --help     Show help (also: mlgate <command> --help).
  -V, --version  Print the version.

Exit codes: 0 passed (warnings allowed), 1 failed, 2 could not run (bad input).
`;
}
function findCommand(args, commands) {
  let best;
  for (const cmd of commands) {
    const words = cmd.name.split(" ");
    if (words.every((w, i) => args[i] === w) && (!best || words.length > best.cmd.name.split(" ").length)) {
      best = { cmd, rest: args.slice(words.length) };
    }
  }
  return best;
}
function parse(cmd, rest) {
  const options2 = optionsOf(cmd);
  try {
    const parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(options2).map(([k, o]) => [k, { type: o.type, multiple: true, ...o.short ? { short: o.short } : {} }])
      ),
      strict: true,
      allowPositionals: cmd.allowPositionals ?? false
    });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (e) {
    const msg = errorMessage(e);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(msg)?.[1];
    if (unknown) {
      const hint = didYouMean(unknown.replace(/^-+/, ""), Object.keys(options2));
      throw new ConfigurationError(
        `unknown flag ${unknown} for mlgate ${cmd.name}${hint ? ` (did you mean --${hint}?)` : ""}; see mlgate ${cmd.name} --help`
      );
    }
    const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(msg)?.[1];
    if (missing) throw new ConfigurationError(`${missing} needs a value; see mlgate ${cmd.name} --help`);
    const positional = /Unexpected argument '([^']+)'/.exec(msg)?.[1];
    if (positional)
      throw new ConfigurationError(`unexpected argument "${positional}" for mlgate ${cmd.name}; see mlgate ${cmd.name} --help`);
    throw new ConfigurationError(`${msg.split("\n")[0] ?? msg}; see mlgate ${cmd.name} --help`);
  }
}
function makeContext(cmd, values, positionals, io) {
  const options2 = optionsOf(cmd);
  const last = (v) => Array.isArray(v) ? v[v.length - 1] : v;
  const ctx = {
    values,
    positionals,
    cwd: io.cwd,
    env: io.env,
    config: {},
    stdout: io.stdout,
    stderr: io.stderr,
    progress: (m) => {
      if (!last(values.quiet)) io.stderr.write(`mlgate ${cmd.name}: ${m}
`);
    },
    resolvePath: (p, o) => resolveInputPath(p, {
      ...o,
      cwd: io.cwd,
      env: io.env,
      allowOutside: last(values["allow-outside-workspace"]) === true,
      allowPaths: values["allow-path"] ?? []
    }),
    str: (n) => {
      if (options2[n]?.type !== "string") throw new Error(`mlgate ${cmd.name} has no string flag --${n}`);
      return last(values[n]);
    },
    list: (n) => {
      if (options2[n]?.type !== "string") throw new Error(`mlgate ${cmd.name} has no string flag --${n}`);
      return values[n] ?? [];
    },
    bool: (n) => {
      if (options2[n]?.type !== "boolean") throw new Error(`mlgate ${cmd.name} has no boolean flag --${n}`);
      return last(values[n]) === true;
    }
  };
  return ctx;
}
async function main(argv, io, commands = COMMANDS) {
  const debug = argv.includes("--debug");
  if (io.env.GITHUB_ACTIONS === "true") publisherModule ??= await import("./publisher-RXN5FNDY.js");
  let cmd;
  let ctx;
  let publisher;
  let early;
  let interrupt;
  let configDisplay;
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      const target = argv[0] === "help" && argv[1] ? findCommand(argv.slice(1), commands) : void 0;
      io.stdout.write(target ? commandHelp(target.cmd) : mainHelp(commands));
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === "--version" || argv[0] === "-V") {
      io.stdout.write(`${TOOL_VERSION}
`);
      return 0;
    }
    const found = findCommand(argv, commands);
    if (!found) {
      const first = argv[0] ?? "";
      const hint = didYouMean(
        first,
        commands.map((c) => c.name.split(" ")[0] ?? "")
      );
      throw new ConfigurationError(`unknown command "${first}"${hint ? ` (did you mean "${hint}"?)` : ""}; see mlgate --help`);
    }
    cmd = found.cmd;
    if (found.rest.includes("--help") || found.rest.includes("-h")) {
      io.stdout.write(commandHelp(cmd));
      return 0;
    }
    const { values, positionals } = parse(cmd, found.rest);
    ctx = makeContext(cmd, values, positionals, io);
    early = cmd.early?.(ctx);
    if (cmd.gate) {
      const given = ctx.str("config");
      const resolve = ctx.resolvePath;
      const loaded = loadConfig(given ? resolve(given, { flag: "--config", kind: "file" }) : void 0, io.cwd, {
        ...given ? { display: given } : {},
        check: (f) => resolve(f, { flag: "the config", kind: "file" })
      });
      ctx.config = loaded.config;
      if (loaded.file) ctx.configFile = loaded.file;
      configDisplay = given ?? loaded.file;
      const { lineOf } = loaded;
      if (lineOf) ctx.configAt = (segments) => `${given ?? loaded.file ?? "mlgate.yml"}:${lineOf(segments)}`;
    }
    const failOn = cmd.gate ? failOnOf(ctx, configFailOn(ctx.config, cmd.gate)) : "error";
    const crashes = cmd.gate ? CrashRecord.of(io.env) : void 0;
    if (cmd.gate && (cmd.publishes?.(ctx) ?? true)) publisher = await startPublishing(cmd.gate, ctx, crashes?.checkRunToReuse);
    crashes?.checkRunOpened(publisher?.openCheckRun);
    if (crashes?.unattributed)
      throw new ConfigurationError(
        crashes.unattributed === "SIGKILL" ? "the gate's process was killed (SIGKILL; the system does that when memory runs out), so the gate could not run" : `the gate's process crashed (${crashes.unattributed}) outside the work on any one model, so the gate could not run`
      );
    if (publisher) interrupt = whenInterrupted();
    const work = cmd.gate ? withTimeout(cmd.run(ctx), gateTimeout(ctx), io.abandoned) : cmd.run(ctx);
    const result = interrupt ? await Promise.race([work, interrupt.promise]) : await work;
    if (typeof result === "number") return result;
    await recordConfig(result, ctx);
    enrichReport(result, ctx.env, ctx.cwd, publisher);
    const runName = ctx.str("name");
    if (runName && cmd.gate !== "deploy") result.name = runName;
    const emitted = await emitReport(result, ctx, failOn);
    const published = await publisher?.finish(result, {
      ...emitted.jsonPath ? { reportPath: emitted.jsonPath } : {},
      failed: emitted.exitCode !== 0
    });
    if (published?.denied) {
      io.stderr.write(`mlgate ${cmd.name}: ${published.denied}.
`);
      return 2;
    }
    return emitted.exitCode;
  } catch (e) {
    if (e instanceof Interrupted && publisher) {
      await publisher.cancel();
      io.stderr.write(`mlgate${cmd ? ` ${cmd.name}` : ""}: cancelled (${e.signal}); the check run is marked cancelled
`);
      io.abandoned?.();
      return e.signal === "SIGINT" ? 130 : 143;
    }
    if (isConfigurationError(e)) {
      const message = locateConfigMessage(e.message, ctx?.configFile, io.cwd, configDisplay);
      io.stderr.write(`mlgate${cmd ? ` ${cmd.name}` : ""}: ${message}
`);
      await finishError(publisher, writeErrorReport(cmd, ctx, message, publisher));
      return 2;
    }
    io.stderr.write(`mlgate${cmd ? ` ${cmd.name}` : ""}: internal error: ${errorMessage(e)}
`);
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}
`);
    else io.stderr.write(`This is a bug in ${TOOL}; rerun with --debug for the stack trace and report it.
`);
    await finishError(publisher, writeErrorReport(cmd, ctx, `internal error: ${errorMessage(e)}`, publisher));
    return 2;
  } finally {
    interrupt?.dispose();
    early?.dispose();
  }
}
function writeErrorReport(cmd, ctx, message, publisher) {
  if (!cmd?.gate || !ctx) return void 0;
  const report = errorReport(cmd.gate, message);
  enrichReport(report, ctx.env, ctx.cwd, publisher);
  const runName = ctx.str(cmd.gate === "deploy" ? "environment" : "name");
  if (runName) report.name = runName;
  try {
    const target = jsonPathOf(ctx, report);
    if (!target) return { report };
    writeJsonReport(report, target);
    return { report, reportPath: target };
  } catch {
    return { report };
  }
}
async function finishError(publisher, written) {
  if (!publisher || !written) return;
  try {
    await publisher.finish(written.report, { ...written.reportPath ? { reportPath: written.reportPath } : {}, failed: true });
  } catch {
  }
}

export {
  commandHelp,
  mainHelp,
  main
};
