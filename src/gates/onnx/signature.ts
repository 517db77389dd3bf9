import type { OnnxGateConfig } from "../../core/config.js";
import type { Check } from "../../core/report.js";
import { compareTensors, comparisonCheck } from "./compare.js";
import { idSegment } from "./ids.js";
import { formatDims, type ModelInfo, type ValueInfo } from "./inspect.js";
import type { Outputs } from "./run.js";

/** Re-exports and quantised models drift more than an optimiser pass: the default is looser. */
export const BASELINE_RTOL = 1e-2;
export const BASELINE_ATOL = 1e-4;

const sig = (v: ValueInfo): string => `${v.dtype} [${formatDims(v)}]`;

/** Why a caller of the baseline's value would break on the candidate's, or undefined. */
function breaking(base: ValueInfo, cand: ValueInfo): string | undefined {
  if (base.dtype !== cand.dtype) return `dtype changed from ${base.dtype} to ${cand.dtype}`;
  if (!base.hasShape || !cand.hasShape) return undefined;
  if (base.dims.length !== cand.dims.length) return `rank changed from ${base.dims.length} to ${cand.dims.length}`;
  for (const [axis, b] of base.dims.entries()) {
    const c = cand.dims[axis];
    if (typeof b === "number" && c !== b && typeof c === "number") return `axis ${axis} changed from ${b} to ${c}`;
    if (typeof b !== "number" && typeof c === "number") return `axis ${axis} was dynamic (${b ?? "?"}) and is now fixed at ${c}`;
  }
  return undefined;
}

function valueChecks(
  kind: "input" | "output",
  base: ValueInfo[],
  cand: ValueInfo[],
  candOptional: ValueInfo[],
  baseOptional: ValueInfo[],
): Check[] {
  const checks: Check[] = [];
  const candAll = new Map([...cand, ...candOptional].map((v) => [v.name, v]));
  const baseAll = new Map([...base, ...baseOptional].map((v) => [v.name, v]));
  for (const b of [...base, ...baseOptional]) {
    const c = candAll.get(b.name);
    const id = `signature.${kind}.${idSegment(b.name)}`;
    if (!c) {
      checks.push({
        id,
        title: `${kind} ${b.name} is kept`,
        status: "fail",
        observed: "removed",
        expected: sig(b),
        message: `The candidate removed ${kind} "${b.name}" (${sig(b)}): callers of the baseline break.`,
      });
      continue;
    }
    const why = breaking(b, c);
    checks.push({
      id,
      title: `${kind} ${b.name} is compatible`,
      status: why ? "fail" : "pass",
      observed: sig(c),
      expected: sig(b),
      message: why ? `${kind} "${b.name}": ${why}; callers of the baseline break.` : `Same contract as the baseline.`,
    });
  }
  for (const c of [...cand, ...candOptional]) {
    if (baseAll.has(c.name)) continue;
    const required = kind === "input" && cand.includes(c);
    checks.push({
      id: `signature.${kind}.${idSegment(c.name)}`,
      title: `${kind} ${c.name} is new`,
      status: required ? "fail" : "warn",
      observed: sig(c),
      expected: "absent in the baseline",
      message: required
        ? `The candidate adds required input "${c.name}" (${sig(c)}): callers of the baseline do not send it.`
        : `The candidate adds ${kind === "input" ? "optional input" : "output"} "${c.name}" (${sig(c)}); existing callers keep working.`,
    });
  }
  return checks;
}

/** The serving contract: names, dtypes, ranks and static dims of inputs and outputs vs the baseline. */
export function signatureChecks(cand: ModelInfo, base: ModelInfo): Check[] {
  return [
    ...valueChecks("input", base.inputs, cand.inputs, cand.optionalInputs, base.optionalInputs),
    ...valueChecks("output", base.outputs, cand.outputs, [], []),
  ];
}

/** Outputs the candidate and baseline share, compared on the same inputs with the looser tolerance. */
export function baselineParity(cand: Outputs, base: Outputs, cfg: OnnxGateConfig): Check[] {
  const tol = { rtol: cfg.baseline_tolerance?.rtol ?? BASELINE_RTOL, atol: cfg.baseline_tolerance?.atol ?? BASELINE_ATOL };
  const checks: Check[] = [];
  for (const [name, b] of Object.entries(base)) {
    const c = cand[name];
    if (!c) continue;
    checks.push(
      comparisonCheck(
        `parity.baseline.${idSegment(name)}`,
        `${name} matches the baseline`,
        name,
        compareTensors(c, b, tol),
        tol,
        "candidate vs baseline",
      ),
    );
  }
  return checks;
}
