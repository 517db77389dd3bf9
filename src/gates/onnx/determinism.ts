import type { Check } from "../../core/report.js";
import { compareTensors, comparisonCheck } from "./compare.js";
import { idSegment } from "./ids.js";
import type { Outputs } from "./run.js";

/** Two runs of the same session on the same inputs must agree bit for bit (NaN equals NaN). */
export function determinismChecks(first: Outputs, second: Outputs): Check[] {
  const checks: Check[] = [];
  for (const [name, a] of Object.entries(first)) {
    const b = second[name];
    if (!b) continue;
    const c = compareTensors(b, a, { rtol: 0, atol: 0 });
    const check = comparisonCheck(
      `determinism.${idSegment(name)}`,
      `${name} is identical across two runs`,
      name,
      c,
      { rtol: 0, atol: 0 },
      "second run vs first",
    );
    if (check.status === "fail")
      check.message = `${check.message ?? ""} A random op without a seed, or a race in a kernel, makes serving results irreproducible.`;
    checks.push(check);
  }
  return checks;
}
