import type { Command } from "../cli/command.js";

export const publishCommand: Command = {
  name: "publish",
  summary: "Post gate reports to GitHub (check runs, sticky comments), e.g. from a fork-safe workflow_run job.",
  usage: ["publish [--report FILE|DIR]... [--run-id ID] [--artifact-pattern GLOB] [--token TOKEN] [--config FILE]"],
  description: [
    "With --report, posts the given JSON reports. In a workflow_run job without --report, downloads the",
    "report artifacts of the triggering run (or --run-id) and posts them. Every report must be for the",
    "head commit and pull request of that run; reports are validated data, nothing from the PR is run.",
    "",
    "Exit codes: 0 published (or, without write access, summarised with a warning), 2 bad input.",
  ].join("\n"),
  options: {
    report: { type: "string", multiple: true, valueName: "FILE|DIR", description: "JSON report, or a folder of them." },
    "run-id": { type: "string", valueName: "ID", description: "Workflow run whose artifacts hold the reports." },
    "artifact-pattern": { type: "string", valueName: "GLOB", description: "Names of the report artifacts (default mlgate-*)." },
    token: { type: "string", valueName: "TOKEN", description: "GitHub token (default: $GITHUB_TOKEN)." },
    config: {
      type: "string",
      valueName: "FILE",
      description: "Config file for publish settings (default: mlgate.yml if present).",
    },
  },
  // Octokit, @actions/* and the artifact client load only for publish, not at every start-up.
  run: async (ctx) => (await import("./publish-run.js")).runPublish(ctx),
};
