import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/onnx/build.js";
import type { AliasesView } from "../../src/core/registry.js";
import { bucketOf, route, weightOf } from "../../src/serve/routing.js";

const split = (weight: number): AliasesView => ({ champion: "1", challenger: "2", weight, mode: "split", previous: null });
const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
const never = (): number => {
  throw new Error("a request with a user must not be split at random");
};

describe("routing", () => {
  it("sends 10% +- 2% of 10,000 distinct users to a 10% canary, every user always to the same version", () => {
    const first = users.map((u) => route("churn", split(10), u, never)!.target);
    const share = first.filter((v) => v === "2").length / users.length;
    expect(share).toBeGreaterThanOrEqual(0.08);
    expect(share).toBeLessThanOrEqual(0.12);
    for (let round = 0; round < 3; round++) expect(users.map((u) => route("churn", split(10), u, never)!.target)).toEqual(first);
  });

  it("keeps the canary's users on the challenger as its weight grows, and splits each weight within 2 points", () => {
    let before = new Set<string>();
    for (const w of [1, 10, 25, 50, 75, 100]) {
      const on = new Set(users.filter((u) => route("churn", split(w), u, never)!.target === "2"));
      expect(Math.abs(on.size / users.length - w / 100)).toBeLessThanOrEqual(0.02);
      for (const u of before) expect(on.has(u)).toBe(true);
      before = on;
    }
    expect(before.size).toBe(10_000);
  });

  it("buckets are stable numbers (the same user lands in the same bucket in every process)", () => {
    expect([bucketOf("churn", "alice"), bucketOf("churn", "bob"), bucketOf("fraud", "alice")]).toEqual([
      bucketOf("churn", "alice"),
      bucketOf("churn", "bob"),
      bucketOf("fraud", "alice"),
    ]);
    expect(bucketOf("churn", "alice")).not.toBe(bucketOf("fraud", "alice"));
    for (const u of users.slice(0, 100)) expect(bucketOf("churn", u)).toBeLessThan(10_000);
  });

  it("splits requests without a user at random by the weight", () => {
    const rnd = seededRandom(7);
    const n = 20_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (route("churn", split(30), undefined, rnd)!.target === "2") hits++;
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(0.02);
    expect(route("churn", split(30), "", () => 0.1)!.target).toBe("2");
    expect(route("churn", split(30), "", () => 0.5)!.target).toBe("1");
  });

  it("blue-green is a 0/100 switch; no champion means no route", () => {
    expect(users.slice(0, 500).every((u) => route("churn", split(0), u, never)!.target === "1")).toBe(true);
    expect(users.slice(0, 500).every((u) => route("churn", split(100), u, never)!.target === "2")).toBe(true);
    expect(route("churn", { ...split(50), champion: null }, "u", never)).toBeUndefined();
    expect(route("churn", { ...split(50), challenger: null }, "u", never)).toEqual({ target: "1" });
  });

  it("shadow mode answers from the champion and copies the weight's share to the challenger", () => {
    const shadow: AliasesView = { ...split(20), mode: "shadow" };
    const routes = users.map((u) => route("churn", shadow, u, never)!);
    expect(routes.every((r) => r.target === "1")).toBe(true);
    const copied = routes.filter((r) => r.shadow === "2").length / users.length;
    expect(Math.abs(copied - 0.2)).toBeLessThanOrEqual(0.02);
    expect(weightOf(shadow, "1")).toBe(100);
    expect(weightOf(shadow, "2")).toBe(0);
    expect([weightOf(split(10), "1"), weightOf(split(10), "2"), weightOf(split(10), "3")]).toEqual([90, 10, 0]);
  });
});
