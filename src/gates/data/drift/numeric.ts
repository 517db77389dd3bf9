import { ksFromBins, psi, wassersteinFromBins } from "../../../core/stats/divergence.js";
import { ksPValue } from "../../../core/stats/special.js";
import type { NumericCounts } from "./sql.js";

/** Fine counts summed into the PSI bins: lower tail, the reference deciles, upper tail. */
export function coarseBins(c: NumericCounts): { reference: number[]; current: number[]; labels: string[] } {
  const group = (fine: readonly number[]): number[] => {
    const out = [fine[0]!];
    let from = 0;
    for (const to of c.coarseUpper) {
      let s = 0;
      for (let j = from; j <= to; j++) s += fine[j + 1]!;
      out.push(s);
      from = to + 1;
    }
    out.push(fine[fine.length - 1]!);
    return out;
  };
  const lo = fmt(c.referenceMin);
  const labels = [`< ${lo}`];
  c.coarseUpper.forEach((to, k) => {
    const start = k === 0 ? `[${lo}` : `(${fmt(c.upper[c.coarseUpper[k - 1]!]!)}`;
    labels.push(`${start}, ${fmt(c.upper[to]!)}]`);
  });
  labels.push(`> ${fmt(c.upper[c.upper.length - 1]!)}`);
  return { reference: group(c.reference), current: group(c.current), labels };
}

function fmt(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : Number(x.toPrecision(4)).toString();
}

export interface NumericScores {
  psi: number;
  ks: number;
  ksP: number;
  wasserstein: number;
  wassersteinRaw: number;
  scale: number;
}

/**
 * The raw numeric scores. KS and Wasserstein use the fine bins (reference percentiles): KS is the
 * exact two-sample D evaluated at the bin edges, Wasserstein integrates the CDFs interpolated
 * linearly inside each in-range bin (exactly in the tails), and is divided by the reference standard deviation (so a mean shift
 * of kσ scores k).
 */
export function numericScores(c: NumericCounts, coarse: { reference: number[]; current: number[] }): NumericScores {
  const n = c.current.reduce((a, b) => a + b, 0);
  const m = c.reference.reduce((a, b) => a + b, 0);
  const min = c.referenceMin;
  const max = c.upper[c.upper.length - 1]!;
  // Beyond the reference range one CDF is flat (0 or 1), so the tails' share of the integral is
  // exact: E[(min − X)+] and E[(X − max)+]. A tail bin as wide as twice the mean distance gives
  // that same area under the linear interpolation.
  const below = c.current[0]!;
  const above = c.current[c.current.length - 1]!;
  const lowStart = below > 0 ? min - (2 * c.currentBelowDistance) / below : min;
  const highEnd = above > 0 ? max + (2 * c.currentAboveDistance) / above : max;
  const edges = [lowStart, min, ...c.upper, highEnd];
  const ks = ksFromBins(c.reference, c.current);
  const raw = wassersteinFromBins(edges, c.reference, c.current);
  const scale = c.referenceStd > 0 && Number.isFinite(c.referenceStd) ? c.referenceStd : 1;
  return {
    psi: psi(coarse.reference, coarse.current),
    ks,
    ksP: ksPValue(ks, n, m),
    wasserstein: raw / scale,
    wassersteinRaw: raw,
    scale,
  };
}
