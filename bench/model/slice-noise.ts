/**
 * False-alarm rate of each `decision` on slices: `npx tsx bench/model/slice-noise.ts [--runs 1000]
 * [--k 1,10,30,100] [--n 40,200,1000] [--noise 1] [--samples 0] [--seed 1]`.
 *
 * For every (k, n): `runs` seeded evaluation sets of two equally good models (slice-noise-sim.ts),
 * each judged under point, significant, non-inferior and the default (point overall, significant
 * slices). Prints a Markdown table: the share of runs where some slice failed, and where the gate
 * failed (a slice or the metric over all rows). Every failure is a false alarm.
 */
import { MODES, simulate, type SimResult } from "./slice-noise-sim.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const list = (s: string): number[] => s.split(",").map(Number);

const runs = Number(arg("runs", "1000"));
const ks = list(arg("k", "1,10,30,100"));
const ns = list(arg("n", "40,200,1000"));
const noise = Number(arg("noise", "1"));
const samples = Number(arg("samples", "0"));
const seed = Number(arg("seed", "1"));

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const results: SimResult[] = [];
for (const n of ns) {
  for (const k of ks) {
    const t0 = performance.now();
    const r = simulate({ k, n, runs, seed: seed * 1_000_003 + k * 1009 + n, noise, samples });
    results.push(r);
    process.stderr.write(`k=${k} n=${n}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}
const head = ["k slices", "n rows each", ...MODES.map((m) => `${m}: slice / gate`)];
console.log(`| ${head.join(" | ")} |`);
console.log(`| ${head.map((h, i) => (i < 2 ? "--:" : ":-:")).join(" | ")} |`);
for (const r of results) {
  const cells = MODES.map((m) => `${pct(r.rates[m].slice)} / ${pct(r.rates[m].gate)}`);
  console.log(`| ${r.k} | ${r.n} | ${cells.join(" | ")} |`);
}
console.log(`\n${runs} runs per row, noise ${noise}, bootstrap.samples ${samples}, seed ${seed}.`);
