import type { ValidateFunction } from "ajv/dist/2020.js";
import type { Check } from "../../core/report.js";

/** Collects JSON Schema violations of JSON Lines records as they are read, with their lines. */
export class JsonSchemaCollector {
  failed = 0;
  checked = 0;
  readonly examples: { line: number; value: string }[] = [];
  constructor(
    private readonly validate: ValidateFunction,
    private readonly maxExamples: number,
  ) {}

  add(record: unknown, line: number): void {
    this.checked += 1;
    if (this.validate(record)) return;
    this.failed += 1;
    if (this.examples.length < this.maxExamples) {
      const e = this.validate.errors?.[0];
      const where = e?.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "record";
      this.examples.push({ line, value: `${where} ${e?.message ?? "is invalid"}`.slice(0, 200) });
    }
  }
}

/** schema.json_schema: every record satisfies the contract's JSON Schema. */
export function jsonSchemaCheck(c: JsonSchemaCollector, display: string): Check {
  const check: Check = {
    id: "schema.json_schema",
    title: "Every record satisfies the JSON Schema",
    status: c.failed ? "fail" : "pass",
    observed: `${c.failed} record${c.failed === 1 ? "" : "s"}`,
    expected: "0 records",
    failedRows: c.failed,
  };
  if (c.failed) {
    check.file = display;
    check.message = `${c.failed} of ${c.checked} records do not satisfy the JSON Schema`;
    check.examples = c.examples;
  }
  return check;
}
