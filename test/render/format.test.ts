import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/render/format.js";

describe("formatCount", () => {
  it("writes counts as toLocaleString('en-US') does, without loading locale data", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890, 9_007_199_254_740_991]) {
      expect(formatCount(n)).toBe(n.toLocaleString("en-US"));
    }
    expect(formatCount(1_000_000)).toBe("1,000,000");
  });
});
