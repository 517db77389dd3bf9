import os from "node:os";
import type * as ort from "onnxruntime-node";
import { watchedRun, type RuntimeWatch } from "../../core/crash-record.js";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import type { Task } from "./metrics.js";
import { onnxruntime } from "./ort.js";

export type InputDType = "float32" | "float64" | "int64" | "string";
const DTYPES: readonly string[] = ["float32", "float64", "int64", "string"];

/** How rows become model inputs: one 2-D matrix in feature order, or one input per column. */
export type InputPlan =
  | { mode: "matrix"; input: string; dtype: InputDType; features: string[] }
  | { mode: "columns"; inputs: { name: string; dtype: InputDType; rank: number }[] };

/** Which output is read and how its rows become scores (probabilities or regression values). */
export interface OutputPlan {
  name: string;
  kind: "scores" | "label";
  /** Columns per row: 1 for [N] and [N,1]. Unknown (symbolic) until the first batch. */
  width?: number;
  /** Decided on the first batch: rows that are not probabilities are logits. */
  transform?: "none" | "sigmoid" | "softmax";
}

export interface LoadedModel {
  role: "candidate" | "baseline";
  file: string;
  display: string;
  flag: string;
  session: ort.InferenceSession;
  /** The crash guard's record (src/cli/crash-guard.ts): every run of this model is marked with it. */
  watch?: RuntimeWatch;
}

/**
 * onnxruntime-node runs a session synchronously on the main thread (inside setImmediate), so the two
 * models take turns: each gets every core for its own Gemms. Log level 3 keeps ORT's warnings off stderr.
 */
export function sessionOptions(): ort.InferenceSession.SessionOptions {
  const threads = Math.max(1, os.availableParallelism());
  return {
    graphOptimizationLevel: "all",
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    logSeverityLevel: 3,
    // Idle intra-op threads of one session would otherwise spin on the cores the other session needs.
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
  };
}

export async function loadModel(
  file: string,
  display: string,
  role: LoadedModel["role"],
  watch?: RuntimeWatch,
): Promise<LoadedModel> {
  const flag = `--${role}`;
  try {
    const session = await watchedRun(watch, { file, display, role }, () =>
      onnxruntime().InferenceSession.create(file, sessionOptions()),
    );
    return { role, file, display, flag, session, ...(watch ? { watch } : {}) };
  } catch (e) {
    const why = (errorMessage(e).split("\n")[0] ?? "").replace(/\.$/, "");
    throw new ConfigurationError(`${flag} ${display}: is not a loadable ONNX model (onnxruntime: ${why})`);
  }
}

function shapeText(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === "number" && d >= 0 ? String(d) : String(d) || "?")).join(", ")}]`;
}

/** Plans the inputs: per-column inputs when every input is named after a column, else one 2-D matrix. */
export function planInputs(m: LoadedModel, columns: readonly string[], features: readonly string[]): InputPlan {
  const meta = m.session.inputMetadata;
  const dtypeOf = (v: ort.InferenceSession.ValueMetadata): InputDType => {
    if (!v.isTensor || !DTYPES.includes(v.type))
      throw new ConfigurationError(
        `${m.flag} ${m.display}: input "${v.name}" has type ${v.isTensor ? v.type : "non-tensor"}; mlgate feeds float32, float64, int64 or string tensors`,
      );
    return v.type as InputDType;
  };
  if (meta.length > 1 || (meta[0] && columns.includes(meta[0].name) && features.length === 1)) {
    const missing = meta.filter((v) => !columns.includes(v.name)).map((v) => v.name);
    if (missing.length)
      throw new ConfigurationError(
        `${m.flag} ${m.display}: has ${meta.length} inputs but no data column is named ${missing.map((s) => `"${s}"`).join(", ")}; name inputs after columns or export one 2-D input`,
      );
    return {
      mode: "columns",
      inputs: meta.map((v) => ({ name: v.name, dtype: dtypeOf(v), rank: v.isTensor ? Math.max(1, v.shape.length) : 2 })),
    };
  }
  const v = meta[0];
  if (!v) throw new ConfigurationError(`${m.flag} ${m.display}: has no inputs`);
  const dtype = dtypeOf(v);
  const shape = v.isTensor ? v.shape : [];
  if (shape.length !== 2)
    throw new ConfigurationError(
      `${m.flag} ${m.display}: input "${v.name}" has shape ${shapeText(shape)}; mlgate feeds one 2-D [rows, features] input`,
    );
  const width = shape[1];
  if (typeof width === "number" && width > 0 && width !== features.length)
    throw new ConfigurationError(
      `${m.flag} ${m.display}: input "${v.name}" expects shape ${shapeText(shape)} but ${features.length} feature columns were given (${features.join(", ")}); pass --features in the model's order`,
    );
  return { mode: "matrix", input: v.name, dtype, features: [...features] };
}

function zipmapError(m: LoadedModel, name: string): ConfigurationError {
  return new ConfigurationError(
    `${m.flag} ${m.display}: output "${name}" is a sequence of maps (a scikit-learn ZipMap), which mlgate cannot score; re-export with skl2onnx options={id(model): {"zipmap": False}} so probabilities come as a tensor`,
  );
}

const FLOATS = ["float32", "float64", "float16"];

/** Picks the output to score: --output, else probabilities, else the only float tensor, else a label. */
export function planOutput(m: LoadedModel, task: Task, wanted?: string): OutputPlan {
  const meta = m.session.outputMetadata;
  const widthOf = (v: ort.InferenceSession.TensorValueMetadata): number | undefined => {
    if (v.shape.length <= 1) return 1;
    const w = v.shape[1];
    return typeof w === "number" && w > 0 ? w : undefined;
  };
  const plan = (v: ort.InferenceSession.ValueMetadata): OutputPlan => {
    if (!v.isTensor) throw zipmapError(m, v.name);
    if (FLOATS.includes(v.type)) {
      const width = widthOf(v);
      return { name: v.name, kind: "scores", ...(width !== undefined ? { width } : {}) };
    }
    if (task === "binary" && (v.type === "int64" || v.type === "int32" || v.type === "bool"))
      return { name: v.name, kind: "label", width: 1 };
    if (task === "multiclass" && (v.type === "int64" || v.type === "int32"))
      throw new ConfigurationError(
        `${m.flag} ${m.display}: output "${v.name}" gives class labels only; a multiclass model needs a probability or logit output [N, C] (pick it with --output)`,
      );
    throw new ConfigurationError(
      `${m.flag} ${m.display}: output "${v.name}" has type ${v.type}; a ${task} model needs a float output${task === "regression" ? "" : " (probabilities or logits) or an integer label"}`,
    );
  };
  if (wanted !== undefined) {
    const v = meta.find((o) => o.name === wanted);
    if (!v)
      throw new ConfigurationError(
        `--output ${wanted}: ${m.display} has no such output; it has ${meta.map((o) => `"${o.name}"`).join(", ")}`,
      );
    return plan(v);
  }
  const floats = meta.filter((o) => o.isTensor && FLOATS.includes(o.type));
  const probs = floats.find((o) => /prob/i.test(o.name));
  if (probs) return plan(probs);
  if (floats.length === 1 && floats[0]) return plan(floats[0]);
  const zip = meta.find((o) => !o.isTensor);
  if (zip && task !== "regression") throw zipmapError(m, zip.name);
  if (floats.length > 1)
    throw new ConfigurationError(
      `${m.display}: has several float outputs (${floats.map((o) => `"${o.name}"`).join(", ")}); pick one with --output`,
    );
  const first = meta[0];
  if (!first) throw new ConfigurationError(`${m.flag} ${m.display}: has no outputs`);
  return plan(first);
}
