import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "../../src/core/stats/fdr.js";

describe("benjaminiHochberg", () => {
  it("matches the textbook example (Benjamini & Hochberg 1995, 15 p-values)", () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
    const adj = benjaminiHochberg(p);
    // At q = 0.05 the paper rejects the four smallest.
    expect(adj.filter((a) => a <= 0.05)).toHaveLength(4);
    // p.adjust(p, "BH") in R:
    expect(adj[0]).toBeCloseTo(0.0015, 10);
    expect(adj[3]).toBeCloseTo(0.035625, 10);
    expect(adj[4]).toBeCloseTo(0.0603, 10);
    expect(adj[14]).toBe(1);
  });
  it("keeps the input order and ignores NaN", () => {
    const adj = benjaminiHochberg([0.04, Number.NaN, 0.01]);
    expect(adj[0]).toBeCloseTo(0.04, 12);
    expect(adj[1]).toBeNaN();
    expect(adj[2]).toBeCloseTo(0.02, 12);
  });
});
