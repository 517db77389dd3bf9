/**
 * Cost of computeDrift at n = 1M: 10 numeric + 2 categorical columns, 1M rows in each table,
 * against a bare max() scan of both tables. Run: npx tsx test/data-drift/bench-1m.ts
 */
import { openDuckDB } from "../../src/core/duckdb.js";
import { computeDrift, type DriftColumn } from "../../src/gates/data/drift.js";
import { uniform } from "./support.js";

const ROWS = 1_000_000;

function columnsSql(seed: number, shift: number): string {
  const normals = Array.from(
    { length: 10 },
    (_, k) => `sqrt(-2 * ln(${uniform(seed, k)})) * cos(2 * pi() * ${uniform(seed, k + 10)}) + ${shift} AS x${k}`,
  );
  const c0 = `(['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'd'])[1 + floor(${uniform(seed, 14)} * 10)::INT] AS c0`;
  const c1 = `floor(${uniform(seed, 15)} * 50)::INT::VARCHAR AS c1`;
  return [...normals, c0, c1].join(", ");
}

const db = await openDuckDB({ reads: "unrestricted" });
const conn = db.connection;
await conn.run(`CREATE TABLE ref AS SELECT ${columnsSql(1, 0)} FROM range(${ROWS}) t(i)`);
await conn.run(`CREATE TABLE cur AS SELECT ${columnsSql(2, 0.05)} FROM range(${ROWS}) t(i)`);
const columns: DriftColumn[] = [
  ...Array.from({ length: 10 }, (_, k): DriftColumn => ({ name: `x${k}`, kind: "numeric" })),
  { name: "c0", kind: "categorical" },
  { name: "c1", kind: "categorical" },
];
for (let run = 1; run <= 3; run++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await computeDrift(conn, "cur", "ref", columns, { psiFloor: 0.1, jsFloor: 0.1, alpha: 0.05, mode: "warn" });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const scanStarted = performance.now();
  for (const t of ["ref", "cur"]) await conn.runAndReadAll(`SELECT ${columns.map((c) => `max(${c.name})`).join(", ")} FROM ${t}`);
  const scan = performance.now() - scanStarted;
  console.log(
    `run ${run}: 12 columns x ${ROWS} rows x 2 tables: ${wall.toFixed(0)} ms wall (${(wall / 12).toFixed(0)} ms/column), ` +
      `${cpuMs.toFixed(0)} ms process CPU (${(cpuMs / 12).toFixed(0)} ms/column); bare max() of both tables ${scan.toFixed(0)} ms`,
  );
}
db.close();
