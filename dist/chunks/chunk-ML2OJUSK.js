#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  openDuckDB,
  openTable,
  queryRows,
  sqlIdent,
  sqlString
} from "./chunk-2RXA3OCO.js";
import {
  benjaminiHochberg,
  chiSquareSf,
  ksPValue,
  logChoose,
  logGamma
} from "./chunk-ZW72TQVB.js";
import {
  makeRng,
  seedFor
} from "./chunk-QFTAHOAA.js";
import {
  sha256File,
  subjectOf
} from "./chunk-FK2QC4SI.js";
import {
  isWaived,
  parseYamlWithSchema,
  require__,
  require_dist,
  require_dist2
} from "./chunk-ENGI4YVP.js";
import {
  didYouMean
} from "./chunk-ENG5Z6VT.js";
import {
  countByStatus,
  makeReport
} from "./chunk-MTZTCCQZ.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";
import {
  __toESM
} from "./chunk-EFS5GV5K.js";

// src/gates/data/gate.ts
import { existsSync, statSync } from "node:fs";

// src/gates/data/checks.ts
var MAX_VALUE = 200;
function cut(v) {
  return typeof v === "string" && v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}\u2026` : v;
}
function fmtFraction(x) {
  return `${(x * 100).toFixed(x < 1e-3 && x > 0 ? 3 : 1)}%`;
}
function ruleFails(rule, violations, total) {
  if (violations === 0) return false;
  if (rule.allowedFraction === void 0) return true;
  return total > 0 && violations / total > rule.allowedFraction;
}
async function ruleChecks(conn, t, rules, counts, maxExamples) {
  const total = t.rowCount;
  const failing = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const n = counts[i] ?? 0;
    if (!rule || !ruleFails(rule, n, total) || maxExamples === 0) continue;
    const rows = await queryRows(conn, rule.examples(t.table, maxExamples));
    failing.push({ index: i, rows: rows.map((r) => ({ row: Number(r.row), value: r.value ?? null })) });
  }
  const wanted = failing.flatMap((f) => f.rows.map((r) => r.row));
  const lines = wanted.length ? await t.lineOf(wanted) : void 0;
  const examplesOf = /* @__PURE__ */ new Map();
  for (const f of failing) {
    examplesOf.set(
      f.index,
      f.rows.map((r) => {
        const line = lines?.get(r.row);
        return line !== void 0 ? { line, value: cut(r.value) } : { where: `row ${r.row + 1}`, value: cut(r.value) };
      })
    );
  }
  return rules.map((rule, i) => {
    const n = counts[i] ?? 0;
    const fails = ruleFails(rule, n, total);
    const check = {
      id: rule.id,
      title: rule.title,
      status: fails ? rule.severity : "pass",
      expected: rule.expected,
      failedRows: n
    };
    if (rule.column !== void 0) check.column = rule.column;
    if (rule.allowedFraction !== void 0) {
      check.observed = fmtFraction(total ? n / total : 0);
      check.details = { missing: n, rows: total, maxMissing: rule.allowedFraction };
    } else {
      check.observed = n === 0 ? "0 rows" : `${n} row${n === 1 ? "" : "s"}`;
    }
    const ex = examplesOf.get(i);
    if (fails) {
      check.file = t.display;
      check.message = `${n} of ${total} rows fail ${rule.id}`;
      if (ex?.length) check.examples = ex;
    }
    return check;
  });
}
function malformedCheck(t, rejects, maxExamples, id = "dataset.malformed_rows") {
  const check = {
    id,
    title: `Every record of ${t.display} parses`,
    status: rejects.length ? "fail" : "pass",
    observed: rejects.length ? `${rejects.length} malformed` : "0 malformed",
    expected: "0 malformed",
    failedRows: rejects.length,
    details: { rowsRead: t.rowCount, recordsRejected: t.rejects.length }
  };
  if (rejects.length) {
    check.file = t.display;
    check.message = `line ${rejects[0]?.line ?? "?"}: ${rejects[0]?.message ?? ""}`.slice(0, 300);
    check.examples = rejects.slice(0, maxExamples).map((r) => ({ line: r.line, value: cut(r.raw) }));
  }
  return check;
}
function rowCountCheck(rows, min, max) {
  if (min === void 0 && max === void 0) return void 0;
  const ok = (min === void 0 || rows >= min) && (max === void 0 || rows <= max);
  const expected = min !== void 0 && max !== void 0 ? `${min} .. ${max}` : min !== void 0 ? `>= ${min}` : `<= ${String(max)}`;
  return { id: "dataset.row_count", title: "Row count within bounds", status: ok ? "pass" : "fail", observed: rows, expected };
}
function columnSetCheck(id, title, names, severity, what) {
  if (severity === "off") return void 0;
  const check = {
    id,
    title,
    status: names.length ? severity : "pass",
    observed: names.length ? names.join(", ").slice(0, 300) : "none",
    expected: "none"
  };
  if (names.length) check.message = `${names.length} column${names.length === 1 ? "" : "s"} ${what}`;
  return check;
}

// src/gates/data/contract.ts
var import__ = __toESM(require__(), 1);
var import_ajv_formats = __toESM(require_dist(), 1);
var import_yaml = __toESM(require_dist2(), 1);
import { readFileSync } from "node:fs";
import path from "node:path";

// schemas/contract.schema.json
var contract_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://mlgate.dev/schemas/contract.schema.json",
  title: "mlgate data contract",
  description: "What a data file must look like, checked by `mlgate data --schema FILE`. Write it by hand or start from `mlgate data infer --data REF --out FILE`. Every rule compiles to SQL run by DuckDB; each failure is a check in the report with a stable id (given in each rule's description) and the file lines of the first failing rows.",
  type: "object",
  additionalProperties: false,
  properties: {
    version: {
      const: 1,
      description: "Format version of this file. Always 1 for now."
    },
    columns: {
      type: "object",
      description: "Rules per column, keyed by the column name as it appears in the data's header.",
      additionalProperties: { $ref: "#/$defs/column" }
    },
    dataset: { $ref: "#/$defs/dataset" },
    json_schema: {
      description: "JSON Lines only: a JSON Schema every record must satisfy (inline, or a path relative to this file). Check id: schema.json_schema.",
      oneOf: [{ type: "string", minLength: 1 }, { type: "object" }]
    }
  },
  $defs: {
    severity: {
      enum: ["fail", "warn", "off"]
    },
    column: {
      type: "object",
      additionalProperties: false,
      properties: {
        type: {
          enum: ["integer", "number", "string", "boolean", "date", "datetime", "category"],
          description: "Value type. A value that does not parse as this type fails check schema.<column>.type with its line. category: a string with a small set of values (see allowed)."
        },
        required: {
          type: "boolean",
          description: "true: no value may be missing (empty or null). Check id: rule.<column>.required."
        },
        max_missing: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "Largest allowed fraction of missing values, 0 to 1. Check id: rule.<column>.missing."
        },
        unique: {
          type: "boolean",
          description: "true: no value may repeat. Check id: rule.<column>.unique (the repeating rows are listed)."
        },
        min: {
          type: ["number", "string"],
          description: "Smallest allowed value (a date or datetime as text for those types). Check id: rule.<column>.min."
        },
        max: {
          type: ["number", "string"],
          description: "Largest allowed value. Check id: rule.<column>.max."
        },
        allowed: {
          type: "array",
          minItems: 1,
          items: { type: ["string", "number", "boolean"] },
          description: "The only values allowed (missing values are judged by required/max_missing). Check id: rule.<column>.allowed."
        },
        regex: {
          type: "string",
          minLength: 1,
          description: "Every value must match this regular expression entirely (RE2 syntax). Check id: rule.<column>.regex."
        },
        min_length: {
          type: "integer",
          minimum: 0,
          description: "Shortest allowed text length in characters. Check id: rule.<column>.min_length."
        },
        max_length: {
          type: "integer",
          minimum: 0,
          description: "Longest allowed text length in characters. Check id: rule.<column>.max_length."
        },
        reference_range: {
          type: "object",
          additionalProperties: false,
          required: ["min", "max"],
          properties: {
            min: { type: ["number", "string"] },
            max: { type: ["number", "string"] }
          },
          description: "The range seen in the reference data (written by infer). Values outside it are a warning, not a failure. Check id: rule.<column>.range."
        },
        identifier: {
          type: "boolean",
          description: "true: an id column. It is exempt from drift and from ranges."
        },
        drift: {
          type: "boolean",
          description: "false: leave this column out of drift."
        }
      }
    },
    dataset: {
      type: "object",
      description: "Rules about the whole file.",
      additionalProperties: false,
      properties: {
        min_rows: {
          type: "integer",
          minimum: 0,
          description: "Fewest rows allowed. Check id: dataset.row_count."
        },
        max_rows: {
          type: "integer",
          minimum: 0,
          description: "Most rows allowed. Check id: dataset.row_count."
        },
        duplicate_rows: {
          $ref: "#/$defs/severity",
          description: "Rows identical in every column: fail, warn or off (default off). Check id: dataset.duplicate_rows."
        },
        primary_key: {
          type: "array",
          minItems: 1,
          items: { type: "string", minLength: 1 },
          description: "Columns that together identify a row: never missing, never repeated. Check id: dataset.primary_key."
        },
        extra_columns: {
          $ref: "#/$defs/severity",
          description: "Columns in the data that the contract does not name: fail, warn (default) or off. Check id: schema.columns.extra."
        },
        missing_columns: {
          $ref: "#/$defs/severity",
          description: "Columns of the contract absent from the data: fail (default), warn or off. Check id: schema.columns.missing."
        }
      }
    }
  }
};

// src/gates/data/contract.ts
var DUCKDB_TYPE = {
  integer: "BIGINT",
  number: "DOUBLE",
  string: "VARCHAR",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMP",
  category: "VARCHAR"
};
var addFormats = import_ajv_formats.default;
function compileRecordSchema(js, file, display, line) {
  let value = js;
  if (typeof js === "string") {
    const p = path.resolve(path.dirname(file), js);
    try {
      value = JSON.parse(readFileSync(p, "utf8"));
    } catch (e) {
      const code = e.code;
      throw new ConfigurationError(
        `${display}:${line}: json_schema ${js} ${code === "ENOENT" ? "is not found" : `is not valid JSON (${errorMessage(e)})`}`
      );
    }
  }
  const ajv = new import__.Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  try {
    return ajv.compile(value);
  } catch (e) {
    throw new ConfigurationError(`${display}:${line}: json_schema is not a valid JSON Schema (${errorMessage(e)})`);
  }
}
function loadContract(file, display) {
  let text2;
  try {
    text2 = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigurationError(`${display}: cannot be read (${e.code ?? errorMessage(e)})`);
  }
  if (text2.trim() === "") throw new ConfigurationError(`${display}: file is empty`);
  const contract = parseYamlWithSchema(text2, display, contract_schema_default);
  const lc = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text2, { lineCounter: lc });
  const lineOf = (segments) => {
    for (let n = segments.length; n > 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true);
      if (node?.range) return lc.linePos(node.range[0]).line;
    }
    return 1;
  };
  const loaded = { contract, display, lineOf };
  if (contract.json_schema !== void 0) {
    loaded.validateRecord = compileRecordSchema(contract.json_schema, file, display, lineOf(["json_schema"]));
  }
  for (const [name, c] of Object.entries(contract.columns ?? {})) {
    if (c.min_length !== void 0 && c.max_length !== void 0 && c.min_length > c.max_length)
      throw new ConfigurationError(
        `${display}:${lineOf(["columns", name, "min_length"])}: columns.${name}.min_length is larger than max_length`
      );
    if (typeof c.min === "number" && typeof c.max === "number" && c.min > c.max)
      throw new ConfigurationError(`${display}:${lineOf(["columns", name, "min"])}: columns.${name}.min is larger than max`);
  }
  return loaded;
}

// src/core/stats/divergence.ts
function smoothedShares(counts, epsilon) {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 1 / counts.length);
  const floored = counts.map((c) => Math.max(c / total, epsilon));
  const sum = floored.reduce((a, b) => a + b, 0);
  return floored.map((s) => s / sum);
}
function shares(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => total > 0 ? c / total : 0);
}
var PSI_EPSILON = 1e-4;
function psi(referenceCounts, currentCounts, epsilon = PSI_EPSILON) {
  const p = smoothedShares(referenceCounts, epsilon);
  const q = smoothedShares(currentCounts, epsilon);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (q[i] - p[i]) * Math.log(q[i] / p[i]);
  return s;
}
function jensenShannon(referenceCounts, currentCounts) {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let div = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) div += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) div += 0.5 * q[i] * Math.log2(q[i] / m);
  }
  return Math.sqrt(Math.min(1, Math.max(0, div)));
}
function ksFromBins(referenceCounts, currentCounts) {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let fp = 0;
  let fq = 0;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    fp += p[i];
    fq += q[i];
    d = Math.max(d, Math.abs(fp - fq));
  }
  return d;
}
function wassersteinFromBins(edges, referenceCounts, currentCounts) {
  const p = shares(referenceCounts);
  const q = shares(currentCounts);
  let fp = 0;
  let fq = 0;
  let w = 0;
  for (let i = 0; i < p.length; i++) {
    const width = edges[i + 1] - edges[i];
    const a = fp - fq;
    fp += p[i];
    fq += q[i];
    const b = fp - fq;
    if (!(width > 0)) continue;
    w += a * b >= 0 ? width * (Math.abs(a) + Math.abs(b)) / 2 : width * (a * a + b * b) / (2 * (Math.abs(a) + Math.abs(b)));
  }
  return w;
}
function gTest(referenceCounts, currentCounts) {
  const m = referenceCounts.reduce((a, b) => a + b, 0);
  const n = currentCounts.reduce((a, b) => a + b, 0);
  const total = m + n;
  let g = 0;
  let nonEmpty = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const r = referenceCounts[i];
    const c = currentCounts[i];
    const pooled = r + c;
    if (pooled === 0) continue;
    nonEmpty += 1;
    if (r > 0) g += 2 * r * Math.log(r * total / (pooled * m));
    if (c > 0) g += 2 * c * Math.log(c * total / (pooled * n));
  }
  const df = nonEmpty - 1;
  return { g, df, pValue: df > 0 ? chiSquareSf(Math.max(0, g), df) : 1 };
}

// src/core/stats/hypergeometric.ts
var INVERSION_MAX_SD = 16;
function hypergeometric(rng, population, successes, draws) {
  const lo = Math.max(0, draws + successes - population);
  const hi = Math.min(draws, successes);
  if (lo === hi) return lo;
  const variance = draws * successes * (population - successes) * (population - draws) / (population * population * (population - 1));
  if (variance > INVERSION_MAX_SD * INVERSION_MAX_SD) return ratioOfUniforms(rng, population, successes, draws);
  return inversion(rng, population, successes, draws, lo, hi);
}
function inversion(rng, population, successes, draws, lo, hi) {
  const failures = population - successes;
  const mode = Math.min(hi, Math.max(lo, Math.floor((draws + 1) * (successes + 1) / (population + 2))));
  const pMode = Math.exp(logChoose(successes, mode) + logChoose(failures, draws - mode) - logChoose(population, draws));
  const up = (x) => (successes - x) * (draws - x) / ((x + 1) * (failures - draws + x + 1));
  const down = (x) => x * (failures - draws + x) / ((successes - x + 1) * (draws - x + 1));
  let u = rng.next() - pMode;
  if (u <= 0) return mode;
  let left = mode;
  let right = mode;
  let pLeft = pMode;
  let pRight = pMode;
  for (; ; ) {
    const nextLeft = left > lo ? pLeft * down(left) : -1;
    const nextRight = right < hi ? pRight * up(right) : -1;
    if (nextLeft < 0 && nextRight < 0) return mode;
    if (nextRight >= nextLeft) {
      right += 1;
      pRight = nextRight;
      u -= pRight;
      if (u <= 0) return right;
    } else {
      left -= 1;
      pLeft = nextLeft;
      u -= pLeft;
      if (u <= 0) return left;
    }
  }
}
var LOG_FACTORIAL = (k) => logGamma(k + 1);
var RU_D1 = 2 * Math.sqrt(2 / Math.E);
var RU_D2 = 3 - 2 * Math.sqrt(3 / Math.E);
function ratioOfUniforms(rng, population, successes, draws) {
  const sample = Math.min(draws, population - draws);
  const small = Math.min(successes, population - successes);
  const large = population - small;
  const p = small / population;
  const mean = sample * p;
  const a = mean + 0.5;
  const c = Math.sqrt((population - sample) * sample * p * (1 - p) / (population - 1) + 0.5);
  const h = RU_D1 * c + RU_D2;
  const mode = Math.floor((sample + 1) * (small + 1) / (population + 2));
  const logF = (k2) => -(LOG_FACTORIAL(k2) + LOG_FACTORIAL(small - k2) + LOG_FACTORIAL(sample - k2) + LOG_FACTORIAL(large - sample + k2));
  const logFMode = logF(mode);
  const bound = Math.min(Math.min(sample, small) + 1, Math.floor(a + 16 * c));
  let k;
  for (; ; ) {
    const u = rng.next();
    if (u === 0) continue;
    const x = a + h * (rng.next() - 0.5) / u;
    if (x < 0 || x >= bound) continue;
    k = Math.floor(x);
    if (k < sample - large) continue;
    const t = logF(k) - logFMode;
    if (u * (4 - u) - 3 <= t) break;
    if (u * (u - t) >= 1) continue;
    if (2 * Math.log(u) <= t) break;
  }
  if (successes > population - successes) k = sample - k;
  if (sample < draws) k = successes - k;
  return k;
}
function multivariateHypergeometric(rng, pooled, draws) {
  let remainingPopulation = pooled.reduce((a, b) => a + b, 0);
  let remainingDraws = draws;
  const out = new Array(pooled.length).fill(0);
  for (let b = 0; b < pooled.length && remainingDraws > 0; b++) {
    const t = pooled[b];
    const x = b === pooled.length - 1 ? remainingDraws : hypergeometric(rng, remainingPopulation, t, remainingDraws);
    out[b] = x;
    remainingPopulation -= t;
    remainingDraws -= x;
  }
  return out;
}

// src/core/stats/permutation.ts
var STOP_AFTER_EXCEEDANCES = 50;
function permutationPValue(referenceCounts, currentCounts, statistic, draws, rng, stopAfter = STOP_AFTER_EXCEEDANCES) {
  const observed = statistic(referenceCounts, currentCounts);
  const pooled = referenceCounts.map((r, i) => r + currentCounts[i]);
  const n = currentCounts.reduce((a, b) => a + b, 0);
  const bar = observed - 1e-12 * Math.max(1, Math.abs(observed));
  let exceedances = 0;
  for (let k = 1; k <= draws; k++) {
    const cur = multivariateHypergeometric(rng, pooled, n);
    const ref = pooled.map((t, i) => t - cur[i]);
    if (statistic(ref, cur) >= bar) exceedances += 1;
    if (exceedances >= stopAfter) return { pValue: exceedances / k, exceedances, draws: k, observed };
  }
  return { pValue: (1 + exceedances) / (1 + draws), exceedances, draws, observed };
}

// src/gates/data/drift/numeric.ts
function coarseBins(c) {
  const group = (fine) => {
    const out = [fine[0]];
    let from = 0;
    for (const to of c.coarseUpper) {
      let s = 0;
      for (let j = from; j <= to; j++) s += fine[j + 1];
      out.push(s);
      from = to + 1;
    }
    out.push(fine[fine.length - 1]);
    return out;
  };
  const lo = fmt(c.referenceMin);
  const labels = [`< ${lo}`];
  c.coarseUpper.forEach((to, k) => {
    const start = k === 0 ? `[${lo}` : `(${fmt(c.upper[c.coarseUpper[k - 1]])}`;
    labels.push(`${start}, ${fmt(c.upper[to])}]`);
  });
  labels.push(`> ${fmt(c.upper[c.upper.length - 1])}`);
  return { reference: group(c.reference), current: group(c.current), labels };
}
function fmt(x) {
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : Number(x.toPrecision(4)).toString();
}
function numericScores(c, coarse) {
  const n = c.current.reduce((a, b) => a + b, 0);
  const m = c.reference.reduce((a, b) => a + b, 0);
  const min = c.referenceMin;
  const max = c.upper[c.upper.length - 1];
  const below = c.current[0];
  const above = c.current[c.current.length - 1];
  const lowStart = below > 0 ? min - 2 * c.currentBelowDistance / below : min;
  const highEnd = above > 0 ? max + 2 * c.currentAboveDistance / above : max;
  const edges = [lowStart, min, ...c.upper, highEnd];
  const ks = ksFromBins(c.reference, c.current);
  const raw = wassersteinFromBins(edges, c.reference, c.current);
  const scale = c.referenceStd > 0 && Number.isFinite(c.referenceStd) ? c.referenceStd : 1;
  return {
    psi: psi(coarse.reference, coarse.current),
    ks,
    ksP: ksPValue(ks, n, m),
    wasserstein: raw / scale,
    wassersteinRaw: raw,
    scale
  };
}

// src/gates/data/drift/sql.ts
var FINE_BINS = 100;
var PSI_BINS = 10;
var TOP_CATEGORIES = 20;
var QUANTILE_SAMPLE = 2e4;
var EXACT_DISTINCT = 256;
var asNumber = (v) => typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number.NaN;
function nextDown(x) {
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return buf.getFloat64(0);
}
function finiteColumns(table, names, where = "") {
  const t = names.map((n, i) => `TRY_CAST(${sqlIdent(n)} AS DOUBLE) AS t${i}`).join(", ");
  const x = names.map((_, i) => `CASE WHEN isfinite(t${i}) THEN t${i} END AS x${i}`).join(", ");
  return `(SELECT ${x} FROM (SELECT ${t} FROM ${sqlIdent(table)}${where}))`;
}
function doubleList(values) {
  return `string_split(${sqlString(values.map(String).join(","))}, ',')::DOUBLE[]`;
}
function mapCounts(v) {
  const out = /* @__PURE__ */ new Map();
  const entries = v?.entries ?? [];
  for (const e of entries) out.set(asNumber(e.key), asNumber(e.value));
  return out;
}
async function aggregateRow(conn, table, names, skip, select, width) {
  const row = new Array(names.length * width).fill(null);
  const kept = names.flatMap((_, i) => skip[i] ? [] : [i]);
  if (kept.length === 0) return row;
  const t = kept.map((i) => `TRY_CAST(${sqlIdent(names[i])} AS DOUBLE) AS t${i}`).join(", ");
  const x = kept.map((i) => `CASE WHEN isfinite(t${i}) THEN t${i} END AS x${i}`).join(", ");
  const sql = `SELECT ${kept.map((i) => select[i]).join(", ")} FROM (SELECT ${x} FROM (SELECT ${t} FROM ${sqlIdent(table)}))`;
  const got = (await conn.runAndReadAll(sql)).getRows()[0] ?? [];
  kept.forEach((i, k) => row.splice(width * i, width, ...got.slice(width * k, width * (k + 1))));
  return row;
}
function valueStats(values) {
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [v, k] of values) {
    n += k;
    sum += v * k;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / n;
  let ss = 0;
  for (const [v, k] of values) ss += k * (v - mean) ** 2;
  return n === 0 ? { n, min: NaN, max: NaN, std: NaN } : { n, min, max, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}
async function valueCounts(conn, table, names, chosen) {
  const out = names.map(() => /* @__PURE__ */ new Map());
  const parts = names.flatMap((n, i) => {
    if (!chosen[i]) return [];
    const c = sqlIdent(n);
    return [
      `SELECT ${i} AS col, v, sum(k) AS k FROM (SELECT TRY_CAST(v AS DOUBLE) AS v, k FROM
        (SELECT ${c} AS v, count(*) AS k FROM ${sqlIdent(table)} WHERE ${c} IS NOT NULL GROUP BY 1)) WHERE isfinite(v) GROUP BY v`
    ];
  });
  if (parts.length === 0) return out;
  for (const row of (await conn.runAndReadAll(parts.join(" UNION ALL "))).getRows()) {
    out[asNumber(row[0])].set(asNumber(row[1]), asNumber(row[2]));
  }
  return out;
}
function binValues(values, bounds) {
  const out = /* @__PURE__ */ new Map();
  for (const [v, n] of values) {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (bounds[mid] >= v) hi = mid;
      else lo = mid + 1;
    }
    if (lo < bounds.length) out.set(bounds[lo], (out.get(bounds[lo]) ?? 0) + n);
  }
  return out;
}
function quantile7(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  const b = sorted[Math.min(lo + 1, sorted.length - 1)];
  return a + (h - lo) * (b - a);
}
async function sampleEdges(conn, table, names) {
  const rows = asNumber((await conn.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(table)}`)).getRows()[0]?.[0]);
  const every = Math.max(1, Math.ceil(rows / QUANTILE_SAMPLE));
  const lists = names.map((_, i) => `list(x${i}) FILTER (WHERE x${i} IS NOT NULL)`).join(", ");
  const raw = names.map((n) => `TRY_CAST(${sqlIdent(n)} AS DOUBLE)`).join(", ");
  let row;
  try {
    row = (await conn.runAndReadAll(`SELECT ${lists} FROM ${finiteColumns(table, names, ` WHERE rowid % ${every} = 0`)}`)).getRows()[0] ?? [];
  } catch {
    row = (await conn.runAndReadAll(`SELECT ${lists} FROM ${finiteColumns(table, names, ` WHERE hash(${raw}) % ${every} = 0`)}`)).getRows()[0] ?? [];
  }
  return names.map((_, i) => {
    const sample = Float64Array.from(row[i]?.items ?? [], asNumber).sort();
    const q = Array.from({ length: FINE_BINS - 1 }, (_2, k) => quantile7(sample, (k + 1) / FINE_BINS)).filter(Number.isFinite);
    const interior = q.filter((v, k) => k === 0 || v > q[k - 1]);
    const deciles = Array.from({ length: PSI_BINS - 1 }, (_2, k) => quantile7(sample, (k + 1) / PSI_BINS)).filter(Number.isFinite);
    const sampleDistinct = sample.reduce((n, v, k) => k === 0 || v !== sample[k - 1] ? n + 1 : n, 0);
    return { interior, deciles, sampleDistinct };
  });
}
async function numericCounts(conn, currentTable, referenceTable, names, currentDistinct = []) {
  if (names.length === 0) return { counts: [], nReference: [], nCurrent: [] };
  const edges = await sampleEdges(conn, referenceTable, names);
  const refExact = names.map((_, i) => edges[i].sampleDistinct <= EXACT_DISTINCT);
  const curExact = names.map((_, i) => (currentDistinct[i] ?? Number.POSITIVE_INFINITY) <= EXACT_DISTINCT);
  const refValues = await valueCounts(conn, referenceTable, names, refExact);
  const refSel = names.map((_, i) => {
    const x = `x${i}`;
    const h = refExact[i] ? "NULL" : edges[i].interior.length > 0 ? `histogram(${x}, ${doubleList(edges[i].interior)})` : "NULL";
    return `${h}, count(${x}), min(${x}), max(${x}), stddev_samp(${x})`;
  });
  const refRow = await aggregateRow(conn, referenceTable, names, refExact, refSel, 5);
  names.forEach((_, i) => {
    if (!refExact[i]) return;
    const v = valueStats(refValues[i]);
    refRow.splice(5 * i, 5, null, v.n, v.min, v.max, v.std);
  });
  const nReference = names.map((_, i) => asNumber(refRow[5 * i + 1]));
  const partial = names.map((_, i) => {
    const min = asNumber(refRow[5 * i + 2]);
    const max = asNumber(refRow[5 * i + 3]);
    if (!(nReference[i] > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return null;
    const interior = edges[i].interior.filter((v) => v >= min && v < max);
    const upper = [...interior, max];
    const byKey = refExact[i] ? binValues(refValues[i], interior) : mapCounts(refRow[5 * i]);
    const inRange = upper.map((u, j) => j < interior.length ? byKey.get(u) ?? 0 : 0);
    inRange[upper.length - 1] = nReference[i] - inRange.reduce((a, b) => a + b, 0);
    const coarse = /* @__PURE__ */ new Set([upper.length - 1]);
    for (const d of edges[i].deciles) {
      const j = upper.indexOf(d);
      if (j >= 0) coarse.add(j);
    }
    return {
      upper,
      reference: [0, ...inRange, 0],
      coarseUpper: [...coarse].sort((a, b) => a - b),
      referenceMin: min,
      referenceStd: asNumber(refRow[5 * i + 4])
    };
  });
  const curSel = names.map((_, i) => {
    const x = `x${i}`;
    const p = partial[i];
    if (!p) return `NULL, count(${x}), NULL, NULL`;
    const min = `${sqlString(String(p.referenceMin))}::DOUBLE`;
    const max = `${sqlString(String(p.upper[p.upper.length - 1]))}::DOUBLE`;
    const h = curExact[i] ? "NULL" : `histogram(${x}, ${doubleList([nextDown(p.referenceMin), ...p.upper])})`;
    return `${h}, count(${x}), sum(greatest(${min} - ${x}, 0)), sum(greatest(${x} - ${max}, 0))`;
  });
  const curRow = await aggregateRow(conn, currentTable, names, curExact, curSel, 4);
  const curValues = await valueCounts(conn, currentTable, names, curExact);
  names.forEach((_, i) => {
    if (!curExact[i]) return;
    const p = partial[i];
    const lo = p?.referenceMin ?? 0;
    const hi = p?.upper[p.upper.length - 1] ?? 0;
    let n = 0;
    let below = 0;
    let above = 0;
    for (const [v, k] of curValues[i]) {
      n += k;
      below += k * Math.max(lo - v, 0);
      above += k * Math.max(v - hi, 0);
    }
    curRow.splice(4 * i, 4, null, n, p ? below : null, p ? above : null);
  });
  const nCurrent = names.map((_, i) => asNumber(curRow[4 * i + 1]));
  const counts = partial.map((p, i) => {
    if (!p) return null;
    const byKey = curExact[i] ? binValues(curValues[i], [nextDown(p.referenceMin), ...p.upper]) : mapCounts(curRow[4 * i]);
    const below = byKey.get(nextDown(p.referenceMin)) ?? 0;
    const inRange = p.upper.map((u) => byKey.get(u) ?? 0);
    const above = nCurrent[i] - below - inRange.reduce((a, b) => a + b, 0);
    return {
      ...p,
      current: [below, ...inRange, above],
      currentBelowDistance: asNumber(curRow[4 * i + 2]) || 0,
      currentAboveDistance: asNumber(curRow[4 * i + 3]) || 0
    };
  });
  return { counts, nReference, nCurrent };
}
async function categoricalCounts(conn, currentTable, referenceTable, names) {
  if (names.length === 0) return { counts: [], nReference: [], nCurrent: [] };
  const ref = sqlIdent(referenceTable);
  const cur = sqlIdent(currentTable);
  const topSql = names.map((n, i) => {
    const c = sqlIdent(n);
    return `SELECT * FROM (SELECT ${i} AS col, CAST(${c} AS VARCHAR) AS v, count(*) AS n, sum(count(*)) OVER () AS total
        FROM ${ref} WHERE ${c} IS NOT NULL GROUP BY 2 ORDER BY n DESC, v LIMIT ${TOP_CATEGORIES})`;
  }).join(" UNION ALL ");
  const top = names.map(() => []);
  const nReference = names.map(() => 0);
  for (const row of (await conn.runAndReadAll(topSql)).getRows()) {
    const col = asNumber(row[0]);
    top[col].push({ v: String(row[1]), n: asNumber(row[2]) });
    nReference[col] = asNumber(row[3]);
  }
  const withReference = names.map((n, i) => ({ n, i })).filter(({ i }) => top[i].length > 0);
  const curSql = withReference.map(({ n, i }) => {
    const c = sqlIdent(n);
    const inTop = `c.v IN (${top[i].map((t) => sqlString(t.v)).join(", ")})`;
    const counted = `(SELECT CAST(${c} AS VARCHAR) AS v, count(*) AS n FROM ${cur} WHERE ${c} IS NOT NULL GROUP BY 1) c`;
    if (top[i].reduce((a, t) => a + t.n, 0) === nReference[i]) {
      return `SELECT ${i} AS col, CASE WHEN ${inTop} THEN c.v END AS v,
          CASE WHEN ${inTop} THEN 'top' ELSE 'unseen' END AS kind, sum(c.n) AS n FROM ${counted} GROUP BY ALL`;
    }
    return `SELECT ${i} AS col, CASE WHEN ${inTop} THEN c.v END AS v,
          CASE WHEN ${inTop} THEN 'top' WHEN r.v IS NOT NULL THEN 'other' ELSE 'unseen' END AS kind, sum(c.n) AS n
        FROM ${counted}
        LEFT JOIN (SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM ${ref} WHERE ${c} IS NOT NULL) r ON c.v = r.v
        GROUP BY ALL`;
  }).join(" UNION ALL ");
  const curRows = curSql ? (await conn.runAndReadAll(curSql)).getRows() : [];
  const nCurrentAll = names.map(() => 0);
  const counts = names.map((_, i) => {
    const t = top[i];
    const labels = [...t.map((x) => x.v), "(other)", "(unseen)"];
    const reference = [...t.map((x) => x.n), nReference[i] - t.reduce((a, x) => a + x.n, 0), 0];
    return { labels, reference, current: labels.map(() => 0) };
  });
  for (const row of curRows) {
    const col = asNumber(row[0]);
    const kind = String(row[2]);
    const n = asNumber(row[3]);
    const c = counts[col];
    const k = kind === "top" ? c.labels.indexOf(String(row[1])) : kind === "other" ? c.labels.length - 2 : c.labels.length - 1;
    c.current[k] = (c.current[k] ?? 0) + n;
    nCurrentAll[col] = nCurrentAll[col] + n;
  }
  const emptyRef = names.map((n, i) => ({ n, i })).filter(({ i }) => top[i].length === 0);
  if (emptyRef.length > 0) {
    const sel = emptyRef.map(({ n }) => `count(${sqlIdent(n)})`).join(", ");
    const row = (await conn.runAndReadAll(`SELECT ${sel} FROM ${cur}`)).getRows()[0] ?? [];
    emptyRef.forEach(({ i }, k) => nCurrentAll[i] = asNumber(row[k]));
  }
  return { counts, nReference, nCurrent: nCurrentAll };
}

// src/gates/data/drift.ts
var PERMUTATIONS = 1e3;
var DEFAULT_SEED = 1;
async function computeDrift(conn, currentTable, referenceTable, columns, options) {
  const seed = options.seed ?? DEFAULT_SEED;
  const numeric = columns.filter((c) => c.kind === "numeric").map((c) => c.name);
  const categorical = columns.filter((c) => c.kind === "categorical").map((c) => c.name);
  const num3 = await numericCounts(
    conn,
    currentTable,
    referenceTable,
    numeric,
    columns.filter((c) => c.kind === "numeric").map((c) => c.distinct)
  );
  const cat = await categoricalCounts(conn, currentTable, referenceTable, categorical);
  const measured = columns.map((col) => {
    const role = col.role ?? "feature";
    const rng = makeRng(seedFor(seed, col.name));
    if (col.kind === "numeric") {
      const i2 = numeric.indexOf(col.name);
      const counts2 = num3.counts[i2] ?? null;
      const nCurrent2 = num3.nCurrent[i2];
      const nReference2 = num3.nReference[i2];
      if (!counts2 || nCurrent2 === 0) return unmeasured(col, role, nCurrent2, nReference2);
      const coarse = coarseBins(counts2);
      const s = numericScores(counts2, coarse);
      const p2 = calibratedP(coarse.reference, coarse.current, psi, rng);
      const scores2 = { psi: s.psi, ks: s.ks, wasserstein: s.wasserstein };
      return {
        drift: { column: col.name, kind: col.kind, role, scores: scores2, pValue: p2.pValue, effect: s.psi, histogram: chart(coarse) },
        details: {
          ...scores2,
          ks_p: s.ksP,
          wasserstein_raw: s.wassersteinRaw,
          wasserstein_scale: s.scale,
          p_method: p2.method,
          permutations: p2.draws
        },
        nCurrent: nCurrent2,
        nReference: nReference2
      };
    }
    const i = categorical.indexOf(col.name);
    const counts = cat.counts[i];
    const nCurrent = cat.nCurrent[i];
    const nReference = cat.nReference[i];
    if (nCurrent === 0 || nReference === 0) return unmeasured(col, role, nCurrent, nReference);
    const p = calibratedP(counts.reference, counts.current, jensenShannon, rng);
    const scores = { js: jensenShannon(counts.reference, counts.current), psi: psi(counts.reference, counts.current) };
    return {
      drift: { column: col.name, kind: col.kind, role, scores, pValue: p.pValue, effect: scores.js, histogram: chart(counts) },
      details: { ...scores, unseen_share: shares(counts.current).at(-1), p_method: p.method, permutations: p.draws },
      nCurrent,
      nReference
    };
  });
  const adjusted = benjaminiHochberg(measured.map((m) => m.drift.pValue));
  const ids = checkIds(columns);
  const results = [];
  const checks = [];
  measured.forEach((m, k) => {
    const d = m.drift;
    const adjustedP = adjusted[k];
    const floor = d.kind === "numeric" ? options.psiFloor : options.jsFloor;
    const oneSided = m.nCurrent === 0 !== (m.nReference === 0);
    const flagged = oneSided || adjustedP <= options.alpha && d.effect >= floor;
    results.push({ ...d, adjustedP, flagged });
    const scoreName = d.kind === "numeric" ? "PSI" : "JS distance";
    checks.push({
      id: ids[k],
      title: `${d.role === "label" ? "Label drift" : "Drift"} in ${d.column}`,
      status: m.nCurrent === 0 && m.nReference === 0 ? "skip" : flagged ? options.mode : "pass",
      column: d.column,
      observed: finiteOrNull(d.effect),
      expected: `< ${floor}`,
      message: verdict(m, scoreName, floor, adjustedP, options.alpha, flagged),
      details: {
        ...cleanDetails(m.details),
        p_value: finiteOrNull(d.pValue),
        adjusted_p: finiteOrNull(adjustedP),
        alpha: options.alpha,
        floor,
        n_current: m.nCurrent,
        n_reference: m.nReference
      }
    });
  });
  return { columns: results, checks };
}
function calibratedP(reference, current, statistic, rng) {
  const perm = permutationPValue(reference, current, statistic, PERMUTATIONS, rng);
  if (perm.exceedances > 0) return { pValue: perm.pValue, method: "permutation", draws: perm.draws };
  const g = gTest(reference, current).pValue;
  const method = g < perm.pValue ? "permutation+g-test" : "permutation";
  return { pValue: Math.min(g, perm.pValue), method, draws: perm.draws };
}
function unmeasured(col, role, nCurrent, nReference) {
  return {
    drift: {
      column: col.name,
      kind: col.kind,
      role,
      scores: {},
      pValue: Number.NaN,
      effect: Number.NaN,
      histogram: { labels: [], reference: [], current: [] }
    },
    details: {},
    nCurrent,
    nReference
  };
}
function chart(b) {
  return { labels: b.labels, reference: shares(b.reference), current: shares(b.current) };
}
function verdict(m, scoreName, floor, adjustedP, alpha, flagged) {
  if (m.nCurrent === 0 && m.nReference === 0) return "No values in either table: drift cannot be measured.";
  if (m.nReference === 0) return `The reference has no values but the current data has ${m.nCurrent}.`;
  if (m.nCurrent === 0) return `The current data has no values but the reference has ${m.nReference}.`;
  const score = `${scoreName} ${num(m.drift.effect)}`;
  const p = `adjusted p ${num(adjustedP)}`;
  if (flagged) return `${score} >= ${floor} and ${p} <= ${alpha}: the distribution changed.`;
  if (adjustedP <= alpha) return `Significant (${p}) but ${score} is under the ${floor} floor: too small to matter.`;
  return `Not significant (${p} > ${alpha}); ${score}.`;
}
function num(x) {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}
function finiteOrNull(x) {
  return Number.isFinite(x) ? x : null;
}
function cleanDetails(d) {
  const out = {};
  for (const [k, v] of Object.entries(d)) out[k] = typeof v === "number" ? finiteOrNull(v) : v;
  return out;
}
function checkIds(columns) {
  const seen = /* @__PURE__ */ new Map();
  return columns.map((c) => {
    const base = `drift.${c.kind === "numeric" ? "psi" : "js"}.${c.name.replace(/[^A-Za-z0-9_:-]/g, "_") || "_"}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}-${k}`;
  });
}

// src/gates/data/rules.ts
function idPart(name) {
  const s = name.replace(/[^A-Za-z0-9_:\-[\]]+/g, "_");
  return s === "" ? "_" : s;
}
var INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
var FLOAT = /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/;
var isIntegerType = (t) => INTEGER.test(t);
var isNumericType = (t) => INTEGER.test(t) || FLOAT.test(t);
var isFloatType = (t) => FLOAT.test(t);
var isTemporalType = (t) => /^(DATE|TIMESTAMP.*|TIME.*)$/.test(t);
function typedColumn(name, duckType, want) {
  const col = sqlIdent(name);
  if (!want || want === "string" || want === "category") return { expr: col };
  const target = DUCKDB_TYPE[want];
  if (duckType === "VARCHAR" || duckType === "JSON") {
    const expr = `TRY_CAST(${col} AS ${target})`;
    return { expr, badType: `${col} IS NOT NULL AND ${expr} IS NULL` };
  }
  switch (want) {
    case "integer":
      if (isIntegerType(duckType)) return { expr: col };
      if (FLOAT.test(duckType)) return { expr: col, badType: `${col} IS NOT NULL AND ${col} <> trunc(${col})` };
      break;
    case "number":
      if (isNumericType(duckType)) return { expr: col };
      break;
    case "boolean":
      if (duckType === "BOOLEAN") return { expr: col };
      break;
    case "date":
      if (duckType === "DATE") return { expr: col };
      if (duckType.startsWith("TIMESTAMP"))
        return { expr: col, badType: `${col} IS NOT NULL AND ${col} <> CAST(CAST(${col} AS DATE) AS TIMESTAMP)` };
      break;
    case "datetime":
      if (duckType === "DATE" || duckType.startsWith("TIMESTAMP")) return { expr: col };
      break;
  }
  return { expr: col, incompatible: true };
}
function literal(v, type) {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (type === "date") return `TRY_CAST(${sqlString(v)} AS DATE)`;
  if (type === "datetime") return `TRY_CAST(${sqlString(v)} AS TIMESTAMP)`;
  if (type === "integer" || type === "number") return `TRY_CAST(${sqlString(v)} AS DOUBLE)`;
  return sqlString(v);
}
var text = (expr) => `CAST(${expr} AS VARCHAR)`;
function rowRule(base, predicate, value) {
  return {
    ...base,
    count: `count(*) FILTER (WHERE ${predicate})`,
    examples: (t, n) => `SELECT rowid AS row, ${value} AS value FROM ${t} WHERE ${predicate} ORDER BY rowid LIMIT ${n}`
  };
}
function missingRule(base, col) {
  return { ...rowRule(base, `${col} IS NULL`, "NULL"), count: `count(*) - count(${col})` };
}
function repeatRule(base, cols, nulls) {
  const list = cols.map(sqlIdent).join(", ");
  const anyNull = cols.map((c) => `${sqlIdent(c)} IS NULL`).join(" OR ");
  const key = cols.length === 1 ? list : nulls === "value" ? `hash(${list})` : `row(${list})`;
  const value = cols.length === 1 ? text(list) : `concat_ws(', ', ${cols.map((c) => `coalesce(${text(sqlIdent(c))}, 'null')`).join(", ")})`;
  const count = nulls === "violate" && cols.length === 1 ? `count(*) - count(${list}) + count(${list}) - count(DISTINCT ${list})` : nulls === "violate" ? `count(*) FILTER (WHERE ${anyNull}) + count(*) FILTER (WHERE NOT (${anyNull})) - count(DISTINCT ${key}) FILTER (WHERE NOT (${anyNull}))` : nulls === "skip" ? `count(${key}) - count(DISTINCT ${key})` : `count(*) - count(DISTINCT ${key})`;
  const keep = nulls === "violate" ? `(${anyNull}) OR rn > 1` : nulls === "skip" ? `NOT (${anyNull}) AND rn > 1` : "rn > 1";
  return {
    ...base,
    count,
    repeat: { columns: cols, nulls },
    examples: (t, n) => `SELECT row, value FROM (SELECT rowid AS row, ${value} AS value, ${cols.map(sqlIdent).join(", ")},
         row_number() OVER (PARTITION BY ${list} ORDER BY rowid) AS rn FROM ${t}) WHERE ${keep} ORDER BY row LIMIT ${n}`
  };
}
function columnRules(name, c, duckType) {
  const col = sqlIdent(name);
  const id = (rule) => `rule.${idPart(name)}.${rule}`;
  const typed = typedColumn(name, duckType, c.type);
  const v = typed.expr;
  const out = [];
  const base = (rule, title, expected, severity = "fail") => ({
    id: id(rule),
    title,
    column: name,
    severity,
    expected
  });
  if (typed.badType) {
    out.push(
      rowRule(
        {
          id: `schema.${idPart(name)}.type`,
          title: `${name} is ${c.type ?? "typed"}`,
          column: name,
          severity: "fail",
          expected: c.type ?? null
        },
        typed.badType,
        text(col)
      )
    );
  }
  if (c.required) out.push(missingRule(base("required", `${name} has no missing values`, "no missing values"), col));
  if (c.max_missing !== void 0) {
    out.push({
      ...missingRule(base("missing", `${name} missing fraction`, `<= ${c.max_missing}`), col),
      allowedFraction: c.max_missing
    });
  }
  if (c.unique) out.push(repeatRule(base("unique", `${name} values are unique`, "unique"), [name], "skip"));
  if (c.min !== void 0)
    out.push(
      rowRule(base("min", `${name} >= ${String(c.min)}`, `>= ${String(c.min)}`), `${v} < ${literal(c.min, c.type)}`, text(v))
    );
  if (c.max !== void 0)
    out.push(
      rowRule(base("max", `${name} <= ${String(c.max)}`, `<= ${String(c.max)}`), `${v} > ${literal(c.max, c.type)}`, text(v))
    );
  if (c.reference_range && c.min === void 0 && c.max === void 0 && !c.identifier) {
    const { min, max } = c.reference_range;
    out.push(
      rowRule(
        base("range", `${name} within the reference range`, `${String(min)} .. ${String(max)}`, "warn"),
        `${v} < ${literal(min, c.type)} OR ${v} > ${literal(max, c.type)}`,
        text(v)
      )
    );
  }
  if (c.allowed) {
    const numeric = isNumericType(duckType) && c.allowed.every((a) => typeof a === "number");
    const list = numeric ? c.allowed.map(String).join(", ") : c.allowed.map((a) => sqlString(String(a))).join(", ");
    const lhs = numeric ? v : text(v);
    out.push(
      rowRule(
        base("allowed", `${name} takes allowed values only`, c.allowed.map(String).join(", ").slice(0, 200)),
        `${lhs} NOT IN (${list})`,
        text(col)
      )
    );
  }
  if (c.regex !== void 0) {
    out.push(
      rowRule(
        base("regex", `${name} matches ${c.regex}`, c.regex),
        `NOT regexp_full_match(${text(col)}, ${sqlString(c.regex)})`,
        text(col)
      )
    );
  }
  if (c.min_length !== void 0)
    out.push(
      rowRule(
        base("min_length", `${name} length >= ${c.min_length}`, `>= ${c.min_length}`),
        `length(${text(col)}) < ${c.min_length}`,
        text(col)
      )
    );
  if (c.max_length !== void 0)
    out.push(
      rowRule(
        base("max_length", `${name} length <= ${c.max_length}`, `<= ${c.max_length}`),
        `length(${text(col)}) > ${c.max_length}`,
        text(col)
      )
    );
  return out;
}
function datasetRules(d, allColumns) {
  const out = [];
  const dup = d.duplicate_rows ?? "off";
  if (dup !== "off" && allColumns.length > 0) {
    out.push(
      repeatRule(
        { id: "dataset.duplicate_rows", title: "No duplicate rows", severity: dup, expected: "no duplicates" },
        allColumns,
        "value"
      )
    );
  }
  if (d.primary_key?.length) {
    out.push(
      repeatRule(
        {
          id: "dataset.primary_key",
          title: `Primary key (${d.primary_key.join(", ")}) is present and unique`,
          severity: "fail",
          expected: "present and unique"
        },
        d.primary_key,
        "violate"
      )
    );
  }
  return out;
}

// src/gates/data/profile.ts
function kindOf(type) {
  if (isNumericType(type)) return "numeric";
  if (isTemporalType(type)) return "temporal";
  return "categorical";
}
function profileSelect(columns) {
  return columns.flatMap((c, i) => {
    const col = sqlIdent(c.name);
    const k = kindOf(c.type);
    const items = [`count(${col}) AS p${i}_count`];
    if (!isFloatType(c.type)) items.push(`approx_count_distinct(${col}) AS p${i}_distinct`);
    if (k !== "categorical") items.push(`min(${col}) AS p${i}_min`, `max(${col}) AS p${i}_max`);
    if (k === "numeric") items.push(`avg(${col}) AS p${i}_mean`);
    return items;
  });
}
function readProfile(columns, row, total) {
  return columns.map((c, i) => {
    const count = Number(row[`p${i}_count`] ?? 0);
    const p = {
      name: c.name,
      type: c.type,
      kind: kindOf(c.type),
      count,
      missing: total - count
    };
    const d = row[`p${i}_distinct`];
    if (d !== void 0 && d !== null) p.distinct = Math.min(count, Number(d));
    if (p.kind !== "categorical") {
      p.min = row[`p${i}_min`] ?? null;
      p.max = row[`p${i}_max`] ?? null;
    }
    if (p.kind === "numeric" && typeof row[`p${i}_mean`] === "number") p.mean = row[`p${i}_mean`];
    return p;
  });
}
var SMALL_DOMAIN = 20;
async function addTopValues(conn, table, profiles, limit = SMALL_DOMAIN) {
  const small = profiles.filter(
    (p) => p.kind === "categorical" && (p.distinct ?? 0) > 0 && (p.distinct ?? 0) <= SMALL_DOMAIN * 2
  );
  if (small.length === 0) return;
  const parts = small.map(
    (p, i) => `(SELECT ${i} AS c, CAST(${sqlIdent(p.name)} AS VARCHAR) AS value, count(*) AS n FROM ${table} WHERE ${sqlIdent(p.name)} IS NOT NULL GROUP BY 2 ORDER BY n DESC, value LIMIT ${limit + 1})`
  );
  const rows = await queryRows(conn, parts.join(" UNION ALL "));
  for (const r of rows) {
    const p = small[Number(r.c)];
    if (!p) continue;
    (p.top ??= []).push({ value: String(r.value), count: Number(r.n) });
  }
  for (const p of small) {
    p.top?.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    if (p.top && p.top.length <= limit) p.distinct = p.top.length;
  }
}

// src/gates/data/sections.ts
var MAX_CHARTS = 3;
var MAX_BAD_ROWS = 50;
var TOP_SHOWN = 3;
function num2(v) {
  if (typeof v !== "number") return v === void 0 || v === null ? "" : String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}
function shape(p) {
  if (p.kind === "numeric") return `${num2(p.min)} / ${num2(p.mean)} / ${num2(p.max)}`;
  if (p.kind === "temporal") return `${num2(p.min)} .. ${num2(p.max)}`;
  if (p.top?.length) {
    const more = (p.distinct ?? 0) > TOP_SHOWN ? ", \u2026" : "";
    return `${p.top.slice(0, TOP_SHOWN).map((t) => `${t.value} (${t.count})`).join(", ")}${more}`;
  }
  return "";
}
function driftScore(d) {
  if (!d) return "";
  const key = d.kind === "numeric" ? "psi" : "js";
  const v = d.scores[key];
  return v === void 0 ? "" : `${key} ${num2(v)}`;
}
function driftVerdict(d) {
  if (!d) return "";
  const role = d.role === "label" ? "label " : "";
  return d.flagged ? `${role}drift (p=${num2(d.adjustedP)})` : `${role}stable`;
}
function dataSections(profiles, drift, checks, rows) {
  const byName = new Map(drift.map((d) => [d.column, d]));
  const hasDrift = drift.length > 0;
  const sections = [
    {
      kind: "table",
      title: "Columns",
      headers: [
        "Column",
        "Type",
        "Missing",
        "Min / mean / max or top values",
        "Distinct",
        ...hasDrift ? ["Drift score", "Drift"] : []
      ],
      align: ["l", "l", "r", "l", "r", ...hasDrift ? ["r", "l"] : []],
      rows: profiles.map((p) => {
        const d = byName.get(p.name);
        return [
          p.name,
          p.type,
          rows ? `${(p.missing / rows * 100).toFixed(1)}%` : "",
          shape(p),
          p.distinct ?? "",
          ...hasDrift ? [driftScore(d), driftVerdict(d)] : []
        ];
      }),
      note: "Distinct counts are approximate (HyperLogLog). Drift: flagged when significant after Benjamini-Hochberg and above the effect floor."
    }
  ];
  const bad = [];
  for (const c of checks) {
    if (c.status !== "fail" && c.status !== "warn") continue;
    for (const e of c.examples ?? []) {
      if (bad.length >= MAX_BAD_ROWS) break;
      bad.push([c.id, e.line ?? e.where ?? "", e.value ?? ""]);
    }
  }
  if (bad.length) {
    sections.push({
      kind: "table",
      title: "Failing rows (first examples)",
      headers: ["Check", "Line", "Value"],
      align: ["l", "r", "l"],
      rows: bad
    });
  }
  const charts = drift.filter((d) => d.flagged && d.histogram.labels.length > 0).sort((a, b) => b.effect - a.effect).slice(0, MAX_CHARTS);
  for (const d of charts) {
    sections.push({
      kind: "bar-chart",
      title: `${d.role === "label" ? "Label drift" : "Drift"}: ${d.column}`,
      xLabel: d.column,
      yLabel: "share of rows",
      labels: d.histogram.labels,
      series: [
        { name: "reference", values: d.histogram.reference },
        { name: "current", values: d.histogram.current }
      ]
    });
  }
  return sections;
}
function dataSummary(display, t, checks, drift) {
  const c = countByStatus(checks);
  const parts = [`${display}: ${t.rowCount.toLocaleString("en-US")} rows`];
  if (c.fail) parts.push(`${c.fail} failed check${c.fail === 1 ? "" : "s"}`);
  if (c.warn) parts.push(`${c.warn} warning${c.warn === 1 ? "" : "s"}`);
  if (!c.fail && !c.warn) parts.push(`all ${c.pass} checks passed`);
  const flagged = drift.filter((d) => d.flagged).map((d) => d.column);
  if (drift.length)
    parts.push(
      flagged.length ? `drift in ${flagged.slice(0, 3).join(", ")}${flagged.length > 3 ? ` and ${flagged.length - 3} more` : ""}` : "no drift"
    );
  return parts.join("; ");
}

// src/gates/data/json-schema.ts
var JsonSchemaCollector = class {
  constructor(validate, maxExamples) {
    this.validate = validate;
    this.maxExamples = maxExamples;
  }
  validate;
  maxExamples;
  failed = 0;
  checked = 0;
  examples = [];
  add(record, line) {
    this.checked += 1;
    if (this.validate(record)) return;
    this.failed += 1;
    if (this.examples.length < this.maxExamples) {
      const e = this.validate.errors?.[0];
      const where = e?.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "record";
      this.examples.push({ line, value: `${where} ${e?.message ?? "is invalid"}`.slice(0, 200) });
    }
  }
};
function jsonSchemaCheck(c, display) {
  const check = {
    id: "schema.json_schema",
    title: "Every record satisfies the JSON Schema",
    status: c.failed ? "fail" : "pass",
    observed: `${c.failed} record${c.failed === 1 ? "" : "s"}`,
    expected: "0 records",
    failedRows: c.failed
  };
  if (c.failed) {
    check.file = display;
    check.message = `${c.failed} of ${c.checked} records do not satisfy the JSON Schema`;
    check.examples = c.examples;
  }
  return check;
}

// src/gates/data/identify.ts
var ID_NAME = /(^|[_\s.-])(id|uuid|guid|key)$|^id[_\s.-]|Id$|ID$/;
var isIdName = (name) => ID_NAME.test(name);
function looksLikeIdentifier(p, rows) {
  if (rows < 2 || p.missing > 0) return false;
  const allDistinct = (p.distinct ?? 0) >= rows * 0.9;
  if (!allDistinct) return false;
  if (ID_NAME.test(p.name)) return p.kind !== "temporal";
  return p.kind === "categorical" && p.type === "VARCHAR";
}

// src/gates/data/gate.ts
var DUCKDB_MEMORY = "512MB";
var CURRENT = "mlgate_current";
function isPlainFile(p) {
  return !/[*?[]/.test(p) && existsSync(p) && statSync(p).isFile();
}
var REFERENCE = "mlgate_reference";
function csvTypes(contract) {
  const out = {};
  for (const [name, c] of Object.entries(contract?.contract.columns ?? {})) if (c.type) out[name] = DUCKDB_TYPE[c.type];
  return out;
}
async function checkRegexes(conn, lc) {
  for (const [name, c] of Object.entries(lc.contract.columns ?? {})) {
    if (c.regex === void 0) continue;
    try {
      await conn.run(`SELECT regexp_full_match('', ${sqlString(c.regex)})`);
    } catch (e) {
      const why = (errorMessage(e).split("\n")[0] ?? "").replace(/^[A-Za-z ]+Error: /, "");
      throw new ConfigurationError(
        `${lc.display}:${lc.lineOf(["columns", name, "regex"])}: columns.${name}.regex is not a valid regular expression (${why})`
      );
    }
  }
}
function unknownColumn(what, name, t, where) {
  const hint = didYouMean(
    name,
    t.columns.map((c) => c.name)
  );
  return new ConfigurationError(
    `${where}: ${what} names column "${name}", which is not in ${t.display}${hint ? ` (did you mean "${hint}"?)` : ""}`
  );
}
function castChecks(t, contract, maxExamples) {
  const byColumn = /* @__PURE__ */ new Map();
  for (const r of t.rejects) if (r.kind === "type" && r.column) byColumn.set(r.column, [...byColumn.get(r.column) ?? [], r]);
  const out = [];
  for (const [column, rejects] of byColumn) {
    const declared = contract?.contract.columns?.[column]?.type;
    const type = declared ?? t.columns.find((c) => c.name === column)?.type ?? "its type";
    out.push({
      id: `schema.${idPart(column)}.type`,
      title: `${column} is ${type}`,
      column,
      status: "fail",
      observed: `${rejects.length} row${rejects.length === 1 ? "" : "s"}`,
      expected: type,
      failedRows: rejects.length,
      file: t.display,
      message: `${rejects.length} value${rejects.length === 1 ? "" : "s"} of ${column} do not read as ${type}`,
      examples: rejects.slice(0, maxExamples).map((r) => ({ line: r.line, value: r.raw.slice(0, 200) }))
    });
  }
  return out;
}
function compileContract(lc, t, typeChecked) {
  const out = { rules: [], checks: [] };
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
      "of the contract missing from the data"
    );
    const x = columnSetCheck(
      "schema.columns.extra",
      "No columns beyond the contract",
      extra,
      ds.extra_columns ?? "warn",
      "not in the contract"
    );
    if (m) out.checks.push(m);
    if (x) out.checks.push(x);
  }
  for (const [name, c] of Object.entries(contract.columns ?? {})) {
    const duckType = present.get(name);
    if (duckType === void 0) continue;
    const typed = typedColumn(name, duckType, c.type);
    if (typed.incompatible) {
      out.checks.push({
        id: `schema.${idPart(name)}.type`,
        title: `${name} is ${c.type ?? ""}`,
        column: name,
        status: "fail",
        observed: duckType,
        expected: c.type ?? null,
        message: `${name} is stored as ${duckType}, which cannot hold ${c.type ?? ""} values`
      });
      continue;
    }
    const rules = columnRules(name, c, duckType);
    if (c.type && !typed.badType && !typeChecked.has(name)) {
      out.checks.push({
        id: `schema.${idPart(name)}.type`,
        title: `${name} is ${c.type}`,
        column: name,
        status: "pass",
        observed: duckType,
        expected: c.type
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
      t.columns.map((c) => c.name)
    )
  );
  return out;
}
function deferredDuplicates(rules) {
  const hasKey = rules.some((r) => r.repeat && r.repeat.nulls !== "value");
  return new Set(hasKey ? rules.flatMap((r, i) => r.repeat?.nulls === "value" ? [i] : []) : []);
}
function keyProvesDistinct(rules, counts, profiles, rowCount) {
  const complete = (name) => profiles.find((p) => p.name === name)?.count === rowCount;
  return rules.some(
    (r, i) => r.repeat !== void 0 && r.repeat.nulls !== "value" && counts[i] === 0 && (r.repeat.nulls === "violate" || r.repeat.columns.every(complete))
  );
}
function driftColumns(cur, ref, profiles, lc, label) {
  const refTypes = new Map(ref.columns.map((c) => [c.name, c.type]));
  const out = [];
  for (const p of profiles) {
    const refType = refTypes.get(p.name);
    if (refType === void 0) continue;
    const c = lc?.contract.columns?.[p.name];
    const isLabel = p.name === label;
    if (!isLabel && (c?.identifier || c?.drift === false)) continue;
    if (!isLabel && !c && looksLikeIdentifier(p, cur.rowCount)) continue;
    if (!isLabel && p.kind === "categorical" && (p.distinct ?? 0) > Math.max(SMALL_DOMAIN, cur.rowCount / 2)) continue;
    const refProfileKind = kindOf(refType);
    if (p.kind === "temporal" || refProfileKind === "temporal") continue;
    const numeric = p.kind === "numeric" && refProfileKind === "numeric" && c?.type !== "category";
    out.push({
      name: p.name,
      kind: numeric ? "numeric" : "categorical",
      role: isLabel ? "label" : "feature",
      ...p.distinct !== void 0 ? { distinct: p.distinct } : {}
    });
  }
  return out;
}
function waive(checks, waivers) {
  for (const c of checks) {
    if (c.status === "fail" && isWaived(c.id, waivers)) {
      c.status = "warn";
      c.message = `waived in config: ${c.message ?? c.title}`;
    }
  }
}
async function runDataGate(o) {
  const progress = o.progress ?? (() => void 0);
  const maxExamples = o.maxExamples ?? 5;
  const lc = o.schema ? loadContract(o.schema.path, o.schema.display) : void 0;
  const jsonCollector = lc?.validateRecord ? new JsonSchemaCollector(lc.validateRecord, maxExamples) : void 0;
  const files = [o.data, o.schema, o.config, o.drift !== "off" ? o.reference : void 0].filter(
    (f) => !!f && isPlainFile(f.path)
  );
  const hashing = files.map(async (f) => [f.display, await sha256File(f.path)]);
  for (const h of hashing) h.catch(() => void 0);
  const db = await openDuckDB({ memoryLimit: DUCKDB_MEMORY });
  try {
    const conn = db.connection;
    if (lc) await checkRegexes(conn, lc);
    progress(`reading ${o.data.display}`);
    const cur = await openTable(conn, o.data.path, {
      name: CURRENT,
      display: o.data.display,
      types: csvTypes(lc),
      ...jsonCollector ? {
        onJsonRecord: (r, line) => {
          jsonCollector.add(r, line);
        }
      } : {}
    });
    if (lc?.contract.json_schema !== void 0 && cur.format !== "jsonl") {
      throw new ConfigurationError(
        `${lc.display}:${lc.lineOf(["json_schema"])}: json_schema applies to JSON Lines data only, and ${o.data.display} is ${cur.format.toUpperCase()}`
      );
    }
    if (o.label && !cur.columns.some((c) => c.name === o.label)) throw unknownColumn("the label", o.label, cur, "--label");
    const typeChecks = castChecks(cur, lc, maxExamples);
    const compiled = compileContract(lc, cur, new Set(typeChecks.map((c) => c.column ?? "")));
    progress(`checking ${compiled.rules.length} rules and profiling ${cur.columns.length} columns`);
    const deferred = deferredDuplicates(compiled.rules);
    const select = [
      `count(*) AS n`,
      ...profileSelect(cur.columns),
      ...compiled.rules.flatMap((r, i) => deferred.has(i) ? [] : [`${r.count} AS r${i}`])
    ];
    const agg = (await queryRows(conn, `SELECT ${select.join(", ")} FROM ${cur.table}`))[0] ?? {};
    const profiles = readProfile(cur.columns, agg, cur.rowCount);
    await addTopValues(conn, cur.table, profiles);
    const counts = compiled.rules.map((_, i) => Number(agg[`r${i}`] ?? 0));
    if (deferred.size > 0 && !keyProvesDistinct(compiled.rules, counts, profiles, cur.rowCount)) {
      const sel = [...deferred].map((i) => `${compiled.rules[i]?.count ?? "0"} AS r${i}`);
      const row = (await queryRows(conn, `SELECT ${sel.join(", ")} FROM ${cur.table}`))[0] ?? {};
      for (const i of deferred) counts[i] = Number(row[`r${i}`] ?? 0);
    }
    const checks = [
      malformedCheck(
        cur,
        cur.rejects.filter((r) => r.kind === "malformed"),
        maxExamples
      )
    ];
    const rc = rowCountCheck(cur.rowCount, lc?.contract.dataset?.min_rows, lc?.contract.dataset?.max_rows);
    if (rc) checks.push(rc);
    checks.push(...compiled.checks, ...typeChecks, ...await ruleChecks(conn, cur, compiled.rules, counts, maxExamples));
    if (jsonCollector) checks.push(jsonSchemaCheck(jsonCollector, cur.display));
    let drift = [];
    const inputs = {};
    for (const [display, hash] of await Promise.all(hashing)) inputs[display] = hash;
    if (o.reference && o.drift !== "off") {
      progress(`reading reference ${o.reference.display}`);
      const ref = await openTable(conn, o.reference.path, { name: REFERENCE, display: o.reference.display, types: csvTypes(lc) });
      const refRejects = ref.rejects;
      if (refRejects.length) {
        const m = malformedCheck(ref, refRejects, maxExamples, "dataset.reference.malformed_rows");
        m.status = "warn";
        checks.push(m);
      }
      const refNames = new Set(ref.columns.map((c) => c.name));
      const curNames = new Set(cur.columns.map((c) => c.name));
      const added = cur.columns.map((c) => c.name).filter((n) => !refNames.has(n));
      const removed = ref.columns.map((c) => c.name).filter((n) => !curNames.has(n));
      checks.push(
        columnSetCheck(
          "dataset.columns.new",
          "No columns absent from the reference",
          added,
          "warn",
          "not in the reference"
        )
      );
      checks.push(
        columnSetCheck(
          "dataset.columns.missing",
          "Every reference column is present",
          removed,
          "warn",
          "of the reference missing"
        )
      );
      const columns = driftColumns(cur, ref, profiles, lc, o.label);
      progress(`measuring drift of ${columns.length} columns`);
      const t = o.thresholds ?? {};
      const result = await computeDrift(conn, CURRENT, REFERENCE, columns, {
        psiFloor: t.psi ?? 0.1,
        jsFloor: t.js ?? 0.1,
        alpha: t.alpha ?? 0.05,
        mode: o.drift === "fail" ? "fail" : "warn"
      });
      drift = result.columns;
      checks.push(...result.checks);
    }
    waive(checks, o.waive);
    return makeReport({
      gate: "data",
      checks,
      summary: dataSummary(o.data.display, cur, checks, drift),
      ...isPlainFile(o.data.path) ? { subject: await subjectOf(o.data.path, o.data.display, "data") } : {},
      metrics: { rows: cur.rowCount, rejected: cur.rejects.length, columns: columnMetrics(profiles, drift) },
      sections: dataSections(profiles, drift, checks, cur.rowCount),
      inputs
    });
  } finally {
    db.close();
  }
}
function columnMetrics(profiles, drift) {
  const byName = new Map(drift.map((d) => [d.column, d]));
  return Object.fromEntries(
    profiles.map((p) => {
      const d = byName.get(p.name);
      const rest = { ...p };
      delete rest.name;
      return [
        p.name,
        d ? {
          ...rest,
          drift: {
            scores: d.scores,
            pValue: d.pValue,
            adjustedP: d.adjustedP,
            effect: d.effect,
            flagged: d.flagged,
            role: d.role
          }
        } : rest
      ];
    })
  );
}

export {
  idPart,
  isIntegerType,
  isNumericType,
  profileSelect,
  readProfile,
  SMALL_DOMAIN,
  addTopValues,
  isIdName,
  looksLikeIdentifier,
  DUCKDB_MEMORY,
  runDataGate
};
