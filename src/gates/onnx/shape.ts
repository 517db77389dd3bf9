import type * as ort from "onnxruntime-node";
import type { Check } from "../../core/report.js";
import { idSegment } from "./ids.js";
import type { ValueInfo } from "./inspect.js";
import { runSession } from "./run.js";
import { synthFeed, type DimPlan } from "./synth.js";
import { isFloatType } from "./tensor.js";

/** A sweep larger than this is cut (in order) so a run stays quick; the check message says so. */
const MAX_COMBOS = 16;

function combos(plan: DimPlan): Map<string, number>[] {
  let out: Map<string, number>[] = [new Map<string, number>()];
  for (const [k, vals] of plan.values) {
    out = out.flatMap((m) => vals.map((v) => new Map<string, number>([...m, [k, v]])));
  }
  return out;
}

/** Declared output dims that do not hold for a run: static sizes, and symbolic ones an input fixed. */
function outputMismatch(decl: ValueInfo, dims: number[], choice: ReadonlyMap<string, number>): string | undefined {
  if (!decl.hasShape) return undefined;
  if (decl.dims.length !== dims.length) return `${decl.name} has rank ${dims.length}, declared ${decl.dims.length}`;
  for (const [axis, d] of decl.dims.entries()) {
    const want = typeof d === "number" ? d : typeof d === "string" ? choice.get(d) : undefined;
    if (want !== undefined && dims[axis] !== want) {
      return `${decl.name} has size ${dims[axis]} on axis ${axis}, declared ${typeof d === "string" ? `${d} = ${want}` : want}`;
    }
  }
  return undefined;
}

/**
 * Runs the model at every combination of the declared symbolic dims' values, on synthesised inputs.
 * When every input is a float tensor the values cannot be the cause of a refused size or a wrong
 * output shape, so either fails (if the model runs at some size at all). With a non-float input
 * the gate made up values that can act as indices or shapes, so a failure there is a warning.
 */
export async function shapeChecks(
  session: ort.InferenceSession,
  inputs: readonly ValueInfo[],
  outputs: readonly ValueInfo[],
  plan: DimPlan,
): Promise<Check[]> {
  if (plan.values.size === 0) return [];
  const all = combos(plan);
  const cut = all.length > MAX_COMBOS;
  const runs = [];
  for (const choice of all.slice(0, MAX_COMBOS)) runs.push({ choice, res: await runSession(session, synthFeed(inputs, choice)) });
  const anyRan = runs.some((r) => r.res.ok);
  const valuesSetShapes = inputs.some((v) => !isFloatType(v.elemType));
  const checks: Check[] = [];
  for (const { choice, res } of runs) {
    const label = [...choice].map(([k, v]) => `${k}=${v}`).join(", ");
    const id = `shape.${[...choice].map(([k, v]) => `${idSegment(k)}-${v}`).join("_")}`;
    const details = { ...Object.fromEntries(choice), inputs: "synthesised" };
    if (!res.ok) {
      checks.push({
        id,
        title: `Runs with ${label}`,
        status: anyRan && !valuesSetShapes ? "fail" : "warn",
        observed: "run failed",
        message:
          anyRan && !valuesSetShapes
            ? `onnxruntime: ${res.error}`
            : `onnxruntime: ${res.error} (on synthesised inputs${anyRan ? " of a non-float input" : " at every size tried"}, so the made-up values may be the cause: a warning; --test-data decides it)`,
        details,
      });
      continue;
    }
    const bad = outputs
      .map((o) => (res.outputs[o.name] ? outputMismatch(o, res.outputs[o.name]!.dims, choice) : undefined))
      .filter((m) => m !== undefined);
    const shapes = outputs.map((o) => `${o.name} [${res.outputs[o.name]?.dims.join(", ") ?? "?"}]`).join("; ");
    checks.push({
      id,
      title: `Runs with ${label}`,
      status: bad.length ? (valuesSetShapes ? "warn" : "fail") : "pass",
      observed: shapes,
      message: bad.length
        ? `Output shape differs from the declaration on synthesised inputs: ${bad.join("; ")}.`
        : `Ran in ${res.ms.toFixed(2)} ms${cut ? `; the sweep was cut to the first ${MAX_COMBOS} of ${all.length} combinations` : ""}.`,
      details,
    });
  }
  return checks;
}
