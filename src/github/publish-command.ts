import type { Command } from "../cli/command.js";

export const publishCommand: Command = {
  name: "publish",
  summary: "Post gate reports to GitHub (check runs, sticky comments), e.g. from a fork-safe workflow_run job.",
  usage: [
    "publish [--report FILE|DIR]... [--run-id ID] [--artifact-pattern GLOB] [--token TOKEN] [--config FILE]",
    "publish --pr-checkout DIR [--run-id ID] [--config FILE]",
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
    "Exit codes: 0 published (or, without write access, summarised with a warning), 2 bad input.",
  ].join("\n"),
  options: {
    report: { type: "string", multiple: true, valueName: "FILE|DIR", description: "JSON report, or a folder of them." },
    "run-id": { type: "string", valueName: "ID", description: "Workflow run whose artifacts hold the reports." },
    "artifact-pattern": { type: "string", valueName: "GLOB", description: "Names of the report artifacts (default mlgate-*)." },
    token: { type: "string", valueName: "TOKEN", description: "GitHub token (default: $GITHUB_TOKEN)." },
    "pr-checkout": {
      type: "string",
      valueName: "DIR",
      description: "The pull request's head checked out as data: judge it here instead of trusting the fork's reports.",
    },
    config: {
      type: "string",
      valueName: "FILE",
      description: "Config file for publish settings (default: mlgate.yml if present).",
    },
  },
  // Octokit, @actions/* and the artifact client load only for publish, not at every start-up.
  run: async (ctx) => (await import("./publish-run.js")).runPublish(ctx),
};
