#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError,
  errorMessage,
  isConfigurationError,
  main
} from "./chunks/chunk-DPOWM2QU.js";

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

// src/action.ts
var ACTIONS = {};
async function runAction(name, env = process.env) {
  try {
    const build = name ? ACTIONS[name] : void 0;
    if (!build)
      throw new ConfigurationError(`unknown action "${name ?? ""}"; known: ${Object.keys(ACTIONS).join(", ") || "none"}`);
    const args = build(readInputsJson(env));
    return await main(args, { stdout: process.stdout, stderr: process.stderr, env, cwd: process.cwd() });
  } catch (e) {
    process.stderr.write(isConfigurationError(e) ? `mlgate: ${e.message}
` : `mlgate: internal error: ${errorMessage(e)}
`);
    return 2;
  }
}

// src/bin/action.ts
process.exitCode = await runAction(process.argv[2]);
