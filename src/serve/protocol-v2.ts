/**
 * Open Inference Protocol v2 over REST (KServe v2, Triton's HTTP API): health, model metadata and
 * readiness, and inference with JSON tensors. The binary tensor extension is not implemented: a
 * request that uses it is refused with a 400 that says so.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type * as Ort from "onnxruntime-node";
import { TOOL_VERSION } from "../core/report.js";
import { HttpError, parseJsonObject, readBody, sendJson } from "./http-io.js";
import { answer, loadedVersion, notDeployed, pick, servedTable, type InferContext } from "./infer.js";
import type { ModelSet, ServingVersion } from "./models.js";
import { decodeInput, outputText, type JsonTensor } from "./tensors.js";

export function serverMetadata(): unknown {
  return { name: "mlgate", version: TOOL_VERSION, extensions: [] };
}

export function live(res: ServerResponse): void {
  sendJson(res, 200, { live: true });
}

/** 200 once some model has a version deployed; 503 before (an empty registry is not ready). */
export function ready(res: ServerResponse, models: ModelSet): void {
  const r = models.ready();
  sendJson(res, r ? 200 : 503, { ready: r });
}

/** A model's readiness: 200 when its champion (or the named version) is loaded, else 503; unknown model 404. */
export function modelReady(res: ServerResponse, models: ModelSet, name: string, version?: string): void {
  const t = servedTable(models, name);
  const v =
    version !== undefined
      ? loadedVersion(t, version)
      : t.aliases.champion !== null
        ? t.versions.get(t.aliases.champion)
        : undefined;
  const r = v !== undefined;
  sendJson(
    res,
    r ? 200 : 503,
    { name, ...(v ? { version: v.version } : {}), ready: r },
    v ? { "x-model-version": v.version } : {},
  );
}

/** `GET /v2/models/{name}[/versions/{v}]`: the signature of the champion (or of the named version). */
export function modelMetadata(res: ServerResponse, models: ModelSet, name: string, version?: string): void {
  const t = servedTable(models, name);
  let v: ServingVersion | undefined;
  if (version !== undefined) v = loadedVersion(t, version);
  else if (t.aliases.champion !== null) v = t.versions.get(t.aliases.champion);
  if (!v) throw notDeployed(t);
  sendJson(
    res,
    200,
    {
      name,
      versions: [...t.versions.keys()],
      platform: "onnxruntime_onnx",
      inputs: v.inputs,
      outputs: v.outputs,
    },
    { "x-model-version": v.version },
  );
}

interface V2Request {
  id?: string;
  inputs: JsonTensor[];
  outputs?: string[];
}

/** The request's structure, checked before a version is picked (it does not depend on one). */
function parseRequest(body: Record<string, unknown>): V2Request {
  const { inputs, outputs, id } = body;
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new HttpError(400, `the request needs "inputs": an array of tensors {"name","shape","datatype","data"}`);
  const seen = new Set<string>();
  const tensors = inputs.map((t: unknown, i): JsonTensor => {
    if (typeof t !== "object" || t === null || Array.isArray(t)) throw new HttpError(400, `inputs[${i}] must be an object`);
    const o = t as Record<string, unknown>;
    if (typeof o.name !== "string") throw new HttpError(400, `inputs[${i}] needs a "name" string`);
    if (seen.has(o.name)) throw new HttpError(400, `input "${o.name}" is given twice`);
    seen.add(o.name);
    const params = o.parameters as Record<string, unknown> | undefined;
    if (params && typeof params === "object" && "binary_data_size" in params)
      throw new HttpError(
        400,
        `input "${o.name}": the binary tensor data extension is not supported; send "data" as a JSON array`,
      );
    return { name: o.name, shape: o.shape, datatype: o.datatype, data: o.data };
  });
  const req: V2Request = { inputs: tensors };
  if (id !== undefined) {
    if (typeof id !== "string") throw new HttpError(400, `"id" must be a string`);
    req.id = id;
  }
  if (outputs !== undefined) {
    if (!Array.isArray(outputs)) throw new HttpError(400, `"outputs" must be an array of {"name"} objects`);
    req.outputs = outputs.map((o: unknown, i) => {
      const n = (o as { name?: unknown } | null)?.name;
      if (typeof n !== "string") throw new HttpError(400, `outputs[${i}] needs a "name" string`);
      return n;
    });
  }
  return req;
}

function quoted(names: readonly { name: string }[]): string {
  return names.map((n) => `"${n.name}"`).join(", ");
}

/** Feeds for one version: every input present, nothing unknown, each checked by decodeInput. */
function feedsFor(model: string, v: ServingVersion, r: V2Request): { feeds: Record<string, Ort.Tensor>; outputs: string[] } {
  const which = `model "${model}" version ${v.version}`;
  const byName = new Map(r.inputs.map((t) => [t.name, t]));
  for (const t of r.inputs)
    if (!v.inputs.some((s) => s.name === t.name))
      throw new HttpError(400, `input "${t.name}" is not an input of ${which} (its inputs: ${quoted(v.inputs)})`);
  const feeds: Record<string, Ort.Tensor> = {};
  for (const spec of v.inputs) {
    const t = byName.get(spec.name);
    if (!t) throw new HttpError(400, `input "${spec.name}" is missing (${which} takes inputs ${quoted(v.inputs)})`);
    feeds[spec.name] = decodeInput(spec, t);
  }
  const outputs = r.outputs ?? v.outputs.map((o) => o.name);
  for (const o of outputs)
    if (!v.outputs.some((s) => s.name === o))
      throw new HttpError(400, `output "${o}" is not an output of ${which} (its outputs: ${quoted(v.outputs)})`);
  return { feeds, outputs };
}

/** `POST /v2/models/{name}[/versions/{v}]/infer`. */
export async function infer(
  ctx: InferContext & { maxBody: number },
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
  name: string,
  version?: string,
): Promise<void> {
  servedTable(ctx.models, name);
  if (req.headers["inference-header-content-length"] !== undefined)
    throw new HttpError(400, "the binary tensor data extension is not supported; send a JSON body");
  const r = parseRequest(parseJsonObject(await readBody(req, ctx.maxBody)));
  const picked = pick(ctx, name, version, req.headers);
  await answer(
    ctx,
    res,
    started,
    picked,
    (v) => feedsFor(name, v, r),
    (v, outputs) => {
      const parts = (r.outputs ?? v.outputs.map((o) => o.name)).map((n) => outputText(n, outputs[n]!));
      const id = r.id !== undefined ? `,"id":${JSON.stringify(r.id)}` : "";
      return `{"model_name":${JSON.stringify(name)},"model_version":${JSON.stringify(v.version)}${id},"outputs":[${parts.join(",")}]}`;
    },
  );
}
