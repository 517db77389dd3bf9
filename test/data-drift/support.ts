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

/**
 * Columns: x ~ N(shift, 1); u ~ U(0, 1) + shift·sd(U); cat in a 50/30/15/5 mix (+ "new"). With
 * `blocks`, the table holds that many independent samples of n rows, told apart by `blk` (one
 * parallel query instead of many small ones; `sample` copies one out).
 */
export async function makeTable(
  conn: DuckDBConnection,
  name: string,
  n: number,
  seed: number,
  shape: Shape = {},
  blocks = 1,
): Promise<void> {
  const shift = shape.shift ?? 0;
  const fresh = shape.newCategory ?? 0;
  await conn.run(`CREATE OR REPLACE TABLE ${name} AS SELECT
      sqrt(-2 * ln(u1)) * cos(2 * pi() * u2) + ${shift} AS x,
      u3 + ${shift * Math.sqrt(1 / 12)} AS u,
      CASE WHEN u4 < ${fresh} THEN 'new' WHEN u5 < 0.5 THEN 'a' WHEN u5 < 0.8 THEN 'b' WHEN u5 < 0.95 THEN 'c' ELSE 'd' END AS cat
      ${blocks > 1 ? ", blk" : ""}
    FROM (SELECT ${[1, 2, 3, 4, 5].map((k) => `${uniform(seed, k)} AS u${k}`).join(", ")}, i // ${n} AS blk FROM range(${n * blocks}) t(i))`);
}

/** Copies block `blk` of a table made with `blocks` into its own table. */
export async function sample(conn: DuckDBConnection, name: string, pool: string, blk: number): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${name} AS SELECT x, u, cat FROM ${pool} WHERE blk = ${blk}`);
}
