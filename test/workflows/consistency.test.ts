import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { RUNTIME } from "../../scripts/action/runtime.mjs";
import { actionFiles, read, stepsOf, workflowFiles } from "./files.js";

interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs: { using: string; steps: Record<string, unknown>[] };
}

const load = (rel: string): ActionYml => parse(read(rel)) as ActionYml;
const folder = (rel: string): string => path.basename(path.dirname(rel));
const GATES: Record<string, string> = { "data-validation": "data", "model-validation": "model", "onnx-compat": "onnx" };

// The contract of each action as issues 3-6 define it.
const CONTRACT: Record<string, { inputs: string[]; outputs: string[] }> = {
  "data-validation": {
    inputs: ["data", "schema", "reference", "config", "name", "github-token", "fail-on", "allow-paths"],
    outputs: ["status", "report-path", "failed-checks"],
  },
  "model-validation": {
    inputs: ["candidate", "baseline", "data", "label", "task", "features", "config", "name", "github-token", "allow-paths"],
    outputs: ["status", "report-path", "primary-metric", "candidate-value", "baseline-value", "delta"],
  },
  "onnx-compat": {
    inputs: ["model", "test-data", "baseline", "config", "name", "github-token", "allow-paths"],
    outputs: ["status", "report-path"],
  },
  publish: {
    inputs: ["github-token", "run-id", "artifact-pattern", "report", "pr-checkout", "config", "allow-paths"],
    outputs: ["status", "reports"],
  },
  deploy: {
    inputs: [
      "model",
      "environment",
      "target",
      "version",
      "name",
      "strategy",
      "steps",
      "watch",
      "require",
      "reports",
      "config",
      "github-token",
      "admin-token",
      "health-url",
      "trusted-app",
      "allow-paths",
    ],
    outputs: ["status", "outcome", "version", "deployed-digest", "previous-version", "deployment-id", "report-path"],
  },
};

describe("the action.yml files agree", () => {
  const files = actionFiles();

  it.each(files)("%s has the inputs and outputs its issue defines, each described", (rel) => {
    const a = load(rel);
    const contract = CONTRACT[folder(rel)];
    expect(contract).toBeDefined();
    expect(Object.keys(a.inputs).sort()).toEqual([...(contract?.inputs ?? [])].sort());
    expect(Object.keys(a.outputs ?? {}).sort()).toEqual([...(contract?.outputs ?? [])].sort());
    for (const [name, def] of Object.entries(a.inputs)) expect(def.description, `input ${name}`).toMatch(/\w{3,}/);
    for (const [name, def] of Object.entries(a.outputs ?? {})) {
      expect(def.description, `output ${name}`).toMatch(/\w{3,}/);
      expect(def.value).toBe(`\${{ steps.run.outputs.${name} }}`);
    }
    expect(a.inputs["github-token"]?.default).toBe("${{ github.token }}");
    expect(a.runs.using).toBe("composite");
  });

  it("share the same four plumbing steps: check and locate, restore, install, save before the gate runs", () => {
    const first = files.map((rel) => load(rel).runs.steps.slice(0, 4));
    for (const steps of first) expect(steps).toEqual(first[0]);
    const [deps, restore, install, save] = first[0] ?? [];
    expect(deps).toMatchObject({ id: "deps", shell: "bash", run: 'bash "$GITHUB_ACTION_PATH/../../scripts/action/deps.sh"' });
    const cacheWith = { path: "${{ steps.deps.outputs.path }}", key: "${{ steps.deps.outputs.key }}" };
    expect(restore).toMatchObject({ id: "cache", with: cacheWith });
    expect(String(restore?.uses)).toMatch(/^actions\/cache\/restore@[0-9a-f]{40}$/);
    expect(install).toMatchObject({ shell: "bash", run: 'bash "$GITHUB_ACTION_PATH/../../scripts/action/install.sh"' });
    // Saved on a miss as soon as the install succeeded: a failing gate cannot lose it.
    expect(save).toMatchObject({ if: "steps.cache.outputs.cache-hit != 'true'", with: cacheWith });
    expect(String(save?.uses)).toMatch(/^actions\/cache\/save@[0-9a-f]{40}$/);
    expect(String(save?.uses).split("@")[1]).toBe(String(restore?.uses).split("@")[1]);
  });

  it.each(files)("%s runs the bundle the same way, inputs only through env", (rel) => {
    const run = load(rel).runs.steps[4];
    expect(run).toEqual({
      name: "Run mlgate",
      id: "run",
      shell: "bash",
      run: `node "$GITHUB_ACTION_PATH/../../dist/action.js" ${folder(rel)}`,
      env: {
        INPUTS_JSON: "${{ toJSON(inputs) }}",
        GITHUB_TOKEN: "${{ inputs.github-token }}",
        // The deploy action's other secret: a target server's admin token, never an argument.
        ...(folder(rel) === "deploy" ? { MLGATE_ADMIN_TOKEN: "${{ inputs.admin-token }}" } : {}),
      },
    });
    expect(read(rel)).not.toMatch(/github\.action_path/);
  });

  it.each(files.filter((f) => folder(f) in GATES))("%s uploads its report whatever happened", (rel) => {
    const steps = load(rel).runs.steps;
    expect(steps).toHaveLength(6);
    const upload = steps[5];
    expect(upload?.if).toBe("always()");
    expect(String(upload?.uses)).toMatch(/^actions\/upload-artifact@[0-9a-f]{40}$/);
    expect(upload?.with).toEqual({
      name: `mlgate-${GATES[folder(rel)] ?? ""}\${{ inputs.name && format('-{0}', inputs.name) || '' }}`,
      path: "${{ steps.run.outputs.report-path || 'mlgate-report/' }}",
      "if-no-files-found": "warn",
    });
  });

  it("deploy uploads its report per environment whatever happened", () => {
    const steps = load("actions/deploy/action.yml").runs.steps;
    expect(steps).toHaveLength(6);
    expect(steps[5]?.if).toBe("always()");
    expect(steps[5]?.with).toEqual({
      name: "mlgate-deploy-${{ inputs.environment }}",
      path: "${{ steps.run.outputs.report-path || 'mlgate-report/' }}",
      "if-no-files-found": "warn",
    });
  });

  it("publish has no upload step: it reads artifacts, it does not make one", () => {
    expect(load("actions/publish/action.yml").runs.steps).toHaveLength(5);
  });
});

describe("third-party actions are pinned", () => {
  const all = [...actionFiles(), ...workflowFiles()];

  it("every uses: outside mlgate names a full commit SHA and its version, the same everywhere", () => {
    const pins = new Map<string, Set<string>>();
    const problems: string[] = [];
    for (const rel of all) {
      read(rel)
        .split("\n")
        .forEach((line, i) => {
          const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
          if (!m) return;
          const [, ref = "", rest = ""] = m;
          if (ref.startsWith("mlgate/mlgate/") || ref.startsWith("./")) return;
          const pin = /^([\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@([0-9a-f]{40})$/.exec(ref);
          const version = /^\s+# (v\d+\.\d+\.\d+)$/.exec(rest);
          if (!pin || !version) {
            problems.push(`${rel}:${i + 1}: ${line.trim()}`);
            return;
          }
          const key = pin[1] ?? "";
          pins.set(key, (pins.get(key) ?? new Set()).add(`${pin[2] ?? ""} ${version[1] ?? ""}`));
        });
    }
    expect(problems).toEqual([]);
    for (const [repo, versions] of pins) expect([...versions], repo).toHaveLength(1);
    expect([...pins.keys()].sort()).toEqual([
      "actions/cache",
      "actions/checkout",
      "actions/download-artifact",
      "actions/setup-node",
      "actions/upload-artifact",
    ]);
  });

  it("the examples use mlgate's actions at @v1 and every step that runs code names its step", () => {
    for (const rel of workflowFiles())
      for (const { where, step } of stepsOf(rel)) {
        if (step.uses?.startsWith("mlgate/")) expect(step.uses, where).toMatch(/^mlgate\/mlgate\/actions\/[a-z-]+@v1$/);
        if (step.run !== undefined) expect(step.name, where).toBeTruthy();
      }
  });
});

describe("install.sh knows what the bundle leaves out", () => {
  it("the build marks exactly the runtime packages (and DuckDB's per-platform bindings) external", () => {
    expect(RUNTIME).toEqual(["onnxruntime-node", "@duckdb/node-bindings"]);
    expect(read("scripts/build.mjs")).toContain('external: [...RUNTIME, "@duckdb/node-bindings-*"],');
  });
});
