/**
 * The ONNX gate against ONNX's own backend tests (Debian's libonnx-testdata: node/, pytorch-*, simple/):
 *
 *   npx tsx bench/onnx/conformance.ts [--root DIR] [--sample N] [--jobs N] [--json FILE] [--check]
 *   npx tsx bench/onnx/conformance.ts --without-inputs [--root DIR] [--sample N] [--jobs N] [--json FILE]
 *
 * For every case: onnxruntime alone on the stored inputs (does it reproduce the stored outputs?),
 * the gate with its default config on the same data, and the gate on a perturbed twin. Prints both
 * tallies, every case where the gate and onnxruntime disagree, and the CPU time per case.
 * `--sample N` takes N cases spread evenly over the sorted list (the same N always gives the same
 * cases); `--jobs N` runs N worker processes. `--check` exits 1 on any unexplained disagreement: a
 * false fail (the gate fails a case onnxruntime reproduces), a missed perturbation (a twin the gate
 * passes), or a pass of a case onnxruntime does not reproduce that random operators do not explain.
 * `--without-inputs` withholds the reference data: the gate makes up every input, and the tally is of
 * the models that run on those inputs, that do not (with onnxruntime's reason), and checks skipped.
 */
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_ROOT,
  disagreement,
  listCases,
  runCase,
  runCaseWithoutInputs,
  sample,
  type CaseResult,
  type SynthResult,
} from "./conformance-case.js";

const WITHOUT_INPUTS = process.argv.includes("--without-inputs");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function worker(): void {
  const root = arg("root") ?? DEFAULT_ROOT;
  process.on("message", (msg: { case?: string }) => {
    if (!msg.case) process.exit(0);
    void (WITHOUT_INPUTS ? runCaseWithoutInputs(root, msg.case) : runCase(root, msg.case)).then((r) => process.send!(r));
  });
  process.send!({ ready: true });
}

async function main(): Promise<void> {
  const root = arg("root") ?? DEFAULT_ROOT;
  const all = listCases(root);
  const cases = arg("sample") ? sample(all, Number(arg("sample"))) : all;
  const jobs = Math.max(1, Number(arg("jobs") ?? "1"));
  const t0 = performance.now();
  const results: (CaseResult | SynthResult)[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      // One process per worker; a case that kills its process (a native crash) is recorded, the rest go on.
      while (next < cases.length) {
        await new Promise<void>((resolve) => {
          const child = fork(
            fileURLToPath(import.meta.url),
            ["--worker", "--root", root, ...(WITHOUT_INPUTS ? ["--without-inputs"] : [])],
            {
              execArgv: process.execArgv,
              stdio: ["ignore", "ignore", "inherit", "ipc"],
            },
          );
          let current: string | undefined;
          const give = (): void => {
            if (next >= cases.length) {
              current = undefined;
              child.send({});
              return;
            }
            current = cases[next++]!;
            child.send({ case: current });
          };
          child.on("message", (m: CaseResult | SynthResult | { ready: true }) => {
            if ("case" in m) {
              results.push(m);
              process.stderr.write(`\r${results.length}/${cases.length}`);
            }
            give();
          });
          child.on("exit", (code, signal) => {
            if (current) {
              const why = `the process died (${signal ?? `exit ${code}`})`;
              if (WITHOUT_INPUTS) results.push({ case: current, synth: "fails", why, skipped: [], warned: [], failed: [] });
              else
                results.push({
                  case: current,
                  ort: "run",
                  ortWhy: why,
                  gate: 2,
                  gateStatus: "error",
                  gateWhy: why,
                  failed: [],
                  warned: [],
                  random: [],
                  ms: 0,
                  cpuMs: 0,
                });
            }
            resolve();
          });
        });
      }
    }),
  );
  process.stderr.write("\n");
  results.sort((a, b) => a.case.localeCompare(b.case));
  const wall = (performance.now() - t0) / 1000;
  const out = arg("json");
  if (out) writeFileSync(out, JSON.stringify(results, null, 1));
  if (WITHOUT_INPUTS) {
    reportWithoutInputs(results as SynthResult[], wall, jobs);
    return;
  }
  const full = results as CaseResult[];
  report(full, wall, jobs);
  if (process.argv.includes("--check") && full.some((r) => disagreement(r)?.startsWith("unexplained"))) process.exitCode = 1;
}

const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

function report(results: CaseResult[], wall: number, jobs: number): void {
  const n = results.length;
  const count = (f: (r: CaseResult) => boolean): number => results.filter(f).length;
  const row = (label: string, k: number, of = n): void => {
    console.log(`| ${label} | ${k}${of !== n ? ` of ${of}` : ""} | ${pct(k, of)} |`);
  };
  const repro = count((r) => r.ort === "ok");
  const notRepro = count((r) => r.ort !== "ok" && r.ort !== "unreadable");
  console.log(`ONNX backend test cases: ${n} (wall ${wall.toFixed(1)} s, ${jobs} worker(s))\n`);
  console.log("| | cases | share |");
  console.log("|---|--:|--:|");
  row("onnxruntime alone reproduces the stored outputs", repro);
  row(
    "onnxruntime alone: loads but differs or fails to run",
    count((r) => r.ort === "differs" || r.ort === "run"),
  );
  row(
    "onnxruntime alone: does not load",
    count((r) => r.ort === "load"),
  );
  row(
    "gate passes (exit 0)",
    count((r) => r.gate === 0),
  );
  row(
    "gate fails (exit 1)",
    count((r) => r.gate === 1),
  );
  row(
    "gate cannot read the test data (exit 2)",
    count((r) => r.gate === 2),
  );
  row(
    "false fails: the gate fails a case onnxruntime reproduces",
    count((r) => r.ort === "ok" && r.gate !== 0),
    repro,
  );
  row(
    "perturbed twins caught (exit 1)",
    count((r) => r.twin === 1),
    repro,
  );
  row(
    "the gate passes a case onnxruntime does not reproduce",
    count((r) => r.ort !== "ok" && r.ort !== "unreadable" && r.gate === 0),
    notRepro,
  );
  const ms = results.map((r) => r.ms);
  const cpu = results.map((r) => r.cpuMs);
  console.log(
    `\nper case (onnxruntime alone + gate + twin, in process): wall median ${(median(ms) / 1000).toFixed(3)} s, max ${(Math.max(...ms) / 1000).toFixed(2)} s; CPU median ${(median(cpu) / 1000).toFixed(3)} s`,
  );
  const listed = results.map((r) => ({ r, why: disagreement(r) })).filter((x) => x.why);
  console.log(listed.length ? "\nDisagreements with onnxruntime alone:" : "\nDisagreements with onnxruntime alone: none");
  for (const { r, why } of listed)
    console.log(
      `- ${r.case}: ${why}; onnxruntime ${r.ort}${r.ortWhy ? ` (${r.ortWhy.slice(0, 100)})` : ""}; gate exit ${r.gate}${r.failed.length ? ` [${r.failed.join(", ")}]` : ""}${r.twin !== undefined ? `; twin exit ${r.twin}` : ""}`,
    );
  const warnings = new Map<string, number>();
  for (const r of results) for (const w of r.warned) warnings.set(w.split(".")[0]!, (warnings.get(w.split(".")[0]!) ?? 0) + 1);
  if (warnings.size) console.log(`\nwarnings by check family: ${[...warnings].map(([k, v]) => `${k} ${v}`).join(", ")}`);
}

function reportWithoutInputs(results: SynthResult[], wall: number, jobs: number): void {
  const n = results.length;
  const count = (k: SynthResult["synth"]): number => results.filter((r) => r.synth === k).length;
  console.log(`ONNX backend test cases, reference inputs withheld: ${n} (wall ${wall.toFixed(1)} s, ${jobs} worker(s))\n`);
  console.log("| | cases | share |");
  console.log("|---|--:|--:|");
  console.log(`| runs on synthesised inputs | ${count("runs")} | ${pct(count("runs"), n)} |`);
  console.log(`| does not run on synthesised inputs | ${count("fails")} | ${pct(count("fails"), n)} |`);
  console.log(
    `| inputs cannot be synthesised (sequence, optional, no shape) | ${count("unsupported")} | ${pct(count("unsupported"), n)} |`,
  );
  console.log(`| does not load | ${count("load")} | ${pct(count("load"), n)} |`);
  console.log(`| unreadable | ${count("unreadable")} | ${pct(count("unreadable"), n)} |`);
  console.log(`| gate fails (exit 1) | ${results.filter((r) => r.failed.length).length} | |`);
  console.log("\nDoes not run on synthesised inputs:");
  for (const r of results.filter((x) => x.synth === "fails")) console.log(`- ${r.case}: ${(r.why ?? "").slice(0, 160)}`);
  const skipped = results.filter((r) => r.skipped.some((s) => s.includes("synthesised")));
  if (skipped.length) {
    console.log("\nChecks skipped because no valid value could be made up:");
    for (const r of skipped)
      console.log(
        `- ${r.case}: ${r.skipped
          .filter((s) => s.includes("synthesised"))
          .join("; ")
          .slice(0, 200)}`,
      );
  }
}

if (process.argv.includes("--worker")) worker();
else await main();
