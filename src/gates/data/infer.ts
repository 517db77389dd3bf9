/**
 * `mlgate data infer`: a first contract from reference data, written as commented YAML a person
 * edits. Hard rules only where the reference is unambiguous (types, no missing values, small
 * categorical domains, identifiers); continuous ranges become warnings, because a new maximum is
 * not by itself an error.
 */
import { sqlIdent } from "../../core/duckdb.js";
import { duckdbMemoryLimit, memorySetting, openDuckDB, outOfMemory } from "../../core/duckdb.js";
import { openTable, queryRows, type OpenedTable } from "../../core/table.js";
import type { ColumnType } from "./contract.js";
import type { FileArg } from "./gate.js";
import { isIdName, looksLikeIdentifier } from "./identify.js";
import { addTopValues, EXACT_DISTINCT_ROWS, profileItems, SMALL_DOMAIN, type ColumnProfile } from "./profile.js";
import { Aggregate } from "./aggregate.js";
import { idPart, isIntegerType, isNumericType } from "./rules.js";

export interface InferResult {
  yaml: string;
  rows: number;
  columns: number;
  /** How many records were rejected, and the first of them. */
  rejected: number;
  firstRejected?: OpenedTable["rejects"][number];
}

const key = (s: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : JSON.stringify(s));
const flowValue = (v: string | number | boolean): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

function typeOf(p: ColumnProfile, domain: string[] | undefined): ColumnType {
  if (isIntegerType(p.type)) return "integer";
  if (isNumericType(p.type)) return "number";
  if (p.type === "BOOLEAN") return "boolean";
  if (p.type === "DATE") return "date";
  if (p.type.startsWith("TIMESTAMP")) return "datetime";
  return domain ? "category" : "string";
}

/** Rounded up to two decimals with room to spare, so the reference itself passes. */
function missingAllowance(fraction: number): number {
  return Math.min(1, Math.ceil(fraction * 2 * 100) / 100);
}

function columnYaml(p: ColumnProfile, rows: number, exact: Map<string, number>, label: string | undefined): string[] {
  const lines: string[] = [`  ${key(p.name)}:`];
  const distinct = exact.get(p.name) ?? p.distinct;
  const isId = p.name !== label && looksLikeIdentifier(p, rows) && distinct === rows;
  const smallDomain = p.top && p.top.length <= SMALL_DOMAIN ? p.top.map((t) => t.value) : undefined;
  const isNumber = isNumericType(p.type);
  // Text with a few values is a category; a number is one only when it is the label or a flag.
  const domain =
    isId || !smallDomain
      ? undefined
      : !isNumber && p.type !== "BOOLEAN"
        ? smallDomain.length <= Math.max(2, rows / 2)
          ? smallDomain
          : undefined
        : undefined;
  const numericDomain =
    isNumber && !isId && p.kind === "numeric" && (p.name === label || ((p.distinct ?? Infinity) <= 2 && rows > 2))
      ? true
      : undefined;
  const type = typeOf(p, domain);
  if (isId) lines.push(`    # identifier: all ${rows} values distinct in the reference; unique, no drift, no range`);
  lines.push(`    type: ${type}`);
  if (p.missing === 0) lines.push(`    required: true`);
  else {
    const f = p.missing / rows;
    lines.push(`    max_missing: ${missingAllowance(f)} # ${(f * 100).toFixed(1)}% missing in the reference`);
  }
  if (isId) {
    lines.push(`    unique: true`, `    identifier: true`);
    return lines;
  }
  if (domain) {
    lines.push(`    allowed: [${domain.map(flowValue).join(", ")}]`);
  } else if (numericDomain && p.min !== undefined && p.max !== undefined) {
    lines.push(`    # ${p.name === label ? "label" : "flag"}: the values seen in the reference`);
    lines.push(`    min: ${String(p.min)}`, `    max: ${String(p.max)}`);
  } else if (
    (p.kind === "numeric" || p.kind === "temporal") &&
    p.min !== undefined &&
    p.min !== null &&
    p.max !== undefined &&
    p.max !== null
  ) {
    lines.push(`    # seen in the reference; outside it warns (rule.${idPart(p.name)}.range). Add min/max to make it fail.`);
    lines.push(`    reference_range: { min: ${flowValue(p.min)}, max: ${flowValue(p.max)} }`);
  }
  return lines;
}

export async function inferContract(
  file: FileArg,
  opts: { label?: string; progress?: (m: string) => void; memoryLimit?: number } = {},
): Promise<InferResult> {
  const limit = opts.memoryLimit ?? duckdbMemoryLimit(undefined, process.env);
  try {
    return await infer(file, opts, limit);
  } catch (e) {
    throw outOfMemory(e, limit, `data infer on ${file.display}`) ?? e;
  }
}

async function infer(
  file: FileArg,
  opts: { label?: string; progress?: (m: string) => void },
  limit: number,
): Promise<InferResult> {
  const db = await openDuckDB({ memoryLimit: memorySetting(limit), reads: [file.path] });
  try {
    const conn = db.connection;
    opts.progress?.(`reading ${file.display}`);
    const t = await openTable(conn, file.path, { name: "mlgate_reference", display: file.display });
    const agg = new Aggregate();
    const read = profileItems(agg, t.columns, new Map(), t.rowCount <= EXACT_DISTINCT_ROWS);
    const profiles = read(await agg.run(conn, { from: t.table }), t.rowCount);
    await addTopValues(conn, t.table, profiles, SMALL_DOMAIN);
    // Above EXACT_DISTINCT_ROWS the profile's counts are estimates, which cannot promise "every value distinct".
    const candidates = profiles.filter((p) => looksLikeIdentifier(p, t.rowCount));
    const exact = new Map<string, number>();
    if (candidates.length) {
      const sel = candidates.map((p, i) => `count(DISTINCT ${sqlIdent(p.name)}) AS d${i}`).join(", ");
      const row = (await queryRows(conn, `SELECT ${sel} FROM ${t.table}`))[0] ?? {};
      candidates.forEach((p, i) => exact.set(p.name, Number(row[`d${i}`] ?? 0)));
    }
    const ids = candidates.filter((p) => exact.get(p.name) === t.rowCount).map((p) => p.name);
    // The primary key: the one id-named identifier, else the only identifier.
    const named = ids.filter(isIdName);
    const pk = named.length === 1 ? named : ids.length === 1 ? ids : [];
    const out = [
      `# Data contract for ${file.display}, inferred by mlgate data infer from ${t.rowCount} rows.`,
      `# Edit freely: every key is described in schemas/contract.schema.json. Check ids are`,
      `# schema.<column>.type, rule.<column>.<rule> and dataset.<rule>.`,
      `version: 1`,
      `columns:`,
      ...profiles.flatMap((p) => columnYaml(p, t.rowCount, exact, opts.label)),
      `dataset:`,
      `  min_rows: 1`,
      ...(pk.length === 1 ? [`  primary_key: [${pk.map(flowValue).join(", ")}]`] : []),
      `  duplicate_rows: warn # fail, warn or off`,
      `  extra_columns: warn # columns not named above`,
      `  missing_columns: fail # columns named above but absent`,
      ``,
    ];
    return {
      yaml: out.join("\n"),
      rows: t.rowCount,
      columns: t.columns.length,
      rejected: t.rejected.total,
      ...(t.rejects[0] ? { firstRejected: t.rejects[0] } : {}),
    };
  } finally {
    db.close();
  }
}
