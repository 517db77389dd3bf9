import { describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/action.js";
import { modelValidationArgs } from "../../src/actions/model-validation-action.js";

describe("actions/model-validation inputs", () => {
  it("maps inputs to mlgate model flags", () => {
    expect(ACTIONS["model-validation"]).toBe(modelValidationArgs);
    expect(
      modelValidationArgs({
        candidate: "models/candidate.onnx",
        baseline: "git:main:models/model.onnx",
        data: "eval.parquet",
        label: "churned",
        task: "binary",
        features: "age\ntenure, plan",
        config: "mlgate.yml",
        name: "eu",
        "github-token": "secret",
      }),
    ).toEqual([
      "model",
      "--candidate",
      "models/candidate.onnx",
      "--data",
      "eval.parquet",
      "--label",
      "churned",
      "--task",
      "binary",
      "--baseline",
      "git:main:models/model.onnx",
      "--features",
      "age,tenure,plan",
      "--config",
      "mlgate.yml",
      "--name",
      "eu",
    ]);
  });

  it("leaves the baseline to the pull request default when empty", () => {
    expect(modelValidationArgs({ candidate: "m.onnx", data: "d.csv", label: "y", task: "regression", baseline: "" })).toEqual([
      "model",
      "--candidate",
      "m.onnx",
      "--data",
      "d.csv",
      "--label",
      "y",
      "--task",
      "regression",
    ]);
  });

  it("names the input that is wrong", () => {
    expect(() => modelValidationArgs({ candidate: "m.onnx", data: "d.csv", label: "y" })).toThrow('input "task" is required');
    expect(() => modelValidationArgs({ candidate: "m.onnx", data: "d.csv", label: "y", task: "ranking" })).toThrow(
      'input "task" must be one of binary, multiclass, regression, not "ranking"',
    );
    expect(() => modelValidationArgs({ data: "d.csv", label: "y", task: "binary" })).toThrow('input "candidate" is required');
  });
});
