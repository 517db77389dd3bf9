#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  benjaminiHochberg,
  chiSquareSf,
  ksPValue,
  logChoose,
  logFactorial
} from "./chunk-KUVD5YKZ.js";
import {
  Aggregate,
  DUCKDB_TYPE,
  EXACT_DISTINCT_ROWS,
  SAMPLE_BATCH,
  SMALL_DOMAIN,
  asNumber,
  columnRules,
  datasetRules,
  idPart,
  isIntegerType,
  kindOf,
  loadContract,
  looksLikeIdentifier,
  profileItems,
  typedColumn
} from "./chunk-W7VGIH26.js";
import {
  makeRng,
  seedFor
} from "./chunk-QFTAHOAA.js";
import {
  csvSource
} from "./chunk-CGQQXU4C.js";
import {
  locateCsvRecords,
  openTable,
  plainValue,
  queryRows,
  readCsvRejects
} from "./chunk-L3ZXLXRE.js";
import {
  csvUnreadable,
  duckdbMemoryLimit,
  duckdbScratch,
  memorySetting,
  openDuckDB,
  outOfMemory,
  sqlIdent,
  sqlString,
  vectorValues
} from "./chunk-3ILC2NNE.js";
import {
  isWaived
} from "./chunk-UBWSVVVQ.js";
import "./chunk-AYZAZZX6.js";
import {
  didYouMean
} from "./chunk-ENG5Z6VT.js";
import {
  formatCount
} from "./chunk-CYBZZBR3.js";
import {
  sha256File,
  subjectOf
} from "./chunk-FK2QC4SI.js";
import "./chunk-ULEDS62O.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";
import {
  countByStatus,
  makeReport
} from "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/gates/data/gate.ts
import { existsSync, statSync as statSync2 } from "node:fs";

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
async function ruleChecks(conn, t, rules, counts, maxExamples, known = /* @__PURE__ */ new Map()) {
  const total = t.rowCount;
  const failing = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const n = counts[i] ?? 0;
    if (!rule || !ruleFails(rule, n, total) || maxExamples === 0) continue;
    const rows = known.get(i) ?? (await queryRows(conn, rule.examples(t.table, maxExamples))).map((r) => ({ row: Number(r.row), value: r.value ?? null }));
    failing.push({ index: i, rows });
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
function malformedCheck(t, rejects, count, maxExamples, id = "dataset.malformed_rows") {
  const check = {
    id,
    title: `Every record of ${t.display} parses`,
    status: count ? "fail" : "pass",
    observed: `${count} malformed`,
    expected: "0 malformed",
    failedRows: count,
    details: { rowsRead: t.rowCount, recordsRejected: t.rejected.total }
  };
  if (count) {
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

// src/gates/data/examples.ts
var RULES_PER_MASK = 30;
async function firstRows(conn, t, scan, rules, counts, maxExamples) {
  const failing = rules.flatMap(
    (r, i) => r.row && maxExamples > 0 && ruleFails(r, counts[i] ?? 0, t.rowCount) ? [{ index: i, row: r.row }] : []
  );
  if (failing.length === 0) return /* @__PURE__ */ new Map();
  return scan === void 0 ? fromTable(conn, t.table, failing, maxExamples) : fromScan(conn, scan, failing, maxExamples);
}
async function fromTable(conn, table, failing, k) {
  const agg = new Aggregate();
  const aliases = failing.map(
    (f) => agg.add(`min_by({'r': rowid, 'v': ${f.row.value}}, rowid, ${k}) FILTER (WHERE ${f.row.where})`)
  );
  const row = await agg.run(conn, { from: table });
  return new Map(
    failing.map((f, j) => [
      f.index,
      row.list(aliases[j]).map((v) => {
        const e = v?.entries ?? {};
        return { row: Number(e.r), value: plainValue(e.v) };
      })
    ])
  );
}
async function fromScan(conn, scan, failing, k) {
  const masks = [];
  for (let m = 0; m * RULES_PER_MASK < failing.length; m++) {
    const bits = failing.slice(m * RULES_PER_MASK, (m + 1) * RULES_PER_MASK).map((f, b) => `(CASE WHEN ${f.row.where} THEN ${2 ** b} ELSE 0 END)::INTEGER`);
    masks.push(bits.join(" + "));
  }
  const values = failing.map((f) => `CASE WHEN ${f.row.where} THEN ${f.row.value} END`);
  const result = await conn.stream(`SELECT ${[...masks, ...values].join(", ")} FROM ${scan}`);
  const out = new Map(failing.map((f) => [f.index, []]));
  let done = 0;
  let base = 0;
  for (; ; ) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    if (done < failing.length) {
      for (let m = 0; m < masks.length; m++) {
        const mask = vectorValues(chunk.getColumnVector(m), n);
        for (let r = 0; r < n; r++) {
          let bits = Number(mask[r] ?? 0);
          for (let b = 0; bits > 0; b++, bits = Math.floor(bits / 2)) {
            if (bits % 2 === 0) continue;
            const j = m * RULES_PER_MASK + b;
            const list = out.get(failing[j].index);
            if (list.length >= k) continue;
            list.push({ row: base + r, value: plainValue(chunk.getColumnVector(masks.length + j).getItem(r)) });
            if (list.length === k) done += 1;
          }
        }
      }
    }
    base += n;
  }
  return out;
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
  let u = rng.next() - pMode;
  if (u <= 0) return mode;
  const gap = failures - draws;
  let left = mode;
  let right = mode;
  let nextLeft = left > lo ? pMode * (left * (gap + left) / ((successes - left + 1) * (draws - left + 1))) : -1;
  let nextRight = right < hi ? pMode * ((successes - right) * (draws - right) / ((right + 1) * (gap + right + 1))) : -1;
  for (; ; ) {
    if (nextLeft < 0 && nextRight < 0) return mode;
    if (nextRight >= nextLeft) {
      right += 1;
      u -= nextRight;
      if (u <= 0) return right;
      nextRight = right < hi ? nextRight * ((successes - right) * (draws - right) / ((right + 1) * (gap + right + 1))) : -1;
    } else {
      left -= 1;
      u -= nextLeft;
      if (u <= 0) return left;
      nextLeft = left > lo ? nextLeft * (left * (gap + left) / ((successes - left + 1) * (draws - left + 1))) : -1;
    }
  }
}
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
  const logF = (k2) => -(logFactorial(k2) + logFactorial(small - k2) + logFactorial(sample - k2) + logFactorial(large - sample + k2));
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
function nextDown(x) {
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return buf.getFloat64(0);
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
  if (names.length === 0) return [];
  const rows = asNumber((await conn.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(table)}`)).getRows()[0]?.[0]);
  const every = Math.max(1, Math.ceil(rows / QUANTILE_SAMPLE));
  const out = [];
  let byRowid = true;
  for (let start = 0; start < names.length; start += SAMPLE_BATCH) {
    const batch = names.slice(start, start + SAMPLE_BATCH);
    const lists = batch.map((n) => `list(CASE WHEN isfinite(${doubleOf(n)}) THEN ${doubleOf(n)} END)`).join(", ");
    const query = (where) => `SELECT ${lists} FROM ${sqlIdent(table)} WHERE ${where}`;
    let row;
    if (byRowid) {
      try {
        row = (await conn.runAndReadAll(query(`rowid % ${every} = 0`))).getRows()[0];
      } catch {
        byRowid = false;
      }
    }
    const raw = names.map(doubleOf).join(", ");
    row ??= (await conn.runAndReadAll(query(`hash(${raw}) % ${every} = 0`))).getRows()[0];
    for (let i = 0; i < batch.length; i++) out.push(edgesOf(row?.[i]?.items ?? []));
  }
  return out;
}
var doubleOf = (name) => `TRY_CAST(${sqlIdent(name)} AS DOUBLE)`;
function edgesOf(items) {
  const sample = Float64Array.from(
    items.filter((v) => v !== null && v !== void 0),
    asNumber
  ).sort();
  const q = Array.from({ length: FINE_BINS - 1 }, (_, k) => quantile7(sample, (k + 1) / FINE_BINS)).filter(Number.isFinite);
  const interior = q.filter((v, k) => k === 0 || v > q[k - 1]);
  const deciles = Array.from({ length: PSI_BINS - 1 }, (_, k) => quantile7(sample, (k + 1) / PSI_BINS)).filter(Number.isFinite);
  const sampleDistinct = sample.reduce((n, v, k) => k === 0 || v !== sample[k - 1] ? n + 1 : n, 0);
  return { interior, deciles, sampleDistinct };
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
function finiteCounts(row, alias) {
  const out = /* @__PURE__ */ new Map();
  for (const [k, n] of row.counts(alias)) {
    const v = asNumber(k);
    if (Number.isFinite(v)) out.set(v, (out.get(v) ?? 0) + n);
  }
  return out;
}
function boundCounts(row, alias) {
  const out = /* @__PURE__ */ new Map();
  if (alias === void 0) return out;
  for (const [k, n] of row.counts(alias)) out.set(asNumber(k), n);
  return out;
}
function doubleList(values) {
  return `string_split(${sqlString(values.map(String).join(","))}, ',')::DOUBLE[]`;
}
function typesOf(columns) {
  const types = new Map(columns.map((c) => [c.name, c.type]));
  return (name) => types.get(name);
}
function finite(agg, name, type) {
  const c = sqlIdent(name);
  if (type !== void 0 && (isIntegerType(type) || type.startsWith("DECIMAL"))) return agg.project(`CAST(${c} AS DOUBLE)`);
  if (type === "DOUBLE" || type === "FLOAT") return agg.project(`CASE WHEN isfinite(${c}) THEN ${c}::DOUBLE END`);
  const t = `TRY_CAST(${c} AS DOUBLE)`;
  return agg.project(`CASE WHEN isfinite(${t}) THEN ${t} END`);
}
function valueHistogram(agg, name, type) {
  if (type !== void 0 && isIntegerType(type)) return agg.add(`histogram(${sqlIdent(name)})`);
  return agg.add(`histogram(${finite(agg, name, type)})`);
}
function byteOrder(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
var DriftGather = class {
  constructor(numeric, edges, categorical, currentDistinct = []) {
    this.numeric = numeric;
    this.edges = edges;
    this.categorical = categorical;
    this.exact = numeric.map((_, i) => edges[i].sampleDistinct <= EXACT_DISTINCT);
    this.currentExact = numeric.map((_, i) => this.exact[i] || (currentDistinct[i] ?? Infinity) <= EXACT_DISTINCT);
  }
  numeric;
  edges;
  categorical;
  exact;
  refAlias = [];
  catRefAlias = [];
  curAlias = [];
  catCurAlias = [];
  partial = [];
  nReference = [];
  top = [];
  refDomain = [];
  catNReference = [];
  currentExact;
  /** Adds the reference's items; `columns` are the reference's, with their DuckDB types. */
  addReference(agg, columns) {
    const types = typesOf(columns);
    this.numeric.forEach((name, i) => {
      const interior = this.edges[i].interior;
      if (this.exact[i]) {
        this.refAlias.push({ h: valueHistogram(agg, name, types(name)) });
        return;
      }
      const x = finite(agg, name, types(name));
      this.refAlias.push({
        ...interior.length > 0 ? { h: agg.add(`histogram(${x}, ${doubleList(interior)})`) } : {},
        n: agg.add(`count(${x})`),
        min: agg.add(`min(${x})`),
        max: agg.add(`max(${x})`),
        std: agg.add(`stddev_samp(${x})`)
      });
    });
    for (const name of this.categorical) this.catRefAlias.push(agg.add(`histogram(CAST(${sqlIdent(name)} AS VARCHAR))`));
  }
  readReference(row) {
    this.partial = this.numeric.map((_, i) => {
      const a = this.refAlias[i];
      const values = this.exact[i] ? finiteCounts(row, a.h) : void 0;
      const v = values ? valueStats(values) : { n: row.number(a.n), min: row.number(a.min), max: row.number(a.max), std: row.number(a.std) };
      this.nReference[i] = v.n;
      if (!(v.n > 0) || !Number.isFinite(v.min) || !Number.isFinite(v.max)) return null;
      const interior = this.edges[i].interior.filter((e) => e >= v.min && e < v.max);
      const upper = [...interior, v.max];
      const byKey = values ? binValues(values, interior) : boundCounts(row, a.h);
      const inRange = upper.map((u, j) => j < interior.length ? byKey.get(u) ?? 0 : 0);
      inRange[upper.length - 1] = v.n - inRange.reduce((s, k) => s + k, 0);
      const coarse = /* @__PURE__ */ new Set([upper.length - 1]);
      for (const d of this.edges[i].deciles) {
        const j = upper.indexOf(d);
        if (j >= 0) coarse.add(j);
      }
      return {
        upper,
        reference: [0, ...inRange, 0],
        coarseUpper: [...coarse].sort((p, q) => p - q),
        referenceMin: v.min,
        referenceStd: v.std
      };
    });
    this.categorical.forEach((_, i) => {
      const counts = [...row.counts(this.catRefAlias[i])].map(([k, n]) => ({ v: String(k), n }));
      counts.sort((p, q) => q.n - p.n || byteOrder(p.v, q.v));
      this.top[i] = counts.slice(0, TOP_CATEGORIES);
      this.refDomain[i] = new Set(counts.map((c) => c.v));
      this.catNReference[i] = counts.reduce((s, c) => s + c.n, 0);
    });
  }
  /** Adds the current file's items (after readReference); returns each exactly counted column's value counts alias. */
  addCurrent(agg, columns) {
    const types = typesOf(columns);
    const counted = /* @__PURE__ */ new Map();
    this.numeric.forEach((name, i) => {
      const p = this.partial[i];
      if (this.currentExact[i]) {
        const h = valueHistogram(agg, name, types(name));
        if (isIntegerType(types(name) ?? "")) counted.set(name, h);
        this.curAlias.push({ h });
        return;
      }
      const x = finite(agg, name, types(name));
      if (!p) {
        this.curAlias.push({ n: agg.add(`count(${x})`) });
        return;
      }
      const min = `${sqlString(String(p.referenceMin))}::DOUBLE`;
      const max = `${sqlString(String(p.upper[p.upper.length - 1]))}::DOUBLE`;
      this.curAlias.push({
        h: agg.add(`histogram(${x}, ${doubleList([nextDown(p.referenceMin), ...p.upper])})`),
        n: agg.add(`count(${x})`),
        // CASE costs less per row than greatest(…, 0); an empty tail sums to NULL, read as 0.
        below: agg.add(`sum(CASE WHEN ${x} < ${min} THEN ${min} - ${x} END)`),
        above: agg.add(`sum(CASE WHEN ${x} > ${max} THEN ${x} - ${max} END)`)
      });
    });
    for (const name of this.categorical) {
      const h = agg.add(`histogram(CAST(${sqlIdent(name)} AS VARCHAR))`);
      counted.set(name, h);
      this.catCurAlias.push(h);
    }
    return counted;
  }
  readCurrent(row) {
    const nCurrent = [];
    const counts = this.partial.map((p, i) => {
      const a = this.curAlias[i];
      let byKey;
      let below = 0;
      let above = 0;
      if (this.currentExact[i]) {
        const values = finiteCounts(row, a.h);
        const lo = p?.referenceMin ?? 0;
        const hi = p?.upper[p.upper.length - 1] ?? 0;
        let n = 0;
        for (const [v, k] of values) {
          n += k;
          below += k * Math.max(lo - v, 0);
          above += k * Math.max(v - hi, 0);
        }
        nCurrent[i] = n;
        byKey = p ? binValues(values, [nextDown(p.referenceMin), ...p.upper]) : /* @__PURE__ */ new Map();
      } else {
        nCurrent[i] = row.number(a.n);
        byKey = boundCounts(row, a.h);
        below = row.number(a.below ?? "") || 0;
        above = row.number(a.above ?? "") || 0;
      }
      if (!p) return null;
      const lower = byKey.get(nextDown(p.referenceMin)) ?? 0;
      const inRange = p.upper.map((u) => byKey.get(u) ?? 0);
      const upperTail = nCurrent[i] - lower - inRange.reduce((s, k) => s + k, 0);
      return { ...p, current: [lower, ...inRange, upperTail], currentBelowDistance: below, currentAboveDistance: above };
    });
    const catNCurrent = [];
    const catCounts = this.categorical.map((_, i) => {
      const t = this.top[i];
      const labels = [...t.map((x) => x.v), "(other)", "(unseen)"];
      const reference = [...t.map((x) => x.n), this.catNReference[i] - t.reduce((s, x) => s + x.n, 0), 0];
      const current = labels.map(() => 0);
      const index = new Map(t.map((x, k) => [x.v, k]));
      let n = 0;
      for (const [key, k] of row.counts(this.catCurAlias[i])) {
        n += k;
        if (t.length === 0) continue;
        const v = String(key);
        const j = index.get(v) ?? (this.refDomain[i].has(v) ? labels.length - 2 : labels.length - 1);
        current[j] = current[j] + k;
      }
      catNCurrent[i] = n;
      return { labels, reference, current };
    });
    return {
      numeric: { counts, nReference: this.nReference, nCurrent },
      categorical: { counts: catCounts, nReference: this.catNReference, nCurrent: catNCurrent }
    };
  }
};

// src/gates/data/drift.ts
var PERMUTATIONS = 1e3;
var DEFAULT_SEED = 1;
function decideDrift(columns, gathered, options) {
  const seed = options.seed ?? DEFAULT_SEED;
  const numeric = columns.filter((c) => c.kind === "numeric").map((c) => c.name);
  const categorical = columns.filter((c) => c.kind === "categorical").map((c) => c.name);
  const num3 = gathered.numeric;
  const cat = gathered.categorical;
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

// src/gates/data/source.ts
import { closeSync, openSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
var SAMPLE_BLOCKS = 64;
var SAMPLE_BLOCK_BYTES = 64 << 10;
var SAMPLE_WHOLE_BYTES = SAMPLE_BLOCKS * SAMPLE_BLOCK_BYTES;
async function openSource(conn, file, options) {
  const display = options.display ?? file;
  if (!/\.gz$/i.test(file)) {
    const s = await scannedSource(conn, file, { ...options, display });
    if (s) return s;
  }
  const t = await openTable(conn, file, options);
  return {
    display: t.display,
    format: t.format,
    columns: t.columns,
    rows: { from: t.table },
    sample: t.name,
    sampleFraction: 1,
    finish: () => Promise.resolve(t)
  };
}
async function scannedSource(conn, file, options) {
  const { name, display } = options;
  const src = await csvSource(conn, file, { name, display, ...options.types ? { types: options.types } : {} });
  if (!src || src.columns.some((c) => c.name.toLowerCase() === "rowid")) return void 0;
  const { args, columns, format } = src;
  const numbered = (extra) => `(SELECT row_number() OVER () - 1 AS rowid, * FROM read_csv(${[...args, ...extra].join(", ")}))`;
  const sample = `${name}__sample`;
  let sampleFraction;
  try {
    sampleFraction = await loadSample(conn, file, args, sample);
  } catch {
    return void 0;
  }
  return {
    display,
    format,
    columns,
    // The counting pass needs no row numbers: a plain scan, which DuckDB parses on every core.
    rows: { from: src.from },
    sample,
    sampleFraction,
    scan: `read_csv(${[...args, "ignore_errors=true"].join(", ")})`,
    finish: async (rowCount) => {
      const { rejects, rejected, ordinals } = await readCsvRejects(conn, name, file);
      if (rowCount === 0 && rejected.total === 0) throw new ConfigurationError(`${display}: has a header but no data rows`);
      return {
        // Examples and duplicates read the file again, numbered (`rowid` = 0-based row index in
        // file order), skipping the same malformed records.
        table: numbered(["ignore_errors=true"]),
        name,
        file,
        display,
        format,
        columns,
        rowCount,
        rejects,
        rejected,
        lineOf: async (want) => (await locateCsvRecords(file, { quote: 34, rejected: ordinals, rows: want, oneColumn: columns.length === 1 })).rows
      };
    }
  };
}
async function loadSample(conn, file, args, table) {
  const load = async (source) => {
    await conn.run(
      `CREATE OR REPLACE TABLE ${sqlIdent(table)} AS SELECT * FROM read_csv(${[sqlString(source), ...args.slice(1), "ignore_errors=true"].join(", ")})`
    );
  };
  const size = statSync(file).size;
  if (size <= SAMPLE_WHOLE_BYTES) {
    await load(file);
    return 1;
  }
  const tmp = duckdbScratch(conn);
  try {
    const source = path.join(tmp, "sample.csv");
    const blocks = sampleBlocks(file, size);
    writeFileSync(source, blocks);
    await load(source);
    return blocks.length / size;
  } catch {
    await load(file);
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
function sampleBlocks(file, size) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    readSync(fd, head, 0, head.length, 0);
    const headerEnd = head.indexOf(10) + 1;
    if (headerEnd === 0) return head;
    const parts = [head.subarray(0, headerEnd)];
    const block = Buffer.alloc(SAMPLE_BLOCK_BYTES);
    for (let k = 0; k < SAMPLE_BLOCKS; k++) {
      const offset = headerEnd + Math.floor(k * (size - headerEnd) / SAMPLE_BLOCKS);
      const view = block.subarray(0, readSync(fd, block, 0, block.length, offset));
      const from = k === 0 ? 0 : view.indexOf(10) + 1;
      const to = view.lastIndexOf(10) + 1;
      if (to > from && (k === 0 || from > 0)) parts.push(Buffer.from(view.subarray(from, to)));
    }
    return Buffer.concat(parts);
  } finally {
    closeSync(fd);
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
function distinctCell(p) {
  if (p.distinct === void 0) return "";
  if (p.distinctError === void 0) return p.distinct;
  return `\u2248${formatCount(p.distinct)} (\xB1${Math.round(p.distinctError * 100)}%)`;
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
          distinctCell(p),
          ...hasDrift ? [driftScore(d), driftVerdict(d)] : []
        ];
      }),
      note: `${profiles.some((p) => p.distinctError !== void 0) ? "Distinct counts marked \u2248 are HyperLogLog estimates (files of more than 2M rows): 95% of them are within the \xB1 shown. " : ""}Drift: flagged when significant after Benjamini-Hochberg and above the effect floor.`
    }
  ];
  const bad = [];
  let failing = 0;
  for (const c of checks) {
    if (c.status !== "fail" && c.status !== "warn") continue;
    const examples = c.examples ?? [];
    failing += Math.max(c.failedRows ?? 0, examples.length);
    for (const e of examples) {
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
      rows: bad,
      ...failing > bad.length ? { note: failingRowsNote(bad.length, failing) } : {}
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
function failingRowsNote(shown, failing) {
  return `Showing ${formatCount(shown)} of ${formatCount(failing)} failing rows (counted per check; a row failing two checks counts twice). The JSON report has each check's first examples; the Rows column above has every check's count.`;
}
function dataSummary(display, t, checks, drift) {
  const c = countByStatus(checks);
  const parts = [`${display}: ${formatCount(t.rowCount)} rows`];
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

// src/gates/data/gate.ts
var CURRENT = "mlgate_current";
function isPlainFile(p) {
  return !/[*?[]/.test(p) && existsSync(p) && statSync2(p).isFile();
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
  const out = [];
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
      examples: examples.map((r) => ({ line: r.line, value: r.raw.slice(0, 200) }))
    });
  }
  return out;
}
function compileContract(lc, t) {
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
    if (c.type && !typed.badType) {
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
function driftColumns(rows, ref, profiles, lc, label) {
  const refTypes = new Map(ref.columns.map((c) => [c.name, c.type]));
  const out = [];
  for (const p of profiles) {
    const refType = refTypes.get(p.name);
    if (refType === void 0) continue;
    const c = lc?.contract.columns?.[p.name];
    const isLabel = p.name === label;
    if (!isLabel && (c?.identifier || c?.drift === false)) continue;
    if (!isLabel && !c && looksLikeIdentifier(p, rows)) continue;
    if (!isLabel && p.kind === "categorical" && (p.distinct ?? 0) > Math.max(SMALL_DOMAIN, rows / 2)) continue;
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
  const limit = o.memoryLimit ?? duckdbMemoryLimit(void 0, process.env);
  try {
    return await dataGate(o, limit);
  } catch (e) {
    const files = new Map([o.data, ...o.reference ? [o.reference] : []].map((f) => [f.path, f.display]));
    throw outOfMemory(e, limit, `the data gate on ${o.data.display}`) ?? csvUnreadable(e, files) ?? e;
  }
}
async function dataGate(o, limit) {
  const progress = o.progress ?? (() => void 0);
  const maxExamples = o.maxExamples ?? 5;
  const lc = o.schema ? loadContract(o.schema.path, o.schema.display, o.resolve) : void 0;
  const jsonCollector = lc?.validateRecord ? new JsonSchemaCollector(lc.validateRecord, maxExamples) : void 0;
  const files = [o.data, o.schema, o.drift !== "off" ? o.reference : void 0].filter(
    (f) => !!f && isPlainFile(f.path)
  );
  const hashing = files.map(async (f) => [f.display, await sha256File(f.path)]);
  for (const h of hashing) h.catch(() => void 0);
  const db = await openDuckDB({
    memoryLimit: memorySetting(limit),
    reads: [o.data.path, ...o.reference ? [o.reference.path] : []],
    // DuckDB's default result buffer holds a few chunks, so its threads idle while examples.ts reads
    // a stream; a deeper one lets the scan run ahead on every core.
    settings: { streaming_buffer_size: "32MB" }
  });
  try {
    const conn = db.connection;
    if (lc) await checkRegexes(conn, lc);
    progress(`reading ${o.data.display}`);
    const cur = await openSource(conn, o.data.path, {
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
    const compiled = compileContract(lc, cur);
    const deferred = deferredDuplicates(compiled.rules);
    const sampled = await sampleProfile(conn, cur);
    const reference = o.reference && o.drift !== "off" ? o.reference : void 0;
    const drift = reference ? await readReference(conn, reference, cur, sampled, lc, o.label, maxExamples, progress) : void 0;
    progress(`checking ${compiled.rules.length} rules and profiling ${cur.columns.length} columns`);
    const agg = new Aggregate();
    const n = agg.add("count(*)");
    const counted = new Map([...valueCounted(agg, sampled.profiles), ...drift?.gather.addCurrent(agg, cur.columns) ?? []]);
    const exact = sampled.rows / cur.sampleFraction <= EXACT_DISTINCT_ROWS;
    const readProfiles = profileItems(agg, cur.columns, counted, exact);
    const countAlias = compiled.rules.map(
      (r, i) => deferred.has(i) || r.allowedText && counted.has(r.allowedText.column) ? void 0 : agg.add(r.count)
    );
    const row = await agg.run(conn, cur.rows);
    const t = await cur.finish(row.number(n));
    const profiles = readProfiles(row, t.rowCount);
    const counts = compiled.rules.map((r, i) => {
      const a = countAlias[i];
      if (a !== void 0) return row.number(a);
      return r.allowedText ? outsideAllowed(row.counts(counted.get(r.allowedText.column)), r.allowedText.values) : 0;
    });
    if (deferred.size > 0 && !keyProvesDistinct(compiled.rules, counts, profiles, t.rowCount)) {
      const sel = [...deferred].map((i) => `${compiled.rules[i]?.count ?? "0"} AS r${i}`);
      const more = (await queryRows(conn, `SELECT ${sel.join(", ")} FROM ${t.table}`))[0] ?? {};
      for (const i of deferred) counts[i] = Number(more[`r${i}`] ?? 0);
    }
    const examples = await firstRows(conn, t, cur.scan, compiled.rules, counts, maxExamples);
    const typeChecks = castChecks(t, lc, maxExamples);
    const typeChecked = new Set(typeChecks.map((c) => c.id));
    const checks = [
      malformedCheck(
        t,
        t.rejects.filter((r) => r.kind === "malformed"),
        t.rejected.malformed,
        maxExamples
      )
    ];
    const rc = rowCountCheck(t.rowCount, lc?.contract.dataset?.min_rows, lc?.contract.dataset?.max_rows);
    if (rc) checks.push(rc);
    checks.push(
      ...compiled.checks.filter((c) => !(c.status === "pass" && typeChecked.has(c.id))),
      ...typeChecks,
      ...await ruleChecks(conn, t, compiled.rules, counts, maxExamples, examples)
    );
    if (jsonCollector) checks.push(jsonSchemaCheck(jsonCollector, t.display));
    let drifted = [];
    if (drift) {
      checks.push(...drift.checks);
      const t2 = o.thresholds ?? {};
      const result = decideDrift(drift.columns, drift.gather.readCurrent(row), {
        psiFloor: t2.psi ?? 0.1,
        jsFloor: t2.js ?? 0.1,
        alpha: t2.alpha ?? 0.05,
        mode: o.drift === "fail" ? "fail" : "warn"
      });
      drifted = result.columns;
      checks.push(...result.checks);
    }
    const inputs = {};
    for (const [display, hash] of await Promise.all(hashing)) inputs[display] = hash;
    waive(checks, o.waive);
    return makeReport({
      gate: "data",
      checks,
      summary: dataSummary(o.data.display, t, checks, drifted),
      ...isPlainFile(o.data.path) ? { subject: await subjectOf(o.data.path, o.data.display, "data") } : {},
      metrics: { rows: t.rowCount, rejected: t.rejected.total, columns: columnMetrics(profiles, drifted) },
      sections: dataSections(profiles, drifted, checks, t.rowCount),
      inputs
    });
  } finally {
    db.close();
  }
}
function outsideAllowed(counts, allowed) {
  const ok = new Set(allowed);
  let n = 0;
  for (const [v, k] of counts) if (!ok.has(String(v))) n += k;
  return n;
}
async function sampleProfile(conn, src) {
  const profiles = [];
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
function valueCounted(agg, sampled) {
  const out = /* @__PURE__ */ new Map();
  for (const p of sampled) {
    if (p.kind === "categorical" && (p.distinct ?? 0) > 0 && (p.distinct ?? 0) <= SMALL_DOMAIN * 2)
      out.set(p.name, agg.add(`histogram(CAST(${sqlIdent(p.name)} AS VARCHAR))`));
  }
  return out;
}
async function readReference(conn, file, cur, sampled, lc, label, maxExamples, progress) {
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
    numeric.map((c) => c.distinct)
  );
  const agg = new Aggregate();
  const n = agg.add("count(*)");
  gather.addReference(agg, ref.columns);
  const row = await agg.run(conn, ref.rows);
  const t = await ref.finish(row.number(n));
  gather.readReference(row);
  const checks = [];
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
    columnSetCheck("dataset.columns.new", "No columns absent from the reference", added, "warn", "not in the reference"),
    columnSetCheck(
      "dataset.columns.missing",
      "Every reference column is present",
      removed,
      "warn",
      "of the reference missing"
    )
  );
  return { columns, gather, checks };
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
  runDataGate
};
