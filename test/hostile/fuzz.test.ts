import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA, parseConfig } from "../../src/core/config.js";
import { ConfigurationError } from "../../src/core/errors.js";
import { parseYamlWithSchema } from "../../src/core/yaml-file.js";
import { CONTRACT_SCHEMA } from "../../src/gates/data/contract.js";
import { decodeModelBytes, inspectModel } from "../../src/gates/onnx/inspect.js";
import { escapeMarkdown } from "../../src/render/escape.js";
import { relu } from "../onnx/models.js";

// ~1,000 runs per target, each target bounded in time: a property that hangs fails the test.
const RUNS = { numRuns: 1000, interruptAfterTimeLimit: 20_000, seed: 20261206 };

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

/** Only a value or our one-sentence error: never another exception (which would print "This is a bug"). */
function onlyConfigurationErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toMatch(/\n/);
  }
}

describe("fuzz (fast-check, 1,000 runs each)", () => {
  it("config parser: any text is a config or one ConfigurationError", () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        onlyConfigurationErrors(() => parseConfig(text, "mlgate.yml"));
      }),
      RUNS,
    );
    expect(CONFIG_SCHEMA).toBeDefined();
  });

  it("contract parser: any text is a contract or one ConfigurationError", () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        onlyConfigurationErrors(() => parseYamlWithSchema(text, "c.yml", CONTRACT_SCHEMA));
      }),
      RUNS,
    );
  });

  it("ONNX reader: a model with bytes changed, cut or inserted is a model or one ConfigurationError", () => {
    const base = relu();
    const mutation = fc.record({
      at: fc.nat({ max: base.length - 1 }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
      kind: fc.constantFrom("overwrite", "insert", "truncate"),
    });
    fc.assert(
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
      RUNS,
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
    fc.assert(
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
      RUNS,
    );
  });
});
