import type { OptionSpec } from "./command.js";

/** Flags every command understands. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h", description: "Show help for this command." },
  debug: { type: "boolean", description: "Print stack traces of internal errors." },
  quiet: { type: "boolean", short: "q", description: "Only the verdict line on stdout; no progress on stderr." },
  "allow-path": {
    type: "string",
    multiple: true,
    valueName: "DIR",
    description: "Inside GitHub Actions, also read inputs from this folder (besides the workspace and $RUNNER_TEMP).",
  },
  "allow-outside-workspace": {
    type: "boolean",
    description: "Inside GitHub Actions, read inputs from any folder (outside Actions there is no folder rule).",
  },
};

/** Flags every gate understands: where results go and how they are judged. */
export const GATE_OPTIONS: Record<string, OptionSpec> = {
  config: { type: "string", valueName: "FILE", description: "Config file (default: mlgate.yml if present)." },
  json: { type: "string", valueName: "FILE", description: "Write the JSON report here." },
  markdown: { type: "string", valueName: "FILE", description: "Write the Markdown report here." },
  html: {
    type: "string",
    valueName: "FILE",
    description: "Write a self-contained HTML report here (inline CSS and SVG charts, no scripts).",
  },
  "fail-on": {
    type: "string",
    valueName: "error|warning",
    description: "Fail on failed checks only (default) or on warnings too.",
  },
  name: { type: "string", valueName: "SUFFIX", description: "Suffix of the check run name, to keep matrix jobs apart." },
  token: { type: "string", valueName: "TOKEN", description: "GitHub token for publishing (default: $GITHUB_TOKEN)." },
  "no-publish": { type: "boolean", description: "Inside GitHub Actions, do not publish check runs or comments." },
  timeout: {
    type: "string",
    valueName: "DURATION",
    description: "Stop with an error report when the gate has not finished after this long (default 30m; config: timeout:).",
  },
};
