import type * as ort from "onnxruntime-node";
import type { OnnxGateConfig } from "../../core/config.js";
import { ConfigurationError } from "../../core/errors.js";
import type { Check } from "../../core/report.js";
import { compareTensors, comparisonCheck, toleranceFor, unstableCheck } from "./compare.js";
import { idSegment } from "./ids.js";
import type { ValueInfo } from "./inspect.js";
import { runSession, type Outputs } from "./run.js";
import type { Feed } from "./synth.js";
import { dtypeName, type HostTensor } from "./tensor.js";
import type { TensorFile, TestSet } from "./testdata.js";

export interface MatchedSet {
  feed: Feed;
  expected: { output: string; file: string; tensor: HostTensor }[];
}

/** Tensors pair with model values by TensorProto.name when every name matches one, else by position. */
function pair(files: TensorFile[], values: readonly ValueInfo[]): { value: ValueInfo; file: TensorFile }[] | undefined {
  const byName = new Map(values.map((v) => [v.name, v]));
  if (files.every((f) => f.tensor.name !== undefined && byName.has(f.tensor.name))) {
    const names = files.map((f) => f.tensor.name);
    if (new Set(names).size === names.length) return files.map((f) => ({ value: byName.get(f.tensor.name!)!, file: f }));
  }
  if (files.length !== values.length) return undefined;
  return files.map((f, i) => ({ value: values[i]!, file: f }));
}

/** Matches one test set to a model's inputs and outputs; a set that cannot fit is a user error. */
export function matchTestSet(
  set: TestSet,
  inputs: readonly ValueInfo[],
  outputs: readonly ValueInfo[],
  model: string,
): MatchedSet {
  const names = (vs: readonly ValueInfo[]): string => vs.map((v) => v.name).join(", ");
  if (set.inputs.length !== inputs.length) {
    throw new ConfigurationError(
      `${set.display}: has ${set.inputs.length} input_*.pb file(s) but ${model} takes ${inputs.length} input(s) (${names(inputs)})`,
    );
  }
  const ins = pair(set.inputs, inputs)!;
  const outs = pair(set.outputs, outputs);
  if (!outs) {
    throw new ConfigurationError(
      `${set.display}: has ${set.outputs.length} output_*.pb file(s) but ${model} has ${outputs.length} output(s) (${names(outputs)}) and the tensors are not named after them`,
    );
  }
  const feed: Feed = {};
  for (const { value, file } of ins) {
    if (file.tensor.elemType !== value.elemType) {
      throw new ConfigurationError(
        `${file.display}: holds ${dtypeName(file.tensor.elemType)} but input "${value.name}" of ${model} is ${value.dtype}`,
      );
    }
    feed[value.name] = file.tensor;
  }
  return { feed, expected: outs.map(({ value, file }) => ({ output: value.name, file: file.display, tensor: file.tensor })) };
}

/** Reference parity: the model's outputs on each test set against the stored outputs. */
export async function referenceParity(
  session: ort.InferenceSession,
  sets: readonly TestSet[],
  inputs: readonly ValueInfo[],
  outputs: readonly ValueInfo[],
  model: string,
  cfg: OnnxGateConfig,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const set of sets) {
    const m = matchTestSet(set, inputs, outputs, model);
    const res = await runSession(session, m.feed);
    const sid = idSegment(set.name);
    if (!res.ok) {
      checks.push({
        id: `parity.${sid}.run`,
        title: `Runs on ${set.name}`,
        status: "fail",
        message: `onnxruntime: ${res.error}`,
        file: set.display,
      });
      continue;
    }
    for (const e of m.expected) {
      const actual = res.outputs[e.output];
      const tol = toleranceFor(cfg, e.output);
      const id = `parity.${sid}.${idSegment(e.output)}`;
      if (!actual) {
        checks.push({
          id,
          title: `${e.output} matches ${e.file}`,
          status: "fail",
          message: `The model returned no ${e.output}.`,
          file: e.file,
        });
        continue;
      }
      const c = compareTensors(actual, e.tensor, tol);
      checks.push({
        ...comparisonCheck(id, `${e.output} matches the reference in ${set.name}`, e.output, c, tol, `vs ${e.file}`),
        file: e.file,
      });
    }
  }
  return checks;
}

/** Graph optimisation must not change the numbers beyond the tolerance: `disabled` vs `all`. */
export function optimizationParity(
  optimized: Outputs,
  plain: Outputs,
  cfg: OnnxGateConfig,
  unstable = new Set<string>(),
): Check[] {
  const checks: Check[] = [];
  for (const [name, ref] of Object.entries(plain)) {
    const got = optimized[name];
    if (!got) continue;
    if (unstable.has(name)) {
      checks.push(
        unstableCheck(`parity.optimization.${idSegment(name)}`, `${name}: optimisation "all" matches "disabled"`, name),
      );
      continue;
    }
    const tol = toleranceFor(cfg, name);
    const c = compareTensors(got, ref, tol);
    checks.push(
      comparisonCheck(
        `parity.optimization.${idSegment(name)}`,
        `${name}: optimisation "all" matches "disabled"`,
        name,
        c,
        tol,
        '"all" vs "disabled"',
      ),
    );
  }
  return checks;
}
