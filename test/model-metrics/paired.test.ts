import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  binomialHalfTwoSided,
  normalQuantile,
  normalSf,
  studentTQuantile,
  studentTTwoSided,
} from "../../src/core/stats/distributions.js";
import { poisson } from "../../src/core/stats/poisson-sampler.js";
import { delongComponents, rankScores } from "../../src/core/stats/ranking.js";
import { makeRng } from "../../src/core/stats/rng.js";
import { chiSquareSf } from "../../src/core/stats/special.js";
import { allMetrics, computeMetrics, prepareMetrics, type Predictions } from "../../src/gates/model/metrics.js";
import { BOOTSTRAP_BUDGET, compareEvaluators, comparePaired } from "../../src/gates/model/paired.js";
import { delongVariance, macroDelongVariance, mcnemar } from "../../src/core/stats/paired-tests.js";

interface TTest {
  delta: number;
  t: number;
  p_value: number;
  ci: [number, number];
}
interface PairedFixture {
  sklearn: string;
  binary: { y: number[]; candidate: number[]; baseline: number[] };
  regression: { y: number[]; candidate: number[]; baseline: number[] };
  delong: { delta: number; variance: number; z: number; p_value: number };
  mcnemar: { only_candidate: number; only_baseline: number; exact_p: number; chi2_cc: number; chi2_cc_p: number };
  mcnemar_small: { only_candidate: number; only_baseline: number; exact_p: number };
  mcnemar_agresti: { table: number[][]; chi2_cc: number; p: number };
  log_loss_t: TTest;
  brier_t: TTest;
  mae_t: TTest;
  rmse: { delta: number; p_value: number; se: number };
  distributions: Record<string, number[][]>;
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/sklearn/paired.json", import.meta.url), "utf8")) as PairedFixture;
const Z975 = 1.959963984540054;

function rel(actual: number, expected: number, tol: number, label = ""): void {
  expect(Math.abs(actual - expected), `${label} ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol * Math.max(Math.abs(expected), 1e-300),
  );
}

const y = Float64Array.from(fx.binary.y);
const cand: Predictions = { scores: Float64Array.from(fx.binary.candidate), classes: 2 };
const base: Predictions = { scores: Float64Array.from(fx.binary.baseline), classes: 2 };

describe("distributions agree with scipy 1.10", () => {
  const d = fx.distributions;
  it("normal tail and quantile", () => {
    for (const [z, p] of d.normal_sf!) rel(normalSf(z!), p!, 1e-10, `sf(${z})`);
    for (const [p, z] of d.normal_ppf!) expect(Math.abs(normalQuantile(p!) - z!), `ppf(${p})`).toBeLessThan(1e-9);
  });
  it("Student t tail and 97.5% quantile", () => {
    for (const [t, df, p] of d.t_two_sided!) rel(studentTTwoSided(t!, df!), p!, 1e-9, `t(${t}, ${df})`);
    for (const [df, q] of d.t_ppf_975!) rel(studentTQuantile(0.975, df!), q!, 1e-9, `tppf(${df})`);
  });
  it("chi-square (1 df) tail and the exact symmetric binomial", () => {
    for (const [x, p] of d.chi2_sf_1!) rel(chiSquareSf(x!, 1), p!, 1e-9, `chi2(${x})`);
    for (const [k, n, p] of d.binom_half_two_sided!) rel(binomialHalfTwoSided(k!, n!), p!, 1e-12, `binom(${k}, ${n})`);
  });
});

/** The O(m·k) structural components, straight from DeLong, DeLong & Clarke-Pearson (1988). */
function slowDelongVariance(labels: Float64Array, a: Float64Array, b: Float64Array): number {
  const pos: number[] = [];
  const neg: number[] = [];
  labels.forEach((v, i) => (v === 1 ? pos : neg).push(i));
  const psi = (x: number, z: number) => (x > z ? 1 : x === z ? 0.5 : 0);
  const comp = (s: Float64Array, rows: number[], other: number[], positive: boolean) =>
    rows.map((i) => other.reduce((acc, j) => acc + (positive ? psi(s[i]!, s[j]!) : psi(s[j]!, s[i]!)), 0) / other.length);
  const cov = (u: number[], v: number[]) => {
    const mu = u.reduce((x, w) => x + w, 0) / u.length;
    const mv = v.reduce((x, w) => x + w, 0) / v.length;
    return u.reduce((acc, x, i) => acc + (x - mu) * (v[i]! - mv), 0) / (u.length - 1);
  };
  const a10 = comp(a, pos, neg, true);
  const b10 = comp(b, pos, neg, true);
  const a01 = comp(a, neg, pos, false);
  const b01 = comp(b, neg, pos, false);
  return (
    (cov(a10, a10) + cov(b10, b10) - 2 * cov(a10, b10)) / pos.length +
    (cov(a01, a01) + cov(b01, b01) - 2 * cov(a01, b01)) / neg.length
  );
}

describe("DeLong's paired test for roc_auc", () => {
  const positive = Uint8Array.from(y);
  const va = delongComponents(rankScores(cand.scores, positive));
  const vb = delongComponents(rankScores(base.scores, positive));

  it("has components whose class means are the AUCs", () => {
    const auc = computeMetrics("binary", y, cand).roc_auc!;
    let sp = 0;
    let sn = 0;
    let m = 0;
    va.forEach((v, i) => {
      if (positive[i] === 1) {
        sp += v;
        m++;
      } else sn += v;
    });
    expect(sp / m).toBeCloseTo(auc, 12);
    expect(sn / (y.length - m)).toBeCloseTo(auc, 12);
  });

  it("has the variance of the slow O(m·k) structural-components computation (with ties)", () => {
    expect(new Set(fx.binary.candidate).size).toBeLessThan(1000); // 3000 rows on a 0.001 grid: ties
    rel(delongVariance(va, vb, positive), slowDelongVariance(y, cand.scores, base.scores), 1e-10, "variance");
  });

  it("matches the scipy mid-rank implementation: variance, delta, p-value and interval", () => {
    rel(delongVariance(va, vb, positive), fx.delong.variance, 1e-9, "variance");
    const r = comparePaired("binary", "roc_auc", y, cand, base, { samples: 0, seed: 1 });
    expect(r.test).toBe("delong");
    expect(r.ciMethod).toBe("delong");
    expect(r.n).toBe(3000);
    rel(r.delta, fx.delong.delta, 1e-12, "delta");
    rel(r.pValue, fx.delong.p_value, 1e-6, "p"); // 1.5e-21: the tail keeps its digits
    const half = Z975 * Math.sqrt(fx.delong.variance);
    rel(r.ci[0], fx.delong.delta - half, 1e-9, "lo");
    rel(r.ci[1], fx.delong.delta + half, 1e-9, "hi");
  });
});

describe("one-vs-rest macro roc_auc (multiclass)", () => {
  it("reduces to DeLong's variance, up to m/(m−1), when the classes are the two sides of a binary problem", () => {
    const positive = Uint8Array.from(y);
    const negative = Uint8Array.from(y, (v) => 1 - v);
    const flip = (s: Float64Array) => Float64Array.from(s, (v) => 1 - v);
    const va = delongComponents(rankScores(cand.scores, positive));
    const vb = delongComponents(rankScores(base.scores, positive));
    const va0 = delongComponents(rankScores(flip(cand.scores), negative));
    const vb0 = delongComponents(rankScores(flip(base.scores), negative));
    const macro = macroDelongVariance([
      { va: va0, vb: vb0, positive: negative },
      { va, vb, positive },
    ]);
    rel(macro, fx.delong.variance, 2e-3, "macro vs DeLong"); // 1200 and 1800 rows per class: ~0.07% apart
    expect(macro).toBeLessThan(fx.delong.variance);
  });

  it("gives an interval as wide as the row bootstrap's on the 4-class fixture", () => {
    const mc = JSON.parse(readFileSync(new URL("../fixtures/sklearn/multiclass.json", import.meta.url), "utf8")) as {
      cases: { y: number[]; candidate: number[]; baseline: number[]; classes: number }[];
    };
    const c = mc.cases[0]!;
    const yk = Float64Array.from(c.y);
    const pc: Predictions = { scores: Float64Array.from(c.candidate), classes: c.classes };
    const pb: Predictions = { scores: Float64Array.from(c.baseline), classes: c.classes };
    const analytic = comparePaired("multiclass", "roc_auc", yk, pc, pb, { samples: 0, seed: 1 });
    const boot = comparePaired("multiclass", "roc_auc", yk, pc, pb, { samples: 2000, seed: 1 });
    expect([analytic.test, analytic.ciMethod, boot.test, boot.ciMethod]).toEqual(["delong", "delong", "delong", "bootstrap"]);
    expect(analytic.pValue).toBe(boot.pValue);
    const width = analytic.ci[1] - analytic.ci[0];
    expect(Math.abs(boot.ci[1] - boot.ci[0] - width)).toBeLessThan(0.1 * width);
  });
});

function fromTable(onlyC: number, onlyB: number, both: number, neither: number): [Uint8Array, Uint8Array] {
  const c = [
    ...Array<number>(both).fill(1),
    ...Array<number>(onlyC).fill(1),
    ...Array<number>(onlyB).fill(0),
    ...Array<number>(neither).fill(0),
  ];
  const b = [
    ...Array<number>(both).fill(1),
    ...Array<number>(onlyC).fill(0),
    ...Array<number>(onlyB).fill(1),
    ...Array<number>(neither).fill(0),
  ];
  return [Uint8Array.from(c), Uint8Array.from(b)];
}

describe("McNemar's test for accuracy", () => {
  it("uses chi-square with continuity correction for many discordant rows (scipy value)", () => {
    const r = comparePaired("binary", "accuracy", y, cand, base, { samples: 0, seed: 1 });
    expect(r.test).toBe("mcnemar");
    expect(r.ciMethod).toBe("wald");
    rel(r.delta, (fx.mcnemar.only_candidate - fx.mcnemar.only_baseline) / 3000, 1e-12, "delta");
    rel(r.pValue, fx.mcnemar.chi2_cc_p, 1e-8, "p");
  });

  it("reproduces Agresti's presidential approval table (150 vs 86 discordant): chi² 16.82, p 4.1e-5", () => {
    const [c, b] = fromTable(150, 86, 794, 570);
    const r = mcnemar(c, b);
    rel(r.pValue, fx.mcnemar_agresti.p, 1e-9, "p");
    expect(fx.mcnemar_agresti.chi2_cc).toBeCloseTo(16.8178, 4);
    // Wald interval of the paired difference (150 − 86) / 1600 = 0.04.
    expect(r.ci![0]).toBeCloseTo(0.04 - Z975 * Math.sqrt((236 / 1600 - 0.04 ** 2) / 1600), 12);
  });

  it("is exact binomial below 25 discordant rows: 3 vs 12 gives p = 0.03515625", () => {
    const [c, b] = fromTable(3, 12, 100, 20);
    expect(mcnemar(c, b).pValue).toBeCloseTo(fx.mcnemar_small.exact_p, 14);
    expect(mcnemar(...fromTable(0, 0, 10, 5)).pValue).toBe(1);
  });
});

describe("paired t-tests on per-row losses (scipy ttest_rel)", () => {
  for (const [metric, ref] of [
    ["log_loss", fx.log_loss_t],
    ["brier", fx.brier_t],
  ] as const) {
    it(`${metric}: delta, p-value and t interval`, () => {
      const r = comparePaired("binary", metric, y, cand, base, { samples: 0, seed: 1 });
      expect([r.test, r.ciMethod]).toEqual(["paired-t", "t"]);
      rel(r.delta, ref.delta, 1e-9, "delta");
      rel(r.pValue, ref.p_value, 1e-6, "p");
      rel(r.ci[0], ref.ci[0], 1e-9, "lo");
      rel(r.ci[1], ref.ci[1], 1e-9, "hi");
    });
  }

  const yr = Float64Array.from(fx.regression.y);
  const rc: Predictions = { scores: Float64Array.from(fx.regression.candidate), classes: 1 };
  const rb: Predictions = { scores: Float64Array.from(fx.regression.baseline), classes: 1 };
  it("mae: paired t on absolute errors", () => {
    const r = comparePaired("regression", "mae", yr, rc, rb, { samples: 0, seed: 1 });
    rel(r.pValue, fx.mae_t.p_value, 1e-6, "p");
    rel(r.ci[1], fx.mae_t.ci[1], 1e-9, "hi");
  });
  it("rmse: t-test on squared errors, delta-method interval", () => {
    const r = comparePaired("regression", "rmse", yr, rc, rb, { samples: 0, seed: 1 });
    expect([r.test, r.ciMethod]).toEqual(["paired-t", "delta-method"]);
    rel(r.delta, fx.rmse.delta, 1e-9, "delta");
    rel(r.pValue, fx.rmse.p_value, 1e-6, "p");
    rel(r.ci[1] - r.delta, Z975 * fx.rmse.se, 1e-9, "half-width");
  });
  it("r2: same p-value as rmse, interval from the delta method close to the bootstrap's", () => {
    const a = comparePaired("regression", "r2", yr, rc, rb, { samples: 0, seed: 1 });
    const boot = comparePaired("regression", "r2", yr, rc, rb, { samples: 2000, seed: 3 });
    expect(a.ciMethod).toBe("delta-method");
    rel(a.pValue, fx.rmse.p_value, 1e-6, "p");
    expect(boot.ciMethod).toBe("bootstrap");
    const width = a.ci[1] - a.ci[0];
    expect(Math.abs(boot.ci[1] - boot.ci[0] - width)).toBeLessThan(0.15 * width);
  });
});

describe("paired bootstrap", () => {
  it("is reproducible with the same seed and changes with another", () => {
    const a = comparePaired("binary", "f1", y, cand, base, { samples: 500, seed: 42 });
    const b = comparePaired("binary", "f1", y, cand, base, { samples: 500, seed: 42 });
    const c = comparePaired("binary", "f1", y, cand, base, { samples: 500, seed: 43 });
    expect(a).toEqual(b);
    expect(a.ciMethod).toBe("poisson-bootstrap");
    expect(a.test).toBe("bootstrap");
    expect(a.samples).toBe(500);
    expect(c.ci).not.toEqual(a.ci);
    expect(a.ci[0]).toBeLessThan(a.delta);
    expect(a.ci[1]).toBeGreaterThan(a.delta);
  });

  it("gives a roc_auc interval close to DeLong's and keeps DeLong's p-value", () => {
    const boot = comparePaired("binary", "roc_auc", y, cand, base, { samples: 1600, seed: 7 });
    expect([boot.test, boot.ciMethod]).toEqual(["delong", "bootstrap"]);
    rel(boot.pValue, fx.delong.p_value, 1e-6, "p");
    const width = 2 * Z975 * Math.sqrt(fx.delong.variance);
    expect(Math.abs(boot.ci[1] - boot.ci[0] - width)).toBeLessThan(0.1 * width);
  });

  it("reports identical models as delta 0, p 1", () => {
    for (const metric of ["roc_auc", "accuracy", "log_loss", "f1", "pr_auc"]) {
      const r = comparePaired("binary", metric, y, cand, cand, { samples: 200, seed: 1 });
      expect([metric, r.delta, r.pValue, r.ci]).toEqual([metric, 0, 1, [0, 0]]);
    }
  });

  it("reports roc_auc on a slice holding one class as NaN, without throwing", () => {
    const negatives = Int32Array.from(fx.binary.y.flatMap((v, i) => (v === 0 ? [i] : [])).slice(0, 100));
    for (const samples of [0, 200]) {
      const r = comparePaired("binary", "roc_auc", y, cand, base, { samples, seed: 1, rows: negatives });
      expect([r.n, r.candidate, r.delta, r.pValue, r.ci[0], r.ci[1]]).toEqual([100, NaN, NaN, NaN, NaN, NaN]);
    }
  });

  it("gives the same results from evaluators prepared once (compareEvaluators, allMetrics)", () => {
    const evC = prepareMetrics("binary", y, cand);
    const evB = prepareMetrics("binary", y, base);
    expect(allMetrics(evC)).toEqual(computeMetrics("binary", y, cand));
    for (const metric of ["roc_auc", "accuracy", "f1", "log_loss", "pr_auc"]) {
      const opts = { samples: 300, seed: 11 };
      expect(compareEvaluators("binary", metric, y, evC, evB, 2, opts)).toEqual(
        comparePaired("binary", metric, y, cand, base, opts),
      );
    }
  });

  it("evaluates a slice (rows) exactly as the materialised subset", () => {
    const rows = Int32Array.from({ length: 700 }, (_, i) => i * 4 + 1);
    const sub = (p: Predictions): Predictions => ({ scores: Float64Array.from(rows, (r) => p.scores[r]!), classes: 2 });
    for (const metric of ["roc_auc", "precision", "brier"]) {
      const a = comparePaired("binary", metric, y, cand, base, { samples: 300, seed: 5, rows });
      const b = comparePaired(
        "binary",
        metric,
        Float64Array.from(rows, (r) => y[r]!),
        sub(cand),
        sub(base),
        { samples: 300, seed: 5 },
      );
      expect(a).toEqual(b);
      expect(a.n).toBe(700);
    }
  });

  // Population of 40k rows: the true delta is the population's; samples of 250 rows should cover it ~95%.
  it("covers the true delta about 95% of the time (200 samples of 250 rows)", () => {
    const rng = makeRng(2026);
    const N = 40_000;
    const py = new Float64Array(N);
    const pc = new Float64Array(N);
    const pb = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      py[i] = rng.next() < 0.4 ? 1 : 0;
      const shared = normal(rng);
      pc[i] = 1 / (1 + Math.exp(-(1.0 * (2 * py[i]! - 1) + shared)));
      pb[i] = 1 / (1 + Math.exp(-(0.8 * (2 * py[i]! - 1) + 0.8 * shared + 0.6 * normal(rng))));
    }
    const truth = (m: string) =>
      computeMetrics("binary", py, { scores: pc, classes: 2 })[m]! - computeMetrics("binary", py, { scores: pb, classes: 2 })[m]!;
    for (const metric of ["accuracy", "roc_auc"]) {
      const t = truth(metric);
      let covered = 0;
      const reps = 200;
      for (let r = 0; r < reps; r++) {
        const rows = Int32Array.from({ length: 250 }, () => Math.floor(rng.next() * N));
        const res = comparePaired(
          "binary",
          metric,
          py,
          { scores: pc, classes: 2 },
          { scores: pb, classes: 2 },
          { samples: 400, seed: r, rows },
        );
        if (res.ci[0] <= t && t <= res.ci[1]) covered++;
      }
      expect(covered / reps, `${metric} coverage`).toBeGreaterThanOrEqual(0.9);
      expect(covered / reps, `${metric} coverage`).toBeLessThanOrEqual(0.985);
    }
  });
});

describe("large N: the bootstrap stays within its budget", () => {
  const rng = makeRng(99);
  const n = 30_000;
  const ly = new Float64Array(n);
  const lc = new Float64Array(n);
  const lb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ly[i] = rng.next() < 0.3 ? 1 : 0;
    const shared = normal(rng);
    lc[i] = 1 / (1 + Math.exp(-(1.2 * (2 * ly[i]! - 1) + shared)));
    lb[i] = 1 / (1 + Math.exp(-(1.0 * (2 * ly[i]! - 1) + 0.9 * shared + 0.5 * normal(rng))));
  }
  const c: Predictions = { scores: lc, classes: 2 };
  const b: Predictions = { scores: lb, classes: 2 };

  it("bootstraps confusion-matrix metrics over cells, agreeing with a row-level multinomial bootstrap", () => {
    const cells = comparePaired("binary", "f1", ly, c, b, { samples: 1000, seed: 1 });
    expect([cells.ciMethod, cells.samples, cells.test]).toEqual(["poisson-bootstrap", 1000, "bootstrap"]);
    // The same interval by brute force: resample rows, evaluate both models' f1 on the same counts.
    const evC = prepareMetrics("binary", ly, c);
    const evB = prepareMetrics("binary", ly, b);
    const r = makeRng(17);
    const counts = new Float64Array(n);
    const deltas: number[] = [];
    for (let rep = 0; rep < 400; rep++) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[Math.floor(r.next() * n)]!++;
      deltas.push(evC.metric("f1", counts) - evB.metric("f1", counts));
    }
    deltas.sort((x, z) => x - z);
    const lo = deltas[10]!;
    const hi = deltas[389]!;
    const width = hi - lo;
    expect(Math.abs(cells.ci[0] - lo)).toBeLessThan(0.15 * width);
    expect(Math.abs(cells.ci[1] - hi)).toBeLessThan(0.15 * width);
  });

  it("uses DeLong's interval for roc_auc, and a normal interval from fewer replicates for pr_auc", () => {
    expect(n * 1000).toBeGreaterThan(BOOTSTRAP_BUDGET);
    expect(comparePaired("binary", "roc_auc", ly, c, b, { samples: 1000, seed: 1 }).ciMethod).toBe("delong");
    expect(comparePaired("binary", "accuracy", ly, c, b, { samples: 0, seed: 1 }).ciMethod).toBe("wald");
    const pr = comparePaired("binary", "pr_auc", ly, c, b, { samples: 1000, seed: 1 });
    const reps = Math.floor(BOOTSTRAP_BUDGET / n);
    const full = comparePaired("binary", "pr_auc", ly, c, b, { samples: reps, seed: 2 });
    expect([pr.ciMethod, pr.samples, full.ciMethod]).toEqual(["bootstrap-normal", reps, "bootstrap"]);
    const width = full.ci[1] - full.ci[0];
    expect(Math.abs(pr.ci[1] - pr.ci[0] - width)).toBeLessThan(0.25 * width);
  });
});

describe("Poisson sampler", () => {
  it("has mean and variance equal to the rate, small and large", () => {
    const rng = makeRng(5);
    for (const mean of [0.7, 12, 45, 1e6]) {
      const draws = Array.from({ length: 20_000 }, () => poisson(() => rng.next(), mean));
      const m = draws.reduce((a, v) => a + v, 0) / draws.length;
      const v = draws.reduce((a, x) => a + (x - m) ** 2, 0) / (draws.length - 1);
      expect(Math.abs(m - mean), `mean ${mean}`).toBeLessThan(5 * Math.sqrt(mean / draws.length));
      expect(Math.abs(v / mean - 1), `variance ${mean}`).toBeLessThan(0.05);
      expect(draws.every((d) => Number.isInteger(d) && d >= 0)).toBe(true);
    }
  });
});

function normal(rng: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}
