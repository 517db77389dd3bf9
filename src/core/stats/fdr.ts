/**
 * Benjamini–Hochberg adjusted p-values (step-up, monotone), in the order given. A hypothesis is
 * rejected at false discovery rate q when its adjusted p-value is <= q. NaN p-values (tests that
 * could not run) are left NaN and do not count towards m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => [p, i] as const).filter(([p]) => !Number.isNaN(p));
  const m = idx.length;
  const adjusted = pValues.map(() => Number.NaN);
  idx.sort((a, b) => a[0] - b[0]);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = idx[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}
