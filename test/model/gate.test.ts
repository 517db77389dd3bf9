import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Section } from "../../src/core/report.js";
import { binaryWorkspace, check, FEATURES, runMlgate, runModel, write } from "./harness.js";

let dir: string;
const base = [
  "model",
  "--baseline",
  "baseline.onnx",
  "--data",
  "eval.csv",
  "--label",
  "y",
  "--task",
  "binary",
  "--features",
  FEATURES,
];

beforeAll(() => {
  dir = binaryWorkspace();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("mlgate model with default settings", () => {
  it("passes a near-identical candidate and reports the paired comparison", async () => {
    const r = await runModel([...base, "--candidate", "same.onnx", "--slice", "region"], dir);
    expect(r.code).toBe(0);
    const rep = r.report!;
    expect(rep.status).toBe("pass");
    const c = check(rep, "metric.roc_auc");
    expect(c.status).toBe("pass");
    expect(c.expected).toBe("no worse than baseline by more than 0.01");
    expect(Math.abs(Number(c.details?.delta))).toBeLessThan(1e-4);
    expect(c.details?.test).toBe("delong");
    const out = (rep.metrics as { outputs: Record<string, unknown> }).outputs;
    expect(out["primary-metric"]).toBe("roc_auc");
    expect(out["candidate-value"]).toBeCloseTo(Number(out["baseline-value"]), 4);
    expect(rep.subjects?.map((s) => [s.path, s.role])).toEqual([
      ["same.onnx", "candidate"],
      ["baseline.onnx", "baseline"],
    ]);
    expect(Object.keys(rep.provenance.inputs).sort()).toEqual(["baseline.onnx", "eval.csv", "same.onnx"]);
    expect(rep.metrics?.interpretation).toEqual({ candidate: "output: probabilities", baseline: "output: probabilities" });
    const agreement = rep.metrics?.agreement as { flip_rate: number };
    expect(agreement.flip_rate).toBe(0);
    const lat = rep.metrics?.latency as Record<string, { p95_ms: number; throughput_rows_per_s: number }>;
    expect(lat.candidate?.p95_ms).toBeGreaterThan(0);
    expect(lat.baseline?.throughput_rows_per_s).toBeGreaterThan(0);
  });

  it("fails a clearly worse candidate with exit 1", async () => {
    const r = await runModel([...base, "--candidate", "worse.onnx"], dir);
    expect(r.code).toBe(1);
    const c = check(r.report, "metric.roc_auc");
    expect(c.status).toBe("fail");
    expect(c.message).toMatch(/^roc_auc is worse than the baseline by 0\.1\d+, more than the allowed 0\.01$/);
    expect(r.report?.summary).toMatch(/^candidate roc_auc 0\.5\d* vs baseline 0\.74\d* \(Δ -0\.1\d+, 95% CI/);
  });

  it("fails the one slice where a candidate better overall is worse by about 0.05", async () => {
    const r = await runModel([...base, "--candidate", "slice-worse.onnx", "--slice", "region"], dir);
    expect(r.code).toBe(1);
    const rep = r.report!;
    expect(check(rep, "metric.roc_auc").status).toBe("pass");
    expect(Number(check(rep, "metric.roc_auc").details?.delta)).toBeGreaterThan(0.05);
    const north = check(rep, "slice.region:north.roc_auc");
    expect(north.status).toBe("fail");
    expect(north.details?.rows).toBe(500);
    expect(Number(north.details?.delta)).toBeLessThan(-0.03);
    expect(Number(north.details?.delta)).toBeGreaterThan(-0.08);
    expect(rep.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual(["slice.region:north.roc_auc"]);
    const table = rep.sections?.find((s) => s.title.startsWith("Slices")) as Extract<Section, { kind: "table" }>;
    expect(table.rows[0]?.[0]).toBe("region=north");
    expect(table.rows[0]?.[5]).toBe("fail");
    const terminal = await runMlgate([...base, "--candidate", "slice-worse.onnx", "--slice", "region"], dir);
    expect(terminal.stdout).toMatch(/\n {2}region=north {5}-█+ *\n/);
    const chart = rep.sections?.find((s) => s.kind === "bar-chart") as Extract<Section, { kind: "bar-chart" }>;
    expect(chart.labels).toContain("region=north");
    expect(chart.series[0]?.values[chart.labels.indexOf("region=north")]).toBeLessThan(0);
  });
});

describe("mlgate model settings", () => {
  it("reports slices smaller than min_slice_size without gating them", async () => {
    write(dir, "min.yml", "gates:\n  model:\n    min_slice_size: 1000\n");
    const r = await runModel([...base, "--candidate", "slice-worse.onnx", "--slice", "region", "--config", "min.yml"], dir);
    expect(r.code).toBe(0);
    const north = check(r.report, "slice.region:north.roc_auc");
    expect(north.status).toBe("skip");
    expect(north.message).toBe("500 rows, fewer than min_slice_size 1000: reported, not gated");
  });

  it("decision non-inferior fails when the CI cannot rule out a regression beyond the margin", async () => {
    write(dir, "ni.yml", "gates:\n  model:\n    decision: non-inferior\n");
    const same = await runModel([...base, "--candidate", "same.onnx", "--config", "ni.yml"], dir);
    expect(same.code).toBe(0);
    const worse = await runModel([...base, "--candidate", "worse.onnx", "--config", "ni.yml"], dir);
    expect(worse.code).toBe(1);
    expect(check(worse.report, "metric.roc_auc").message).toMatch(
      /^non-inferiority not shown: the 95% CI allows roc_auc to be worse by 0\.2/,
    );
  });

  it("decision significant adjusts slice p-values with Benjamini-Hochberg", async () => {
    write(dir, "sig.yml", "gates:\n  model:\n    decision: significant\n");
    const r = await runModel([...base, "--candidate", "slice-worse.onnx", "--slice", "region", "--config", "sig.yml"], dir);
    const north = check(r.report, "slice.region:north.roc_auc");
    const p = Number(north.details?.p_value);
    const adj = Number(north.details?.p_adjusted);
    // Four gated slices; north has the largest p-value, so BH leaves it unchanged.
    expect(adj).toBeGreaterThanOrEqual(p);
    expect(north.status).toBe(adj < 0.05 ? "fail" : "pass");
    expect(r.code).toBe(north.status === "fail" ? 1 : 0);
  });

  it("without a baseline judges absolute bounds only", async () => {
    write(
      dir,
      "abs.yml",
      "gates:\n  model:\n    thresholds:\n      roc_auc: { min: 0.9, max_drop: 0.01 }\n      log_loss: { max: 0.7 }\n",
    );
    const r = await runModel(
      [
        "model",
        "--candidate",
        "same.onnx",
        "--baseline",
        "none",
        "--data",
        "eval.csv",
        "--label",
        "y",
        "--task",
        "binary",
        "--features",
        FEATURES,
        "--config",
        "abs.yml",
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(check(r.report, "metric.roc_auc").message).toMatch(/^roc_auc 0\.74\d* is below the minimum 0\.9$/);
    expect(check(r.report, "metric.log_loss").status).toBe("pass");
    expect(r.report?.subjects).toHaveLength(1);
    expect((r.report?.metrics as { outputs: Record<string, unknown> }).outputs["baseline-value"]).toBeNull();
  });

  it("named slices, fairness gaps, latency and robustness budgets", async () => {
    write(
      dir,
      "all.yml",
      [
        "gates:",
        "  model:",
        "    slices:",
        "      - { name: high_x0, where: 'x0 >= 1' }",
        "    sensitive: [region]",
        "    fairness: { max_demographic_parity_gap: 0.01 }",
        "    latency: { max_ratio: 1000, runs: 50 }",
        "    robustness: { epsilon: 0.05, max_flip_rate: 0.5, rows: 2000 }",
      ].join("\n"),
    );
    const r = await runModel([...base, "--candidate", "same.onnx", "--config", "all.yml"], dir);
    const rep = r.report!;
    expect(check(rep, "slice.high_x0.roc_auc").status).toBe("pass");
    const dp = check(rep, "fairness.region.demographic_parity");
    expect(dp.status).toBe("fail");
    expect(dp.message).toMatch(
      /^the positive-prediction rate differs by 0\.\d+ between groups of region \(baseline 0\.\d+\), more than the allowed 0\.01$/,
    );
    expect(check(rep, "latency.p95_ratio").status).toBe("pass");
    const rob = check(rep, "robustness.flip_rate");
    expect(rob.status).toBe("pass");
    expect(rob.message).toMatch(/^\d+ of 2000 predictions flipped \(baseline \d+\)$/);
    expect(r.code).toBe(1);
  });
});

describe("numeric slices and rendering", () => {
  it("bins a numeric slice column by quintiles and renders the PR comment with a Mermaid chart", async () => {
    const r = await runModel([...base, "--candidate", "slice-worse.onnx", "--slice", "x0", "--markdown", "report.md"], dir);
    const slices = (r.report?.metrics as { slices: { slice: string; rows: number }[] }).slices;
    expect(slices).toHaveLength(5);
    expect(slices.map((x) => x.rows)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(slices[0]?.slice).toMatch(/^x0=< -0\.8\d*$/);
    expect(slices[4]?.slice).toMatch(/^x0=>= 0\.8\d*$/);
    expect(r.report?.checks.filter((c) => c.id.startsWith("slice.x0:")).map((c) => c.column)).toEqual([
      "x0",
      "x0",
      "x0",
      "x0",
      "x0",
    ]);
    const md = readFileSync(path.join(dir, "report.md"), "utf8");
    expect(md).toContain("### Slices by roc&#95;auc (worst first)");
    expect(md).toContain("```mermaid\nxychart-beta");
    expect(md).toMatch(
      /\| roc&#95;auc ↑ \| 0\.74\d* \| 0\.8\d* \| \+0\.0\d+ &#91;\+0\.0\d+, \+0\.\d+&#93; \| &lt;0\.0001 \(delong\) \| pass \|/,
    );
  });
});

describe("baselines from git", () => {
  it("reads git:<ref>:<path> and defaults to the pull request's base commit", async () => {
    const g = (...a: string[]): string =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@e", ...a], { cwd: dir, encoding: "utf8" }).trim();
    g("init", "-q");
    copyFileSync(path.join(dir, "baseline.onnx"), path.join(dir, "model.onnx"));
    g("add", "model.onnx");
    g("commit", "-q", "-m", "base");
    const sha = g("rev-parse", "HEAD");
    copyFileSync(path.join(dir, "worse.onnx"), path.join(dir, "model.onnx"));
    const args = [
      "model",
      "--candidate",
      "model.onnx",
      "--data",
      "eval.csv",
      "--label",
      "y",
      "--task",
      "binary",
      "--features",
      FEATURES,
    ];
    const explicit = await runModel([...args, "--baseline", "git:HEAD:model.onnx"], dir);
    expect(explicit.code).toBe(1);
    expect(explicit.report?.subjects?.[1]?.path).toBe("git:HEAD:model.onnx");
    write(dir, "event.json", JSON.stringify({ pull_request: { base: { sha } } }));
    const pr = await runModel(args, dir, { GITHUB_EVENT_PATH: path.join(dir, "event.json") });
    expect(pr.code).toBe(1);
    expect(pr.report?.subjects?.[1]?.path).toBe(`git:${sha}:model.onnx`);
    expect(check(pr.report, "metric.roc_auc").status).toBe("fail");
    const none = await runMlgateQuiet([...args, "--baseline", "git:model.onnx"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "mlgate model: --baseline git:model.onnx: names no git ref and this is not a pull request; write git:<ref>:<path>, e.g. git:main:model.onnx\n",
    );
  });
});

async function runMlgateQuiet(args: string[]): Promise<{ code: number; stderr: string }> {
  const r = await runModel(args, dir, {}, "err.json");
  return { code: r.code, stderr: r.stderr };
}
