import { createHash } from "node:crypto";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256File, subjectOf } from "../../src/core/hash.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("sha256File", () => {
  it("hashes a file once per run and again when it changes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hash-"));
    const f = path.join(dir, "data.csv");
    writeFileSync(f, "a,b\n1,2\n");
    const t = 1_700_000_000; // whole seconds: the file system keeps them exactly
    utimesSync(f, t, t);
    expect(await sha256File(f)).toBe(sha("a,b\n1,2\n"));
    // Same path, size and mtime: the digest is not read again (proved by a same-size rewrite whose
    // mtime is set back, which only a cached digest would miss).
    writeFileSync(f, "a,b\n9,9\n");
    utimesSync(f, t, t);
    expect(await sha256File(path.join(dir, ".", "data.csv"))).toBe(sha("a,b\n1,2\n"));
    expect(await subjectOf(f, "data.csv", "data")).toEqual({
      path: "data.csv",
      sha256: sha("a,b\n1,2\n"),
      bytes: 8,
      role: "data",
    });
    writeFileSync(f, "a,b\n1,3\n");
    utimesSync(f, t + 5, t + 5);
    expect(await sha256File(f)).toBe(sha("a,b\n1,3\n"));
  });

  it("rejects for a missing file and does not remember the failure", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-hash-"));
    const f = path.join(dir, "late.csv");
    await expect(sha256File(f)).rejects.toThrow(/ENOENT/);
    writeFileSync(f, "x");
    expect(await sha256File(f)).toBe(sha("x"));
  });
});
