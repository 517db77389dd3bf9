/**
 * The data gate: a data file (and optionally its contract and a reference) in, a Report out.
 * Each file is read once, by one aggregate query (aggregate.ts): for the current file the profile,
 * every rule's count and first failing rows, and drift's counts; for the reference its share of
 * drift's counts. What that query must compute is chosen beforehand from small samples of the files
 * (source.ts). Only repeat rules that fail (their examples need a window over all rows), whole-row
 * duplicates no key rules out, and the file lines of examples read a file again.
 */
import { existsSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { isWaived } from "../../core/config.js";
import {
  csvUnreadable,
  duckdbMemoryLimit,
  memorySetting,
  openDuckDB,
  outOfMemory,
  sqlIdent,
  sqlString,
} from "../../core/duckdb.js";
import { sha256File, subjectOf } from "../../core/hash.js";
import { makeReport, type Check, type Report } from "../../core/report.js";
import { didYouMean } from "../../core/suggest.js";
import { queryRows, type OpenedTable } from "../../core/table.js";
import { Aggregate, SAMPLE_BATCH } from "./aggregate.js";
import { columnSetCheck, malformedCheck, rowCountCheck, ruleChecks } from "./checks.js";
import { firstRows } from "./examples.js";
import { DUCKDB_TYPE, loadContract, type ContractPathResolver, type LoadedContract } from "./contract.js";
import { decideDrift, type ColumnDrift, type DriftColumn } from "./drift.js";
import { DriftGather, sampleEdges } from "./drift/sql.js";
import { EXACT_DISTINCT_ROWS, kindOf, profileItems, SMALL_DOMAIN, type ColumnProfile } from "./profile.js";
import { openSource, type DataSource } from "./source.js";
import { columnRules, datasetRules, idPart, typedColumn, type CompiledRule } from "./rules.js";
import { dataSections, dataSummary } from "./sections.js";
import { jsonSchemaCheck, JsonSchemaCollector } from "./json-schema.js";
import { looksLikeIdentifier } from "./identify.js";

export interface FileArg {
  /** Absolute path. */
  path: string;
  /** As the user gave it (relative to the workspace), for messages and annotations. */
  display: string;
}

export interface DataGateOptions {
  data: FileArg;
  schema?: FileArg;
  reference?: FileArg;
  label?: string;
  drift?: "warn" | "fail" | "off";
  thresholds?: { psi?: number; js?: number; alpha?: number };
  maxExamples?: number;
  waive?: string[];
  progress?: (message: string) => void;
  /** Vets the files the contract names (its json_schema): core/paths.ts resolveInputPath. */
  resolve: ContractPathResolver;
  /** DuckDB's budget in bytes (core/duckdb.ts duckdbMemoryLimit); tables beyond it spill to its temporary folder. */
  memoryLimit?: number;
}

const CURRENT = "mlgate_current";

/** Folders and globs (Parquet datasets) have no single hash. */
function isPlainFile(p: string): boolean {
  return !/[*?[]/.test(p) && existsSync(p) && statSync(p).isFile();
}
const REFERENCE = "mlgate_reference";

function csvTypes(contract: LoadedContract | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, c] of Object.entries(contract?.contract.columns ?? {})) if (c.type) out[name] = DUCKDB_TYPE[c.type];
  return out;
}

async function checkRegexes(conn: DuckDBConnection, lc: LoadedContract): Promise<void> {
  for (const [name, c] of Object.entries(lc.contract.columns ?? {})) {
    if (c.regex === undefined) continue;
    try {
      await conn.run(`SELECT regexp_full_match('', ${sqlString(c.regex)})`);
    } catch (e) {
      const why = (errorMessage(e).split("\n")[0] ?? "").replace(/^[A-Za-z ]+Error: /, "");
      throw new ConfigurationError(
        `${lc.display}:${lc.lineOf(["columns", name, "regex"])}: columns.${name}.regex is not a valid regular expression (${why})`,
      );
    }
  }
}

/** What the contract is checked against before any row is read: the file's columns. */
type Shape = Pick<OpenedTable, "columns" | "display">;

function unknownColumn(what: string, name: string, t: Shape, where: string): ConfigurationError {
  const hint = didYouMean(
    name,
    t.columns.map((c) => c.name),
  );
  return new ConfigurationError(
    `${where}: ${what} names column "${name}", which is not in ${t.display}${hint ? ` (did you mean "${hint}"?)` : ""}`,
  );
}

/** Type checks from CSV values DuckDB could not cast (those rows are rejected records). */
function castChecks(t: OpenedTable, contract: LoadedContract | undefined, maxExamples: number): Check[] {
  const out: Check[] = [];
  for (const [column, n] of t.rejected.byColumn) {
    const examples = t.rejects.filter((r) => r.kind === "type" && r.column === column).slice(0, maxExamples);
    const declared = contract?.contract.columns?.[column]?.type;
    const type = declared ?? t.columns.find((c) => c.name === column)?.type ?? "its type";
    out.push({
      id: `schema.${idPart(column)}.type`,
      title: `${column} is ${type}`,
      column,
      status: "fail",
      observed: `${n} row${n === 1 ? "" : "s"}`,
      expected: type,
      failedRows: n,
      file: t.display,
      message: `${n} value${n === 1 ? "" : "s"} of ${column} do not read as ${type}`,
      examples: examples.map((r) => ({ line: r.line, value: r.raw.slice(0, 200) })),
    });
  }
  return out;
}

interface Compiled {
  rules: CompiledRule[];
  checks: Check[];
}

/**
 * Contract checks that need no row scan, and the row rules to count. A column's "is of its type"
 * pass is listed here; castChecks replaces it when values failed to read as that type.
 */
function compileContract(lc: LoadedContract | undefined, t: Shape): Compiled {
  const out: Compiled = { rules: [], checks: [] };
  if (!lc) return out;
  const { contract } = lc;
  const present = new Map(t.columns.map((c) => [c.name, c.type]));
  const declared = Object.keys(contract.columns ?? {});
  const ds = contract.dataset ?? {};
  if (contract.columns) {
    const missing = declared.filter((n) => !present.has(n));
    const extra = t.columns.map((c) => c.name).filter((n) => !(n in (contract.columns ?? {})));
    const m = columnSetCheck(
      "schema.columns.missing",
      "Every contract column is in the data",
      missing,
      ds.missing_columns ?? "fail",
      "of the contract missing from the data",
    );
    const x = columnSetCheck(
      "schema.columns.extra",
      "No columns beyond the contract",
      extra,
      ds.extra_columns ?? "warn",
      "not in the contract",
    );
    if (m) out.checks.push(m);
    if (x) out.checks.push(x);
  }
  for (const [name, c] of Object.entries(contract.columns ?? {})) {
    const duckType = present.get(name);
    if (duckType === undefined) continue;
    const typed = typedColumn(name, duckType, c.type);
    if (typed.incompatible) {
      out.checks.push({
        id: `schema.${idPart(name)}.type`,
        title: `${name} is ${c.type ?? ""}`,
        column: name,
        status: "fail",
        observed: duckType,
        expected: c.type ?? null,
        message: `${name} is stored as ${duckType}, which cannot hold ${c.type ?? ""} values`,
      });
      continue;
    }
    const rules = columnRules(name, c, duckType);
    if (c.type && !typed.badType) {
      out.checks.push({
        id: `schema.${idPart(name)}.type`,
        title: `${name} is ${c.type}`,
        column: name,
        status: "pass",
        observed: duckType,
        expected: c.type,
      });
    }
    out.rules.push(...rules);
  }
  for (const [i, k] of (ds.primary_key ?? []).entries()) {
    if (!present.has(k))
      throw unknownColumn("dataset.primary_key", k, t, `${lc.display}:${lc.lineOf(["dataset", "primary_key", i])}`);
  }
  out.rules.push(
    ...datasetRules(
      ds,
      t.columns.map((c) => c.name),
    ),
  );
  return out;
}

/**
 * Whole-row duplicate counts (a hash of every column, the costliest aggregate) wait while a key
 * rule could settle them: rows distinct on a key are distinct as rows.
 */
function deferredDuplicates(rules: readonly CompiledRule[]): Set<number> {
  const hasKey = rules.some((r) => r.repeat && r.repeat.nulls !== "value");
  return new Set(hasKey ? rules.flatMap((r, i) => (r.repeat?.nulls === "value" ? [i] : [])) : []);
}

/** True when a unique or primary-key rule found no repeat and no missing key value: no row repeats another. */
function keyProvesDistinct(
  rules: readonly CompiledRule[],
  counts: readonly number[],
  profiles: readonly ColumnProfile[],
  rowCount: number,
): boolean {
  const complete = (name: string) => profiles.find((p) => p.name === name)?.count === rowCount;
  return rules.some(
    (r, i) =>
      r.repeat !== undefined &&
      r.repeat.nulls !== "value" &&
      counts[i] === 0 &&
      (r.repeat.nulls === "violate" || r.repeat.columns.every(complete)),
  );
}

/** The columns drift is measured on, judged from the current file's profile (of its sample, see source.ts). */
function driftColumns(
  rows: number,
  ref: Shape,
  profiles: ColumnProfile[],
  lc: LoadedContract | undefined,
  label?: string,
): DriftColumn[] {
  const refTypes = new Map(ref.columns.map((c) => [c.name, c.type]));
  const out: DriftColumn[] = [];
  for (const p of profiles) {
    const refType = refTypes.get(p.name);
    if (refType === undefined) continue;
    const c = lc?.contract.columns?.[p.name];
    const isLabel = p.name === label;
    if (!isLabel && (c?.identifier || c?.drift === false)) continue;
    if (!isLabel && !c && looksLikeIdentifier(p, rows)) continue;
    // Free text and keys: almost every value is new, so a distribution distance says nothing.
    if (!isLabel && p.kind === "categorical" && (p.distinct ?? 0) > Math.max(SMALL_DOMAIN, rows / 2)) continue;
    const refProfileKind = kindOf(refType);
    if (p.kind === "temporal" || refProfileKind === "temporal") continue;
    const numeric = p.kind === "numeric" && refProfileKind === "numeric" && c?.type !== "category";
    out.push({
      name: p.name,
      kind: numeric ? "numeric" : "categorical",
      role: isLabel ? "label" : "feature",
      ...(p.distinct !== undefined ? { distinct: p.distinct } : {}),
    });
  }
  return out;
}

function waive(checks: Check[], waivers: string[] | undefined): void {
  for (const c of checks) {
    if (c.status === "fail" && isWaived(c.id, waivers)) {
      c.status = "warn";
      c.message = `waived in config: ${c.message ?? c.title}`;
    }
  }
}

export async function runDataGate(o: DataGateOptions): Promise<Report> {
  const limit = o.memoryLimit ?? duckdbMemoryLimit(undefined, process.env);
  try {
    return await dataGate(o, limit);
  } catch (e) {
    const files = new Map([o.data, ...(o.reference ? [o.reference] : [])].map((f) => [f.path, f.display]));
    throw outOfMemory(e, limit, `the data gate on ${o.data.display}`) ?? csvUnreadable(e, files) ?? e;
  }
}

async function dataGate(o: DataGateOptions, limit: number): Promise<Report> {
  const progress = o.progress ?? (() => undefined);
  const maxExamples = o.maxExamples ?? 5;
  const lc = o.schema ? loadContract(o.schema.path, o.schema.display, o.resolve) : undefined;
  const jsonCollector = lc?.validateRecord ? new JsonSchemaCollector(lc.validateRecord, maxExamples) : undefined;
  // Hashing streams on Node's side while DuckDB parses on its own threads.
  const files = [o.data, o.schema, o.drift !== "off" ? o.reference : undefined].filter(
    (f): f is FileArg => !!f && isPlainFile(f.path),
  );
  const hashing = files.map(async (f) => [f.display, await sha256File(f.path)] as const);
  // Awaited below; marked handled so an early ConfigurationError does not leave a rejection unheard.
  for (const h of hashing) h.catch(() => undefined);
  // Locked to the data and reference (resolved real paths): no other file is reachable from SQL.
  const db = await openDuckDB({
    memoryLimit: memorySetting(limit),
    reads: [o.data.path, ...(o.reference ? [o.reference.path] : [])],
    // DuckDB's default result buffer holds a few chunks, so its threads idle while examples.ts reads
    // a stream; a deeper one lets the scan run ahead on every core.
    settings: { streaming_buffer_size: "32MB" },
  });
  try {
    const conn = db.connection;
    if (lc) await checkRegexes(conn, lc);
    progress(`reading ${o.data.display}`);
    const cur = await openSource(conn, o.data.path, {
      name: CURRENT,
      display: o.data.display,
      types: csvTypes(lc),
      ...(jsonCollector
        ? {
            onJsonRecord: (r: unknown, line: number) => {
              jsonCollector.add(r, line);
            },
          }
        : {}),
    });
    if (lc?.contract.json_schema !== undefined && cur.format !== "jsonl") {
      throw new ConfigurationError(
        `${lc.display}:${lc.lineOf(["json_schema"])}: json_schema applies to JSON Lines data only, and ${o.data.display} is ${cur.format.toUpperCase()}`,
      );
    }
    if (o.label && !cur.columns.some((c) => c.name === o.label)) throw unknownColumn("the label", o.label, cur, "--label");
    const compiled = compileContract(lc, cur);
    const deferred = deferredDuplicates(compiled.rules);

    // Decided before the pass, from the current file's sample: drift's columns and the columns
    // counted by value (a small domain's top values in the report).
    const sampled = await sampleProfile(conn, cur);
    const reference = o.reference && o.drift !== "off" ? o.reference : undefined;
    const drift = reference ? await readReference(conn, reference, cur, sampled, lc, o.label, maxExamples, progress) : undefined;

    progress(`checking ${compiled.rules.length} rules and profiling ${cur.columns.length} columns`);
    const agg = new Aggregate();
    const n = agg.add("count(*)");
    const counted = new Map([...valueCounted(agg, sampled.profiles), ...(drift?.gather.addCurrent(agg, cur.columns) ?? [])]);
    // Exact distinct counts while their hash sets stay small (EXACT_DISTINCT_ROWS), judged from the sample.
    const exact = sampled.rows / cur.sampleFraction <= EXACT_DISTINCT_ROWS;
    const readProfiles = profileItems(agg, cur.columns, counted, exact);
    const countAlias = compiled.rules.map((r, i) =>
      deferred.has(i) || (r.allowedText && counted.has(r.allowedText.column)) ? undefined : agg.add(r.count),
    );
    const row = await agg.run(conn, cur.rows);
    const t = await cur.finish(row.number(n));
    const profiles = readProfiles(row, t.rowCount);
    const counts = compiled.rules.map((r, i) => {
      const a = countAlias[i];
      if (a !== undefined) return row.number(a);
      return r.allowedText ? outsideAllowed(row.counts(counted.get(r.allowedText.column)!), r.allowedText.values) : 0;
    });
    if (deferred.size > 0 && !keyProvesDistinct(compiled.rules, counts, profiles, t.rowCount)) {
      const sel = [...deferred].map((i) => `${compiled.rules[i]?.count ?? "0"} AS r${i}`);
      const more = (await queryRows(conn, `SELECT ${sel.join(", ")} FROM ${t.table}`))[0] ?? {};
      for (const i of deferred) counts[i] = Number(more[`r${i}`] ?? 0);
    }
    const examples = await firstRows(conn, t, cur.scan, compiled.rules, counts, maxExamples);

    const typeChecks = castChecks(t, lc, maxExamples);
    const typeChecked = new Set(typeChecks.map((c) => c.id));
    const checks: Check[] = [
      malformedCheck(
        t,
        t.rejects.filter((r) => r.kind === "malformed"),
        t.rejected.malformed,
        maxExamples,
      ),
    ];
    const rc = rowCountCheck(t.rowCount, lc?.contract.dataset?.min_rows, lc?.contract.dataset?.max_rows);
    if (rc) checks.push(rc);
    checks.push(
      ...compiled.checks.filter((c) => !(c.status === "pass" && typeChecked.has(c.id))),
      ...typeChecks,
      ...(await ruleChecks(conn, t, compiled.rules, counts, maxExamples, examples)),
    );
    if (jsonCollector) checks.push(jsonSchemaCheck(jsonCollector, t.display));

    let drifted: ColumnDrift[] = [];
    if (drift) {
      checks.push(...drift.checks);
      const t2 = o.thresholds ?? {};
      const result = decideDrift(drift.columns, drift.gather.readCurrent(row), {
        psiFloor: t2.psi ?? 0.1,
        jsFloor: t2.js ?? 0.1,
        alpha: t2.alpha ?? 0.05,
        mode: o.drift === "fail" ? "fail" : "warn",
      });
      drifted = result.columns;
      checks.push(...result.checks);
    }
    const inputs: Record<string, string> = {};
    for (const [display, hash] of await Promise.all(hashing)) inputs[display] = hash;
    waive(checks, o.waive);
    return makeReport({
      gate: "data",
      checks,
      summary: dataSummary(o.data.display, t, checks, drifted),
      ...(isPlainFile(o.data.path) ? { subject: await subjectOf(o.data.path, o.data.display, "data") } : {}),
      metrics: { rows: t.rowCount, rejected: t.rejected.total, columns: columnMetrics(profiles, drifted) },
      sections: dataSections(profiles, drifted, checks, t.rowCount),
      inputs,
    });
  } finally {
    db.close();
  }
}

/** Rows whose text value is not in `allowed`, from the column's value counts. */
function outsideAllowed(counts: ReadonlyMap<unknown, number>, allowed: readonly string[]): number {
  const ok = new Set(allowed);
  let n = 0;
  for (const [v, k] of counts) if (!ok.has(String(v))) n += k;
  return n;
}

/**
 * The profile of the current file's sample table: what the pass must gather is chosen from it.
 * Read SAMPLE_BATCH columns at a time: each `count(DISTINCT …)` holds its own hash tables, so one
 * query over 1,000 columns needed more than a 256 MiB budget for a 4 MiB sample.
 */
async function sampleProfile(conn: DuckDBConnection, src: DataSource): Promise<{ profiles: ColumnProfile[]; rows: number }> {
  const profiles: ColumnProfile[] = [];
  let rows = 0;
  for (let start = 0; start === 0 || start < src.columns.length; start += SAMPLE_BATCH) {
    const agg = new Aggregate();
    const n = agg.add("count(*)");
    const read = profileItems(agg, src.columns.slice(start, start + SAMPLE_BATCH));
    const row = await agg.run(conn, { from: sqlIdent(src.sample) });
    rows = row.number(n);
    profiles.push(...read(row, rows));
  }
  return { profiles, rows };
}

/**
 * Text columns whose sample shows a small domain are counted by value in the pass (exact distinct
 * count and top values); drift's categorical columns already are, under the same expression.
 */
function valueCounted(agg: Aggregate, sampled: readonly ColumnProfile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of sampled) {
    if (p.kind === "categorical" && (p.distinct ?? 0) > 0 && (p.distinct ?? 0) <= SMALL_DOMAIN * 2)
      out.set(p.name, agg.add(`histogram(CAST(${sqlIdent(p.name)} AS VARCHAR))`));
  }
  return out;
}

interface ReferencePass {
  columns: DriftColumn[];
  gather: DriftGather;
  /** Column-set and malformed-reference checks. */
  checks: Check[];
}

/**
 * The reference's one pass: its share of drift's counts (bins from its sample), its rows and
 * rejects. The current file's share is added to the current file's pass.
 */
async function readReference(
  conn: DuckDBConnection,
  file: FileArg,
  cur: DataSource,
  sampled: { profiles: ColumnProfile[]; rows: number },
  lc: LoadedContract | undefined,
  label: string | undefined,
  maxExamples: number,
  progress: (m: string) => void,
): Promise<ReferencePass> {
  progress(`reading reference ${file.display}`);
  const ref = await openSource(conn, file.path, { name: REFERENCE, display: file.display, types: csvTypes(lc) });
  const columns = driftColumns(sampled.rows, ref, sampled.profiles, lc, label);
  const numeric = columns.filter((c) => c.kind === "numeric");
  const names = numeric.map((c) => c.name);
  progress(`measuring drift of ${columns.length} columns`);
  const gather = new DriftGather(
    names,
    await sampleEdges(conn, ref.sample, names),
    columns.filter((c) => c.kind === "categorical").map((c) => c.name),
    numeric.map((c) => c.distinct),
  );
  const agg = new Aggregate();
  const n = agg.add("count(*)");
  gather.addReference(agg, ref.columns);
  const row = await agg.run(conn, ref.rows);
  const t = await ref.finish(row.number(n));
  gather.readReference(row);
  const checks: Check[] = [];
  if (t.rejected.total) {
    const m = malformedCheck(t, t.rejects, t.rejected.total, maxExamples, "dataset.reference.malformed_rows");
    m.status = "warn";
    checks.push(m);
  }
  const refNames = new Set(t.columns.map((c) => c.name));
  const curNames = new Set(cur.columns.map((c) => c.name));
  const added = cur.columns.map((c) => c.name).filter((x) => !refNames.has(x));
  const removed = t.columns.map((c) => c.name).filter((x) => !curNames.has(x));
  checks.push(
    columnSetCheck("dataset.columns.new", "No columns absent from the reference", added, "warn", "not in the reference") as Check,
    columnSetCheck(
      "dataset.columns.missing",
      "Every reference column is present",
      removed,
      "warn",
      "of the reference missing",
    ) as Check,
  );
  return { columns, gather, checks };
}

function columnMetrics(profiles: ColumnProfile[], drift: ColumnDrift[]): Record<string, unknown> {
  const byName = new Map(drift.map((d) => [d.column, d]));
  return Object.fromEntries(
    profiles.map((p) => {
      const d = byName.get(p.name);
      const rest: Partial<ColumnProfile> = { ...p };
      delete rest.name;
      return [
        p.name,
        d
          ? {
              ...rest,
              drift: {
                scores: d.scores,
                pValue: d.pValue,
                adjustedP: d.adjustedP,
                effect: d.effect,
                flagged: d.flagged,
                role: d.role,
              },
            }
          : rest,
      ];
    }),
  );
}
