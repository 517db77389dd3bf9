/**
 * rollout.parity: before any traffic, the staged version answers sample inputs through each server's
 * prediction API (`/v2/models/{name}/versions/{version}/infer`, which addresses it without traffic)
 * with the numbers onnxruntime computes offline on the same file, within the ONNX gate's tolerance.
 * It catches training-serving skew in the server and a server that loaded another file.
 */
import { errorMessage } from "../../core/errors.js";
import { DataType } from "../../core/onnx/proto.js";
import type { Check } from "../../core/report.js";
import { onnxruntime } from "../model/ort.js";
import { compareTensors, describeWorst, toleranceFor, type Comparison } from "../onnx/compare.js";
import { inspectModel, readModelFile } from "../onnx/inspect.js";
import { RUN_OPTIONS } from "../onnx/load.js";
import { planDims, synthFeed, type Feed } from "../onnx/synth.js";
import { fromOrtTensor, halfToFloat, toOrtTensor, type HostTensor } from "../onnx/tensor.js";
import { readTestData } from "../onnx/testdata.js";
import type { DeployOptions } from "./options.js";
import type { ParityCheck } from "./rollout.js";
import type { ServingStatus } from "./targets/target.js";

const DATATYPE: Record<number, string> = {
  [DataType.FLOAT]: "FP32",
  [DataType.DOUBLE]: "FP64",
  [DataType.FLOAT16]: "FP16",
  [DataType.INT64]: "INT64",
  [DataType.INT32]: "INT32",
  [DataType.INT16]: "INT16",
  [DataType.INT8]: "INT8",
  [DataType.UINT8]: "UINT8",
  [DataType.UINT16]: "UINT16",
  [DataType.UINT32]: "UINT32",
  [DataType.UINT64]: "UINT64",
  [DataType.BOOL]: "BOOL",
  [DataType.STRING]: "BYTES",
};

/** A request tensor as JSON text: 64-bit integers written exactly, FP16 as the numbers its bits mean. */
function jsonTensor(name: string, t: HostTensor): string {
  const d = t.data;
  let items: string[];
  if (Array.isArray(d)) items = d.map((s) => JSON.stringify(s));
  else if (t.elemType === DataType.BOOL) items = Array.from(d as Uint8Array, (v) => (v ? "true" : "false"));
  else if (t.elemType === DataType.FLOAT16) items = Array.from(d as Uint16Array, (v) => String(halfToFloat(v)));
  else items = Array.from(d as ArrayLike<number | bigint>, (v) => String(v));
  return `{"name":${JSON.stringify(name)},"shape":[${t.dims.join(",")}],"datatype":"${DATATYPE[t.elemType] ?? "?"}","data":[${items.join(",")}]}`;
}

/** A response tensor back into the offline output's element type, for an element-wise comparison. */
function hostOf(like: HostTensor, shape: number[], data: unknown[]): HostTensor {
  const n = (x: unknown): number => (typeof x === "number" ? x : Number(x));
  let values: HostTensor["data"];
  switch (like.elemType) {
    case DataType.FLOAT:
    case DataType.FLOAT16:
      values = Float32Array.from(data, n);
      break;
    case DataType.DOUBLE:
      values = Float64Array.from(data, n);
      break;
    case DataType.INT64:
      values = BigInt64Array.from(data, (x) => BigInt(n(x)));
      break;
    case DataType.UINT64:
      values = BigUint64Array.from(data, (x) => BigInt(n(x)));
      break;
    case DataType.BOOL:
      values = Uint8Array.from(data, (x) => (x === true || x === 1 ? 1 : 0));
      break;
    case DataType.STRING:
      values = data.map(String);
      break;
    default:
      values = Float64Array.from(data, n);
  }
  // FLOAT16 offline outputs are compared as their values: convert the expected side the same way.
  return { elemType: like.elemType === DataType.FLOAT16 ? DataType.FLOAT : like.elemType, dims: shape, data: values };
}

function asFloat(t: HostTensor): HostTensor {
  if (t.elemType !== DataType.FLOAT16) return t;
  return { elemType: DataType.FLOAT, dims: t.dims, data: Float32Array.from(t.data as Uint16Array, halfToFloat) };
}

interface Sample {
  label: string;
  feed: Feed;
}

function samples(o: DeployOptions, inputNames: string[], info: ReturnType<typeof inspectModel>): Sample[] {
  if (o.testData) {
    const sets = readTestData(o.testData, o.onnx.test_data ?? o.testData);
    return sets.map((s) => ({
      label: s.display,
      feed: Object.fromEntries(s.inputs.map((t, k) => [inputNames[k] ?? `input_${k}`, t.tensor])),
    }));
  }
  const plan = planDims(info.inputs, o.onnx.dims);
  const choice = new Map([...plan.values].map(([k, v]) => [k, v[v.length - 1] ?? 1]));
  return [{ label: "synthesised rows", feed: synthFeed(info.inputs, choice) }];
}

/** Builds the parity check for the shipped model; the offline outputs are computed once. */
export function parityCheck(o: DeployOptions, sha256: string): ParityCheck {
  return async (statuses: readonly ServingStatus[]): Promise<Check> => {
    const id = "rollout.parity";
    const title = "Serving parity before traffic";
    const fail = (message: string, details?: Record<string, string | number | null>): Check => ({
      id,
      title,
      status: "fail",
      message,
      ...(details ? { details } : {}),
    });
    const servers = statuses.filter((s) => s.model?.versions[o.version]?.sha256 === sha256);
    if (servers.length === 0) return fail(`No server has ${o.version} (${sha256.slice(0, 12)}) loaded to call.`);
    const file = readModelFile(o.model, o.modelDisplay);
    const info = inspectModel(file);
    const ort = onnxruntime();
    const session = await ort.InferenceSession.create(o.model);
    let compared = 0;
    let worst: { c: Comparison; output: string; where: string } | undefined;
    try {
      for (const sample of samples(o, [...session.inputNames], info)) {
        const feeds = Object.fromEntries(Object.entries(sample.feed).map(([k, t]) => [k, toOrtTensor(t)]));
        const offline = await session.run(feeds, RUN_OPTIONS);
        const body = `{"inputs":[${Object.entries(sample.feed)
          .map(([k, t]) => jsonTensor(k, t))
          .join(",")}]}`;
        for (const s of servers) {
          const url = `${s.url}/v2/models/${encodeURIComponent(o.name)}/versions/${encodeURIComponent(o.version)}/infer`;
          let res: Response;
          try {
            res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
          } catch (e) {
            return fail(`${url}: ${errorMessage(e)}`);
          }
          const text = await res.text();
          if (res.status !== 200) return fail(`${url} answered ${res.status} on ${sample.label}: ${text.slice(0, 300)}`);
          const answer = JSON.parse(text) as {
            model_version?: string;
            outputs?: { name: string; shape: number[]; data: unknown[] }[];
          };
          if (answer.model_version !== undefined && answer.model_version !== o.version)
            return fail(`${url} was answered by version ${answer.model_version}, not ${o.version}.`);
          for (const name of session.outputNames) {
            const expected = fromOrtTensor(offline[name]!);
            const got = answer.outputs?.find((x) => x.name === name);
            if (!got) return fail(`${url} did not return output ${name} on ${sample.label}.`);
            const tol = toleranceFor(o.onnx, name);
            const c = compareTensors(hostOf(expected, got.shape, got.data), asFloat(expected), tol);
            compared += c.elements;
            if (c.incompatible || c.mismatches > 0) {
              return fail(
                `${s.url} answers ${name} differently from the offline model on ${sample.label}: ${c.incompatible ?? `${c.mismatches} of ${c.elements} elements outside |a-b| <= ${tol.atol} + ${tol.rtol}*|b|; worst ${describeWorst(name, c)}`}.`,
                { output: name, mismatches: c.mismatches, max_abs_error: Number.isFinite(c.maxAbs) ? c.maxAbs : null },
              );
            }
            if (!worst || c.maxAbs > worst.c.maxAbs) worst = { c, output: name, where: sample.label };
          }
        }
      }
    } finally {
      await session.release();
    }
    const maxAbs = worst && worst.c.maxAbs > 0 ? worst.c.maxAbs.toPrecision(3) : "0";
    return {
      id,
      title,
      status: "pass",
      observed: `max abs error ${maxAbs}`,
      message: `${compared} output elements from ${servers.length} server(s) match onnxruntime offline on ${o.testData ? "the ONNX gate's test data" : "synthesised rows"}; max abs error ${maxAbs}.`,
      details: { elements: compared, servers: servers.length, max_abs_error: worst?.c.maxAbs ?? 0 },
    };
  };
}
