/**
 * The v1 prediction form (KServe v1, TensorFlow Serving's row format): `{"instances": [...]}` in,
 * `{"predictions": [...]}` out, one prediction per instance. A model with one input takes each
 * instance as that input's row (nested arrays); a model with several takes each instance as an
 * object keyed by input name. Rows are stacked on a new first (batch) dimension, in the model's
 * datatype, and checked like v2 tensors.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type * as Ort from "onnxruntime-node";
import { HttpError, parseJsonObject, readBody, sendJson } from "./http-io.js";
import { answer, pick, servedTable, type InferContext } from "./infer.js";
import type { ModelSet, ServingVersion } from "./models.js";
import { decodeInput, rowText, shapeText, type TensorSpec } from "./tensors.js";

export function v1ModelStatus(res: ServerResponse, models: ModelSet, name: string): void {
  const t = servedTable(models, name);
  const v = t.aliases.champion !== null ? t.versions.get(t.aliases.champion) : undefined;
  sendJson(res, 200, { name, ready: v !== undefined }, v ? { "x-model-version": v.version } : {});
}

/** The dims of a nested array, checking every level is rectangular. */
function dimsOf(value: unknown, where: string): number[] {
  const dims: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    dims.push(level.length);
    level = level[0];
  }
  const check = (v: unknown, depth: number): void => {
    if (depth === dims.length) {
      if (Array.isArray(v)) throw new HttpError(400, `${where}: nested arrays of unequal depth`);
      return;
    }
    if (!Array.isArray(v) || v.length !== dims[depth])
      throw new HttpError(400, `${where}: nested arrays of unequal lengths (expected shape ${shapeText(dims)})`);
    for (const x of v) check(x, depth + 1);
  };
  check(value, 0);
  return dims;
}

/** Rows of one input stacked into a batch, checked against the model's spec. */
function stack(spec: TensorSpec, rows: unknown[]): Ort.Tensor {
  let row: number[] | undefined;
  rows.forEach((r, i) => {
    const d = dimsOf(r, `instance ${i} of input "${spec.name}"`);
    if (row && shapeText(row) !== shapeText(d))
      throw new HttpError(400, `input "${spec.name}": instance ${i} has shape ${shapeText(d)}, instance 0 has ${shapeText(row)}`);
    row = d;
  });
  return decodeInput(spec, {
    name: spec.name,
    shape: [rows.length, ...(row ?? [])],
    datatype: spec.datatype,
    data: rows.flat(Infinity),
  });
}

function feedsFor(
  model: string,
  v: ServingVersion,
  instances: unknown[],
): { feeds: Record<string, Ort.Tensor>; outputs: string[] } {
  const feeds: Record<string, Ort.Tensor> = {};
  const only = v.inputs.length === 1 ? v.inputs[0]! : undefined;
  const keyed = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (only && !instances.every((x) => keyed(x) && only.name in x)) {
    feeds[only.name] = stack(only, instances);
  } else {
    const names = v.inputs.map((s) => `"${s.name}"`).join(", ");
    instances.forEach((x, i) => {
      if (!keyed(x))
        throw new HttpError(
          400,
          `instance ${i} must be an object keyed by input name: model "${model}" version ${v.version} takes ${names}`,
        );
      for (const k of Object.keys(x))
        if (!v.inputs.some((s) => s.name === k))
          throw new HttpError(
            400,
            `instance ${i}: "${k}" is not an input of model "${model}" version ${v.version} (its inputs: ${names})`,
          );
    });
    for (const spec of v.inputs) {
      const rows = instances.map((x, i) => {
        const r = (x as Record<string, unknown>)[spec.name];
        if (r === undefined) throw new HttpError(400, `instance ${i}: input "${spec.name}" is missing`);
        return r;
      });
      feeds[spec.name] = stack(spec, rows);
    }
  }
  return { feeds, outputs: v.outputs.map((o) => o.name) };
}

/** One prediction per instance: the output's row, or an object of rows when the model has several outputs. */
function predictionsText(model: string, v: ServingVersion, outputs: Record<string, Ort.Tensor>, n: number): string {
  const names = v.outputs.map((o) => o.name);
  for (const name of names) {
    const t = outputs[name]!;
    if (t.dims[0] !== n)
      throw new HttpError(
        500,
        `model "${model}" version ${v.version}: output "${name}" has shape ${shapeText([...t.dims])}, not one row per instance (${n}); use the v2 protocol`,
      );
  }
  const rows = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    rows[i] =
      names.length === 1
        ? rowText(outputs[names[0]!]!, i)
        : `{${names.map((name) => `${JSON.stringify(name)}:${rowText(outputs[name]!, i)}`).join(",")}}`;
  }
  return `{"predictions":[${rows.join(",")}]}`;
}

/** `POST /v1/models/{name}:predict`. */
export async function predict(
  ctx: InferContext & { maxBody: number },
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
  name: string,
): Promise<void> {
  servedTable(ctx.models, name);
  const { instances } = parseJsonObject(await readBody(req, ctx.maxBody));
  if (!Array.isArray(instances) || instances.length === 0)
    throw new HttpError(400, `the request needs "instances": a non-empty array with one entry per row`);
  const picked = pick(ctx, name, undefined, req.headers);
  await answer(
    ctx,
    res,
    started,
    picked,
    (v) => feedsFor(name, v, instances),
    (v, outputs) => predictionsText(name, v, outputs, instances.length),
  );
}
