import { describe, expect, it } from "vitest";
import { parseBytes, parseDuration } from "../../src/core/units.js";

describe("units", () => {
  it("parses durations to milliseconds (a bare number is seconds)", () => {
    expect(["30s", "500ms", "2m", "1h", "1.5s", "45", " 10 S "].map((t) => parseDuration(t, "--watch"))).toEqual([
      30_000, 500, 120_000, 3_600_000, 1500, 45_000, 10_000,
    ]);
    for (const bad of ["", "soon", "-1s", "0s", "10d"])
      expect(() => parseDuration(bad, "--watch")).toThrow(
        `--watch "${bad}" is not a duration; use a positive number with ms, s, m or h, such as 30s`,
      );
  });

  it("parses sizes to bytes with binary units", () => {
    expect(["10mb", "512kb", "1gb", "2048", "1.5kb", "7B"].map((t) => parseBytes(t, "--max-body"))).toEqual([
      10_485_760, 524_288, 1_073_741_824, 2048, 1536, 7,
    ]);
    for (const bad of ["", "big", "0", "-5mb", "10tb"])
      expect(() => parseBytes(bad, "--max-body")).toThrow(
        `--max-body "${bad}" is not a size; use a positive number with b, kb, mb or gb, such as 10mb`,
      );
  });
});
