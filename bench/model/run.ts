/**
 * Model gate benchmark: `npx tsx bench/model/run.ts [rows] [repeat]` (default 1,000,000 rows x 20
 * features, 3 repeats).
 *
 * In one run it measures, on the same machine and file:
 *   - the gate: `node <bundle>/cli.js model ...` under /usr/bin/time -v (wall time, peak RSS);
 *   - the floor: DuckDB's bare scan of the CSV (SELECT max(COLUMNS(*)) FROM read_csv(...)) plus bare
 *     onnxruntime inference of both models on pre-built float32 tensors (same session options and
 *     batch size as the gate, both models side by side);
 * and prints gate / (scan + inference). On a shared machine one run can be off by half a second, so
 * gate, scan and inference are measured `repeat` times, interleaved, and the ratio is taken of the
 * medians. Data, models and the bundle go to bench/out/ (gitignored).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import * as ort from "onnxruntime-node";
import { buildMlp } from "../../src/core/onnx/build.js";
import { sessionOptions } from "../../src/gates/model/session.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = path.join(ROOT, "bench/out/model");
const ROWS = Number(process.argv[2] ?? 1_000_000);
const REPEAT = Math.max(1, Number(process.argv[3] ?? 3));
const F = 20;
const BATCH = 4096;
const csv = path.join(OUT, `eval-${ROWS}.csv`);

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function makeData(): Promise<void> {
  if (existsSync(csv)) return;
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run("SELECT setseed(0.5)");
  const cols = Array.from({ length: F }, (_, j) => `round(random() * 2 - 1, 5) AS f${j}`).join(", ");
  await c.run(`COPY (SELECT ${cols}, (random() < 0.5)::INT AS label FROM range(${ROWS})) TO '${csv}' (HEADER)`);
  c.closeSync();
  db.closeSync();
}

function makeModels(): [string, string] {
  const files: [string, string] = [path.join(OUT, "candidate.onnx"), path.join(OUT, "baseline.onnx")];
  files.forEach((f, i) => {
    writeFileSync(f, buildMlp({ inputs: F, hidden: [64, 64], outputs: 1, seed: i + 1, head: "sigmoid" }));
  });
  return files;
}

async function scanMs(): Promise<number> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const t0 = process.hrtime.bigint();
  await c.runAndReadAll(`SELECT max(COLUMNS(*)) FROM read_csv('${csv}')`);
  const t = ms(t0);
  c.closeSync();
  db.closeSync();
  return t;
}

async function inferenceMs(models: [string, string]): Promise<number> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const r = await c.runAndReadAll(
    `SELECT ${Array.from({ length: F }, (_, j) => `f${j}::FLOAT`).join(", ")} FROM read_csv('${csv}')`,
  );
  const cols = r.getColumnsJS() as number[][];
  c.closeSync();
  db.closeSync();
  const x = new Float32Array(ROWS * F);
  for (let j = 0; j < F; j++) {
    const col = cols[j] ?? [];
    for (let i = 0; i < ROWS; i++) x[i * F + j] = col[i] ?? 0;
  }
  const tensors: ort.Tensor[] = [];
  for (let s = 0; s < ROWS; s += BATCH) {
    const n = Math.min(BATCH, ROWS - s);
    tensors.push(new ort.Tensor("float32", x.subarray(s * F, (s + n) * F), [n, F]));
  }
  const sessions = await Promise.all(models.map((m) => ort.InferenceSession.create(m, sessionOptions())));
  const t0 = process.hrtime.bigint();
  for (const t of tensors) await Promise.all(sessions.map((s) => s.run({ input: t })));
  const t = ms(t0);
  await Promise.all(sessions.map((s) => s.release()));
  return t;
}

/** The gate as users run it, with each progress line's time since start: where the time goes. */
const dist = path.join("bench/out/model/dist");

function buildBundle(): void {
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs")], {
    cwd: ROOT,
    env: { ...process.env, MLGATE_DIST_DIR: dist },
    stdio: "inherit",
  });
}

async function gateRun(models: [string, string]): Promise<{ wallMs: number; peakMb: number; code: number; phases: string[] }> {
  const args = [
    "-v",
    process.execPath,
    path.join(ROOT, dist, "cli.js"),
    "model",
    "--candidate",
    models[0],
    "--baseline",
    models[1],
  ];
  args.push("--data", csv, "--label", "label", "--task", "binary", "--json", path.join(OUT, "report.json"));
  const t0 = process.hrtime.bigint();
  const child = spawn("/usr/bin/time", args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const phases: string[] = [];
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    for (const line of d.toString().split("\n"))
      if (line.startsWith("mlgate model: ")) phases.push(`${(ms(t0) / 1000).toFixed(2)} s  ${line.slice(14)}`);
  });
  child.stdout.resume();
  const code = await new Promise<number>((resolve) =>
    child.on("close", (c) => {
      resolve(c ?? -1);
    }),
  );
  const wallMs = ms(t0);
  phases.push(`${(wallMs / 1000).toFixed(2)} s  exit ${code} (metrics, statistics, report, shutdown before this)`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
  if (code !== 0 && code !== 1) throw new Error(`gate failed (${code}): ${err}`);
  return { wallMs, peakMb: Number(rss ?? NaN) / 1024, code, phases };
}

mkdirSync(OUT, { recursive: true });
await makeData();
const models = makeModels();
buildBundle();
const f = (x: number): string => `${(x / 1000).toFixed(2)} s`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
console.log(
  `rows ${ROWS.toLocaleString("en-US")} x ${F} features, two ${F}->64->64->1 MLPs, ${ort.env.versions.common ? `onnxruntime ${ort.env.versions.common}` : "onnxruntime"}`,
);
const runs: { gate: Awaited<ReturnType<typeof gateRun>>; scan: number; infer: number }[] = [];
for (let r = 0; r < REPEAT; r++) {
  const gate = await gateRun(models);
  const scan = await scanMs();
  const infer = await inferenceMs(models);
  runs.push({ gate, scan, infer });
  console.log(
    `run ${r + 1}: gate ${f(gate.wallMs)} (peak RSS ${gate.peakMb.toFixed(0)} MB, exit ${gate.code})  scan ${f(scan)}  inference ${f(infer)}  ratio ${(gate.wallMs / (scan + infer)).toFixed(2)}`,
  );
}
const gateMs = median(runs.map((x) => x.gate.wallMs));
const scan = median(runs.map((x) => x.scan));
const infer = median(runs.map((x) => x.infer));
const floor = scan + infer;
const gate = runs.find((x) => x.gate.wallMs === gateMs)?.gate ?? runs[runs.length - 1]!.gate;
console.log(
  `median of ${REPEAT}: gate wall time (incl. node start, both models, latency, robustness) ${f(gateMs)}  peak RSS ${Math.max(...runs.map((x) => x.gate.peakMb)).toFixed(0)} MB`,
);
console.log(`floor: DuckDB bare scan ${f(scan)} + bare inference of both models ${f(infer)} = ${f(floor)}`);
console.log(
  `ratio gate / floor: ${(gateMs / floor).toFixed(2)} (median of the per-run ratios: ${median(runs.map((x) => x.gate.wallMs / (x.scan + x.infer))).toFixed(2)})`,
);
console.log(
  `gate phases${REPEAT > 1 ? (REPEAT % 2 ? " of the median run" : " of the last run") : ""} (time since start):\n  ${gate.phases.join("\n  ")}`,
);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(", ")} on ${os.availableParallelism()} cores`,
);
