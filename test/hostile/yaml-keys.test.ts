/**
 * Hostile input, wide contracts (issue 17): the yaml package's own duplicate-key check compares
 * each key with every key before it (a 10,000-column contract: 6 s of 9). mlgate checks keys in one
 * pass instead; these tests pin that it refuses exactly what the package refused, with the same
 * sentence and line. The time is measured, not tested: docs/hostile-input.md "Wide contracts".
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config.js";
import { ConfigurationError } from "../../src/core/errors.js";
import { loadContract } from "../../src/gates/data/contract.js";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigurationError) return e.message;
    throw e;
  }
  return "(no error)";
}

function contractMessage(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-yaml-keys-"));
  const file = path.join(dir, "c.yml");
  writeFileSync(file, text);
  return messageOf(() => loadContract(file, "c.yml", (p) => p));
}

const lines = (...l: string[]): string => `${l.join("\n")}\n`;

describe("a key given twice in one mapping", () => {
  it.each([
    ["a block mapping", lines("gates:", "  data:", "    drift: warn", "    drift: fail"), 4],
    ["a flow mapping", lines("gates:", "  data: { drift: warn, label: y, drift: fail }"), 2],
    ["a mapping inside a list", lines("gates:", "  model:", "    slices:", "      - { name: a, where: x > 1, name: b }"), 4],
    ["quoted and plain spellings of one key", lines("version: 1", '"version": 1'), 2],
    [
      "the top level, far apart",
      lines("version: 1", "gates: {}", ...Array.from({ length: 50 }, (_, i) => `# ${i}`), "version: 1"),
      53,
    ],
  ])("%s: the yaml package's sentence on the repeated key's line", (_, text, line) => {
    expect(messageOf(() => parseConfig(text))).toBe(`mlgate.yml:${line}: not valid YAML: Map keys must be unique`);
  });

  it("the earlier of a repeated key and a syntax error is reported", () => {
    expect(messageOf(() => parseConfig(lines("version: 1", "version: 1", "gates: [unclosed")))).toBe(
      "mlgate.yml:2: not valid YAML: Map keys must be unique",
    );
    expect(messageOf(() => parseConfig(lines("gates: [unclosed", "version: 1", "version: 1")))).toMatch(
      /^mlgate\.yml:2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/,
    );
  });

  it("the same key in different mappings, and 1 next to '1.0', are not repeats", () => {
    expect(messageOf(() => parseConfig(lines("version: 1", "gates:", "  data: { label: y }", "  model: { label: y }")))).toBe(
      "(no error)",
    );
    expect(contractMessage(lines("version: 1", "columns:", "  a: { allowed: [1] }", "  '1': {}", "  '1.0': {}"))).toBe(
      "(no error)",
    );
  });

  it("a contract with 10,000 columns, one repeated at the end: its line", () => {
    const columns = Array.from({ length: 9_999 }, (_, i) => `  c${i}: {}`);
    expect(contractMessage(lines("version: 1", "columns:", ...columns, "  c17: {}"))).toBe(
      "c.yml:10002: not valid YAML: Map keys must be unique",
    );
  });
});
