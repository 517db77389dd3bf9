/**
 * What the crash guard (src/cli/crash-guard.ts) costs: a one-model `mlgate onnx` run with the gate in a
 * child process (the default) against the same run in one process (`MLGATE_CRASH_GUARD=off`), in
 * alternation so machine load hits both alike. Prints every wall time, the medians, the difference and
 * the ratio; a bare `node -e 0` is timed alongside (the guard's floor is one more Node start).
 *
 *   npm run build && npx tsx bench/onnx/crash-guard.ts [--runs N] [--model FILE]
 *   npm run build && npx tsx bench/onnx/crash-guard.ts --gate model [--rows N]
 *
 * `--gate model`: the demo's model gate (examples/mlgate.yml) on the example evaluation rows repeated
 * to N rows (default 400,000), where the guard also marks every scored batch.
 *
 * Bounded: N (default 10) runs of each, about 1 s each (onnx) on a loaded 2-core machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Math.min(50, Math.max(1, Number(arg("runs") ?? 10)));
const model = path.resolve(arg("model") ?? path.join(root, "examples/models/candidate.onnx"));
const cli = path.join(root, "dist/cli.js");

function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: "ignore", timeout: 60_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${String(r.status)} (${String(r.signal)}) for ${args.join(" ")}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const which = arg("gate") ?? "onnx";
let scratch: string | undefined;
let gate: string[];
if (which === "model") {
  const rows = Math.max(4000, Number(arg("rows") ?? 400_000));
  const [header, ...body] = readFileSync(path.join(root, "examples/eval/churn-eval.csv"), "utf8").trimEnd().split("\n");
  const out: string[] = [header ?? ""];
  for (let i = 0; out.length <= rows; i++) out.push(body[i % body.length] ?? "");
  scratch = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-guard-"));
  const data = path.join(scratch, "eval.csv");
  writeFileSync(data, `${out.join("\n")}\n`);
  const config = path.join(root, "examples/mlgate.yml");
  gate = ["model", "--config", config, "--data", data, "--quiet", "--no-publish"];
  console.log(`model gate on ${rows.toLocaleString("en")} rows (${data})`);
} else if (which === "onnx") gate = ["onnx", "--model", model, "--quiet", "--no-publish"];
else throw new Error(`--gate ${which}: use onnx or model`);
const guarded: number[] = [];
const inProcess: number[] = [];
const bare: number[] = [];
for (let i = 0; i < runs; i++) {
  guarded.push(wall([cli, ...gate], {}));
  inProcess.push(wall([cli, ...gate], { MLGATE_CRASH_GUARD: "off" }));
  bare.push(wall(["-e", "0"], {}));
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(
  `${which === "onnx" ? `model: ${path.relative(process.cwd(), model)}` : "gate: model"}; ${runs} runs each, alternating`,
);
console.log(`guarded (default)        ms: ${fmt(guarded)}  median ${median(guarded).toFixed(0)}`);
console.log(`MLGATE_CRASH_GUARD=off   ms: ${fmt(inProcess)}  median ${median(inProcess).toFixed(0)}`);
console.log(`node -e 0                ms: ${fmt(bare)}  median ${median(bare).toFixed(0)}`);
const diff = median(guarded) - median(inProcess);
console.log(`added by the guard: ${diff.toFixed(0)} ms (ratio ${(median(guarded) / median(inProcess)).toFixed(2)})`);
