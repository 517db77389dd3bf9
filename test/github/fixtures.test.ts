import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadReport } from "../../src/github/report-file.js";
import { ROOT } from "../support/cli.js";

describe("report fixtures", () => {
  const dir = path.join(ROOT, "test/fixtures/reports");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  it("are all valid against schemas/report.schema.json", () => {
    expect(files.sort()).toEqual(["data.json", "model.json"]);
    for (const f of files) expect(loadReport(path.join(dir, f)).schemaVersion).toBe(1);
  });
});
