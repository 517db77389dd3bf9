import type * as ort from "onnxruntime-node";
import { watchedRun } from "../../core/crash-record.js";
import { sqlIdent } from "../../core/duckdb.js";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import type { InputDType, InputPlan, LoadedModel } from "./session.js";
import { onnxruntime } from "./ort.js";

export type Buffer = Float32Array | Float64Array | BigInt64Array | string[];

/**
 * The typed buffers one batch of features is copied into: one row-major matrix, or one buffer per
 * column. Two of these alternate so DuckDB fills one while onnxruntime reads the other.
 */
export interface FeedBuffers {
  /** Per feature: the buffer it goes into, its offset in a row and the row stride. */
  slots: { buf: Buffer; offset: number; stride: number }[];
  tensors: (n: number) => Record<string, ort.Tensor>;
}

function alloc(dtype: InputDType, n: number): Buffer {
  if (dtype === "float32") return new Float32Array(n);
  if (dtype === "float64") return new Float64Array(n);
  if (dtype === "int64") return new BigInt64Array(n);
  return new Array<string>(n).fill("");
}

function view(buf: Buffer, n: number): Buffer {
  return Array.isArray(buf) ? buf.slice(0, n) : buf.subarray(0, n);
}

export function featureNames(plan: InputPlan): string[] {
  return plan.mode === "matrix" ? plan.features : plan.inputs.map((i) => i.name);
}

export function featureDTypes(plan: InputPlan): InputDType[] {
  return plan.mode === "matrix" ? plan.features.map(() => plan.dtype) : plan.inputs.map((i) => i.dtype);
}

export function allocFeed(plan: InputPlan, rows: number): FeedBuffers {
  if (plan.mode === "matrix") {
    const F = plan.features.length;
    const buf = alloc(plan.dtype, rows * F);
    return {
      slots: plan.features.map((_, j) => ({ buf, offset: j, stride: F })),
      tensors: (n) => ({ [plan.input]: new (onnxruntime().Tensor)(plan.dtype, view(buf, n * F), [n, F]) }),
    };
  }
  const bufs = plan.inputs.map((i) => alloc(i.dtype, rows));
  return {
    slots: bufs.map((buf) => ({ buf, offset: 0, stride: 1 })),
    tensors: (n) =>
      Object.fromEntries(
        plan.inputs.map((inp, j) => [
          inp.name,
          new (onnxruntime().Tensor)(inp.dtype, view(bufs[j] ?? [], n), inp.rank === 1 ? [n] : [n, 1]),
        ]),
      ),
  };
}

/** The SELECT expression of a feature, cast to the model's input type; missing numbers become NaN. */
export function featureSql(column: string, dtype: InputDType): string {
  const c = sqlIdent(column);
  if (dtype === "float32") return `coalesce(TRY_CAST(${c} AS FLOAT), 'NaN'::FLOAT)`;
  if (dtype === "float64") return `coalesce(TRY_CAST(${c} AS DOUBLE), 'NaN'::DOUBLE)`;
  if (dtype === "int64") return `TRY_CAST(${c} AS BIGINT)`;
  return `CAST(${c} AS VARCHAR)`;
}

/** Both models must take the same inputs: they are fed from the same buffers. */
export function samePlan(a: InputPlan, b: InputPlan): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === "matrix" && b.mode === "matrix") return a.dtype === b.dtype && a.input === b.input;
  if (a.mode === "columns" && b.mode === "columns")
    return (
      a.inputs.length === b.inputs.length &&
      a.inputs.every((x, i) => x.name === b.inputs[i]?.name && x.dtype === b.inputs[i]?.dtype)
    );
  return false;
}

/**
 * Runs one model on a batch; an input the runtime rejects is the user's shape or type mistake.
 * `watched`: marked for the crash guard (a few µs); timed runs after a first marked one of the same shape skip it.
 */
export async function runModel(
  m: LoadedModel,
  feeds: Record<string, ort.Tensor>,
  output: string,
  watched = true,
): Promise<ort.Tensor> {
  let out: ort.InferenceSession.ReturnType;
  try {
    out = await watchedRun(watched ? m.watch : undefined, m, () => m.session.run(feeds, [output]));
  } catch (e) {
    const shapes = Object.entries(feeds)
      .map(([k, t]) => `"${k}" [${t.dims.join(", ")}] ${t.type}`)
      .join(", ");
    const why = (errorMessage(e).split("\n")[0] ?? "").replace(/\.$/, "");
    throw new ConfigurationError(`${m.flag} ${m.display}: rejected input ${shapes} (onnxruntime: ${why})`);
  }
  const t = out[output];
  if (!t) throw new Error(`onnxruntime returned no "${output}" output`);
  return t;
}
