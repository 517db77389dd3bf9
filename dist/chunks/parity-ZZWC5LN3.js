#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  compareTensors,
  describeWorst,
  planDims,
  synthFeed,
  toleranceFor
} from "./chunk-ULXXDKME.js";
import {
  inspectModel,
  readModelFile
} from "./chunk-I5TC7TDL.js";
import {
  readTestData
} from "./chunk-A6BOQ7SD.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-E4IFUBZY.js";
import {
  onnxruntime
} from "./chunk-GMUZRKW3.js";
import {
  RUN_OPTIONS
} from "./chunk-JK64J7JW.js";
import "./chunk-ULEDS62O.js";
import {
  DataType,
  fromOrtTensor,
  halfToFloat,
  toOrtTensor
} from "./chunk-JHJN2HAN.js";
import {
  errorMessage
} from "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";

// src/gates/deploy/parity.ts
var DATATYPE = {
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
  [DataType.STRING]: "BYTES"
};
function jsonTensor(name, t) {
  const d = t.data;
  let items;
  if (Array.isArray(d)) items = d.map((s) => JSON.stringify(s));
  else if (t.elemType === DataType.BOOL) items = Array.from(d, (v) => v ? "true" : "false");
  else if (t.elemType === DataType.FLOAT16) items = Array.from(d, (v) => String(halfToFloat(v)));
  else items = Array.from(d, (v) => String(v));
  return `{"name":${JSON.stringify(name)},"shape":[${t.dims.join(",")}],"datatype":"${DATATYPE[t.elemType] ?? "?"}","data":[${items.join(",")}]}`;
}
function hostOf(like, shape, data) {
  const n = (x) => typeof x === "number" ? x : Number(x);
  let values;
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
      values = Uint8Array.from(data, (x) => x === true || x === 1 ? 1 : 0);
      break;
    case DataType.STRING:
      values = data.map(String);
      break;
    default:
      values = Float64Array.from(data, n);
  }
  return { elemType: like.elemType === DataType.FLOAT16 ? DataType.FLOAT : like.elemType, dims: shape, data: values };
}
function asFloat(t) {
  if (t.elemType !== DataType.FLOAT16) return t;
  return { elemType: DataType.FLOAT, dims: t.dims, data: Float32Array.from(t.data, halfToFloat) };
}
function samples(o, inputNames, info) {
  if (o.testData) {
    const sets = readTestData(o.testData, o.onnx.test_data ?? o.testData);
    return sets.map((s) => ({
      label: s.display,
      feed: Object.fromEntries(s.inputs.map((t, k) => [inputNames[k] ?? `input_${k}`, t.tensor]))
    }));
  }
  const plan = planDims(info.inputs, o.onnx.dims);
  const choice = new Map([...plan.values].map(([k, v]) => [k, v[v.length - 1] ?? 1]));
  return [{ label: "synthesised rows", feed: synthFeed(info.inputs, choice) }];
}
function parityCheck(o, sha256) {
  return async (statuses) => {
    const id = "rollout.parity";
    const title = "Serving parity before traffic";
    const fail = (message, details) => ({
      id,
      title,
      status: "fail",
      message,
      ...details ? { details } : {}
    });
    const servers = statuses.filter((s) => s.model?.versions[o.version]?.sha256 === sha256);
    if (servers.length === 0) return fail(`No server has ${o.version} (${sha256.slice(0, 12)}) loaded to call.`);
    const file = readModelFile(o.model, o.modelDisplay);
    const info = inspectModel(file);
    const ort = onnxruntime();
    const session = await ort.InferenceSession.create(o.model);
    let compared = 0;
    let worst;
    try {
      for (const sample of samples(o, [...session.inputNames], info)) {
        const feeds = Object.fromEntries(Object.entries(sample.feed).map(([k, t]) => [k, toOrtTensor(t)]));
        const offline = await session.run(feeds, RUN_OPTIONS);
        const body = `{"inputs":[${Object.entries(sample.feed).map(([k, t]) => jsonTensor(k, t)).join(",")}]}`;
        for (const s of servers) {
          const url = `${s.url}/v2/models/${encodeURIComponent(o.name)}/versions/${encodeURIComponent(o.version)}/infer`;
          let res;
          try {
            res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
          } catch (e) {
            return fail(`${url}: ${errorMessage(e)}`);
          }
          const text = await res.text();
          if (res.status !== 200) return fail(`${url} answered ${res.status} on ${sample.label}: ${text.slice(0, 300)}`);
          const answer = JSON.parse(text);
          if (answer.model_version !== void 0 && answer.model_version !== o.version)
            return fail(`${url} was answered by version ${answer.model_version}, not ${o.version}.`);
          for (const name of session.outputNames) {
            const expected = fromOrtTensor(offline[name]);
            const got = answer.outputs?.find((x) => x.name === name);
            if (!got) return fail(`${url} did not return output ${name} on ${sample.label}.`);
            const tol = toleranceFor(o.onnx, name);
            const c = compareTensors(hostOf(expected, got.shape, got.data), asFloat(expected), tol);
            compared += c.elements;
            if (c.incompatible || c.mismatches > 0) {
              return fail(
                `${s.url} answers ${name} differently from the offline model on ${sample.label}: ${c.incompatible ?? `${c.mismatches} of ${c.elements} elements outside |a-b| <= ${tol.atol} + ${tol.rtol}*|b|; worst ${describeWorst(name, c)}`}.`,
                { output: name, mismatches: c.mismatches, max_abs_error: Number.isFinite(c.maxAbs) ? c.maxAbs : null }
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
      details: { elements: compared, servers: servers.length, max_abs_error: worst?.c.maxAbs ?? 0 }
    };
  };
}
export {
  parityCheck
};
