import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/**
 * Required checks must always arrive: no workflow that posts mlgate/* checks may be filtered away
 * (paths:), miss a merge queue (merge_group), or let an older run race a newer one (concurrency).
 */
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  concurrency?: { group?: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, { if?: string; needs?: string | string[] }>;
}
const load = (rel: string): Workflow => parse(readFileSync(path.join(ROOT, rel), "utf8")) as Workflow;
const EXAMPLES = readdirSync(path.join(ROOT, "workflows-examples"))
  .filter((f) => f.endsWith(".yml"))
  .map((f) => `workflows-examples/${f}`);
/** Every workflow that runs a PR gate (data, model, onnx), by its action or by the CLI. */
const RUNS_A_GATE = /actions\/(data-validation|model-validation|onnx-compat)\b|cli\.js (data|model|onnx)\b/;
const GATE_WORKFLOWS = [...EXAMPLES, ".github/workflows/gates.yml"].filter((f) =>
  RUNS_A_GATE.test(readFileSync(path.join(ROOT, f), "utf8")),
);

describe("workflows that post mlgate/* checks", () => {
  it("are the five gate workflows (a file that stops matching would drop out of these rules silently)", () => {
    expect(GATE_WORKFLOWS).toEqual([
      "workflows-examples/data-validation.yml",
      "workflows-examples/model-sharded.yml",
      "workflows-examples/model-validation.yml",
      "workflows-examples/onnx-compat.yml",
      "workflows-examples/pr-gates.yml",
      ".github/workflows/gates.yml",
    ]);
  });

  it.each(GATE_WORKFLOWS)("%s runs on every pull request and in the merge queue", (rel) => {
    const wf = load(rel);
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(["pull_request", "merge_group"]));
    // A paths: filter leaves a required check pending for ever on a PR that touches none of them.
    expect(wf.on.pull_request ?? {}).not.toHaveProperty("paths");
    expect(wf.on.pull_request ?? {}).not.toHaveProperty("paths-ignore");
  });

  it.each(GATE_WORKFLOWS)("%s cancels an older run of the same pull request", (rel) => {
    expect(load(rel).concurrency).toEqual({
      group: "${{ github.workflow }}-${{ github.event.pull_request.number || github.sha }}",
      "cancel-in-progress": true,
    });
  });

  it("publish.yml listens to every example workflow that runs the gates on pull requests", () => {
    const listened = (load("workflows-examples/publish.yml").on.workflow_run as { workflows: string[] }).workflows;
    expect([...listened].sort()).toEqual(
      GATE_WORKFLOWS.filter((f) => f.startsWith("workflows-examples/"))
        .map((f) => load(f).name)
        .sort(),
    );
  });

  it("model-sharded.yml merges even when a shard failed, so mlgate/model always gets a conclusion", () => {
    const merge = load("workflows-examples/model-sharded.yml").jobs.merge;
    expect(merge?.needs).toBe("shard");
    // Not always(): a run cancelled by a newer push should not post a failure for its missing shards.
    expect(merge?.if).toBe("${{ !cancelled() }}");
  });
});
