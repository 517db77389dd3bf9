import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * Synthetic tables generated inside DuckDB. Uniforms come from hash(i·16 + k + seed·1e11): one
 * independent stream per (row, variable, seed), the same on any number of threads (setseed() +
 * random() is only reproducible single-threaded). Normals by Box–Muller.
 */
export function uniform(seed: number, k: number): string {
  return `((hash(i * 16 + ${k} + ${seed}::BIGINT * 100000000000) >> 11)::DOUBLE + 0.5) / 9007199254740992`;
}

export interface Shape {
  /** Mean shift in standard deviations, applied to the normal and the uniform column. */
  shift?: number;
  /** Share of rows given a category the reference never has. */
  newCategory?: number;
}

/** Columns: x ~ N(shift, 1); u ~ U(0, 1) + shift·sd(U); cat in a 50/30/15/5 mix (+ "new"). */
export async function makeTable(conn: DuckDBConnection, name: string, n: number, seed: number, shape: Shape = {}): Promise<void> {
  const shift = shape.shift ?? 0;
  const fresh = shape.newCategory ?? 0;
  await conn.run(`CREATE OR REPLACE TABLE ${name} AS SELECT
      sqrt(-2 * ln(${uniform(seed, 1)})) * cos(2 * pi() * ${uniform(seed, 2)}) + ${shift} AS x,
      ${uniform(seed, 3)} + ${shift * Math.sqrt(1 / 12)} AS u,
      CASE WHEN ${uniform(seed, 4)} < ${fresh} THEN 'new'
           ELSE (CASE WHEN ${uniform(seed, 5)} < 0.5 THEN 'a' WHEN ${uniform(seed, 5)} < 0.8 THEN 'b'
                      WHEN ${uniform(seed, 5)} < 0.95 THEN 'c' ELSE 'd' END) END AS cat
    FROM range(${n}) t(i)`);
}
