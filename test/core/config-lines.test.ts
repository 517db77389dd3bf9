import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { locateConfigMessage } from "../../src/core/config.js";
import { lineOfKey } from "../../src/core/yaml-file.js";
import { ROOT, runCli } from "../support/cli.js";

const CONFIG = [
  "version: 1", // 1
  "gates:", // 2
  "  model:", // 3
  "    thresholds:", // 4
  "      roc_auc: { min: 0.5 }", // 5
  "      rmse: { max_drop: 0.01 }", // 6
  "    slices:", // 7
  "      - { name: a, where: 'x > 1' }", // 8
  "      - name: b", // 9
  "        where: 'nonsense >'", // 10
  "",
].join("\n");

describe("lineOfKey", () => {
  it("finds a key's line, a list item's line, and nothing for a key the text lacks", () => {
    expect(lineOfKey(CONFIG, "gates.model.thresholds.rmse")).toBe(6);
    expect(lineOfKey(CONFIG, "gates.model.thresholds")).toBe(4);
    expect(lineOfKey(CONFIG, "gates.model.slices[1].where")).toBe(10);
    expect(lineOfKey(CONFIG, "gates.model.slices[0]")).toBe(8);
    expect(lineOfKey(CONFIG, "gates.model.slices[0].where")).toBe(8);
    expect(lineOfKey(CONFIG, "gates.model.task")).toBeUndefined();
    expect(lineOfKey(CONFIG, "gates.onnx.target_ort")).toBeUndefined();
    expect(lineOfKey("a: [", "a")).toBeUndefined();
  });
});

describe("locateConfigMessage", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function file(): { cwd: string; name: string } {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-config-lines-"));
    dirs.push(cwd);
    writeFileSync(path.join(cwd, "mlgate.yml"), CONFIG);
    return { cwd, name: "mlgate.yml" };
  }

  it("puts file:line in front of a message that starts with a key the file has", () => {
    const { cwd, name } = file();
    expect(locateConfigMessage('gates.model.thresholds.rmse: "rmse" is not a binary metric', name, cwd)).toBe(
      'mlgate.yml:6: gates.model.thresholds.rmse: "rmse" is not a binary metric',
    );
    expect(locateConfigMessage('gates.model.slices[1].where "nonsense >": DuckDB cannot evaluate it', name, cwd)).toBe(
      'mlgate.yml:10: gates.model.slices[1].where "nonsense >": DuckDB cannot evaluate it',
    );
  });

  it("leaves other messages alone: no key first, a key from a flag, no config file", () => {
    const { cwd, name } = file();
    const msgs = [
      "--data is required (or gates.model.data in the config)",
      'gates.model.primary_metric: "roc_auc" is not a regression metric',
      "--task must be binary, multiclass or regression",
    ];
    for (const m of msgs) expect(locateConfigMessage(m, name, cwd)).toBe(m);
    expect(locateConfigMessage('gates.model.thresholds.rmse: "rmse" is not a binary metric', undefined, cwd)).toBe(
      'gates.model.thresholds.rmse: "rmse" is not a binary metric',
    );
  });
});

describe("a gate's own config error, end to end", () => {
  it("mlgate model names the file and line of a threshold the task does not have", async () => {
    const cwd = mkdtempSync(path.join(ROOT, ".tmp", "config-lines-"));
    try {
      writeFileSync(path.join(cwd, "mlgate.yml"), CONFIG);
      cpSync(path.join(ROOT, "examples/models/candidate.onnx"), path.join(cwd, "candidate.onnx"));
      cpSync(path.join(ROOT, "examples/eval/churn-eval.csv"), path.join(cwd, "eval.csv"));
      const r = await runCli(
        [
          "model",
          "--candidate",
          "candidate.onnx",
          "--data",
          "eval.csv",
          "--label",
          "churned",
          "--task",
          "binary",
          "--no-publish",
        ],
        { cwd },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'mlgate model: mlgate.yml:6: gates.model.thresholds.rmse: "rmse" is not a binary metric; use one of accuracy, balanced_accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss, brier, ece\n',
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
