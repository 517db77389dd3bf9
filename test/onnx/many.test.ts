import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { onnxCompatArgs } from "../../src/actions/onnx-compat-action.js";
import { buildMlp } from "../../src/core/onnx/build.js";
import type { Report } from "../../src/core/report.js";
import { globToRegExp } from "../../src/gates/onnx/glob.js";
import { modelKeys } from "../../src/gates/onnx/ids.js";
import { ROOT } from "../support/cli.js";
import { runBundled, runOnnx } from "./harness.js";
import { relu, tmpDir, unknownOp, write } from "./models.js";

describe("many models in one run", () => {
  it("50 small models through the bundled CLI: one report, every model a subject, well under a minute", async () => {
    const dir = tmpDir();
    for (let i = 0; i < 50; i++) {
      write(
        dir,
        `models/m${String(i).padStart(2, "0")}.onnx`,
        buildMlp({ inputs: 16, hidden: [32, 16], outputs: 1, seed: i + 1, head: "sigmoid" }),
      );
    }
    const t0 = performance.now();
    const r = await runBundled(["onnx", "--model", "models/*.onnx", "--json", "report.json", "--quiet"], dir);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`mlgate onnx over 50 models: ${seconds.toFixed(2)} s (node dist/cli.js onnx --model 'models/*.onnx')`);
    expect(r.code).toBe(0);
    expect(seconds).toBeLessThan(30);
    const report = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as Report;
    expect(report.subjects).toHaveLength(50);
    expect(report.subject?.path).toBe("models/m00.onnx");
    expect(report.summary).toBe("50 models: loads and runs in onnxruntime 1.30; 600 check(s) passed");
    const ids = report.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith("load.all["))).toHaveLength(50);
    expect(report.checks.find((c) => c.id === "load.all[m07]")?.file).toBe("models/m07.onnx");
  });

  it("one bad model among good ones fails the run and is named in the summary", async () => {
    const dir = tmpDir();
    write(dir, "a/relu.onnx", relu());
    write(dir, "b/relu.onnx", relu());
    write(dir, "bad.onnx", unknownOp());
    const r = await runOnnx(dir, ["--model", "**/*.onnx"]);
    expect(r.code).toBe(1);
    expect(r.report.subjects?.map((s) => s.path)).toEqual(["a/relu.onnx", "b/relu.onnx", "bad.onnx"]);
    expect(r.report.summary).toBe(
      "3 models: 1 of 3 models failed; 2 check(s) failed (load.disabled[bad], load.all[bad]) against onnxruntime 1.30",
    );
    expect(r.report.checks.filter((c) => c.id.startsWith("load.all[")).map((c) => c.id)).toEqual([
      "load.all[relu-1]",
      "load.all[relu-2]",
      "load.all[bad]",
    ]);
  });

  it("glob and key helpers", () => {
    expect(globToRegExp("models/**/*.onnx").test("models/a/b/c.onnx")).toBe(true);
    expect(globToRegExp("models/**/*.onnx").test("models/c.onnx")).toBe(true);
    expect(globToRegExp("models/*.onnx").test("models/a/c.onnx")).toBe(false);
    expect(globToRegExp("m?.onnx").test("m1.onnx")).toBe(true);
    expect(modelKeys(["a/model.v2.onnx", "b/model.v2.onnx", "c.ONNX"])).toEqual(["model_v2-1", "model_v2-2", "c"]);
  });
});

describe("actions/onnx-compat inputs", () => {
  it("turns inputs into mlgate onnx arguments; the token never becomes an argument", () => {
    expect(
      onnxCompatArgs({
        model: "models/a.onnx\nmodels/b*.onnx",
        "test-data": "td",
        baseline: "prod.onnx",
        config: "ml.yml",
        name: "cpu",
        "github-token": "secret",
      }),
    ).toEqual([
      "onnx",
      "--model",
      "models/a.onnx",
      "--model",
      "models/b*.onnx",
      "--test-data",
      "td",
      "--baseline",
      "prod.onnx",
      "--config",
      "ml.yml",
      "--name",
      "cpu",
    ]);
    expect(() => onnxCompatArgs({ model: " " })).toThrow(
      'input "model" is required (an ONNX file or a glob such as models/*.onnx)',
    );
    // The same rule as the data and model actions (src/actions/inputs.ts getNameInput).
    expect(() => onnxCompatArgs({ model: "a.onnx", name: "a\nb" })).toThrow(
      'input "name" must be 1-60 letters, digits, spaces, dots, dashes or underscores, not "a\nb"',
    );
    expect(() => onnxCompatArgs({ model: "a.onnx", name: "gpu/cuda" })).toThrow(
      'input "name" must be 1-60 letters, digits, spaces, dots, dashes or underscores, not "gpu/cuda"',
    );
    expect(onnxCompatArgs({ model: "a.onnx", name: "cuda 12.1" })).toContain("cuda 12.1");
  });
});

describe("the demo's reference data", () => {
  it("examples/onnx-test-data matches examples/models/candidate.onnx (after changing the model, rerun node examples/onnx-test-data/generate.mjs)", async () => {
    const r = await runOnnx(ROOT, ["--model", "examples/models/candidate.onnx", "--test-data", "examples/onnx-test-data"]);
    expect(r.code).toBe(0);
    const parity = r.report.checks.filter((c) => c.id.startsWith("parity.test_data_set_"));
    expect(parity.map((c) => [c.id, c.status, c.details?.elements])).toEqual([
      ["parity.test_data_set_0.probability", "pass", 1],
      ["parity.test_data_set_1.probability", "pass", 8],
    ]);
  });
});
