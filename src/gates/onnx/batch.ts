import type * as ort from "onnxruntime-node";
import type { OnnxGateConfig } from "../../core/config.js";
import type { Check } from "../../core/report.js";
import { compareTensors, comparisonCheck, toleranceFor, unstableCheck } from "./compare.js";
import { idSegment } from "./ids.js";
import type { ValueInfo } from "./inspect.js";
import { runSession } from "./run.js";
import { sliceRows, synthFeed, type DimPlan, type Feed, type Origin } from "./synth.js";
import type { HostTensor, TensorValues } from "./tensor.js";

/** Rows compared one by one against the batched run; enough to catch batch-coupled ops, cheap for big batches. */
const MAX_ROWS = 8;

function concatRows(parts: HostTensor[]): HostTensor {
  const first = parts[0]!;
  const dims = [parts.reduce((a, p) => a + (p.dims[0] ?? 0), 0), ...first.dims.slice(1)];
  if (Array.isArray(first.data)) {
    return { elemType: first.elemType, dims, data: parts.flatMap((p) => p.data as string[]) };
  }
  const total = parts.reduce((a, p) => a + p.data.length, 0);
  const Ctor = first.data.constructor as new (n: number) => Exclude<TensorValues, string[]>;
  const out = new Ctor(total);
  let at = 0;
  for (const p of parts) {
    (out as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(p.data, at);
    at += p.data.length;
  }
  return { elemType: first.elemType, dims, data: out };
}

/**
 * Batch invariance: each row run alone must give the batched run's row. Models whose ops mix rows
 * (a reduction over the batch axis, BatchNormalization in training mode) give different answers
 * to a client depending on who else is in the batch. Runs on the reference inputs when they hold
 * two rows or more, else on synthesised ones; a run that fails only on synthesised inputs warns
 * (the values may be ones the model does not accept), a row that differs fails either way.
 */
export async function batchChecks(
  session: ort.InferenceSession,
  inputs: readonly ValueInfo[],
  plan: DimPlan,
  base: ReadonlyMap<string, number>,
  cfg: OnnxGateConfig,
  unstable: ReadonlySet<string> = new Set(),
  reference?: Feed,
): Promise<Check[]> {
  if (!plan.batch) return [];
  const refRows = reference ? Math.min(...Object.values(reference).map((t) => t.dims[0] ?? 0)) : 0;
  const origin: Origin = refRows >= 2 ? "reference" : "synthesised";
  const size = origin === "reference" ? refRows : Math.max(...(plan.values.get(plan.batch) ?? [1]));
  if (size < 2) {
    return [
      {
        id: "batch.invariance",
        title: "Row-by-row equals batched",
        status: "skip",
        message: `Only batch size 1 is configured for ${plan.batch} (gates.onnx.dims)${reference ? " and the reference inputs hold one row" : ""}, so there is nothing to compare.`,
      },
    ];
  }
  let feed: Feed;
  if (origin === "reference") feed = reference!;
  else {
    const choice = new Map(base);
    choice.set(plan.batch, size);
    feed = synthFeed(inputs, choice);
  }
  const on = origin === "reference" ? "the reference inputs" : "synthesised inputs";
  const runFailed = (message: string): Check[] => [
    {
      id: "batch.invariance",
      title: `Row-by-row equals batched on ${on}`,
      status: origin === "reference" ? "fail" : "warn",
      message: origin === "reference" ? message : `${message} Only synthesised inputs provoke this, so it is a warning.`,
      details: { inputs: origin },
    },
  ];
  const batched = await runSession(session, feed);
  if (!batched.ok) return runFailed(`The batched run (batch ${size}) failed on ${on}: ${batched.error}`);
  const rows = Math.min(size, MAX_ROWS);
  const perRow: Record<string, HostTensor[]> = {};
  for (let r = 0; r < rows; r++) {
    const one: Feed = {};
    for (const [k, t] of Object.entries(feed)) one[k] = sliceRows(t, r, 1);
    const res = await runSession(session, one);
    if (!res.ok) return runFailed(`Row ${r} of ${on} run alone failed: ${res.error}`);
    for (const [name, t] of Object.entries(res.outputs)) (perRow[name] ??= []).push(t);
  }
  const checks: Check[] = [];
  for (const [name, whole] of Object.entries(batched.outputs)) {
    const parts = perRow[name];
    if (!parts || whole.dims[0] !== size || parts.some((p) => p.dims[0] !== 1)) continue;
    if (unstable.has(name)) {
      checks.push(
        unstableCheck(`batch.${idSegment(name)}`, `${name}: each row alone equals its row in a batch of ${size}`, name),
      );
      continue;
    }
    const tol = toleranceFor(cfg, name);
    const c = compareTensors(concatRows(parts), sliceRows(whole, 0, rows), tol);
    const check = comparisonCheck(
      `batch.${idSegment(name)}`,
      `${name}: each row alone equals its row in a batch of ${size}`,
      name,
      c,
      tol,
      `${rows} rows of ${on} run one by one vs batch ${size}`,
    );
    if (check.status === "fail")
      check.message = `${check.message ?? ""} Some op couples rows along ${plan.batch}: a request's answer depends on its batch mates.`;
    checks.push(check);
  }
  return checks;
}
