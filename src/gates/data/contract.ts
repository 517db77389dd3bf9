import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import schema from "../../../schemas/contract.schema.json" with { type: "json" };
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { limitMessage, LIMITS } from "../../core/limits.js";
import { re2Engine } from "../../core/safe-regex.js";
import { parseYamlWithSchema, readLimitedText } from "../../core/yaml-file.js";

/** The contract file (schemas/contract.schema.json). */
export type ColumnType = "integer" | "number" | "string" | "boolean" | "date" | "datetime" | "category";
export type Severity = "fail" | "warn" | "off";

export interface ColumnContract {
  type?: ColumnType;
  required?: boolean;
  max_missing?: number;
  unique?: boolean;
  min?: number | string;
  max?: number | string;
  allowed?: (string | number | boolean)[];
  regex?: string;
  min_length?: number;
  max_length?: number;
  reference_range?: { min: number | string; max: number | string };
  identifier?: boolean;
  drift?: boolean;
}

export interface DatasetContract {
  min_rows?: number;
  max_rows?: number;
  duplicate_rows?: Severity;
  primary_key?: string[];
  extra_columns?: Severity;
  missing_columns?: Severity;
}

export interface Contract {
  version?: 1;
  columns?: Record<string, ColumnContract>;
  dataset?: DatasetContract;
  json_schema?: string | object;
}

export const CONTRACT_SCHEMA: object = schema;

/** The DuckDB type a contract type reads as. */
export const DUCKDB_TYPE: Record<ColumnType, string> = {
  integer: "BIGINT",
  number: "DOUBLE",
  string: "VARCHAR",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMP",
  category: "VARCHAR",
};

export interface LoadedContract {
  contract: Contract;
  display: string;
  /** 1-based line of a key path in the contract file (the nearest existing ancestor otherwise). */
  lineOf: (segments: (string | number)[]) => number;
  validateRecord?: ValidateFunction;
}

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Resolves a path the contract names (its `json_schema`) relative to the contract's folder: core/paths.ts resolveInputPath. */
export type ContractPathResolver = (p: string, relativeTo: string, flag: string) => string;

function compileRecordSchema(
  js: string | object,
  file: string,
  display: string,
  line: number,
  resolve: ContractPathResolver,
): ValidateFunction {
  let value: unknown = js;
  if (typeof js === "string") {
    // The same rule as every input (allowed folders, real path, regular file); then its text is only parsed.
    const p = resolve(js, path.dirname(file), `${display}:${line}: json_schema`);
    const text = readLimitedText(p, `${display}:${line}: json_schema ${js}`);
    try {
      value = JSON.parse(text);
    } catch {
      // Never the parser's message: it quotes the start of the file, which may not be a schema at all.
      throw new ConfigurationError(`${display}:${line}: json_schema ${js} is not valid JSON`);
    }
  }
  if (depthOver(value, LIMITS.nestingDepth))
    throw new ConfigurationError(limitMessage.tooDeep(`${display}:${line}: json_schema`));
  // The schema comes from the pull request: its patterns run on RE2 (linear time), never on RegExp.
  const ajv = new Ajv2020({ allErrors: false, strict: false, code: { regExp: re2Engine } });
  addFormats(ajv);
  try {
    return ajv.compile(value as object);
  } catch (e) {
    throw new ConfigurationError(`${display}:${line}: json_schema is not a valid JSON Schema (${errorMessage(e)})`);
  }
}

/** Whether a parsed JSON value nests deeper than `max` (iterative: the value may be 100,000 deep). */
function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, d] = top;
    if (typeof v !== "object" || v === null) continue;
    if (d > max) return true;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return false;
}

/** The contract's size limits, before its schema is checked (ajv on 480k columns would take minutes). */
function checkContractSize(display: string) {
  return (value: unknown, lineOf: (segments: readonly (string | number)[]) => number): void => {
    const columns = (value as { columns?: unknown }).columns;
    if (typeof columns !== "object" || columns === null || Array.isArray(columns)) return;
    const names = Object.keys(columns);
    if (names.length > LIMITS.contractColumns)
      throw new ConfigurationError(limitMessage.tooManyColumns(`${display}:${lineOf(["columns"])}`, names.length));
    let allowed = 0;
    for (const name of names) {
      const list = (columns as Record<string, { allowed?: unknown } | null>)[name]?.allowed;
      if (!Array.isArray(list)) continue;
      allowed += list.length;
      if (allowed > LIMITS.allowedValues) {
        const total = names.reduce((n, c) => {
          const l = (columns as Record<string, { allowed?: unknown } | null>)[c]?.allowed;
          return n + (Array.isArray(l) ? l.length : 0);
        }, 0);
        throw new ConfigurationError(limitMessage.tooManyAllowed(`${display}:${lineOf(["columns", name, "allowed"])}`, total));
      }
    }
  };
}

/**
 * Reads and validates a contract (`file` already resolved by resolveInputPath); errors name the file
 * and line. `resolve` vets the files the contract names.
 */
export function loadContract(file: string, display: string, resolve: ContractPathResolver): LoadedContract {
  let text: string;
  try {
    text = readLimitedText(file, display);
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    throw new ConfigurationError(`${display}: cannot be read (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)})`);
  }
  if (text.trim() === "") throw new ConfigurationError(`${display}: file is empty`);
  const contract = parseYamlWithSchema<Contract>(text, display, schema, { precheck: checkContractSize(display) });
  const lc = new LineCounter();
  // parseYamlWithSchema checked the keys; yaml's own check scans every earlier key per key.
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const lineOf = (segments: (string | number)[]): number => {
    for (let n = segments.length; n > 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as YamlNode | undefined;
      if (node?.range) return lc.linePos(node.range[0]).line;
    }
    return 1;
  };
  const loaded: LoadedContract = { contract, display, lineOf };
  if (contract.json_schema !== undefined) {
    loaded.validateRecord = compileRecordSchema(contract.json_schema, file, display, lineOf(["json_schema"]), resolve);
  }
  for (const [name, c] of Object.entries(contract.columns ?? {})) {
    if (c.min_length !== undefined && c.max_length !== undefined && c.min_length > c.max_length)
      throw new ConfigurationError(
        `${display}:${lineOf(["columns", name, "min_length"])}: columns.${name}.min_length is larger than max_length`,
      );
    if (typeof c.min === "number" && typeof c.max === "number" && c.min > c.max)
      throw new ConfigurationError(`${display}:${lineOf(["columns", name, "min"])}: columns.${name}.min is larger than max`);
  }
  return loaded;
}
