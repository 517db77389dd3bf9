import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logisticModel, TRUE_WEIGHTS, writeModel, zipmapModel } from "./fixtures.js";
import { binaryWorkspace, FEATURES, runModel, write } from "./harness.js";

let dir: string;
const common = ["--baseline", "baseline.onnx", "--task", "binary"];

beforeAll(() => {
  dir = binaryWorkspace();
  const csv = readFileSync(path.join(dir, "eval.csv"), "utf8").split("\n");
  // Line 4 and line 9 lose their x3 value; line 3 gets a label the model does not predict.
  const holes = csv.map((l, i) =>
    i === 3 || i === 8
      ? l
          .split(",")
          .map((v, j) => (j === 3 ? "" : v))
          .join(",")
      : l,
  );
  write(dir, "nan.csv", holes.join("\n"));
  const bad = csv.map((l, i) => (i === 2 ? l.replace(/,[01]$/, ",2") : l));
  write(dir, "label2.csv", bad.join("\n"));
  write(dir, "yes.csv", csv.map((l, i) => (i === 5 ? l.replace(/,[01]$/, ",yes") : l)).join("\n"));
  write(dir, "nolabel.csv", csv.map((l, i) => (i === 7 ? l.replace(/,[01]$/, ",") : l)).join("\n"));
  write(dir, "extra.csv", csv.map((l, i) => (i === 4 ? `${l},9` : l)).join("\n"));
  write(dir, "corrupt.onnx", "this is not a protobuf");
  writeModel(path.join(dir, "zipmap.onnx"), zipmapModel());
  writeModel(path.join(dir, "wide.onnx"), logisticModel(TRUE_WEIGHTS, { width: 9 }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a model gate expected to stop with exit 2 and returns its one stderr line. */
async function fails(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await runModel(["model", ...args], dir, env);
  expect(r.code).toBe(2);
  expect(r.report?.status).toBe("error");
  const lines = r.stderr.split("\n").filter((l) => l !== "" && !/: (reading|scoring|measuring) /.test(l));
  expect(lines).toHaveLength(1);
  return lines[0] ?? "";
}

describe("mlgate model refuses bad input with exit 2 and one sentence", () => {
  it("label column missing", async () => {
    expect(await fails(["--candidate", "same.onnx", ...common, "--data", "eval.csv", "--label", "target"])).toBe(
      "mlgate model: --label target: eval.csv has no such column; it has x0, x1, x2, x3, x4, seg, z, region, y",
    );
  });

  it("feature count does not match the model input", async () => {
    expect(
      await fails(["--candidate", "same.onnx", ...common, "--data", "eval.csv", "--label", "y", "--features", "x0,x1"]),
    ).toBe(
      'mlgate model: --candidate same.onnx: input "input" expects shape [batch, 7] but 2 feature columns were given (x0, x1); pass --features in the model\'s order',
    );
    expect(
      await fails(["--candidate", "wide.onnx", ...common, "--data", "eval.csv", "--label", "y", "--features", FEATURES]),
    ).toBe(
      'mlgate model: --candidate wide.onnx: input "input" expects shape [batch, 9] but 7 feature columns were given (x0, x1, x2, x3, x4, seg, z); pass --features in the model\'s order',
    );
  });

  it("corrupt model file", async () => {
    const msg = await fails(["--candidate", "corrupt.onnx", ...common, "--data", "eval.csv", "--label", "y"]);
    expect(msg).toMatch(/^mlgate model: --candidate corrupt\.onnx: is not a loadable ONNX model \(onnxruntime: .+\)$/);
  });

  it("ZipMap output, with how to re-export", async () => {
    expect(
      await fails([
        "--candidate",
        "zipmap.onnx",
        "--baseline",
        "none",
        "--task",
        "binary",
        "--data",
        "eval.csv",
        "--label",
        "y",
        "--features",
        "x0,x1",
      ]),
    ).toBe(
      'mlgate model: --candidate zipmap.onnx: output "probabilities" is a sequence of maps (a scikit-learn ZipMap), which mlgate cannot score; re-export with skl2onnx options={id(model): {"zipmap": False}} so probabilities come as a tensor',
    );
    // Its integer label output still scores (as hard 0/1 predictions) when asked for by name.
    const labels = await runModel(
      [
        "model",
        "--candidate",
        "zipmap.onnx",
        "--baseline",
        "none",
        "--task",
        "binary",
        "--data",
        "eval.csv",
        "--label",
        "y",
        "--features",
        "x0,x1",
        "--output",
        "label",
      ],
      dir,
    );
    expect(labels.code).toBe(0);
    expect(labels.report?.metrics?.interpretation).toEqual({ candidate: "label: predicted labels" });
  });

  it("unknown task and a missing candidate file", async () => {
    expect(await fails(["--candidate", "same.onnx", "--task", "ranking", "--data", "eval.csv", "--label", "y"])).toBe(
      'mlgate model: --task must be binary, multiclass or regression, not "ranking"',
    );
    expect(await fails(["--candidate", "nope.onnx", ...common, "--data", "eval.csv", "--label", "y"])).toBe(
      "mlgate model: --candidate nope.onnx: file not found",
    );
  });
});

// The gate's helper thread reads a whole CSV with its own DuckDB (MLGATE_METRICS_WORKER=1 uses it at
// any size); a row it cannot settle sends the gate back to the table reader, which names the line.
describe.each([
  { reader: "this thread", env: { MLGATE_METRICS_WORKER: "0" } },
  { reader: "the helper thread", env: { MLGATE_METRICS_WORKER: "1" } },
])("mlgate model bad rows with $reader reading the CSV: exit 2 and one sentence naming the line", ({ env }) => {
  it("label values the model does not predict", async () => {
    expect(
      await fails(["--candidate", "same.onnx", ...common, "--data", "label2.csv", "--label", "y", "--features", FEATURES], env),
    ).toBe("mlgate model: --label y: line 3 of label2.csv has label 2, which the model does not predict (classes 0..1)");
  });

  it("labels that are not numbers, and rows without one", async () => {
    const args = ["--candidate", "same.onnx", ...common, "--label", "y", "--features", FEATURES];
    expect(await fails([...args, "--data", "yes.csv"], env)).toBe(
      'mlgate model: --label y: line 6 of yes.csv has label "yes", which is not a class index; encode labels as 0..1 in the order of the model\'s outputs',
    );
    expect(await fails([...args, "--data", "nolabel.csv"], env)).toBe(
      "mlgate model: --label y: line 8 of nolabel.csv has no label; every evaluated row needs one",
    );
  });

  it("NaN in features, with the count and the column", async () => {
    expect(
      await fails(["--candidate", "same.onnx", ...common, "--data", "nan.csv", "--label", "y", "--features", FEATURES], env),
    ).toBe(
      'mlgate model: --data nan.csv: column "x3" has 2 NaN or missing values, first on line 4; impute or drop them before evaluating',
    );
  });

  it("a record with an extra field", async () => {
    expect(
      await fails(["--candidate", "same.onnx", ...common, "--data", "extra.csv", "--label", "y", "--features", FEATURES], env),
    ).toBe(
      "mlgate model: --data extra.csv: line 5 cannot be read (TOO MANY COLUMNS: Expected Number of Columns: 9 Found: 10); the model gate scores every row, so fix or remove it",
    );
  });
});

describe("mlgate model config mistakes", () => {
  it("names a threshold metric the task does not have, also when the helper thread started from the flags", async () => {
    write(dir, "bad-metric.yml", "gates:\n  model:\n    thresholds:\n      rmse: { max: 1 }\n");
    const args = ["--candidate", "same.onnx", ...common, "--data", "eval.csv", "--label", "y", "--config", "bad-metric.yml"];
    const message =
      'mlgate model: bad-metric.yml:4: gates.model.thresholds.rmse: "rmse" is not a binary metric; use one of accuracy, balanced_accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss, brier, ece';
    expect(await fails(args)).toBe(message);
    // The helper thread starts before the config loads (Command.early) and is closed with the error.
    expect(await fails(args, { MLGATE_METRICS_WORKER: "1" })).toBe(message);
  });

  it("names a slice predicate DuckDB cannot evaluate", async () => {
    write(dir, "bad-slice.yml", "gates:\n  model:\n    slices:\n      - { name: old, where: 'agee > 3' }\n");
    const msg = await fails([
      "--candidate",
      "same.onnx",
      ...common,
      "--data",
      "eval.csv",
      "--label",
      "y",
      "--features",
      FEATURES,
      "--config",
      "bad-slice.yml",
    ]);
    expect(msg).toBe('mlgate model: bad-slice.yml:4: gates.model.slices[0].where names column "agee", which is not in eval.csv');
  });
});

describe("mlgate model feature types", () => {
  it("names a text column among the features", async () => {
    const args = [
      "--candidate",
      "same.onnx",
      ...common,
      "--data",
      "eval.csv",
      "--label",
      "y",
      "--features",
      "x0,x1,x2,x3,x4,seg,region",
    ];
    expect(await fails(args)).toBe(
      'mlgate model: --features: column "region" of eval.csv is VARCHAR, but the model takes float32 inputs; leave it out of --features',
    );
  });
});
