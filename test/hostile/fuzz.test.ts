import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { CONFIG_SCHEMA, parseConfig } from "../../src/core/config.js";
import { ConfigurationError } from "../../src/core/errors.js";
import { parseYamlWithSchema } from "../../src/core/yaml-file.js";
import { CONTRACT_SCHEMA } from "../../src/gates/data/contract.js";
import { decodeModelBytes, inspectModel } from "../../src/gates/onnx/inspect.js";
import { escapeMarkdown } from "../../src/render/escape.js";
import { relu } from "../onnx/models.js";
import { assertRuns } from "./fuzz-runs.js";

// Exactly 1,000 runs per target from a fixed seed (fuzz-runs.ts); a hang is caught by the test's timeout.

/** Pieces of YAML that parsers get wrong: anchors, aliases, merges, flow brackets, tags, indentation. */
const yamlPiece = fc.constantFrom(
  "version: 1\n",
  "gates:\n",
  "  data:\n",
  "    waive: ",
  "&a ",
  "*a",
  "<<: *a\n",
  "[",
  "]",
  "{",
  "}",
  ", ",
  ": ",
  "- ",
  "\n",
  "  ",
  "!!str ",
  "!!binary ",
  "? ",
  "|\n",
  ">-\n",
  "'",
  '"',
  "#",
  "---\n",
  "...\n",
  "%YAML 1.2\n",
  "timeout: ",
  "1e999",
  "~",
  "\t",
  "publish:\n",
  "  comment: always\n",
  "columns:\n",
  "  x:\n",
  "    allowed: ",
  "json_schema: ",
  "pattern: '(a+)+$'",
);
const yamlText = fc.oneof(
  fc.array(yamlPiece, { maxLength: 60 }).map((p) => p.join("")),
  fc.string({ maxLength: 200 }),
);

/**
 * Only a value or our one-sentence error: never another exception (which would print "This is a
 * bug"), and nothing printed beside it (a library's process warning lands on the user's stderr).
 */
function onlyConfigurationErrors(f: () => unknown): void {
  warnings.mockClear();
  consoleWarn.mockClear();
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toMatch(/\n/);
  }
  expect(warnings).not.toHaveBeenCalled();
  expect(consoleWarn).not.toHaveBeenCalled();
}

let warnings: MockInstance<typeof process.emitWarning>;
let consoleWarn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warnings = vi.spyOn(process, "emitWarning");
  consoleWarn = vi.spyOn(console, "warn");
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("fuzz (fast-check, 1,000 runs each, seeded)", () => {
  it("config parser: any text is a config or one ConfigurationError", () => {
    assertRuns(
      fc.property(yamlText, (text) => {
        onlyConfigurationErrors(() => parseConfig(text, "mlgate.yml"));
      }),
    );
    expect(CONFIG_SCHEMA).toBeDefined();
  });

  it("contract parser: any text is a contract or one ConfigurationError", () => {
    assertRuns(
      fc.property(yamlText, (text) => {
        onlyConfigurationErrors(() => parseYamlWithSchema(text, "c.yml", CONTRACT_SCHEMA));
      }),
    );
  });

  it("ONNX reader: a model with bytes changed, cut or inserted is a model or one ConfigurationError", () => {
    const base = relu();
    const mutation = fc.record({
      at: fc.nat({ max: base.length - 1 }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
      kind: fc.constantFrom("overwrite", "insert", "truncate"),
    });
    assertRuns(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let b = Uint8Array.from(base);
        for (const m of ms) {
          const at = Math.min(m.at, b.length - 1);
          if (m.kind === "truncate") b = b.slice(0, Math.max(1, at));
          else if (m.kind === "insert") b = Uint8Array.from([...b.slice(0, at), ...m.bytes, ...b.slice(at)]);
          else b.set(m.bytes.slice(0, b.length - at), at);
        }
        onlyConfigurationErrors(() =>
          inspectModel({ display: "m.onnx", path: "m.onnx", bytes: b, proto: decodeModelBytes(b, "m.onnx"), external: [] }),
        );
      }),
    );
  });

  it("Markdown escaping: no HTML, no mention, no table break survives", () => {
    const nasty = fc.oneof(
      fc.string({ maxLength: 300, unit: "binary" }),
      fc
        .array(
          fc.constantFrom(
            "<",
            ">",
            "|",
            "@",
            "team",
            "`",
            "\n",
            "\r",
            "[",
            "](",
            "javascript:",
            "<script>",
            "&lt;",
            "_",
            "*",
            " ",
            "a",
          ),
          { maxLength: 40 },
        )
        .map((p) => p.join("")),
    );
    assertRuns(
      fc.property(nasty, (s) => {
        const out = escapeMarkdown(s, 500);
        expect(out).not.toMatch(/[<>|`\n\r]/);
        // The text GitHub sees after entities are decoded: no @name starting a word.
        const text = out
          .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
          .replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e] ?? "");
        expect(text).not.toMatch(/(^|[^\w])@[A-Za-z0-9]/);
        expect(`| ${out} | x |`.split("|")).toHaveLength(4);
      }),
    );
  });
});

describe("found by the fuzz (config and contract parsers)", () => {
  it("a list, mapping or binary value as a key is one sentence with its line, not a Node warning on stderr", () => {
    const warned = vi.spyOn(process, "emitWarning");
    const cases: [string, string][] = [
      // Seed 20261206, path "97:4": the shrunk counterexample of both parsers' properties.
      ["? version: 1\n", "m.yml:1"],
      ["? [a]\n: b\n", "m.yml:1"],
      ["version: 1\ngates: { ? { data: 1 } : 2 }\n", "m.yml:2"],
      ["x: &a [1]\n*a : 2\n", "m.yml:2"],
      ["version: 1\n? !!binary aGVsbG8=\n: 1\n", "m.yml:2"],
    ];
    for (const [text, where] of cases) {
      expect(() => parseConfig(text, "m.yml")).toThrow(
        new ConfigurationError(`${where}: a key must be a name or a number, not a list, a mapping or binary data`),
      );
    }
    expect(() => parseYamlWithSchema("columns:\n  ? [x]\n  : { type: int }\n", "c.yml", CONTRACT_SCHEMA)).toThrow(
      "c.yml:2: a key must be a name or a number, not a list, a mapping or binary data",
    );
    expect(warned).not.toHaveBeenCalled();
  });
});
