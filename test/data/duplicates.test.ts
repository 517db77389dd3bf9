import { describe, expect, it } from "vitest";
import { runData, workspace } from "./harness.js";

const SCHEMA = (dataset: string) =>
  `version: 1\ncolumns:\n  id:\n    type: integer\n    unique: true\n  x:\n    type: string\ndataset:\n${dataset}`;

describe("whole-row duplicates next to a key", () => {
  it("are still counted when the unique key has missing values (a clean key proves nothing then)", async () => {
    const dir = workspace([], { "d.csv": "id,x\n1,a\n2,b\n,c\n,c\n", "s.yml": SCHEMA("  duplicate_rows: fail\n") });
    const r = await runData(["data", "--data", "d.csv", "--schema", "s.yml"], dir);
    expect(r.code).toBe(1);
    const dup = r.report!.checks.find((c) => c.id === "dataset.duplicate_rows");
    expect(dup?.status).toBe("fail");
    expect(dup?.failedRows).toBe(1);
    expect(dup?.examples?.map((e) => e.line)).toEqual([5]);
    const unique = r.report!.checks.find((c) => c.id === "rule.id.unique");
    expect(unique?.status).toBe("pass");
  });

  it("are none when a complete primary key has no repeat", async () => {
    const dir = workspace([], {
      "d.csv": "id,x\n1,a\n2,a\n3,a\n",
      "s.yml": SCHEMA("  duplicate_rows: fail\n  primary_key: [id]\n"),
    });
    const r = await runData(["data", "--data", "d.csv", "--schema", "s.yml"], dir);
    expect(r.code).toBe(0);
    const dup = r.report!.checks.find((c) => c.id === "dataset.duplicate_rows");
    expect(dup?.status).toBe("pass");
    expect(dup?.failedRows).toBe(0);
  });

  it("are counted when the primary key repeats", async () => {
    const dir = workspace([], {
      "d.csv": "id,x\n1,a\n2,a\n1,a\n",
      "s.yml": SCHEMA("  duplicate_rows: fail\n  primary_key: [id]\n"),
    });
    const r = await runData(["data", "--data", "d.csv", "--schema", "s.yml"], dir);
    expect(r.code).toBe(1);
    const dup = r.report!.checks.find((c) => c.id === "dataset.duplicate_rows");
    expect(dup?.failedRows).toBe(1);
    expect(dup?.examples?.map((e) => e.line)).toEqual([4]);
  });
});
