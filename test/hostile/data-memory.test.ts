/**
 * Hostile input, the data side's budgets (issue 17): DuckDB's memory sized from the machine and
 * configurable, out-of-memory as one sentence, batch size and report paths checked as user input.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { duckdbMemoryLimit, MIN_MEMORY, openDuckDB, outOfMemory } from "../../src/core/duckdb.js";
import { ROOT, runCli } from "../support/cli.js";
import { runMlgate } from "../data/harness.js";

const MiB = 1024 * 1024;

function folderWithCsv(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hostile-mem-"));
  writeFileSync(path.join(dir, "d.csv"), "a,b\n1,2\n3,4\n");
  return dir;
}

describe("DuckDB's memory budget", () => {
  it("defaults to a quarter of the available memory, at least 256 MiB", () => {
    const limit = duckdbMemoryLimit(undefined, {});
    const available = process.availableMemory();
    expect(limit).toBe(Math.max(MIN_MEMORY, Math.floor(available / 4)));
    expect(limit).toBeGreaterThanOrEqual(256 * MiB);
  });

  it("--memory-limit wins over MLGATE_MEMORY_LIMIT, which wins over the default", () => {
    expect(duckdbMemoryLimit({ value: "1gb", name: "--memory-limit" }, { MLGATE_MEMORY_LIMIT: "2gb" })).toBe(1024 * MiB);
    expect(duckdbMemoryLimit(undefined, { MLGATE_MEMORY_LIMIT: "2gb" })).toBe(2048 * MiB);
  });

  it.each([
    [
      ["data", "--data", "d.csv", "--memory-limit", "lots"],
      {},
      'mlgate data: --memory-limit "lots" is not a size; use a positive number with b, kb, mb or gb, such as 10mb',
    ],
    [
      ["data", "--data", "d.csv"],
      { MLGATE_MEMORY_LIMIT: "100mb" },
      'mlgate data: MLGATE_MEMORY_LIMIT "100mb" is below the least DuckDB needs, 256mb',
    ],
    [
      ["data", "infer", "--data", "d.csv", "--out", "s.yml", "--memory-limit", "1x"],
      {},
      'mlgate data infer: --memory-limit "1x" is not a size; use a positive number with b, kb, mb or gb, such as 10mb',
    ],
  ])("%j %j: exit 2, one sentence", async (args, env, message) => {
    const r = await runMlgate(args, folderWithCsv(), env);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.code).toBe(2);
  });

  it("a budget the data gate stays within reads the file", async () => {
    const r = await runMlgate(["data", "--data", "d.csv", "--memory-limit", "300mb", "--quiet"], folderWithCsv());
    expect([r.code, r.stderr]).toEqual([0, ""]);
  });

  it("DuckDB running out of memory is one sentence naming the budget and the way to raise it", async () => {
    const db = await openDuckDB({ memoryLimit: "256MiB", threads: 1, reads: "unrestricted" });
    let caught: unknown;
    try {
      await db.connection.run("SELECT list(i) FROM range(100000000) t(i)");
    } catch (e) {
      caught = e;
    } finally {
      db.close();
    }
    expect(outOfMemory(caught, 256 * MiB, "the data gate on d.csv")?.message).toBe(
      "DuckDB ran out of memory (limit 0.3 GiB) in the data gate on d.csv; raise it with --memory-limit or MLGATE_MEMORY_LIMIT, or give fewer columns",
    );
    expect(outOfMemory(new Error("Binder Error: no such column"), 256 * MiB, "x")).toBeUndefined();
  });
});

describe("report paths and batch sizes are user input", () => {
  it("--json naming a folder: exit 2, one sentence", async () => {
    const dir = folderWithCsv();
    mkdirSync(path.join(dir, "out"));
    const r = await runMlgate(["data", "--data", "d.csv", "--json", "out", "--quiet"], dir);
    expect(r.stderr).toBe(`mlgate data: --json out: is a folder; name a file, such as ${path.join("out", "report.json")}\n`);
    expect(r.code).toBe(2);
  });

  it.each([
    [
      "--batch-size",
      "1000000000000",
      "mlgate model: --batch-size 1000000000000 is over the most rows per batch, 1,048,576; batches of a few thousand rows are as fast",
    ],
    [
      "--batch-size",
      "1048577",
      "mlgate model: --batch-size 1048577 is over the most rows per batch, 1,048,576; batches of a few thousand rows are as fast",
    ],
    [
      "--memory-limit",
      "1tb",
      'mlgate model: --memory-limit "1tb" is not a size; use a positive number with b, kb, mb or gb, such as 10mb',
    ],
  ])("model %s %s: exit 2, one sentence", async (flag, value, message) => {
    const r = await runCli(
      [
        "model",
        "--candidate",
        "examples/models/candidate.onnx",
        "--baseline",
        "none",
        "--data",
        "examples/eval/churn-eval.csv",
        "--label",
        "churned",
        "--task",
        "binary",
        flag,
        value,
        "--quiet",
      ],
      { cwd: ROOT },
    );
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.code).toBe(2);
  });
});
