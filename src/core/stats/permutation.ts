import { multivariateHypergeometric } from "./hypergeometric.js";
import type { Rng } from "./rng.js";

export type BinnedStatistic = (referenceCounts: readonly number[], currentCounts: readonly number[]) => number;

/**
 * Permutation p-value of a statistic on binned counts. Relabelling rows at random keeps the pooled
 * count of each bin, so one permutation is one multivariate hypergeometric split of the pooled
 * counts: the cost is draws × bins × O(sqrt(n)) and never touches the rows themselves.
 * p = (1 + #{null ≥ observed}) / (1 + draws), never 0.
 */
export function permutationPValue(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  statistic: BinnedStatistic,
  draws: number,
  rng: Rng,
): { pValue: number; exceedances: number; observed: number } {
  const observed = statistic(referenceCounts, currentCounts);
  const pooled = referenceCounts.map((r, i) => r + currentCounts[i]!);
  const n = currentCounts.reduce((a, b) => a + b, 0);
  // Ties in floating point: a null value equal to the observed one up to rounding counts as ≥.
  const bar = observed - 1e-12 * Math.max(1, Math.abs(observed));
  let exceedances = 0;
  for (let k = 0; k < draws; k++) {
    const cur = multivariateHypergeometric(rng, pooled, n);
    const ref = pooled.map((t, i) => t - cur[i]!);
    if (statistic(ref, cur) >= bar) exceedances += 1;
  }
  return { pValue: (1 + exceedances) / (1 + draws), exceedances, observed };
}
