import { describe, expect, it } from "vitest";
import { gTest, jensenShannon, ksFromBins, psi, smoothedShares, wassersteinFromBins } from "../../src/core/stats/divergence.js";
import { hypergeometric, multivariateHypergeometric } from "../../src/core/stats/hypergeometric.js";
import { permutationPValue } from "../../src/core/stats/permutation.js";
import { makeRng, seedFor } from "../../src/core/stats/rng.js";
import { chiSquareSf, kolmogorovSf, ksPValue, logChoose, logFactorial, logGamma } from "../../src/core/stats/special.js";

// Reference values: hand computation, and scipy 1.17 (jensenshannon, chi2.sf, kstwobign.sf, gammaln).
describe("textbook values", () => {
  it("PSI of [50, 50] -> [25, 75] is 0.25·ln 2 + 0.25·ln 1.5", () => {
    expect(psi([50, 50], [25, 75])).toBeCloseTo(0.2746530721670274, 12);
    expect(psi([10, 20, 30], [10, 20, 30])).toBe(0);
  });
  it("PSI floors an empty bin at epsilon = 1e-4 of the mass", () => {
    // current puts 1% into a bin the reference never used: (0.01 − ε')·ln(0.01/ε') with renormalised shares.
    const p = smoothedShares([100, 0], 1e-4);
    expect(p[1]).toBeCloseTo(1e-4 / 1.0001, 12);
    const q = [0.99, 0.01];
    const expected = (q[0]! - p[0]!) * Math.log(q[0]! / p[0]!) + (q[1]! - p[1]!) * Math.log(q[1]! / p[1]!);
    expect(psi([100, 0], [99, 1])).toBeCloseTo(expected, 12);
    expect(psi([100, 0], [99, 1])).toBeCloseTo(0.0456, 3);
  });
  it("Jensen–Shannon distance (base 2) matches scipy", () => {
    expect(jensenShannon([1, 1], [2, 0])).toBeCloseTo(0.5579230452841438, 12);
    expect(jensenShannon([70, 20, 10, 0], [60, 20, 10, 10])).toBeCloseTo(0.22973279292429807, 12);
    expect(jensenShannon([1, 0], [0, 1])).toBe(1);
    expect(jensenShannon([3, 4], [30, 40])).toBe(0);
  });
  it("KS statistic is the largest CDF gap at the bin edges", () => {
    expect(ksFromBins([1, 1, 1, 1], [0, 0, 2, 2])).toBeCloseTo(0.5, 12);
    expect(ksFromBins([5, 5], [5, 5])).toBe(0);
  });
  it("Wasserstein-1 of uniform[0,1] vs uniform[1,2] is 1; crossing CDFs integrate both triangles", () => {
    expect(wassersteinFromBins([0, 1, 2], [1, 0], [0, 1])).toBeCloseTo(1, 12);
    expect(wassersteinFromBins([0, 1, 2], [1, 1], [1, 1])).toBe(0);
    // F_r − F_c goes 0 → +0.5 → 0 over [0, 1] and [1, 2]: two triangles of area 0.25.
    expect(wassersteinFromBins([0, 1, 2], [1, 0], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    // The difference changes sign inside a bin. Shares ref [.5, 0, .5], cur [.25, .5, .25]:
    // F_r − F_c is 0 → .25 on [0, 1] (0.125), .25 → −.25 on [1, 3] (two triangles, 0.25),
    // −.25 → 0 on [3, 4] (0.125).
    expect(wassersteinFromBins([0, 1, 3, 4], [1, 0, 1], [0.5, 1, 0.5])).toBeCloseTo(0.5, 12);
  });
  it("the Kolmogorov distribution tail: Q_KS(1.36) ≈ 0.0495, Q_KS(1) ≈ 0.27", () => {
    expect(kolmogorovSf(1.36)).toBeCloseTo(0.049485876755377876, 10);
    expect(kolmogorovSf(1.0)).toBeCloseTo(0.26999967167735456, 10);
    expect(kolmogorovSf(0.5)).toBeCloseTo(0.9639452436648751, 10);
    expect(kolmogorovSf(0.3)).toBeCloseTo(0.9999906941986655, 10);
    expect(kolmogorovSf(1.63)).toBeCloseTo(0.009846364888486529, 10);
    // Two samples of 1000: D = 0.0608 is the textbook 5% critical value 1.36·sqrt(2/1000).
    expect(ksPValue(1.36 * Math.sqrt(2 / 1000), 1000, 1000)).toBeCloseTo(0.0495, 2);
  });
  it("chi-square tail and log-gamma match scipy, far into the tail", () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSf(18.307038, 10)).toBeCloseTo(0.050000000824732216, 10);
    expect(chiSquareSf(0.5, 7)).toBeCloseTo(0.9994464813904249, 12);
    expect(chiSquareSf(100, 10) / 5.4497019829205215e-17).toBeCloseTo(1, 9);
    expect(chiSquareSf(1000, 3) / 1.7994208765314067e-216).toBeCloseTo(1, 8);
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247, 12);
    expect(logGamma(10)).toBeCloseTo(12.801827480081469, 12);
    expect(logGamma(1e6 + 1) / 12815518.384658169).toBeCloseTo(1, 13);
  });
  it("G-test on a 2 × 2 table", () => {
    // G = 2 Σ O ln(O/E) for [[30, 70], [50, 50]]: expected [40, 60] both rows.
    const g = 2 * (30 * Math.log(30 / 40) + 70 * Math.log(70 / 60) + 50 * Math.log(50 / 40) + 50 * Math.log(50 / 60));
    const r = gTest([30, 70], [50, 50]);
    expect(r.g).toBeCloseTo(g, 10);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(chiSquareSf(g, 1), 14);
  });
});

describe("seeded sampling", () => {
  it("the generator is reproducible and uniform", () => {
    const a = makeRng(7);
    const b = makeRng(7);
    const xs = Array.from({ length: 100_000 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs.slice(0, 5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(seedFor(1, "age")).not.toBe(seedFor(1, "income"));
    expect(seedFor(1, "age")).toBe(seedFor(1, "age"));
  });
  it("hypergeometric draws have the textbook mean and variance (N=1000, K=300, n=200: 60, 33.63)", () => {
    const rng = makeRng(3);
    const xs = Array.from({ length: 20_000 }, () => hypergeometric(rng, 1000, 300, 200));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(mean - 60)).toBeLessThan(0.15);
    expect(Math.abs(variance / 33.633633633633636 - 1)).toBeLessThan(0.04);
  });
  it("large counts (ratio-of-uniforms) too, in every symmetry of the parameters", () => {
    const rng = makeRng(4);
    // [population, successes, draws] -> mean K·n/N and variance n·(K/N)·(1 − K/N)·(N − n)/(N − 1).
    for (const [N, K, n] of [
      [2_000_000, 200_000, 1_000_000],
      [2_000_000, 1_800_000, 1_000_000],
      [2_000_000, 200_000, 1_500_000],
      [50_000, 30_000, 1_000],
    ] as const) {
      const xs = Array.from({ length: 20_000 }, () => hypergeometric(rng, N, K, n));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
      const m = (K * n) / N;
      const v = (n * (K / N) * (1 - K / N) * (N - n)) / (N - 1);
      expect(Math.abs(mean - m) / Math.sqrt(v / xs.length)).toBeLessThan(4);
      expect(Math.abs(variance / v - 1)).toBeLessThan(0.04);
      expect(xs.every((x) => Number.isInteger(x) && x >= Math.max(0, n + K - N) && x <= Math.min(n, K))).toBe(true);
    }
  });
  it("the draws of a seed never change: reports' permutation p-values are reproducible across releases", () => {
    // Pinned from the code before the inversion walk was made allocation-free (1,000,000 random
    // parameter sets compared draw for draw when it changed; both paths, inversion and ratio-of-uniforms).
    const pinned: [number, number, number, number[]][] = [
      [6000, 500, 3000, [255, 256, 260, 254, 263, 233, 246, 245, 263, 255, 258, 270]],
      [1000, 300, 200, [57, 63, 65, 58, 53, 69, 62, 57, 53, 57, 64, 71]],
      [40, 7, 12, [2, 1, 3, 2, 3, 4, 2, 1, 3, 1, 1, 0]],
      [200000, 90000, 70000, [31448, 31432, 31594, 31434, 31466, 31652, 31515, 31468, 31599, 31502, 31657, 31565]],
    ];
    for (const [N, K, n, draws] of pinned) {
      const rng = makeRng(2026);
      expect(Array.from({ length: draws.length }, () => hypergeometric(rng, N, K, n))).toEqual(draws);
    }
  });
  it("ln k! from the cache is bit-identical to logGamma(k + 1), inside and beyond the cache", () => {
    for (const k of [0, 1, 2, 10, 170, 171, 1000, 65_535, 1_048_575, 1_048_576, 3_000_000, 2.5]) {
      expect(logFactorial(k)).toBe(logGamma(k + 1));
      expect(logFactorial(k)).toBe(logGamma(k + 1)); // the second read comes from the cache
    }
    expect(logChoose(6000, 3000)).toBe(logGamma(6001) - logGamma(3001) - logGamma(3001));
  });
  it("a multivariate split keeps every bin within its pooled count and sums to the draws", () => {
    const rng = makeRng(5);
    for (let k = 0; k < 100; k++) {
      const split = multivariateHypergeometric(rng, [5, 0, 12, 3, 80], 40);
      expect(split.reduce((a, b) => a + b, 0)).toBe(40);
      split.forEach((x, i) => {
        expect(x).toBeLessThanOrEqual([5, 0, 12, 3, 80][i]!);
      });
    }
  });
  it("permutation p-values are uniform under the null and small under a real difference", () => {
    const rng = makeRng(11);
    const ps: number[] = [];
    for (let k = 0; k < 200; k++) {
      // Two samples of 300 from the same 5-bin distribution.
      const draw = (): number[] => {
        const c = [0, 0, 0, 0, 0];
        for (let i = 0; i < 300; i++) c[Math.min(4, Math.floor(rng.next() * 5))]! += 1;
        return c;
      };
      ps.push(permutationPValue(draw(), draw(), psi, 199, rng).pValue);
    }
    const below = (a: number): number => ps.filter((p) => p <= a).length / ps.length;
    expect(below(0.05)).toBeLessThan(0.1);
    expect(below(0.5)).toBeGreaterThan(0.35);
    expect(below(0.5)).toBeLessThan(0.65);
    const strong = permutationPValue([100, 100, 100], [60, 100, 140], psi, 999, rng);
    expect(strong.exceedances).toBeLessThan(5);
    expect(strong.pValue).toBeLessThan(0.006);
  });
});
