import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDuckDB } from "../../src/core/duckdb.js";
import { computeDrift, type DriftColumn, type DriftOptions } from "../../src/gates/data/drift.js";
import { makeTable, sample } from "./support.js";

const COLUMNS: DriftColumn[] = [
  { name: "x", kind: "numeric" },
  { name: "u", kind: "numeric" },
  { name: "cat", kind: "categorical" },
];
const OPTIONS: DriftOptions = { psiFloor: 0.1, jsFloor: 0.1, alpha: 0.05, mode: "warn", seed: 1 };

let db: Awaited<ReturnType<typeof openDuckDB>>;
beforeAll(async () => {
  db = await openDuckDB({ reads: "unrestricted" });
});
afterAll(() => {
  db.close();
});

describe("calibration: clean vs clean, 100 seeds", () => {
  for (const n of [1000, 10_000, 100_000]) {
    it(`flags at most 1% of columns at n = ${n}`, async () => {
      let flagged = 0;
      let total = 0;
      let significant = 0;
      let maxPsi = 0;
      let maxJs = 0;
      const started = performance.now();
      // 200 independent samples of n rows: block 2s is the reference of seed s, block 2s+1 its current.
      await makeTable(db.connection, `pool_${n}`, n, n, {}, 200);
      let driftMs = 0;
      let driftCpu = 0;
      for (let seed = 0; seed < 100; seed++) {
        await sample(db.connection, `ref_null_${n}`, `pool_${n}`, 2 * seed);
        await sample(db.connection, `cur_null_${n}`, `pool_${n}`, 2 * seed + 1);
        const t = performance.now();
        const cpu = process.cpuUsage();
        const r = await computeDrift(db.connection, `cur_null_${n}`, `ref_null_${n}`, COLUMNS, OPTIONS);
        const used = process.cpuUsage(cpu);
        driftCpu += (used.user + used.system) / 1000;
        driftMs += performance.now() - t;
        for (const c of r.columns) {
          total += 1;
          if (c.flagged) flagged += 1;
          if (c.adjustedP <= 0.05) significant += 1;
          if (c.kind === "numeric") maxPsi = Math.max(maxPsi, c.scores.psi!);
          else maxJs = Math.max(maxJs, c.scores.js!);
        }
        expect(r.checks.every((c) => c.status === "pass")).toBe(r.columns.every((c) => !c.flagged));
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `calibration n=${n}: flagged ${flagged}/${total}, adjusted p <= 0.05 in ${significant}/${total}, max PSI ${maxPsi.toFixed(4)}, max JS ${maxJs.toFixed(4)}; ${seconds.toFixed(1)} s in all, computeDrift ${(driftMs / 100).toFixed(0)} ms wall / ${(driftCpu / 100).toFixed(0)} ms CPU per call`,
      );
      expect(total).toBe(300);
      expect(flagged / total).toBeLessThanOrEqual(0.01);
      // The p-values themselves are calibrated too: about alpha of the clean columns are significant.
      expect(significant / total).toBeLessThanOrEqual(0.1);
    }, 180_000);
  }
});

describe("power", () => {
  for (const n of [1000, 10_000, 100_000, 1_000_000]) {
    const seeds = n <= 10_000 ? 10 : 1;
    it(`flags a 0.5σ mean shift and a 5% new category at n = ${n} (${seeds} seed${seeds > 1 ? "s" : ""})`, async () => {
      for (let seed = 1; seed <= seeds; seed++) {
        await makeTable(db.connection, `ref_power_${n}`, n, 1000 + 2 * seed);
        await makeTable(db.connection, `cur_power_${n}`, n, 1001 + 2 * seed, { shift: 0.5, newCategory: 0.05 });
        const r = await computeDrift(db.connection, `cur_power_${n}`, `ref_power_${n}`, COLUMNS, OPTIONS);
        const [x, u, cat] = r.columns;
        expect(x!.flagged, JSON.stringify(r.columns)).toBe(true);
        expect(u!.flagged, JSON.stringify(r.columns)).toBe(true);
        expect(cat!.flagged, JSON.stringify(r.columns)).toBe(true);
        expect(x!.scores.psi).toBeGreaterThan(0.15);
        expect(Math.abs(x!.scores.wasserstein! - 0.5)).toBeLessThan(0.1);
        expect(cat!.scores.js).toBeGreaterThan(0.12);
        expect(cat!.histogram.current.at(-1)).toBeGreaterThan(0.03); // the "(unseen)" bucket
        expect(r.checks.map((c) => c.status)).toEqual(["warn", "warn", "warn"]);
      }
    });
  }
});

describe("practical significance (evidently#50)", () => {
  it("a 0.05σ shift at n = 1M is significant but under the PSI floor: reported, not flagged", async () => {
    await makeTable(db.connection, "ref_small_shift", 1_000_000, 5000);
    await makeTable(db.connection, "cur_small_shift", 1_000_000, 5001, { shift: 0.05 });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const r = await computeDrift(db.connection, "cur_small_shift", "ref_small_shift", COLUMNS, OPTIONS);
    const used = process.cpuUsage(cpu);
    const ms = performance.now() - started;
    console.log(
      `n=1M: computeDrift on 3 columns (2 numeric, 1 categorical) took ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms process CPU`,
    );
    const x = r.columns[0]!;
    const check = r.checks[0]!;
    console.log(
      `0.05σ at 1M: psi ${x.scores.psi} ks ${x.scores.ks} wasserstein ${x.scores.wasserstein} p ${x.pValue} adj ${x.adjustedP} ks_p ${String(check.details?.ks_p)}`,
    );
    expect(x.adjustedP, JSON.stringify(r.columns)).toBeLessThan(1e-10);
    expect(check.details?.ks_p as number).toBeLessThan(1e-10);
    expect(x.scores.psi).toBeLessThan(0.01);
    expect(x.scores.psi).toBeGreaterThan(0.001);
    expect(Math.abs(x.scores.wasserstein! - 0.05)).toBeLessThan(0.01);
    expect(x.flagged).toBe(false);
    expect(check.status).toBe("pass");
    expect(check.observed).toBe(x.scores.psi);
    expect(check.message).toMatch(/^Significant \(adjusted p .+\) but PSI 0\.00\d+ is under the 0\.1 floor/);
  });
});
