import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildMlp, seededRandom } from "../../src/core/onnx/build.js";
import type { Report } from "../../src/core/report.js";
import { allMetrics, prepareMetrics } from "../../src/gates/model/metrics.js";
import { compareEvaluators } from "../../src/gates/model/paired.js";
import { metricsWorkerFile } from "../../src/gates/model/prepare-concurrent.js";
import { distDir, ROOT, runCli } from "../support/cli.js";
import { binaryWorkspace, FEATURES } from "./harness.js";

const WORKER_LINE = "preparing the baseline's metrics on a worker thread";

/** The report without what is measured anew on every run: batch-1 latency and throughput. */
function deterministic(file: string): unknown {
  const r = JSON.parse(readFileSync(file, "utf8")) as Report & { metrics?: { latency?: unknown } };
  expect(r.metrics?.latency).toBeDefined();
  delete r.metrics?.latency;
  for (const sec of r.sections as { rows?: unknown[][] }[])
    if (sec.rows) sec.rows = sec.rows.filter((row) => !/^batch-(1 p50|256 throughput)/.test(String(row[0])));
  return r;
}

describe("mlgate model: the baseline's metrics on a worker thread", () => {
  it("the bundle ships the worker next to cli.js; running from source there is none, so metrics stay in-thread", () => {
    expect(existsSync(path.join(distDir(), "metrics-worker.js"))).toBe(true);
    expect(metricsWorkerFile()).toBeUndefined();
  });

  it("the bundled CLI uses the worker and writes the same report as the one-thread path", async () => {
    const dir = binaryWorkspace();
    const args = [
      "model",
      "--baseline",
      "baseline.onnx",
      "--candidate",
      "slice-worse.onnx",
      "--data",
      "eval.csv",
      "--label",
      "y",
      "--task",
      "binary",
      "--features",
      FEATURES,
      "--slice",
      "region",
    ];
    const [threaded, single] = await Promise.all([
      runCli([...args, "--json", "threaded.json"], { cwd: dir, env: { MLGATE_METRICS_WORKER: "1" } }),
      runCli([...args, "--json", "single.json"], { cwd: dir, env: { MLGATE_METRICS_WORKER: "0" } }),
    ]);
    expect(threaded.code).toBe(single.code);
    expect(threaded.stderr).toContain(WORKER_LINE);
    expect(single.stderr).not.toContain(WORKER_LINE);
    // The verdict line; the tables below it include the timing rows.
    expect(threaded.stdout.split("\n")[0]).toBe(single.stdout.split("\n")[0]);
    const a = deterministic(path.join(dir, "threaded.json"));
    expect(a).toEqual(deterministic(path.join(dir, "single.json")));
    expect(JSON.stringify(a)).toContain('"metric.roc_auc"');
  });

  it("multiclass with roc_auc compared: the worker's components and predictions give the same report", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-worker-multi-"));
    const rand = seededRandom(5);
    const rows = ["a,b,c,cls"];
    for (let i = 0; i < 4000; i++) {
      const x = [0, 1, 2].map(() => Number((rand() * 2 - 1).toFixed(4)));
      const best = x.indexOf(Math.max(...x));
      rows.push([...x, rand() < 0.7 ? best : Math.floor(rand() * 3)].join(","));
    }
    writeFileSync(path.join(dir, "multi.csv"), rows.join("\n") + "\n");
    for (const [name, seed] of [
      ["cand.onnx", 1],
      ["base.onnx", 2],
    ] as const)
      writeFileSync(path.join(dir, name), buildMlp({ inputs: 3, hidden: [4], outputs: 3, seed, head: "softmax" }));
    writeFileSync(path.join(dir, "mlgate.yml"), "gates:\n  model:\n    thresholds:\n      roc_auc: { max_drop: 0.5 }\n");
    const args = ["model", "--candidate", "cand.onnx", "--baseline", "base.onnx", "--data", "multi.csv"];
    args.push("--label", "cls", "--task", "multiclass", "--config", "mlgate.yml");
    const [threaded, single] = await Promise.all([
      runCli([...args, "--json", "threaded.json"], { cwd: dir, env: { MLGATE_METRICS_WORKER: "1" } }),
      runCli([...args, "--json", "single.json"], { cwd: dir, env: { MLGATE_METRICS_WORKER: "0" } }),
    ]);
    expect([threaded.code, single.code]).toEqual([0, 0]);
    expect(threaded.stderr).toContain(WORKER_LINE);
    const a = deterministic(path.join(dir, "threaded.json")) as { checks: { id: string; details?: { test?: string } }[] };
    expect(a).toEqual(deterministic(path.join(dir, "single.json")));
    expect(a.checks.find((c) => c.id === "metric.roc_auc")?.details?.test).toBe("delong");
  });

  it("a worker that fails to start leaves the metrics to the main thread: same verdict and checks", async () => {
    const dir = binaryWorkspace();
    const copy = mkdtempSync(path.join(os.tmpdir(), "mlgate-dist-"));
    cpSync(distDir(), path.join(copy, "dist"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
    writeFileSync(path.join(copy, "dist", "metrics-worker.js"), 'throw new Error("broken worker");\n');
    const args = ["model", "--baseline", "baseline.onnx", "--candidate", "worse.onnx", "--data", "eval.csv"];
    args.push("--label", "y", "--task", "binary", "--features", FEATURES);
    const env = { MLGATE_METRICS_WORKER: "1" };
    const fine = await runCli([...args, "--json", "fine.json"], { cwd: dir, env });
    // runCli runs the test bundle; this copy of it has a worker entry that throws on load.
    const r = spawnSync(process.execPath, [path.join(copy, "dist", "cli.js"), ...args, "--json", "broken.json"], {
      cwd: dir,
      env: { ...process.env, ...env, NO_COLOR: "1" },
      encoding: "utf8",
    });
    const broken = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    expect(fine.stderr).toContain(WORKER_LINE);
    expect(broken.stderr).toContain(WORKER_LINE);
    expect(broken.stderr).not.toContain("broken worker");
    expect([broken.code, broken.stdout.split("\n")[0]]).toEqual([fine.code, fine.stdout.split("\n")[0]]);
    expect(deterministic(path.join(dir, "broken.json"))).toEqual(deterministic(path.join(dir, "fine.json")));
  });
});

describe("prepareMetrics seeded with another evaluator's work (what the worker sends back)", () => {
  it("gives the same metrics, paired results and rankings as an evaluator that computed them itself", () => {
    const n = 3000;
    const c = 3;
    let state = 11;
    const rand = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const y = new Float64Array(n);
    const scores = (): Float64Array => {
      const s = new Float64Array(n * c);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let k = 0; k < c; k++) sum += s[i * c + k] = Math.fround(rand() + (y[i] === k ? 0.4 : 0));
        for (let k = 0; k < c; k++) s[i * c + k] = s[i * c + k]! / sum;
      }
      return s;
    };
    for (let i = 0; i < n; i++) y[i] = Math.floor(rand() * c);
    const cand = { scores: scores(), classes: c };
    const base = { scores: scores(), classes: c };
    const fresh = prepareMetrics("multiclass", y, base);
    const reference = allMetrics(prepareMetrics("multiclass", y, base));
    allMetrics(fresh);
    const work = fresh.cached();
    expect(work.rankings.map(([k]) => k)).toEqual([0, 1, 2]);
    expect(work.losses.map(([name]) => name).sort()).toEqual(["brier", "log_loss"]);
    const seeded = prepareMetrics("multiclass", y, base, work);
    expect(allMetrics(seeded)).toEqual(reference);
    const opts = { samples: 200, seed: 5 };
    const evC = prepareMetrics("multiclass", y, cand);
    for (const metric of ["roc_auc", "log_loss", "accuracy"])
      expect(compareEvaluators("multiclass", metric, y, evC, seeded, c, opts)).toEqual(
        compareEvaluators("multiclass", metric, y, evC, prepareMetrics("multiclass", y, base), c, opts),
      );
  });
});
