import { describe, expect, it } from "vitest";
import { createRing, labelOk, readRing, RingWriter, type RingBatch } from "../../src/gates/model/scan-ring.js";

/** Writes `batches` batches of `rows` rows: feature j of row r is batch*100 + r + j/10, label r % 2, code batch. */
function fill(writer: RingWriter, batches: number, rows: number, features: number): void {
  for (let b = 0; b < batches; b++) {
    const slot = writer.slot();
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < features; j++) slot.values[r * features + j] = b * 100 + r + j / 10;
      slot.labels[r] = r % 2;
      (slot.codes[0] as Int32Array)[r] = b;
    }
    if (b === 1) slot.values[0] = NaN;
    writer.publish(rows, b === 1 ? 1 : 0, b === 2 ? 3 : 0);
  }
}

async function readAll(it: AsyncGenerator<RingBatch>, features: number): Promise<number[][]> {
  const seen: number[][] = [];
  for await (const b of it)
    seen.push([
      b.rows,
      b.nan,
      b.badLabels,
      b.values[features] as number,
      b.labels[1] as number,
      (b.codes[0] as Int32Array)[0] as number,
    ]);
  return seen;
}

describe("the scan ring between the helper thread and the main thread", () => {
  it("counts as bad the labels the task cannot score", () => {
    const ok = (task: "binary" | "multiclass" | "regression", xs: number[]): boolean[] => xs.map((x) => labelOk(task, x));
    expect(ok("binary", [0, 1, 2, 0.5, -1, NaN])).toEqual([true, true, false, false, false, false]);
    expect(ok("multiclass", [0, 1, 7, 0.5, -1, NaN])).toEqual([true, true, true, false, false, false]);
    expect(ok("regression", [0, -3.5, 1e9, NaN])).toEqual([true, true, true, false]);
  });

  it("hands over every published batch in order, with its rows, NaN count, labels and codes", async () => {
    const ring = createRing({ task: "binary", features: 3, groups: 1, batch: 4, dtype: "float32" });
    expect(ring.slots).toBe(64);
    const w = new RingWriter(ring);
    fill(w, 5, 4, 3);
    w.finish();
    // Row 1, feature 0 of batch b: b*100 + 1.
    expect(await readAll(readRing(ring, Promise.resolve(20)), 3)).toEqual([
      [4, 0, 0, 1, 1, 0],
      [4, 1, 0, 101, 1, 1],
      [4, 0, 3, 201, 1, 2],
      [4, 0, 0, 301, 1, 3],
      [4, 0, 0, 401, 1, 4],
    ]);
  });

  it("wraps around its slots while the reader keeps up", async () => {
    const ring = createRing({ task: "binary", features: 1, groups: 1, batch: 1 << 20, dtype: "float64" });
    // 32 MiB of float64 features: 4 slots of 1M rows.
    expect(ring.slots).toBe(4);
    const w = new RingWriter(ring);
    const got: number[] = [];
    const reader = readRing(ring, new Promise(() => undefined));
    for (let b = 0; b < 10; b++) {
      const slot = w.slot();
      slot.values[0] = b;
      w.publish(1, 0, 0);
      const next = await reader.next();
      got.push(next.done ? -1 : (next.value.values[0] as number));
    }
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await reader.return(undefined);
    expect(w.aborted).toBe(true);
  });

  it("a reader that stops early tells the writer to stop", async () => {
    const ring = createRing({ task: "binary", features: 2, groups: 1, batch: 8, dtype: "float32" });
    const w = new RingWriter(ring);
    fill(w, 3, 8, 2);
    for await (const b of readRing(ring, new Promise(() => undefined))) {
      expect(b.rows).toBe(8);
      break;
    }
    expect(w.aborted).toBe(true);
  });

  it("the writer's failure reaches the reader after the batches it published", async () => {
    const ring = createRing({ task: "binary", features: 2, groups: 1, batch: 8, dtype: "float32" });
    const w = new RingWriter(ring);
    fill(w, 2, 8, 2);
    w.finish();
    const rows: number[] = [];
    const read = async (): Promise<void> => {
      for await (const b of readRing(ring, Promise.reject(new Error("Invalid Input Error: CSV Error on Line: 7"))))
        rows.push(b.rows);
    };
    await expect(read()).rejects.toThrow("CSV Error on Line: 7");
    expect(rows).toEqual([8, 8]);
  });
});
