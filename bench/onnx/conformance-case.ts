/**
 * One case of ONNX's backend tests (a folder with model.onnx and test_data_set_N/), judged three
 * ways: onnxruntime alone (does it reproduce the stored outputs?), the ONNX gate on the stored
 * data, and the gate on a perturbed twin (one output element moved beyond tolerance), which must
 * fail. Used by bench/onnx/conformance.ts and test/onnx/conformance.system.test.ts.
 */
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { errorMessage } from "../../src/core/errors.js";
import { subjectOf } from "../../src/core/hash.js";
import type { Report } from "../../src/core/report.js";
import { DataType } from "../../src/core/onnx/proto.js";
import { compareTensors, DEFAULT_ATOL, DEFAULT_RTOL } from "../../src/gates/onnx/compare.js";
import { onnxGate } from "../../src/gates/onnx/gate.js";
import { inspectModel, readModelFile } from "../../src/gates/onnx/inspect.js";
import { cleanOrtMessage } from "../../src/gates/onnx/load.js";
import { matchTestSet } from "../../src/gates/onnx/parity.js";
import { fromOrtTensor, isFloatType, toOrtTensor, type HostTensor } from "../../src/gates/onnx/tensor.js";
import { readTestData, type TestSet } from "../../src/gates/onnx/testdata.js";

export const DEFAULT_ROOT = "/usr/share/libonnx-testdata/data";

/** Every case folder under root (node/, pytorch-converted/, …), sorted by its relative path. */
export function listCases(root: string): string[] {
  const out: string[] = [];
  for (const group of readdirSync(root).sort()) {
    const g = path.join(root, group);
    for (const c of readdirSync(g).sort()) if (existsSync(path.join(g, c, "model.onnx"))) out.push(`${group}/${c}`);
  }
  return out;
}

/** N cases spread evenly over the list: deterministic, and covering every operator family. */
export function sample<T>(all: readonly T[], n: number): T[] {
  if (n >= all.length) return [...all];
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]!);
}

export interface CaseResult {
  case: string;
  /** onnxruntime alone: "ok" reproduces every stored output within the gate's default tolerance. */
  ort: "ok" | "differs" | "load" | "run" | "unreadable";
  ortWhy?: string;
  /** The gate's exit code on the stored data (0 pass/warn, 1 fail, 2 could not run). */
  gate: 0 | 1 | 2;
  gateStatus: Report["status"];
  failed: string[];
  warned: string[];
  /** Checks not judged because their output depends on a random operator. */
  random: string[];
  gateWhy?: string;
  /** The gate on the perturbed twin, when onnxruntime reproduces the case: 1 means caught. */
  twin?: 0 | 1 | 2;
  twinFailed?: string[];
  ms: number;
  /** CPU time of the three judgements (user + system). */
  cpuMs: number;
}

const TOL = { rtol: DEFAULT_RTOL, atol: DEFAULT_ATOL };

/** onnxruntime with its defaults, the stored inputs in, the stored outputs compared. */
async function ortAlone(modelPath: string, sets: TestSet[], model: ReturnType<typeof inspectModel>, name: string) {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, { logSeverityLevel: 4 });
  } catch (e) {
    return { ort: "load" as const, ortWhy: cleanOrtMessage(errorMessage(e)) };
  }
  try {
    for (const set of sets) {
      const m = matchTestSet(set, model.inputs, model.outputs, name);
      const feeds = Object.fromEntries(Object.entries(m.feed).map(([k, t]) => [k, toOrtTensor(t)]));
      let res: ort.InferenceSession.OnnxValueMapType;
      try {
        res = await session.run(feeds, { logSeverityLevel: 4 });
      } catch (e) {
        return { ort: "run" as const, ortWhy: cleanOrtMessage(errorMessage(e)) };
      }
      for (const e of m.expected) {
        const got = res[e.output];
        if (!got) return { ort: "differs" as const, ortWhy: `no ${e.output}` };
        const c = compareTensors(fromOrtTensor(got), e.tensor, TOL);
        if (c.incompatible || c.mismatches)
          return {
            ort: "differs" as const,
            ortWhy: `${set.name} ${e.output}: ${c.incompatible ?? `${c.mismatches} of ${c.elements} differ`}`,
          };
      }
    }
    return { ort: "ok" as const };
  } finally {
    await session.release();
  }
}

function emptyOne(t: HostTensor): HostTensor["data"] {
  if (Array.isArray(t.data)) return [""];
  const Ctor = t.data.constructor as new (n: number) => Exclude<HostTensor["data"], string[]>;
  return new Ctor(1);
}

/** The first output of each set with one element moved far beyond the default tolerance. */
export function perturb(sets: TestSet[]): TestSet[] {
  return sets.map((s) => {
    const [first, ...rest] = s.outputs;
    if (!first) return s;
    const t = first.tensor;
    const n = t.data.length;
    let data: HostTensor["data"];
    // An empty output cannot move a value: give it one element instead (a shape the gate must reject).
    if (n === 0)
      return { ...s, outputs: [{ ...first, tensor: { ...t, dims: t.dims.map(() => 1), data: emptyOne(t) } }, ...rest] };
    if (Array.isArray(t.data)) data = [`${t.data[0]}~`, ...t.data.slice(1)];
    else {
      const copy = t.data.slice();
      if (t.elemType === DataType.FLOAT16) {
        // Flip the sign bit, or for ±0 make it 1.0: far outside any tolerance.
        const h = copy[0] as number;
        (copy as Uint16Array)[0] = (h & 0x7fff) === 0 ? 0x3c00 : h ^ 0x8000;
      } else if (isFloatType(t.elemType)) {
        const v = Number(copy[0]);
        (copy as Float32Array)[0] = Number.isFinite(v) ? v + 1 + Math.abs(v) : 0;
      } else if (t.elemType === DataType.BOOL) (copy as Uint8Array)[0] = copy[0] ? 0 : 1;
      else if (copy instanceof BigInt64Array || copy instanceof BigUint64Array) copy[0] = (copy[0] as bigint) === 0n ? 1n : 0n;
      else (copy as Int32Array)[0] = Number(copy[0]) === 0 ? 1 : 0;
      data = copy;
    }
    return { ...s, outputs: [{ ...first, tensor: { ...t, data } }, ...rest] };
  });
}

function verdict(r: Report): 0 | 1 | 2 {
  return r.status === "fail" ? 1 : r.status === "error" ? 2 : 0;
}

/** Runs one case: onnxruntime alone, the gate, and (when onnxruntime reproduces it) the perturbed twin. */
export async function runCase(root: string, name: string): Promise<CaseResult> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuMs = (): number => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1000;
  };
  const dir = path.join(root, name);
  const modelPath = path.join(dir, "model.onnx");
  const base = { case: name, failed: [] as string[], warned: [] as string[], random: [] as string[] };
  let sets: TestSet[];
  let file: ReturnType<typeof readModelFile>;
  try {
    file = readModelFile(modelPath, `${name}/model.onnx`);
    sets = readTestData(dir, name);
  } catch (e) {
    // The gate's exit 2: the data (sequences, optionals) or model cannot be read.
    return {
      ...base,
      ort: "unreadable",
      ortWhy: errorMessage(e),
      gate: 2,
      gateStatus: "error",
      gateWhy: errorMessage(e),
      ms: performance.now() - t0,
      cpuMs: cpuMs(),
    };
  }
  const info = inspectModel(file);
  let alone: { ort: CaseResult["ort"]; ortWhy?: string };
  try {
    alone = await ortAlone(modelPath, sets, info, name);
  } catch (e) {
    alone = { ort: "unreadable", ortWhy: errorMessage(e) };
  }
  const subject = await subjectOf(modelPath, `${name}/model.onnx`, "candidate");
  const gateOn = async (data: TestSet[]): Promise<Report> => {
    try {
      return await onnxGate({ models: [file], subjects: [subject], testData: data, config: {}, inputs: {} });
    } catch (e) {
      return { status: "error", checks: [], summary: errorMessage(e) } as unknown as Report;
    }
  };
  const r = await gateOn(sets);
  const out: CaseResult = {
    ...base,
    ...alone,
    gate: verdict(r),
    gateStatus: r.status,
    failed: r.checks.filter((c) => c.status === "fail").map((c) => c.id),
    warned: r.checks.filter((c) => c.status === "warn").map((c) => c.id),
    random: r.checks.filter((c) => c.details?.random_ops !== undefined).map((c) => c.id),
    ms: 0,
    cpuMs: 0,
  };
  if (r.status === "error") out.gateWhy = r.summary;
  if (alone.ort === "ok") {
    const t = await gateOn(perturb(sets));
    out.twin = verdict(t);
    out.twinFailed = t.checks.filter((c) => c.status === "fail").map((c) => c.id);
  }
  out.ms = performance.now() - t0;
  out.cpuMs = cpuMs();
  return out;
}

/**
 * Why the gate and onnxruntime alone disagree on a case, or undefined when they agree. "explained"
 * ones are by design (outputs of random operators are not compared); "unexplained" ones are defects.
 */
export function disagreement(r: CaseResult): string | undefined {
  if (r.ort === "ok" && r.gate !== 0) return "unexplained: false fail";
  if (r.twin !== undefined && r.twin !== 1)
    return r.random.length ? "explained: the perturbed output is random" : "unexplained: perturbation missed";
  if (r.ort !== "ok" && r.ort !== "unreadable" && r.gate === 0)
    return r.random.length
      ? "explained: random operator outputs are not compared"
      : "unexplained: passes what onnxruntime does not reproduce";
  return undefined;
}

/** The gate on one case with its reference inputs withheld: does the model run on synthesised inputs? */
export interface SynthResult {
  case: string;
  /** "runs": the first synthesised run succeeds; "fails": it does not; "unsupported": no inputs could be made; "load": the model does not load. */
  synth: "runs" | "fails" | "unsupported" | "load" | "unreadable";
  why?: string;
  /** Checks skipped because a value could not be chosen, with their reason. */
  skipped: string[];
  warned: string[];
  failed: string[];
}

export async function runCaseWithoutInputs(root: string, name: string): Promise<SynthResult> {
  const modelPath = path.join(root, name, "model.onnx");
  const base = { case: name, skipped: [] as string[], warned: [] as string[], failed: [] as string[] };
  let file: ReturnType<typeof readModelFile>;
  try {
    file = readModelFile(modelPath, `${name}/model.onnx`);
  } catch (e) {
    return { ...base, synth: "unreadable", why: errorMessage(e) };
  }
  const subject = await subjectOf(modelPath, `${name}/model.onnx`, "candidate");
  let r: Report;
  try {
    r = await onnxGate({ models: [file], subjects: [subject], config: {}, inputs: {} });
  } catch (e) {
    return { ...base, synth: "unreadable", why: errorMessage(e) };
  }
  const out = {
    ...base,
    skipped: r.checks.filter((c) => c.status === "skip").map((c) => `${c.id}: ${c.message ?? ""}`),
    warned: r.checks.filter((c) => c.status === "warn").map((c) => c.id),
    failed: r.checks.filter((c) => c.status === "fail").map((c) => c.id),
  };
  if (r.checks.some((c) => c.id.startsWith("load.") && c.status === "fail")) return { ...out, synth: "load" };
  if (r.checks.some((c) => c.id === "shape.inputs" && c.status === "skip")) return { ...out, synth: "unsupported" };
  // Determinism compares two runs of every output: present exactly when the first synthesised run succeeded.
  if (r.checks.some((c) => c.id.startsWith("determinism."))) return { ...out, synth: "runs" };
  const failedRun = r.checks.find((c) => c.observed === "run failed");
  return { ...out, synth: "fails", ...(failedRun?.message ? { why: failedRun.message } : {}) };
}
