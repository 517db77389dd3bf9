import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulate } from "../../bench/model/slice-noise-sim.js";
import { binaryData, logisticModel, TRUE_WEIGHTS, writeCsv, writeModel } from "./fixtures.js";
import { BASELINE_WEIGHTS, binaryWorkspace, FEATURES, runModel } from "./harness.js";

describe("slices of two equally good models (seeded simulation, bench/model/slice-noise.ts)", () => {
  // 200 evaluation sets of 20 slices × 50 rows: every failure is a false alarm.
  const r = simulate({ k: 20, n: 50, runs: 200, seed: 14 });

  it("the default fails a slice in at most 5% of runs, where point fails nearly always", () => {
    expect(r.rates.default.slice).toBeLessThanOrEqual(0.05);
    expect(r.rates.significant.slice).toBe(r.rates.default.slice);
    expect(r.rates.point.slice).toBeGreaterThan(0.9);
    expect(r.rates["non-inferior"].slice).toBeGreaterThan(0.9);
  });

  it("the default decides the metric over all rows as point does", () => {
    expect(r.rates.default.overall).toBe(r.rates.point.overall);
    expect(r.rates.default.overall).toBeGreaterThan(r.rates.significant.overall);
  });
});

describe("100 label-independent slices of 40 rows, a candidate better overall", () => {
  let dir: string;
  const args = ["model", "--baseline", "baseline.onnx", "--candidate", "better.onnx", "--data", "cities.csv"];
  const rest = ["--label", "y", "--task", "binary", "--features", FEATURES, "--slice", "city"];

  beforeAll(() => {
    dir = binaryWorkspace();
    const d = binaryData(4000, 0, 21, TRUE_WEIGHTS);
    d.header.push("city");
    d.rows.forEach((row, i) => row.push(`city_${String(Math.floor(i / 40)).padStart(3, "0")}`));
    writeCsv(path.join(dir, "cities.csv"), d);
    writeModel(path.join(dir, "better.onnx"), logisticModel(TRUE_WEIGHTS));
    expect(BASELINE_WEIGHTS).not.toEqual(TRUE_WEIGHTS);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes by default, and shows each noisy slice's regression as a warning with its interval", async () => {
    const r = await runModel([...args, ...rest], dir);
    expect(r.code).toBe(0);
    const rep = r.report!;
    const slices = rep.checks.filter((c) => c.id.startsWith("slice.city:"));
    expect(slices).toHaveLength(100);
    expect(slices.filter((c) => c.status === "fail")).toEqual([]);
    const warned = slices.filter((c) => c.status === "warn");
    expect(warned.length).toBeGreaterThan(0);
    for (const w of warned) {
      expect(w.details?.decision).toBe("significant");
      expect(Number(w.details?.p_adjusted)).toBeGreaterThanOrEqual(0.05);
      expect(w.message).toMatch(
        /^roc_auc is worse than the baseline by 0\.\d+ \(95% CI -[\d.]+ to [+-][\d.]+\), more than the allowed 0\.01, but not significantly \(p = [\d.]+ after Benjamini–Hochberg across 100 slices, not < 0\.05\): a warning, not a failure$/,
      );
    }
    expect(rep.status).toBe("warn");
    expect(rep.summary).toMatch(
      new RegExp(`; nothing failed, ${warned.length} warned: ${warned[0]!.id.replace(/[.[\]]/g, "\\$&")}, `),
    );
    expect(rep.checks.find((c) => c.id === "metric.roc_auc")?.details?.decision).toBe("point");
  });

  it("fails those same slices under decision: point, as before", async () => {
    const r = await runModel([...args, ...rest, "--decision", "point"], dir);
    expect(r.code).toBe(1);
    const failed = r.report!.checks.filter((c) => c.status === "fail");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.id.startsWith("slice.city:"))).toBe(true);
    expect(failed[0]?.message).toMatch(/^roc_auc is worse than the baseline by 0\.\d+, more than the allowed 0\.01$/);
    const sliceOnly = await runModel([...args, ...rest, "--slice-decision", "point"], dir);
    expect(sliceOnly.report!.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual(failed.map((c) => c.id));
  });

  it("rejects an unknown slice decision with one sentence", async () => {
    const r = await runModel([...args, ...rest, "--slice-decision", "maybe"], dir, {}, "err.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mlgate model: --slice-decision must be point, significant or non-inferior, not "maybe"\n');
  });
});
