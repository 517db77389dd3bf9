/**
 * Does DuckDB's streamed result keep producing while its consumer is busy elsewhere?
 * `npx tsx bench/model/stream-overlap.ts [consumer-µs-per-chunk] [buffer]` (defaults 1000, 32MB) on
 * the model bench's CSV (run bench/model/run.ts first). It streams the gate's SELECT (20 FLOAT
 * features, the label) and after every 2,048-row chunk waits `consumer` µs — once sleeping, once
 * spinning — and prints the time in `stream()`, in `fetchChunk` and in the consumer. If DuckDB worked
 * ahead, the fetch waits would shrink as the consumer grows; they do not (see docs/benchmarks.md,
 * "The scan on the helper thread"), which is why the model gate fetches on a thread of its own.
 */
import path from "node:path";
import { openDuckDB } from "../../src/core/duckdb.js";
import { csvSource } from "../../src/core/table/stream.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const csv = path.join(ROOT, "bench/out/model/eval-1000000.csv");
const consumerUs = Number(process.argv[2] ?? 1000);
const buffer = process.argv[3] ?? "32MB";

async function once(mode: "sleep" | "spin"): Promise<void> {
  const db = await openDuckDB({ reads: "unrestricted" });
  try {
    await db.connection.run(`SET streaming_buffer_size = '${buffer}'`);
    const src = await csvSource(db.connection, csv, { name: "overlap" });
    if (!src) throw new Error(`${csv}: not a CSV the streamed reader takes (run bench/model/run.ts first)`);
    const select = [
      ...Array.from({ length: 20 }, (_, j) => `coalesce(TRY_CAST(f${j} AS FLOAT), 'NaN'::FLOAT)`),
      `coalesce(TRY_CAST(label AS DOUBLE), 'NaN'::DOUBLE)`,
    ];
    const t0 = performance.now();
    const result = await db.connection.stream(`SELECT ${select.join(", ")} FROM ${src.strictFrom}`);
    const started = performance.now() - t0;
    let waits = 0;
    let consumer = 0;
    let rows = 0;
    for (;;) {
      const w0 = performance.now();
      const chunk = await result.fetchChunk();
      waits += performance.now() - w0;
      if (!chunk || chunk.rowCount === 0) break;
      rows += chunk.rowCount;
      const c0 = performance.now();
      if (mode === "sleep") await new Promise((resolve) => setTimeout(resolve, consumerUs / 1000));
      else while (performance.now() - c0 < consumerUs / 1000);
      consumer += performance.now() - c0;
    }
    const total = performance.now() - t0;
    const f = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `${mode.padEnd(5)} ${rows.toLocaleString("en-US")} rows, buffer ${buffer}: total ${f(total)} = stream() ${f(started)} + fetch waits ${f(waits)} + consumer ${f(consumer)}`,
    );
  } finally {
    db.close();
  }
}

await once("sleep");
await once("spin");
