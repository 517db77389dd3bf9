// Data gate benchmark: mlgate vs pandas vs DuckDB's bare scan on the same generated CSV pair.
//
//   node bench/data/run.mjs [--rows 1000000] [--repeat 3] [--memory]
//
// Generates bench/out/data-<rows>/{reference,current}.csv (12 columns, `current` has one shifted
// column) once, builds mlgate into bench/out/dist, then times in one run, each the best of
// --repeat, each as a fresh process (start-up included, as a CI step pays it):
//   mlgate   `mlgate data` on the current file with the inferred contract, against the reference
//            (drift): the gate a pipeline runs on every change, compared with the targets
//   infer    `mlgate data infer` on the reference, reported on its own line: a one-off step that
//            writes the contract a person then reviews and commits, not part of each gate run
//   pandas   read_csv + describe() of both files (python3-pandas)
//   scan     DuckDB `SELECT max(COLUMNS(*)) FROM read_csv(...)` of both files (the engine's floor)
// --memory also runs the gate under /usr/bin/time -v and reports its peak resident memory.
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg("rows", "1000000"));
const repeat = Number(arg("repeat", "3"));
const memory = process.argv.includes("--memory");
const out = path.join(root, "bench/out", `data-${rows}`);
mkdirSync(out, { recursive: true });

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ["north", "south", "east", "west", "central"];
const SEGMENTS = Array.from({ length: 12 }, (_, i) => `seg_${String.fromCharCode(97 + i)}`);
const CHANNELS = ["web", "store", "phone"];

async function generate(file, seed, shift) {
  if (existsSync(file) && statSync(file).size > rows * 40) return;
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const ws = createWriteStream(file);
  ws.write("id,age,income,balance,score,tenure,rate,visits,region,segment,channel,label\n");
  let buf = "";
  for (let i = 0; i < rows; i++) {
    const income = Math.exp(10.5 + 0.5 * normal());
    buf += `${i + 1},${18 + Math.floor(r() * 72)},${income.toFixed(2)},${(1000 + 400 * normal() + shift * 400).toFixed(2)},${Math.round(650 + 80 * normal())},${Math.floor(r() * 40)},${r().toFixed(4)},${Math.floor(-Math.log(1 - r()) * 3)},${REGIONS[Math.floor(r() * 5)]},${SEGMENTS[Math.floor(r() * r() * 12)]},${CHANNELS[Math.floor(r() * 3)]},${r() < 0.2 ? 1 : 0}\n`;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await new Promise((res) => ws.once("drain", res));
      buf = "";
    }
  }
  ws.write(buf);
  await new Promise((res) => ws.end(res));
}

const reference = path.join(out, "reference.csv");
const current = path.join(out, "current.csv");
process.stderr.write(`generating ${rows} rows x 12 columns into ${path.relative(root, out)} (cached)\n`);
await generate(reference, 1, 0);
await generate(current, 2, 0.5); // balance shifted by 0.5 sd: the one drifted column

const dist = path.join(root, "bench/out/dist");
execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], {
  cwd: root,
  env: { ...process.env, MLGATE_DIST_DIR: path.relative(root, dist) },
  stdio: "inherit",
});

const TIME = "/usr/bin/time";

/** Wall and CPU seconds (user + system, all threads) and peak memory of one fresh process. */
function timed(cmd, args) {
  const r = spawnSync(TIME, ["-f", "MLGATE_TIME %e %U %S %M", cmd, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0 && !(cmd === process.execPath && r.status === 1)) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  const m = /MLGATE_TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no timing from ${TIME}: ${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024 };
}

const rel = (p) => path.relative(root, p);
const schema = path.join(out, "schema.yml");
const cli = path.join(dist, "cli.js");
const infer = () => timed(process.execPath, [cli, "data", "infer", "--data", rel(reference), "--out", rel(schema), "-q"]);
const mlgate = () =>
  timed(process.execPath, [
    cli,
    "data",
    "--data",
    rel(current),
    "--schema",
    rel(schema),
    "--reference",
    rel(reference),
    "-q",
    "--json",
    rel(path.join(out, "report.json")),
  ]);
const pandasScript = `import sys, pandas as pd\nfor f in sys.argv[1:]:\n    pd.read_csv(f).describe()\n`;
// Debian's python3-pandas lives under /usr/bin/python3 (a pyenv python3 may shadow it on PATH).
const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const pandas = () => timed(python, ["-c", pandasScript, reference, current]);
const scanScript = `
import { DuckDBInstance } from "@duckdb/node-api";
const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
for (const f of process.argv.slice(1)) await c.run(\`SELECT max(COLUMNS(*)) FROM read_csv('\${f}')\`);
`;
const scan = () => timed(process.execPath, ["--input-type=module", "-e", scanScript, reference, current]);

// Best wall time of `repeat` runs (the least disturbed by other load); CPU is reported alongside.
const best = (f) => Array.from({ length: repeat }, f).reduce((b, x) => (x.wall < b.wall ? x : b));
const results = {};
// infer first: the gate runs read the contract it writes.
for (const [name, f] of [
  ["infer", infer],
  ["scan", scan],
  ["mlgate", mlgate],
  ["pandas", pandas],
]) {
  process.stderr.write(`timing ${name} (best of ${repeat})\n`);
  results[name] = best(f);
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const fmt = (x) => x.toFixed(2);
const row = (name, r) => `| ${name} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${r.rssMiB.toFixed(0)} |`;
console.log(
  `machine: ${cpu}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log(
  `data: ${rows} rows x 12 columns, ${(statSync(reference).size / 2 ** 20).toFixed(0)} MiB + ${(statSync(current).size / 2 ** 20).toFixed(0)} MiB CSV`,
);
console.log("| run | wall s | CPU s | peak MiB |");
console.log("|---|---:|---:|---:|");
console.log(row("mlgate data: current vs reference (inferred contract, drift)", results.mlgate));
console.log(row("pandas: read_csv + describe, both files", results.pandas));
console.log(row("DuckDB bare scan, both files", results.scan));
console.log(row("one-off, not compared: mlgate data infer (reference)", results.infer));
console.log(
  `pandas / mlgate: wall ${fmt(results.pandas.wall / results.mlgate.wall)}x, CPU ${fmt(results.pandas.cpu / results.mlgate.cpu)}x (target >= 2)`,
);
console.log(
  `mlgate / scan:   wall ${fmt(results.mlgate.wall / results.scan.wall)}x, CPU ${fmt(results.mlgate.cpu / results.scan.cpu)}x (target <= 1.5)`,
);

if (memory) {
  const r = spawnSync(
    "/usr/bin/time",
    ["-v", process.execPath, cli, "data", "--data", rel(current), "--schema", rel(schema), "--reference", rel(reference), "-q"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  console.log(`peak memory of mlgate data: ${(kb / 1024).toFixed(0)} MiB (target < 1024)`);
}
