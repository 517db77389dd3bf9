/**
 * How every fuzz property in npm test runs: a fixed seed (the same cases on every machine, so a
 * failure reproduces from its printed seed and path), a fixed number of runs with no time limit (a
 * loaded machine takes longer, it never checks fewer cases), and the executed count asserted.
 */
import fc from "fast-check";
import { expect } from "vitest";

export const FUZZ_SEED = 20261206;
export const FUZZ_RUNS = 1000;

/** Fails with fast-check's report (seed, path, counterexample); otherwise asserts `runs` cases ran. */
function settle<Ts>(d: fc.RunDetails<Ts>, runs: number): void {
  if (d.failed) {
    const why = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
    throw new Error(`${fc.defaultReportMessage(d) ?? "property failed"}\nGot: ${why}`, { cause: d.errorInstance });
  }
  expect(d.interrupted).toBe(false);
  expect(d.numSkips).toBe(0);
  expect(d.numRuns).toBe(runs);
}

export function assertRuns<Ts>(property: fc.IProperty<Ts>, runs = FUZZ_RUNS): void {
  settle(fc.check(property, { numRuns: runs, seed: FUZZ_SEED }), runs);
}

export async function assertRunsAsync<Ts>(property: fc.IAsyncProperty<Ts>, runs = FUZZ_RUNS): Promise<void> {
  settle(await fc.check(property, { numRuns: runs, seed: FUZZ_SEED }), runs);
}
