import { logChoose, logFactorial } from "./special.js";
import type { Rng } from "./rng.js";

/** Above this standard deviation a draw uses ratio-of-uniforms (O(1)) instead of inversion (O(sd)). */
const INVERSION_MAX_SD = 16;

/**
 * One draw of X ~ Hypergeometric(population, successes, draws). Small spreads: exact inversion,
 * searching outward from the mode. Large spreads: Stadlober's ratio-of-uniforms method (HRUA),
 * whose expected cost does not grow with the counts, so a permutation costs the same at any n.
 */
export function hypergeometric(rng: Rng, population: number, successes: number, draws: number): number {
  const lo = Math.max(0, draws + successes - population);
  const hi = Math.min(draws, successes);
  if (lo === hi) return lo;
  const variance =
    (draws * successes * (population - successes) * (population - draws)) / (population * population * (population - 1));
  if (variance > INVERSION_MAX_SD * INVERSION_MAX_SD) return ratioOfUniforms(rng, population, successes, draws);
  return inversion(rng, population, successes, draws, lo, hi);
}

function inversion(rng: Rng, population: number, successes: number, draws: number, lo: number, hi: number): number {
  const failures = population - successes;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  const pMode = Math.exp(logChoose(successes, mode) + logChoose(failures, draws - mode) - logChoose(population, draws));
  let u = rng.next() - pMode;
  if (u <= 0) return mode;
  // Walk outward from the mode, always to the likelier neighbour, with the pmf's recurrences
  // p(x+1)/p(x) and p(x-1)/p(x). Each side's next probability is computed once, when that side moves:
  // this loop is the hot path of every permutation p-value.
  const gap = failures - draws;
  let left = mode;
  let right = mode;
  let nextLeft = left > lo ? pMode * ((left * (gap + left)) / ((successes - left + 1) * (draws - left + 1))) : -1;
  let nextRight = right < hi ? pMode * (((successes - right) * (draws - right)) / ((right + 1) * (gap + right + 1))) : -1;
  for (;;) {
    if (nextLeft < 0 && nextRight < 0) return mode; // rounding left a sliver of mass unassigned
    if (nextRight >= nextLeft) {
      right += 1;
      u -= nextRight;
      if (u <= 0) return right;
      nextRight = right < hi ? nextRight * (((successes - right) * (draws - right)) / ((right + 1) * (gap + right + 1))) : -1;
    } else {
      left -= 1;
      u -= nextLeft;
      if (u <= 0) return left;
      nextLeft = left > lo ? nextLeft * ((left * (gap + left)) / ((successes - left + 1) * (draws - left + 1))) : -1;
    }
  }
}

// Stadlober's constants: 2·sqrt(2/e) and 3 − 2·sqrt(3/e).
const RU_D1 = 2 * Math.sqrt(2 / Math.E);
const RU_D2 = 3 - 2 * Math.sqrt(3 / Math.E);

/**
 * Ratio-of-uniforms for the hypergeometric (Stadlober 1989). The problem is first reduced by
 * symmetry to drawing at most half the population from the smaller of the two groups; candidates
 * X = a + h·(V − ½)/U are accepted when U² <= f(⌊X⌋)/f(mode), with cheap squeezes around the log.
 */
function ratioOfUniforms(rng: Rng, population: number, successes: number, draws: number): number {
  const sample = Math.min(draws, population - draws);
  const small = Math.min(successes, population - successes);
  const large = population - small;
  const p = small / population;
  const mean = sample * p;
  const a = mean + 0.5;
  const c = Math.sqrt(((population - sample) * sample * p * (1 - p)) / (population - 1) + 0.5);
  const h = RU_D1 * c + RU_D2;
  const mode = Math.floor(((sample + 1) * (small + 1)) / (population + 2));
  const logF = (k: number): number =>
    -(logFactorial(k) + logFactorial(small - k) + logFactorial(sample - k) + logFactorial(large - sample + k));
  const logFMode = logF(mode);
  // Beyond 16 standard deviations the mass is below 1e-50: the envelope stops there.
  const bound = Math.min(Math.min(sample, small) + 1, Math.floor(a + 16 * c));
  let k: number;
  for (;;) {
    const u = rng.next();
    if (u === 0) continue;
    const x = a + (h * (rng.next() - 0.5)) / u;
    if (x < 0 || x >= bound) continue;
    k = Math.floor(x);
    if (k < sample - large) continue;
    const t = logF(k) - logFMode;
    if (u * (4 - u) - 3 <= t) break; // 2·ln u <= u(4 − u) − 3: certainly accepted
    if (u * (u - t) >= 1) continue; // 2·ln u >= u − 1/u: certainly rejected
    if (2 * Math.log(u) <= t) break;
  }
  // Undo the reductions: successes vs failures, then the drawn vs the left-out part.
  if (successes > population - successes) k = sample - k;
  if (sample < draws) k = successes - k;
  return k;
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
