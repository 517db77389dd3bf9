// What the data gate's aggregates cost, one family at a time, on the bench's current file
// (run bench/data/run.mjs first to generate it). Each line is the CPU time (all threads, best of
// --repeat) of `SELECT <family> FROM read_csv(...)` minus the same scan with `count(*)` only, i.e.
// what that family adds to one pass; the first lines are the scans themselves.
//
//   node bench/data/aggregate-costs.mjs [--rows 1000000] [--repeat 5]
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg("rows", "1000000"));
const repeat = Number(arg("repeat", "5"));
const file = path.join(root, "bench/out", `data-${rows}`, "current.csv");
const { DuckDBInstance } = createRequire(import.meta.url)("@duckdb/node-api");
const db = await DuckDBInstance.create(":memory:", { threads: "2", memory_limit: "512MB" });
const conn = await db.connect();
const types = {
  id: "BIGINT",
  age: "BIGINT",
  income: "DOUBLE",
  balance: "DOUBLE",
  score: "BIGINT",
  tenure: "BIGINT",
  rate: "DOUBLE",
  visits: "BIGINT",
  region: "VARCHAR",
  segment: "VARCHAR",
  channel: "VARCHAR",
  label: "BIGINT",
};
const columns = `{${Object.entries(types)
  .map(([k, v]) => `'${k}': '${v}'`)
  .join(", ")}}`;
const scan = `read_csv('${file}', auto_detect=false, header=true, delim=',', quote='"', escape='"', columns=${columns})`;

async function cpu(select) {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const u = process.cpuUsage();
    await conn.runAndReadAll(`SELECT ${select} FROM ${scan}`);
    const d = process.cpuUsage(u);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

const ints = ["age", "score", "tenure", "visits", "label"];
const doubles = ["income", "balance", "rate"];
const texts = ["region", "segment", "channel"];
const numbers = [...ints, ...doubles];
const edges = `string_split('${Array.from({ length: 99 }, (_, k) => (k + 1) / 100).join(",")}', ',')::DOUBLE[]`;
const families = [
  ["count(col) of every column (required rules, missing %)", Object.keys(types).map((c) => `count(${c})`)],
  ["min, max, avg of 9 number columns (profile)", ["id", ...numbers].flatMap((c) => [`min(${c})`, `max(${c})`, `avg(${c})`])],
  [
    "range rules: count(*) FILTER (x < a OR x > b), 8 columns",
    numbers.map((c) => `count(*) FILTER (WHERE ${c} < 1 OR ${c} > 1000)`),
  ],
  ["count(DISTINCT id) (unique, primary key)", ["count(DISTINCT id)"]],
  ["approx_count_distinct of id (profile above 2M rows)", ["approx_count_distinct(id)"]],
  ["count(DISTINCT x) of 5 integer columns (profile up to 2M rows)", ints.map((c) => `count(DISTINCT ${c})`)],
  ["approx_count_distinct of 5 integer columns (profile above 2M rows)", ints.map((c) => `approx_count_distinct(${c})`)],
  ["value counts of 5 integer columns: histogram(x)", ints.map((c) => `histogram(${c})`)],
  ["value counts of 3 text columns: histogram(x)", texts.map((c) => `histogram(${c})`)],
  ["drift bins of 3 double columns: histogram(x, 99 edges)", doubles.map((c) => `histogram(${c}, ${edges})`)],
  ["drift extremes and sd of 3 double columns", doubles.flatMap((c) => [`min(${c})`, `max(${c})`, `stddev_samp(${c})`])],
];

const floor = await cpu("count(*)");
const full = await cpu(
  Object.keys(types)
    .map((c) => `max(${c})`)
    .join(", "),
);
console.log(`${rows} rows, ${path.relative(root, file)}, CPU ms (user + system, all threads), best of ${repeat}`);
console.log(`| what | CPU ms |\n|---|---:|`);
console.log(`| scan, count(*) only (parses, converts no column) | ${floor.toFixed(0)} |`);
console.log(`| bare scan, max(COLUMNS(*)) (the bench's floor, per file) | ${full.toFixed(0)} |`);
let sum = 0;
for (const [name, items] of families) {
  const extra = (await cpu(["count(*)", ...items].join(", "))) - floor;
  sum += extra;
  console.log(`| + ${name} | ${extra.toFixed(0)} |`);
}
console.log(`| sum of the families above | ${sum.toFixed(0)} |`);
