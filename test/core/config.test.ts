import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isWaived, loadConfig, parseConfig } from "../../src/core/config.js";
import { ConfigurationError } from "../../src/core/errors.js";

function messageOf(text: string, file = "mlgate.yml"): string {
  try {
    parseConfig(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as Error).message;
  }
  throw new Error("expected the config to be rejected");
}

describe("config file errors name the file, the line and the path", () => {
  it("a string where a number belongs", () => {
    const text = ["version: 1", "gates:", "  model:", "    thresholds:", "      roc_auc:", "        min: high", ""].join("\n");
    expect(messageOf(text)).toBe("mlgate.yml:6: gates.model.thresholds.roc_auc.min must be a number");
  });

  it("the example from the issue, on line 12", () => {
    const text = [
      "# mlgate settings",
      "version: 1",
      "",
      "gates:",
      "  data:",
      "    drift: warn",
      "  model:",
      "    task: binary",
      "    label: churned",
      "    decision: point",
      "    thresholds:",
      '      roc_auc: { min: "0.8" }',
      "",
    ].join("\n");
    expect(messageOf(text)).toBe("mlgate.yml:12: gates.model.thresholds.roc_auc.min must be a number");
  });

  it("an unknown key with a did-you-mean suggestion", () => {
    const text = ["version: 1", "gates:", "  model:", "    treshold:", "      roc_auc: { min: 0.8 }", ""].join("\n");
    expect(messageOf(text)).toBe('mlgate.yml:4: gates.model.treshold is not a known key (did you mean "thresholds"?)');
  });

  it("an unknown gate", () => {
    const text = ["version: 1", "gates:", "  modle: {}", ""].join("\n");
    expect(messageOf(text, "ci/mlgate.yml")).toBe('ci/mlgate.yml:3: gates.modle is not a known key (did you mean "model"?)');
  });

  it("a value outside an enum lists the choices", () => {
    const text = ["gates:", "  data:", "    drift: loud", ""].join("\n");
    expect(messageOf(text)).toBe('mlgate.yml:3: gates.data.drift must be one of: "warn", "fail", "off"');
  });

  it("a missing required key inside a list item", () => {
    const text = [
      "gates:",
      "  model:",
      "    slices:",
      "      - name: seniors",
      "        where: age >= 65",
      "      - where: income < 1000",
      "",
    ].join("\n");
    expect(messageOf(text)).toBe('mlgate.yml:6: gates.model.slices[1] is missing the required key "name"');
  });

  it("a negative margin", () => {
    const text = ["gates:", "  model:", "    thresholds:", "      accuracy:", "        max_drop: -0.1", ""].join("\n");
    expect(messageOf(text)).toBe("mlgate.yml:5: gates.model.thresholds.accuracy.max_drop must be >= 0");
  });

  it("a list where a mapping belongs", () => {
    const text = ["gates:", "  onnx:", "    opset: [13, 17]", ""].join("\n");
    expect(messageOf(text)).toBe("mlgate.yml:3: gates.onnx.opset must be a mapping");
  });

  it("the wrong version", () => {
    expect(messageOf("version: 2\n")).toBe("mlgate.yml:1: version must be 1");
  });

  it("YAML that does not parse", () => {
    const text = ["gates:", "  model:", "    label: [unclosed", "    task: binary", ""].join("\n");
    expect(messageOf(text)).toMatch(/^mlgate\.yml:\d: not valid YAML: /);
  });

  it("a duplicated key", () => {
    const text = ["gates:", "  data:", "    drift: warn", "    drift: fail", ""].join("\n");
    expect(messageOf(text)).toMatch(/^mlgate\.yml:4: not valid YAML: Map keys must be unique/);
  });

  it("accepts a valid file, and an empty one", () => {
    const cfg = parseConfig(
      ["version: 1", "gates:", "  model:", "    thresholds:", "      roc_auc: { min: 0.8, max_drop: 0.01 }", ""].join("\n"),
    );
    expect(cfg.gates?.model?.thresholds?.roc_auc).toEqual({ min: 0.8, max_drop: 0.01 });
    expect(parseConfig("")).toEqual({});
  });
});

describe("loadConfig", () => {
  it("finds mlgate.yml by default and reports a missing named file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-config-"));
    expect(loadConfig(undefined, dir)).toEqual({ config: {} });
    writeFileSync(path.join(dir, "mlgate.yml"), "version: 1\n");
    const found = loadConfig(undefined, dir);
    expect(found).toMatchObject({ config: { version: 1 }, file: "mlgate.yml" });
    expect(found.lineOf?.(["version"])).toBe(1);
    expect(() => loadConfig("nope.yml", dir)).toThrow("nope.yml: file not found");
  });
});

describe("isWaived", () => {
  it("matches exact ids and prefixes ending in *", () => {
    expect(isWaived("drift.age", ["drift.age"])).toBe(true);
    expect(isWaived("drift.age", ["drift.*"])).toBe(true);
    expect(isWaived("drift.age", ["drift.ag"])).toBe(false);
    expect(isWaived("drift.age", undefined)).toBe(false);
  });
});
