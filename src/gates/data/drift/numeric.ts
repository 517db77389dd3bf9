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
 * linearly inside each bin, and is divided by the reference standard deviation (so a mean shift
 * of kσ scores k).
 */
export function numericScores(c: NumericCounts, coarse: { reference: number[]; current: number[] }): NumericScores {
  const n = c.current.reduce((a, b) => a + b, 0);
  const m = c.reference.reduce((a, b) => a + b, 0);
  const min = c.referenceMin;
  const max = c.upper[c.upper.length - 1]!;
  const lowStart = Number.isFinite(c.currentMin) ? Math.min(c.currentMin, min) : min;
  const highEnd = Number.isFinite(c.currentMax) ? Math.max(c.currentMax, max) : max;
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
