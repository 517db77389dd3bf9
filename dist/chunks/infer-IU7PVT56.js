#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  Aggregate,
  EXACT_DISTINCT_ROWS,
  SMALL_DOMAIN,
  addTopValues,
  idPart,
  isIdName,
  isIntegerType,
  isNumericType,
  looksLikeIdentifier,
  profileItems
} from "./chunk-W7VGIH26.js";
import {
  openTable,
  queryRows
} from "./chunk-L3ZXLXRE.js";
import {
  duckdbMemoryLimit,
  memorySetting,
  openDuckDB,
  outOfMemory,
  sqlIdent
} from "./chunk-3ILC2NNE.js";
import "./chunk-AYZAZZX6.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-ULEDS62O.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";

// src/gates/data/infer.ts
var key = (s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : JSON.stringify(s);
var flowValue = (v) => typeof v === "string" ? JSON.stringify(v) : String(v);
function typeOf(p, domain) {
  if (isIntegerType(p.type)) return "integer";
  if (isNumericType(p.type)) return "number";
  if (p.type === "BOOLEAN") return "boolean";
  if (p.type === "DATE") return "date";
  if (p.type.startsWith("TIMESTAMP")) return "datetime";
  return domain ? "category" : "string";
}
function missingAllowance(fraction) {
  return Math.min(1, Math.ceil(fraction * 2 * 100) / 100);
}
function columnYaml(p, rows, exact, label) {
  const lines = [`  ${key(p.name)}:`];
  const distinct = exact.get(p.name) ?? p.distinct;
  const isId = p.name !== label && looksLikeIdentifier(p, rows) && distinct === rows;
  const smallDomain = p.top && p.top.length <= SMALL_DOMAIN ? p.top.map((t) => t.value) : void 0;
  const isNumber = isNumericType(p.type);
  const domain = isId || !smallDomain ? void 0 : !isNumber && p.type !== "BOOLEAN" ? smallDomain.length <= Math.max(2, rows / 2) ? smallDomain : void 0 : void 0;
  const numericDomain = isNumber && !isId && p.kind === "numeric" && (p.name === label || (p.distinct ?? Infinity) <= 2 && rows > 2) ? true : void 0;
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
  } else if (numericDomain && p.min !== void 0 && p.max !== void 0) {
    lines.push(`    # ${p.name === label ? "label" : "flag"}: the values seen in the reference`);
    lines.push(`    min: ${String(p.min)}`, `    max: ${String(p.max)}`);
  } else if ((p.kind === "numeric" || p.kind === "temporal") && p.min !== void 0 && p.min !== null && p.max !== void 0 && p.max !== null) {
    lines.push(`    # seen in the reference; outside it warns (rule.${idPart(p.name)}.range). Add min/max to make it fail.`);
    lines.push(`    reference_range: { min: ${flowValue(p.min)}, max: ${flowValue(p.max)} }`);
  }
  return lines;
}
async function inferContract(file, opts = {}) {
  const limit = opts.memoryLimit ?? duckdbMemoryLimit(void 0, process.env);
  try {
    return await infer(file, opts, limit);
  } catch (e) {
    throw outOfMemory(e, limit, `data infer on ${file.display}`) ?? e;
  }
}
async function infer(file, opts, limit) {
  const db = await openDuckDB({ memoryLimit: memorySetting(limit), reads: [file.path] });
  try {
    const conn = db.connection;
    opts.progress?.(`reading ${file.display}`);
    const t = await openTable(conn, file.path, { name: "mlgate_reference", display: file.display });
    const agg = new Aggregate();
    const read = profileItems(agg, t.columns, /* @__PURE__ */ new Map(), t.rowCount <= EXACT_DISTINCT_ROWS);
    const profiles = read(await agg.run(conn, { from: t.table }), t.rowCount);
    await addTopValues(conn, t.table, profiles, SMALL_DOMAIN);
    const candidates = profiles.filter((p) => looksLikeIdentifier(p, t.rowCount));
    const exact = /* @__PURE__ */ new Map();
    if (candidates.length) {
      const sel = candidates.map((p, i) => `count(DISTINCT ${sqlIdent(p.name)}) AS d${i}`).join(", ");
      const row = (await queryRows(conn, `SELECT ${sel} FROM ${t.table}`))[0] ?? {};
      candidates.forEach((p, i) => exact.set(p.name, Number(row[`d${i}`] ?? 0)));
    }
    const ids = candidates.filter((p) => exact.get(p.name) === t.rowCount).map((p) => p.name);
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
      ...pk.length === 1 ? [`  primary_key: [${pk.map(flowValue).join(", ")}]`] : [],
      `  duplicate_rows: warn # fail, warn or off`,
      `  extra_columns: warn # columns not named above`,
      `  missing_columns: fail # columns named above but absent`,
      ``
    ];
    return {
      yaml: out.join("\n"),
      rows: t.rowCount,
      columns: t.columns.length,
      rejected: t.rejected.total,
      ...t.rejects[0] ? { firstRejected: t.rejects[0] } : {}
    };
  } finally {
    db.close();
  }
}
export {
  inferContract
};
