import type { Check } from "../../core/report.js";
import { unravel } from "./compare.js";
import { idSegment } from "./ids.js";
import type { Outputs } from "./run.js";
import type { Origin } from "./synth.js";
import { isFloatType, numberAt } from "./tensor.js";

/**
 * No NaN or infinity in any floating output. On reference inputs an element the reference output
 * itself holds as NaN or the same infinity is what the model is meant to compute, and a failure
 * fails; on synthesised inputs it is a warning, because made-up values can lie outside the domain
 * the model is meant for (the square root of a negative number).
 */
export function numericChecks(outputs: Outputs, origin: Origin, expected: Outputs = {}): Check[] {
  const checks: Check[] = [];
  const on = origin === "reference" ? "the reference inputs" : "synthesised inputs";
  for (const [name, t] of Object.entries(outputs)) {
    if (!isFloatType(t.elemType)) continue;
    const want = expected[name];
    const sameShape = want && want.dims.length === t.dims.length && want.dims.every((d, i) => d === t.dims[i]);
    let nan = 0;
    let inf = 0;
    let meant = 0;
    let first = -1;
    const n = t.data.length;
    for (let i = 0; i < n; i++) {
      const v = numberAt(t, i);
      if (Number.isFinite(v)) continue;
      if (sameShape) {
        const w = numberAt(want, i);
        if ((Number.isNaN(v) && Number.isNaN(w)) || v === w) {
          meant++;
          continue;
        }
      }
      if (Number.isNaN(v)) nan++;
      else inf++;
      if (first < 0) first = i;
    }
    const bad = nan + inf;
    const also = meant ? `; ${meant} non-finite element(s) the reference output holds too` : "";
    const check: Check = {
      id: `numeric.${idSegment(name)}`,
      title: `${name} has no NaN or infinity on ${on}`,
      status: bad ? (origin === "reference" ? "fail" : "warn") : "pass",
      observed: bad
        ? `${nan} NaN, ${inf} infinite of ${n}`
        : meant
          ? `${n - meant} finite, ${meant} as the reference`
          : `all ${n} finite`,
      expected: "all finite",
      message: bad
        ? `${name}[${unravel(first, t.dims).join(", ")}] = ${numberAt(t, first)} on ${on} (${nan} NaN, ${inf} infinite of ${n} elements${also}).${origin === "synthesised" ? " Synthesised values may lie outside the inputs' domain, so this is a warning; --test-data decides it." : ""}`
        : `All ${n} elements of ${name} are finite on ${on}${also}.`,
      details: { output: name, nan, inf, elements: n, inputs: origin },
    };
    if (bad) {
      check.failedRows = bad;
      check.examples = [{ where: `${name}[${unravel(first, t.dims).join(", ")}]`, value: String(numberAt(t, first)) }];
    }
    checks.push(check);
  }
  return checks;
}
