import { multivariateHypergeometric } from "./hypergeometric.js";
import type { Rng } from "./rng.js";

export type BinnedStatistic = (referenceCounts: readonly number[], currentCounts: readonly number[]) => number;

/** Exceedances after which the null is clearly not rejected and drawing stops (Besag–Clifford). */
export const STOP_AFTER_EXCEEDANCES = 50;

/**
 * Permutation p-value of a statistic on binned counts. Relabelling rows at random keeps the pooled
 * count of each bin, so one permutation is one multivariate hypergeometric split of the pooled
 * counts: the cost is draws × bins and never touches the rows themselves.
 *
 * Sequential (Besag & Clifford 1991): drawing stops once `stopAfter` null values reach the
 * observed one, with p = stopAfter / draws so far; otherwise p = (1 + exceedances) / (1 + draws).
 * Both are valid p-values; stopping early only saves time on columns that are plainly not drifting.
 */
export function permutationPValue(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  statistic: BinnedStatistic,
  draws: number,
  rng: Rng,
  stopAfter = STOP_AFTER_EXCEEDANCES,
): { pValue: number; exceedances: number; draws: number; observed: number } {
  const observed = statistic(referenceCounts, currentCounts);
  const pooled = referenceCounts.map((r, i) => r + currentCounts[i]!);
  const n = currentCounts.reduce((a, b) => a + b, 0);
  // Ties in floating point: a null value equal to the observed one up to rounding counts as ≥.
  const bar = observed - 1e-12 * Math.max(1, Math.abs(observed));
  let exceedances = 0;
  for (let k = 1; k <= draws; k++) {
    const cur = multivariateHypergeometric(rng, pooled, n);
    const ref = pooled.map((t, i) => t - cur[i]!);
    if (statistic(ref, cur) >= bar) exceedances += 1;
    if (exceedances >= stopAfter) return { pValue: exceedances / k, exceedances, draws: k, observed };
  }
  return { pValue: (1 + exceedances) / (1 + draws), exceedances, draws, observed };
}
