import { logChoose } from "./special.js";
import type { Rng } from "./rng.js";

/**
 * One draw of X ~ Hypergeometric(population, successes, draws): exact inversion, searching outward
 * from the mode. The search visits O(standard deviation) values, so a draw costs about
 * sqrt(draws) steps, independent of how the counts were produced.
 */
export function hypergeometric(rng: Rng, population: number, successes: number, draws: number): number {
  const lo = Math.max(0, draws + successes - population);
  const hi = Math.min(draws, successes);
  if (lo === hi) return lo;
  const failures = population - successes;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  const pMode = Math.exp(logChoose(successes, mode) + logChoose(failures, draws - mode) - logChoose(population, draws));
  // p(x+1)/p(x) and p(x-1)/p(x) from the pmf's recurrence.
  const up = (x: number): number => ((successes - x) * (draws - x)) / ((x + 1) * (failures - draws + x + 1));
  const down = (x: number): number => (x * (failures - draws + x)) / ((successes - x + 1) * (draws - x + 1));
  let u = rng.next() - pMode;
  if (u <= 0) return mode;
  let left = mode;
  let right = mode;
  let pLeft = pMode;
  let pRight = pMode;
  for (;;) {
    const nextLeft = left > lo ? pLeft * down(left) : -1;
    const nextRight = right < hi ? pRight * up(right) : -1;
    if (nextLeft < 0 && nextRight < 0) return mode; // rounding left a sliver of mass unassigned
    if (nextRight >= nextLeft) {
      right += 1;
      pRight = nextRight;
      u -= pRight;
      if (u <= 0) return right;
    } else {
      left -= 1;
      pLeft = nextLeft;
      u -= pLeft;
      if (u <= 0) return left;
    }
  }
}

/**
 * Splits `draws` items among bins holding `pooled` items each, without replacement (the
 * multivariate hypergeometric): what one random relabelling of the pooled rows gives one sample.
 */
export function multivariateHypergeometric(rng: Rng, pooled: readonly number[], draws: number): number[] {
  let remainingPopulation = pooled.reduce((a, b) => a + b, 0);
  let remainingDraws = draws;
  const out = new Array<number>(pooled.length).fill(0);
  for (let b = 0; b < pooled.length && remainingDraws > 0; b++) {
    const t = pooled[b]!;
    const x = b === pooled.length - 1 ? remainingDraws : hypergeometric(rng, remainingPopulation, t, remainingDraws);
    out[b] = x;
    remainingPopulation -= t;
    remainingDraws -= x;
  }
  return out;
}
