import type { Check } from "../../core/report.js";
import { unravel } from "./compare.js";
import { idSegment } from "./ids.js";
import type { Outputs } from "./run.js";
import { isFloatType, numberAt } from "./tensor.js";

/** No NaN or infinity in any floating output on the synthesised inputs. */
export function numericChecks(outputs: Outputs): Check[] {
  const checks: Check[] = [];
  for (const [name, t] of Object.entries(outputs)) {
    if (!isFloatType(t.elemType)) continue;
    let nan = 0;
    let inf = 0;
    let first = -1;
    const n = t.data.length;
    for (let i = 0; i < n; i++) {
      const v = numberAt(t, i);
      if (Number.isNaN(v)) nan++;
      else if (!Number.isFinite(v)) inf++;
      else continue;
      if (first < 0) first = i;
    }
    const bad = nan + inf;
    const check: Check = {
      id: `numeric.${idSegment(name)}`,
      title: `${name} has no NaN or infinity`,
      status: bad ? "fail" : "pass",
      observed: bad ? `${nan} NaN, ${inf} infinite of ${n}` : `all ${n} finite`,
      expected: "all finite",
      message: bad
        ? `${name}[${unravel(first, t.dims).join(", ")}] = ${numberAt(t, first)} on the synthesised inputs (${nan} NaN, ${inf} infinite of ${n} elements).`
        : `All ${n} elements of ${name} are finite on the synthesised inputs.`,
      details: { output: name, nan, inf, elements: n },
    };
    if (bad) {
      check.failedRows = bad;
      check.examples = [{ where: `${name}[${unravel(first, t.dims).join(", ")}]`, value: String(numberAt(t, first)) }];
    }
    checks.push(check);
  }
  return checks;
}
