#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  main
} from "./chunk-WDJZRZ53.js";
import "./chunk-MSLKYCMH.js";
import "./chunk-EHBBVEWB.js";
import "./chunk-D3EGGY3J.js";
import "./chunk-3ILC2NNE.js";
import "./chunk-IGPQE56H.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-UBWSVVVQ.js";
import "./chunk-AYZAZZX6.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-PVVQWW7F.js";
import "./chunk-ANBSLUPX.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-R6IAO5N7.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-ULEDS62O.js";
import {
  ConfigurationError,
  errorMessage,
  isConfigurationError
} from "./chunk-3PEGX5SE.js";
import "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/actions/inputs.ts
function readInputsJson(env = process.env) {
  const text = env.INPUTS_JSON;
  if (!text)
    throw new ConfigurationError("INPUTS_JSON is not set; the action must pass `INPUTS_JSON: ${{ toJSON(inputs) }}` in env");
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError("INPUTS_JSON is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ConfigurationError("INPUTS_JSON must be a JSON object");
  const out = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v === null || v === void 0) continue;
    out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}
function getOptionalInput(inputs, name) {
  const v = inputs[name]?.trim();
  return v === "" ? void 0 : v;
}
function getNameInput(inputs) {
  const name = getOptionalInput(inputs, "name");
  if (name !== void 0 && !/^[A-Za-z0-9._ -]{1,60}$/.test(name)) {
    throw new ConfigurationError(`input "name" must be 1-60 letters, digits, spaces, dots, dashes or underscores, not "${name}"`);
  }
  return name;
}
function getRequiredInput(inputs, name) {
  const v = getOptionalInput(inputs, name);
  if (v === void 0) throw new ConfigurationError(`input "${name}" is required`);
  return v;
}
function getChoiceInput(inputs, name, choices, fallback) {
  const v = getOptionalInput(inputs, name);
  if (v === void 0) return fallback;
  if (choices.includes(v)) return v;
  throw new ConfigurationError(`input "${name}" must be one of ${choices.join(", ")}, not "${v}"`);
}
function getListInput(inputs, name) {
  const v = getOptionalInput(inputs, name);
  if (v === void 0) return [];
  return v.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== "");
}
function getAllowPathsInput(inputs) {
  return getListInput(inputs, "allow-paths");
}
function pushAllowPaths(args, dirs) {
  for (const dir of dirs) args.push("--allow-path", dir);
}
function pushFlag(args, flag, value) {
  if (value !== void 0) args.push(flag, value);
}

// src/actions/publish-action.ts
function publishArgs(inputs) {
  const args = ["publish"];
  for (const r of getListInput(inputs, "report")) args.push("--report", r);
  const runId = getOptionalInput(inputs, "run-id");
  if (runId !== void 0 && !/^[1-9]\d*$/.test(runId))
    throw new ConfigurationError(`input "run-id" must be a workflow run id (a positive integer), not "${runId}"`);
  pushFlag(args, "--run-id", runId);
  pushFlag(args, "--artifact-pattern", getOptionalInput(inputs, "artifact-pattern"));
  pushFlag(args, "--config", getOptionalInput(inputs, "config"));
  pushFlag(args, "--pr-checkout", getOptionalInput(inputs, "pr-checkout"));
  pushAllowPaths(args, getAllowPathsInput(inputs));
  return args;
}

// src/actions/onnx-compat-action.ts
function getInputs(inputs) {
  const models = getListInput(inputs, "model");
  if (!models.length) throw new ConfigurationError('input "model" is required (an ONNX file or a glob such as models/*.onnx)');
  const out = { models, allowPaths: getAllowPathsInput(inputs) };
  const testData = getOptionalInput(inputs, "test-data");
  const baseline = getOptionalInput(inputs, "baseline");
  const config = getOptionalInput(inputs, "config");
  const name = getNameInput(inputs);
  if (testData !== void 0) out.testData = testData;
  if (baseline !== void 0) out.baseline = baseline;
  if (config !== void 0) out.config = config;
  if (name !== void 0) out.name = name;
  return out;
}
function onnxCompatArgs(raw) {
  const i = getInputs(raw);
  const args = ["onnx"];
  for (const m of i.models) args.push("--model", m);
  pushFlag(args, "--test-data", i.testData);
  pushFlag(args, "--baseline", i.baseline);
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--name", i.name);
  pushAllowPaths(args, i.allowPaths);
  return args;
}

// src/actions/data-validation-action.ts
function getInputs2(inputs) {
  const out = { allowPaths: getAllowPathsInput(inputs) };
  if (getOptionalInput(inputs, "fail-on") !== void 0)
    out.failOn = getChoiceInput(inputs, "fail-on", ["error", "warning"], "error");
  const data = getOptionalInput(inputs, "data");
  const config = getOptionalInput(inputs, "config");
  const name = getNameInput(inputs);
  const schema = getOptionalInput(inputs, "schema");
  const reference = getOptionalInput(inputs, "reference");
  if (data !== void 0) out.data = data;
  if (schema !== void 0) out.schema = schema;
  if (reference !== void 0) out.reference = reference;
  if (config !== void 0) out.config = config;
  if (name !== void 0) out.name = name;
  return out;
}
function dataValidationArgs(raw) {
  const i = getInputs2(raw);
  const args = ["data"];
  pushFlag(args, "--data", i.data);
  pushFlag(args, "--schema", i.schema);
  pushFlag(args, "--reference", i.reference);
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--name", i.name);
  pushFlag(args, "--fail-on", i.failOn);
  pushAllowPaths(args, i.allowPaths);
  return args;
}

// src/actions/model-validation-action.ts
var TASKS = ["binary", "multiclass", "regression"];
function getTask(inputs) {
  const v = getRequiredInput(inputs, "task");
  if (!TASKS.includes(v))
    throw new ConfigurationError(`input "task" must be one of ${TASKS.join(", ")}, not "${v}"`);
  return v;
}
function getInputs3(inputs) {
  const out = {
    candidate: getRequiredInput(inputs, "candidate"),
    data: getRequiredInput(inputs, "data"),
    label: getRequiredInput(inputs, "label"),
    task: getTask(inputs),
    features: getListInput(inputs, "features"),
    allowPaths: getAllowPathsInput(inputs)
  };
  const baseline = getOptionalInput(inputs, "baseline");
  const config = getOptionalInput(inputs, "config");
  const name = getNameInput(inputs);
  if (baseline !== void 0) out.baseline = baseline;
  if (config !== void 0) out.config = config;
  if (name !== void 0) out.name = name;
  return out;
}
function modelValidationArgs(raw) {
  const i = getInputs3(raw);
  const args = ["model", "--candidate", i.candidate, "--data", i.data, "--label", i.label, "--task", i.task];
  pushFlag(args, "--baseline", i.baseline);
  if (i.features.length) args.push("--features", i.features.join(","));
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--name", i.name);
  pushAllowPaths(args, i.allowPaths);
  return args;
}

// src/actions/deploy-action.ts
var STRATEGIES = ["direct", "canary", "blue-green"];
function getInputs4(inputs) {
  const target = getRequiredInput(inputs, "target");
  if (!/^(registry:|https?:\/\/|command:)/.test(target))
    throw new ConfigurationError(`input "target" must be registry:DIR, http(s)://HOST:PORT or command:SCRIPT, not "${target}"`);
  const out = {
    model: getRequiredInput(inputs, "model"),
    environment: getRequiredInput(inputs, "environment"),
    target,
    strategy: getChoiceInput(inputs, "strategy", STRATEGIES, "direct"),
    require: getListInput(inputs, "require"),
    allowPaths: getAllowPathsInput(inputs)
  };
  for (const k of ["version", "name", "steps", "watch", "reports", "config"]) {
    const v = getOptionalInput(inputs, k);
    if (v !== void 0) out[k] = v;
  }
  const health = getOptionalInput(inputs, "health-url");
  if (health !== void 0) out.healthUrl = health;
  const app = getOptionalInput(inputs, "trusted-app");
  if (app !== void 0) out.trustedApp = app;
  if (out.steps !== void 0 && out.strategy !== "canary")
    throw new ConfigurationError(`input "steps" goes with strategy: canary (the strategy is ${out.strategy})`);
  return out;
}
function deployArgs(raw) {
  const i = getInputs4(raw);
  const args = ["deploy", "--model", i.model, "--environment", i.environment, "--target", i.target, "--strategy", i.strategy];
  pushFlag(args, "--version", i.version);
  pushFlag(args, "--name", i.name);
  pushFlag(args, "--steps", i.steps);
  pushFlag(args, "--watch", i.watch);
  if (i.require.length) args.push("--require", i.require.join(","));
  pushFlag(args, "--reports", i.reports);
  pushFlag(args, "--config", i.config);
  pushFlag(args, "--health-url", i.healthUrl);
  pushFlag(args, "--trusted-app", i.trustedApp);
  pushAllowPaths(args, i.allowPaths);
  return args;
}

// src/action.ts
var ACTIONS = {
  "data-validation": dataValidationArgs,
  "model-validation": modelValidationArgs,
  "onnx-compat": onnxCompatArgs,
  publish: publishArgs,
  deploy: deployArgs
};
async function runAction(name, env = process.env, abandoned) {
  try {
    const build = name ? ACTIONS[name] : void 0;
    if (!build)
      throw new ConfigurationError(`unknown action "${name ?? ""}"; known: ${Object.keys(ACTIONS).join(", ") || "none"}`);
    const args = build(readInputsJson(env));
    return await main(args, {
      stdout: process.stdout,
      stderr: process.stderr,
      env,
      cwd: process.cwd(),
      ...abandoned ? { abandoned } : {}
    });
  } catch (e) {
    process.stderr.write(isConfigurationError(e) ? `mlgate: ${e.message}
` : `mlgate: internal error: ${errorMessage(e)}
`);
    return 2;
  }
}
export {
  ACTIONS,
  runAction
};
