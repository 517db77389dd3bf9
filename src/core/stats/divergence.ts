/**
 * Distances between two binned distributions, the raw scores behind `drift.psi.*` and `drift.js.*`.
 * Inputs are counts per bin (same bins, same order); all functions are pure.
 */
import { chiSquareSf } from "./special.js";

/**
 * Shares floored at `epsilon` and renormalised: PSI is infinite for a bin that one side never
 * fills, so an empty bin is treated as holding `epsilon` of the mass. A fixed floor (not add-½ to
 * counts) keeps the score from growing with the sample size alone.
 */
export function smoothedShares(counts: readonly number[], epsilon: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 1 / counts.length);
  const floored = counts.map((c) => Math.max(c / total, epsilon));
  const sum = floored.reduce((a, b) => a + b, 0);
  return floored.map((s) => s / sum);
}

export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Default share floor for empty bins in PSI. */
export const PSI_EPSILON = 1e-4;

/** Population stability index Σ (q − p)·ln(q / p) of current q against reference p, natural log. */
export function psi(referenceCounts: readonly number[], currentCounts: readonly number[], epsilon = PSI_EPSILON): number {
  const p = smoothedShares(referenceCounts, epsilon);
  const q = smoothedShares(currentCounts, epsilon);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (q[i]! - p[i]!) * Math.log(q[i]! / p[i]!);
  return s;
}

/**
 * Jensen–Shannon distance in base 2: sqrt of the JS divergence, a metric in [0, 1]. Needs no
 * smoothing: a bin empty on one side still has mass in the mixture.
 */
export function jensenShannon(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let div = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    if (p[i]! > 0) div += 0.5 * p[i]! * Math.log2(p[i]! / m);
    if (q[i]! > 0) div += 0.5 * q[i]! * Math.log2(q[i]! / m);
  }
  return Math.sqrt(Math.min(1, Math.max(0, div)));
}

/** KS statistic max |F_ref − F_cur| over the bin edges (a lower bound of the unbinned D). */
export function ksFromBins(referenceCounts: readonly number[], currentCounts: readonly number[]): number {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let fp = 0;
  let fq = 0;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    fp += p[i]!;
    fq += q[i]!;
    d = Math.max(d, Math.abs(fp - fq));
  }
  return d;
}

/**
 * Wasserstein-1 ∫|F_ref − F_cur| dx with both CDFs linear inside each bin. `edges` has one more
 * entry than the counts: bin i spans [edges[i], edges[i+1]]. Exact for the interpolated CDFs.
 */
export function wassersteinFromBins(
  edges: readonly number[],
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): number {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let fp = 0;
  let fq = 0;
  let w = 0;
  for (let i = 0; i < p.length; i++) {
    const width = edges[i + 1]! - edges[i]!;
    const a = fp - fq;
    fp += p[i]!;
    fq += q[i]!;
    const b = fp - fq;
    if (!(width > 0)) continue;
    // ∫ over the bin of |linear from a to b|; split where it crosses zero.
    w += a * b >= 0 ? (width * (Math.abs(a) + Math.abs(b))) / 2 : (width * (a * a + b * b)) / (2 * (Math.abs(a) + Math.abs(b)));
  }
  return w;
}

/**
 * Likelihood-ratio (G) test of homogeneity on the 2 × B table of counts; asymptotically
 * chi-square with (non-empty bins − 1) degrees of freedom.
 */
export function gTest(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): { g: number; df: number; pValue: number } {
  const m = referenceCounts.reduce((a, b) => a + b, 0);
  const n = currentCounts.reduce((a, b) => a + b, 0);
  const total = m + n;
  let g = 0;
  let nonEmpty = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const r = referenceCounts[i]!;
    const c = currentCounts[i]!;
    const pooled = r + c;
    if (pooled === 0) continue;
    nonEmpty += 1;
    if (r > 0) g += 2 * r * Math.log((r * total) / (pooled * m));
    if (c > 0) g += 2 * c * Math.log((c * total) / (pooled * n));
  }
  const df = nonEmpty - 1;
  return { g, df, pValue: df > 0 ? chiSquareSf(Math.max(0, g), df) : 1 };
}
