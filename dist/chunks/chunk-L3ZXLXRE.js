#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  duckdbScratch,
  numberColumn,
  parseBytes,
  sqlIdent,
  sqlString
} from "./chunk-3ILC2NNE.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";

// src/core/table.ts
import { existsSync, rmSync, statSync as statSync2 } from "node:fs";
import path2 from "node:path";

// src/core/table/record-limit.ts
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
var DEFAULT_RECORD_LIMIT = 8 << 20;
var LF = 10;
var CR = 13;
function recordLimit(env = process.env) {
  const v = env.MLGATE_MAX_RECORD_SIZE;
  if (v === void 0 || v.trim() === "") return DEFAULT_RECORD_LIMIT;
  const n = parseBytes(v, "MLGATE_MAX_RECORD_SIZE");
  if (n < 1024 || n > 1 << 30) {
    throw new ConfigurationError(`MLGATE_MAX_RECORD_SIZE "${v}" must be between 1kb and 1gb`);
  }
  return n;
}
function formatBytes(n) {
  if (n < 1024) return `${n} bytes`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1).replace(/\.0$/, "")} ${units[u] ?? "TiB"}`;
}
function openStream(file, start = 0, display = path.basename(file)) {
  const raw = createReadStream(file, { highWaterMark: 1 << 20, start });
  if (!/\.gz$/i.test(file)) return raw;
  const gunzip = raw.pipe(createGunzip());
  async function* bytes() {
    try {
      for await (const chunk of gunzip) yield chunk;
    } catch (e) {
      const code = e.code ?? "";
      if (!code.startsWith("Z_")) throw e;
      throw new ConfigurationError(`${display}: cannot be decompressed as gzip (${e.message}); is it cut short?`);
    } finally {
      raw.destroy();
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}
async function longLine(file, limit, display) {
  const start = /\.gz$/i.test(file) ? await streamScan(file, limit, display) : probe(file, limit);
  if (start === void 0) return void 0;
  const { line, bytes, whole } = await measureLine(file, start, limit);
  return bytes > limit ? { line, bytes, whole } : void 0;
}
function probe(file, limit) {
  const size = statSync(file).size;
  if (size <= limit) return void 0;
  const window = Math.max(1, Math.floor(limit / 2));
  const fd = openSync(file, "r");
  const buf = Buffer.alloc(Math.min(window, 64 << 10));
  const nextLF = (at, end) => {
    while (at < end) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n <= 0) return -1;
      const k = buf.subarray(0, n).indexOf(LF);
      if (k !== -1) return at + k;
      at += n;
    }
    return -1;
  };
  const prevLF = (at, stop) => {
    for (let hi = at; hi > stop; ) {
      const lo = Math.max(stop, hi - buf.length);
      const n = readSync(fd, buf, 0, hi - lo, lo);
      const k = buf.subarray(0, n).lastIndexOf(LF);
      if (k !== -1) return lo + k;
      hi = lo;
    }
    return -1;
  };
  const isCR = (at) => readSync(fd, buf, 0, 1, at) === 1 && buf[0] === CR;
  try {
    for (let w = 0; w < size; ) {
      const end = Math.min(size, w + window);
      if (nextLF(w, end) !== -1) {
        w = end;
        continue;
      }
      if (end >= size) return void 0;
      const back = Math.max(0, w - limit);
      const before = prevLF(w, back);
      if (before === -1 && back > 0) return w;
      const lineStart = before + 1;
      const reach = Math.min(size, lineStart + limit + 2);
      const after = nextLF(end, reach);
      if (after === -1) return reach < size || reach - lineStart > limit ? w : void 0;
      if (after - lineStart - (after > lineStart && isCR(after - 1) ? 1 : 0) > limit) return w;
      w = after + 1;
    }
    return void 0;
  } finally {
    closeSync(fd);
  }
}
async function streamScan(file, limit, display) {
  const stream = openStream(file, 0, display);
  let pos = 0;
  let lineStart = 0;
  let last = -1;
  try {
    for await (const chunk of stream) {
      const buf = chunk;
      const first = buf.indexOf(LF);
      if (first === -1) {
        if (pos + buf.length - lineStart > limit + 1) return lineStart;
        pos += buf.length;
        last = buf[buf.length - 1] ?? last;
        continue;
      }
      const cr = first > 0 ? buf[first - 1] === CR : last === CR;
      if (pos + first - lineStart - (cr ? 1 : 0) > limit) return lineStart;
      if (limit < buf.length) {
        for (let prev = first, next = buf.indexOf(LF, first + 1); next !== -1; prev = next, next = buf.indexOf(LF, next + 1))
          if (next - prev - 1 - (next - 1 > prev && buf[next - 1] === CR ? 1 : 0) > limit) return pos + prev + 1;
      }
      lineStart = pos + buf.lastIndexOf(LF) + 1;
      pos += buf.length;
      last = buf[buf.length - 1] ?? last;
    }
    return pos - lineStart > limit ? lineStart : void 0;
  } finally {
    stream.destroy();
  }
}
async function measureLine(file, offset, limit) {
  const stream = openStream(file);
  let pos = 0;
  let line = 1;
  let start = 0;
  let last = -1;
  try {
    for await (const chunk of stream) {
      const buf = chunk;
      const before = Math.min(buf.length, Math.max(0, offset - pos));
      for (let nl = buf.indexOf(LF); nl !== -1 && nl < before; nl = buf.indexOf(LF, nl + 1)) {
        line += 1;
        start = pos + nl + 1;
      }
      if (pos + buf.length > offset) {
        const nl = buf.indexOf(LF, before);
        if (nl !== -1) return { line, bytes: pos + nl - start - ((nl > 0 ? buf[nl - 1] : last) === CR ? 1 : 0), whole: true };
        if (pos + buf.length - start > limit * 4) return { line, bytes: pos + buf.length - start, whole: false };
      }
      pos += buf.length;
      last = buf[buf.length - 1] ?? last;
    }
    return { line, bytes: pos - start, whole: true };
  } finally {
    stream.destroy();
  }
}
async function assertNoLongLine(file, display, limit) {
  const long = await longLine(file, limit, display);
  if (!long) return;
  const size = long.whole ? formatBytes(long.bytes) : `more than ${formatBytes(limit * 4)}`;
  throw new ConfigurationError(
    `${display}:${long.line}: the line is ${size} long, over the record size limit of ${formatBytes(limit)}; a line that long cannot be read safely (raise MLGATE_MAX_RECORD_SIZE if it is meant to be)`
  );
}

// src/core/table/header.ts
var QUOTE = '"';
async function headerLine(file, display, limit) {
  const stream = openStream(file, 0, display);
  let text = "";
  let quoted = false;
  let scanned = 0;
  let end = -1;
  const found = (more) => ({
    record: clean(text.slice(0, end)),
    newline: text.charAt(end - 1) === "\r" ? "\r\n" : "\n",
    bom: text.startsWith("\uFEFF"),
    more
  });
  try {
    for await (const chunk of stream) {
      if (text === "" && utf16Bom(chunk))
        throw new ConfigurationError(`${display}: is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8`);
      if (end >= 0) return found(chunk.length > 0);
      text += chunk.toString("utf8");
      for (; scanned < text.length; scanned++) {
        const ch = text.charAt(scanned);
        if (ch === QUOTE) quoted = !quoted;
        else if (ch === "\n" && !quoted) {
          end = scanned;
          break;
        }
      }
      if (end >= 0 && end + 1 < text.length) return found(true);
      if (end >= 0) continue;
      if (text.length > limit) {
        throw new ConfigurationError(
          `${display}:1: the header is longer than the record size limit of ${formatBytes(limit)} (MLGATE_MAX_RECORD_SIZE); is this a CSV file?`
        );
      }
    }
  } finally {
    stream.destroy();
  }
  if (end >= 0) return found(false);
  return { record: clean(text), bom: text.startsWith("\uFEFF"), more: false };
}
function utf16Bom(b) {
  return b.length >= 2 && (b[0] === 255 && b[1] === 254 || b[0] === 254 && b[1] === 255);
}
function clean(record) {
  return record.replace(/^\uFEFF/, "").replace(/\r$/, "");
}
function headerDelimiter(header) {
  const counts = /* @__PURE__ */ new Map();
  let quoted = false;
  for (const ch of header) {
    if (ch === QUOTE) quoted = !quoted;
    else if (!quoted && (ch === "," || ch === ";" || ch === "|" || ch === "	")) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  let most = 0;
  for (const d of [",", ";", "|", "	"]) {
    const n = counts.get(d) ?? 0;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}
function splitHeader(header, delim) {
  const names = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header.charAt(i);
    if (ch === QUOTE) {
      if (quoted && header[i + 1] === QUOTE) {
        cur += QUOTE;
        i++;
      } else quoted = !quoted;
    } else if (ch === delim && !quoted) {
      names.push(cur);
      cur = "";
    } else cur += ch;
  }
  names.push(cur);
  return names.map((n, i) => n.trim() === "" ? `column${i}` : n);
}
async function readCsvHeader(file, display, tsv, limit) {
  const { record: header, newline, bom, more } = await headerLine(file, display, limit);
  if (header.trim() === "") {
    throw new ConfigurationError(
      `${display}:1: the header line is empty; the first line of a ${tsv ? "TSV" : "CSV"} file must name its columns`
    );
  }
  const delim = tsv ? "	" : headerDelimiter(header);
  const names = splitHeader(header, delim);
  const nul = names.findIndex((n) => n.includes("\0"));
  if (nul >= 0)
    throw new ConfigurationError(
      `${display}:1: the name of column ${nul + 1} holds a NUL character (\\0); a column name must be text`
    );
  const seen = /* @__PURE__ */ new Map();
  names.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first === void 0) {
      seen.set(key, i);
      return;
    }
    const a = names[first] ?? "";
    const q = (s) => JSON.stringify(s);
    const spelled = a === name ? "" : `, as ${q(a)} and ${q(name)}: names are compared ignoring case and outer spaces`;
    throw new ConfigurationError(
      `${display}:1: the header names column ${q(a.trim())} twice (columns ${first + 1} and ${i + 1}${spelled}); give each column its own name`
    );
  });
  const bomQuote = bom && header.startsWith(QUOTE);
  const skip = bomQuote ? bomSkip(header, delim, newline ?? "\n") : void 0;
  return { delim, names, bom, bomQuote, more, ...skip !== void 0 ? { bomSkip: skip } : {}, ...newline ? { newline } : {} };
}
function bomSkip(record, delim, newline) {
  const close = record.indexOf(QUOTE, 1);
  if (close < 0 || record.charAt(close + 1) === QUOTE) return void 0;
  const name = record.slice(1, close);
  const lines = name.split(newline);
  if (lines.some((l) => l.includes("\r") || l.includes("\n"))) return void 0;
  if (name.endsWith(newline) || name.endsWith(delim)) return void 0;
  return lines.length;
}

// src/core/table/json-lines.ts
import { once } from "node:events";
import { createWriteStream } from "node:fs";
var MAX_JSON_DEPTH = 64;
var LF2 = 10;
async function* readLines(file, limit) {
  let parts = [];
  let bytes = 0;
  let line = 1;
  let bom = false;
  const take = () => {
    let text;
    if (bytes <= limit) {
      text = Buffer.concat(parts, bytes).toString("utf8");
      if (text.endsWith("\r")) text = text.slice(0, -1);
      if (line === 1 && text.startsWith("\uFEFF")) {
        text = text.slice(1);
        bom = true;
      }
    }
    const out = { line, bytes, ...text !== void 0 ? { text } : {}, ...bom ? { bom } : {} };
    bom = false;
    parts = [];
    bytes = 0;
    line += 1;
    return out;
  };
  const add = (piece) => {
    bytes += piece.length;
    if (bytes <= limit) parts.push(piece);
    else parts = [];
  };
  for await (const chunk of openStream(file)) {
    const buf = chunk;
    let i = 0;
    for (let nl = buf.indexOf(LF2); nl !== -1; nl = buf.indexOf(LF2, i)) {
      add(buf.subarray(i, nl));
      yield take();
      i = nl + 1;
    }
    if (i < buf.length) add(buf.subarray(i));
  }
  if (bytes > 0) yield take();
}
function nestedDeeperThan(text, max) {
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
var LineRuns = class {
  start = new Float64Array(16);
  firstRow = new Float64Array(16);
  runs = 0;
  /** How many lines (rows) it holds. */
  count = 0;
  /** Adds the next valid line (ascending). */
  add(line) {
    const k = this.runs - 1;
    if (k >= 0 && (this.start[k] ?? 0) + (this.count - (this.firstRow[k] ?? 0)) === line) {
      this.count += 1;
      return;
    }
    if (this.runs === this.start.length) {
      const grow = (a) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.firstRow = grow(this.firstRow);
    }
    this.start[this.runs] = line;
    this.firstRow[this.runs] = this.count;
    this.runs += 1;
    this.count += 1;
  }
  /** The line of row `row` (0-based), or 0 when there is no such row. */
  lineOf(row) {
    if (!(row >= 0 && row < this.count)) return 0;
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((this.firstRow[mid] ?? 0) <= row) lo = mid;
      else hi = mid - 1;
    }
    return (this.start[lo] ?? 0) + row - (this.firstRow[lo] ?? 0);
  }
  /** A test for lines asked in ascending order: is this line a valid record's? */
  walker() {
    let k = 0;
    return (line) => {
      for (; k < this.runs; k++) {
        const end = (this.start[k] ?? 0) + ((k + 1 < this.runs ? this.firstRow[k + 1] ?? 0 : this.count) - (this.firstRow[k] ?? 0));
        if (line < end) return line >= (this.start[k] ?? 0);
      }
      return false;
    };
  }
};
async function scanJsonLines(file, limit, onRecord, maxRecords = Number.POSITIVE_INFINITY, keep = Number.POSITIVE_INFINITY) {
  const out = { valid: new LineRuns(), rejects: [], rejected: 0 };
  const reject = (line, message, raw) => {
    out.rejected += 1;
    if (out.rejects.length < keep) out.rejects.push({ line, message, raw });
  };
  for await (const { line, text, bytes, bom } of readLines(file, limit)) {
    if (out.valid.count >= maxRecords) break;
    if (bom) out.bom = true;
    if (text === void 0) {
      reject(
        line,
        `line of ${formatBytes(bytes)} is over the record size limit of ${formatBytes(limit)} (MLGATE_MAX_RECORD_SIZE)`,
        ""
      );
      continue;
    }
    if (text.trim() === "") continue;
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
      reject(line, `nested deeper than ${MAX_JSON_DEPTH} levels`, text.slice(0, 200));
      continue;
    }
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      reject(line, `invalid JSON: ${e.message}`, text.slice(0, 200));
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      reject(line, "not a JSON object", text.slice(0, 200));
      continue;
    }
    out.valid.add(line);
    onRecord?.(value, line);
  }
  return out;
}
async function writeValidLines(file, lines, target, limit) {
  const out = createWriteStream(target);
  const wanted = lines.walker();
  let written = 0;
  for await (const { line, text } of readLines(file, limit)) {
    if (!wanted(line)) continue;
    if (!out.write(`${text ?? ""}
`)) await once(out, "drain");
    if (++written === lines.count) break;
  }
  out.end();
  await once(out, "finish");
}

// src/core/table/lines.ts
var LF3 = 10;
var CR2 = 13;
async function locateCsvRecords(file, want) {
  const rejected = want.rejected;
  let nextRejected = 0;
  const isRejected = (o) => {
    while (nextRejected < rejected.length && (rejected[nextRejected] ?? 0) < o) nextRejected += 1;
    return nextRejected < rejected.length && rejected[nextRejected] === o;
  };
  const locate = new Set(want.locate ?? []);
  const targets = [...new Set(want.rows)].sort((a, b) => a - b);
  const out = { records: /* @__PURE__ */ new Map(), rows: /* @__PURE__ */ new Map() };
  let remainingRecords = locate.size;
  let nextTarget = 0;
  const done = () => remainingRecords === 0 && nextTarget >= targets.length;
  if (done()) return out;
  let inQuote = false;
  let line = 1;
  let ordinal = 1;
  let startLine = 1;
  let empty = true;
  let rowIndex = -1;
  let first = true;
  const finish = () => {
    if (ordinal > 1) {
      if (isRejected(ordinal)) {
        if (locate.has(ordinal)) {
          out.records.set(ordinal, startLine);
          remainingRecords -= 1;
        }
      } else if (!empty || want.oneColumn === true) {
        rowIndex += 1;
        while (nextTarget < targets.length && (targets[nextTarget] ?? 0) < rowIndex) nextTarget += 1;
        if (targets[nextTarget] === rowIndex) {
          out.rows.set(rowIndex, startLine);
          nextTarget += 1;
        }
      }
    }
    ordinal += 1;
    startLine = line;
    empty = true;
  };
  const stream = openStream(file);
  for await (const chunk of stream) {
    const buf = chunk;
    let i = 0;
    if (first) {
      first = false;
      if (buf[0] === 239 && buf[1] === 187 && buf[2] === 191) i = 3;
    }
    let nextQuote = buf.indexOf(want.quote, i);
    while (i < buf.length) {
      if (inQuote) {
        const close = nextQuote;
        const stop = close === -1 ? buf.length : close;
        for (let nl2 = buf.indexOf(LF3, i); nl2 !== -1 && nl2 < stop; nl2 = buf.indexOf(LF3, nl2 + 1)) line += 1;
        if (close === -1) break;
        inQuote = false;
        i = close + 1;
        nextQuote = buf.indexOf(want.quote, i);
        continue;
      }
      const nl = buf.indexOf(LF3, i);
      if (nextQuote !== -1 && (nl === -1 || nextQuote < nl)) {
        empty = false;
        inQuote = true;
        i = nextQuote + 1;
        nextQuote = buf.indexOf(want.quote, i);
        continue;
      }
      const end = nl === -1 ? buf.length : nl;
      if (empty && end > i && !(end === i + 1 && buf[i] === CR2)) empty = false;
      if (nl === -1) break;
      line += 1;
      i = nl + 1;
      finish();
      if (done()) break;
    }
    if (done()) {
      stream.destroy();
      return out;
    }
  }
  if (!empty || isRejected(ordinal)) finish();
  return out;
}

// src/core/table.ts
var KEPT_REJECTS = 1e3;
function noRejects() {
  return { total: 0, malformed: 0, byColumn: /* @__PURE__ */ new Map() };
}
function limitSql(o) {
  return o.maxRows === void 0 ? "" : ` LIMIT ${Math.floor(o.maxRows) + 1}`;
}
var GZ = /\.gz$/i;
function formatOf(file, display = file) {
  if (/[*?[]/.test(file) || existsSync(file) && statSync2(file).isDirectory()) return "parquet";
  const base = path2.basename(file).replace(GZ, "").toLowerCase();
  if (base.endsWith(".csv") || base.endsWith(".txt")) return "csv";
  if (base.endsWith(".tsv") || base.endsWith(".tab")) return "tsv";
  if (base.endsWith(".parquet") || base.endsWith(".pq")) return "parquet";
  if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) return "jsonl";
  const ext = path2.extname(base) || "(none)";
  throw new ConfigurationError(
    `${display}: unsupported file extension ${ext}; use .csv, .tsv, .parquet, .jsonl or .ndjson (optionally .gz)`
  );
}
function checkReadable(file, display, format) {
  if (/[*?[]/.test(file)) return;
  if (!existsSync(file)) throw new ConfigurationError(`${display}: file not found`);
  const st = statSync2(file);
  if (!st.isFile() && !st.isDirectory()) {
    throw new ConfigurationError(`${display}: is not a regular file (a FIFO, socket or device); give a file or folder`);
  }
  if (st.isFile() && st.size === 0) throw new ConfigurationError(`${display}: file is empty`);
  if (st.isDirectory() && format !== "parquet") throw new ConfigurationError(`${display}: is a folder, expected a file`);
}
function plainValue(v) {
  if (v === null || v === void 0) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v.toDouble === "function") return v.toDouble();
  return v.toString();
}
async function queryRows(conn, sql) {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjects().map(
    (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)]))
  );
}
async function rows(conn, sql) {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjects();
}
async function describeTable(conn, table) {
  const r = await rows(conn, `DESCRIBE ${table}`);
  return r.map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
}
async function countRows(conn, table) {
  const r = await rows(conn, `SELECT count(*) AS n FROM ${table}`);
  return Number(r[0]?.n ?? 0);
}
function firstLine(e, file, display) {
  const line = (errorMessage(e).split("\n")[0] ?? "").replace(/^[A-Za-z ]+Error: /, "");
  return file && display ? line.replaceAll(file, display) : line;
}
async function csvDialect(conn, file, format, types = {}, display = file) {
  const limit = recordLimit();
  const header = await readCsvHeader(file, display, format === "tsv", limit);
  await assertNoLongLine(file, display, limit);
  const delimChar = header.delim;
  const headerNames = header.names;
  if (header.bomQuote && !header.more) throw new ConfigurationError(`${display}: has a header but no data rows`);
  if (header.bomQuote && header.bomSkip === void 0) {
    throw new ConfigurationError(
      `${display}:1: the first header name is quoted right after the byte order mark and holds a quote, a line break other than the file's, or ends in the delimiter or a line break; DuckDB cannot read such a header: save the file without the byte order mark`
    );
  }
  const skip = header.bomQuote ? header.bomSkip ?? 0 : 0;
  let sniffed = typedByCaller(headerNames, types) ? { Columns: headerNames.map((name) => ({ name, type: types[name] })), DateFormat: null, TimestampFormat: null } : await sniff(conn, file, delimChar, skip ? headerNames : void 0, skip);
  const seen = sniffed ? toColumns(sniffed.Columns) : [];
  if (sniffed && (seen.length !== headerNames.length || seen.some((c) => c.name.includes("\0")))) sniffed = void 0;
  const cols = sniffed ? toColumns(sniffed.Columns).map((c, i) => c.name === "" ? { ...c, name: headerNames[i] ?? `column${i}` } : c) : headerNames.map((name) => ({ name, type: "VARCHAR" }));
  const columnsSql = `{${cols.map((c) => `${sqlString(c.name)}: ${sqlString(types[c.name] ?? c.type)}`).join(", ")}}`;
  const dateFormat = sniffed ? plainValue(sniffed.DateFormat) : null;
  const timestampFormat = sniffed ? plainValue(sniffed.TimestampFormat) : null;
  return {
    delim: delimChar,
    sniffed: sniffed !== void 0,
    recordOffset: skip ? skip - 1 : 0,
    args: [
      sqlString(file),
      "auto_detect=false",
      ...skip ? ["header=false", `skip=${skip}`] : ["header=true"],
      `delim=${sqlString(delimChar)}`,
      `quote='"'`,
      `escape='"'`,
      ...header.newline ? [`new_line=${sqlString(header.newline === "\n" ? "\\n" : "\\r\\n")}`] : [],
      `columns=${columnsSql}`,
      // A quoted record over the limit (its lines each shorter) is a rejected record with its line.
      `max_line_size=${limit}`,
      ...dateFormat !== null ? [`dateformat=${sqlString(String(dateFormat))}`] : [],
      ...timestampFormat !== null ? [`timestampformat=${sqlString(String(timestampFormat))}`] : []
    ]
  };
}
function csvRejectsArgs(name) {
  return [
    "store_rejects=true",
    `rejects_table=${sqlString(`${name}__rejects`)}`,
    `rejects_scan=${sqlString(`${name}__rejects_scan`)}`
  ];
}
async function readCsvRejects(conn, name, file, recordOffset = 0) {
  const rejectsTable = sqlIdent(`${name}__rejects`);
  const rejectsScan = sqlIdent(`${name}__rejects_scan`);
  const grouped = sqlIdent(`${name}__rejected`);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${grouped} AS
     SELECT line - ${recordOffset} AS ordinal, any_value(csv_line) AS raw,
       string_agg(error_type || coalesce(' in column ' || column_name, '') || ': ' || error_message, '; ' ORDER BY column_idx) AS message,
       bool_and(error_type = 'CAST') AS only_cast, min(column_name) FILTER (WHERE error_type = 'CAST') AS cast_column
     FROM ${rejectsTable} GROUP BY line;
     DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsScan}`
  );
  try {
    const rejected = noRejects();
    for (const r of await queryRows(conn, `SELECT only_cast, cast_column, count(*) AS n FROM ${grouped} GROUP BY ALL`)) {
      const n = Number(r.n);
      rejected.total += n;
      if (r.only_cast !== true) rejected.malformed += n;
      else if (r.cast_column !== null) rejected.byColumn.set(String(r.cast_column), n);
    }
    if (rejected.total === 0) return { rejects: [], rejected, ordinals: new Float64Array(0) };
    const kept = await queryRows(
      conn,
      `SELECT ordinal, left(ltrim(raw, chr(13) || chr(10)), 400) AS raw, message, only_cast, cast_column FROM ${grouped}
       QUALIFY row_number() OVER (PARTITION BY only_cast, CASE WHEN only_cast THEN cast_column END ORDER BY ordinal) <= ${KEPT_REJECTS}
       ORDER BY ordinal`
    );
    const ordinals = await numberColumn(conn, `SELECT ordinal FROM ${grouped} ORDER BY ordinal`);
    const keptOrdinals = kept.map((r) => Number(r.ordinal));
    const located = await locateCsvRecords(file, { quote: 34, rejected: ordinals, locate: keptOrdinals, rows: [] });
    const rejects = kept.map((r, i) => {
      const ordinal = keptOrdinals[i] ?? 0;
      const onlyCast = r.only_cast === true;
      const rec = {
        line: located.records.get(ordinal) ?? ordinal,
        kind: onlyCast ? "type" : "malformed",
        message: String(r.message),
        raw: String(r.raw ?? "").slice(0, 200)
      };
      if (onlyCast && r.cast_column !== null && r.cast_column !== void 0) rec.column = String(r.cast_column);
      return rec;
    });
    return { rejects, rejected, ordinals };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${grouped}`);
  }
}
async function openCsv(conn, file, o, format) {
  const table = sqlIdent(o.name);
  const dialect = await csvDialect(conn, file, format, o.types, o.display);
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${[...dialect.args, ...csvRejectsArgs(o.name)].join(", ")})${limitSql(o)}`
    );
  } catch (e) {
    throw new ConfigurationError(`${o.display}: cannot be read as ${format.toUpperCase()} (${firstLine(e, file, o.display)})`);
  }
  const { rejects, rejected, ordinals: recordOrdinals } = await readCsvRejects(conn, o.name, file, dialect.recordOffset);
  const quote = 34;
  const columns = await describeTable(conn, table);
  const oneColumn = columns.length === 1;
  return {
    table,
    name: o.name,
    file,
    display: o.display,
    format,
    columns,
    rowCount: await countRows(conn, table),
    rejects,
    rejected,
    lineOf: async (want) => (await locateCsvRecords(file, { quote, rejected: recordOrdinals, rows: want, oneColumn })).rows
  };
}
async function sniff(conn, file, delimChar, names, skip = 0) {
  const header = skip ? `header=false, skip=${skip}` : "header=true";
  try {
    const found = (await rows(
      conn,
      `SELECT Columns, DateFormat, TimestampFormat FROM sniff_csv(${sqlString(file)}, delim=${sqlString(delimChar)}, quote='"', escape='"', ${header}, strict_mode=false, ignore_errors=true, max_line_size=${recordLimit()})`
    ))[0];
    if (found && names) {
      const cols = toColumns(found.Columns);
      if (cols.length !== names.length) return void 0;
      return { ...found, Columns: cols.map((c, i) => ({ name: names[i] ?? c.name, type: c.type })) };
    }
    return found;
  } catch (e) {
    if (/Out of Memory Error/i.test(errorMessage(e))) throw e;
    return void 0;
  }
}
function typedByCaller(names, types) {
  return names.length > 0 && new Set(names).size === names.length && names.every((n) => n === n.trim() && types[n] !== void 0 && !/^(DATE|TIME)/i.test(types[n] ?? ""));
}
function toColumns(v) {
  const list = Array.isArray(v) ? v : v?.items ?? [];
  return list.map((x) => {
    const o = x;
    const e = o.entries ?? o;
    return { name: String(e.name), type: String(e.type) };
  });
}
async function openParquet(conn, file, o) {
  const table = sqlIdent(o.name);
  const isDir = !/[*?[]/.test(file) && statSync2(file).isDirectory();
  const source = isDir ? path2.join(file, "**", "*.parquet") : file;
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_parquet(${sqlString(source)}, union_by_name=true)${limitSql(o)}`
    );
  } catch (e) {
    const msg = firstLine(e, file, o.display);
    if (/No files found/i.test(msg)) throw new ConfigurationError(`${o.display}: no Parquet files found`);
    throw new ConfigurationError(`${o.display}: cannot be read as Parquet (${msg})`);
  }
  return {
    table,
    name: o.name,
    file,
    display: o.display,
    format: "parquet",
    columns: await describeTable(conn, table),
    rowCount: await countRows(conn, table),
    rejects: [],
    rejected: noRejects(),
    lineOf: () => Promise.resolve(void 0)
  };
}
async function openJsonLines(conn, file, o) {
  const table = sqlIdent(o.name);
  const limit = recordLimit();
  const s = await scanJsonLines(
    file,
    limit,
    o.onJsonRecord,
    o.maxRows === void 0 ? void 0 : Math.floor(o.maxRows) + 1,
    KEPT_REJECTS
  );
  if (s.valid.count === 0 && s.rejected === 0) throw new ConfigurationError(`${o.display}: file is empty`);
  if (s.valid.count === 0) {
    throw new ConfigurationError(
      `${o.display}: no line is a JSON object (line ${s.rejects[0]?.line ?? 1}: ${s.rejects[0]?.message ?? "invalid"})`
    );
  }
  let source = file;
  let tmp;
  if (s.rejected || s.bom) {
    tmp = duckdbScratch(conn);
    source = path2.join(tmp, "valid.jsonl");
    await writeValidLines(file, s.valid, source, limit);
  }
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_json(${sqlString(source)}, format='newline_delimited', records=true, sample_size=-1, maximum_object_size=${Math.max(limit + 1024, 16 << 20)})${limitSql(o)}`
    );
  } catch (e) {
    throw new ConfigurationError(`${o.display}: cannot be read as JSON Lines (${firstLine(e, file, o.display)})`);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  const rowCount = await countRows(conn, table);
  if (rowCount !== s.valid.count) {
    throw new Error(`${o.display}: DuckDB read ${rowCount} JSON records but ${s.valid.count} lines are valid objects`);
  }
  return {
    table,
    name: o.name,
    file,
    display: o.display,
    format: "jsonl",
    columns: await describeTable(conn, table),
    rowCount,
    rejects: s.rejects.map((r) => ({ line: r.line, kind: "malformed", message: r.message, raw: r.raw })),
    rejected: { total: s.rejected, malformed: s.rejected, byColumn: /* @__PURE__ */ new Map() },
    lineOf: (want) => Promise.resolve(new Map(want.map((i) => [i, s.valid.lineOf(i)])))
  };
}
async function openTable(conn, file, options) {
  const o = { ...options, display: options.display ?? file, types: options.types ?? {} };
  const format = formatOf(file, o.display);
  checkReadable(file, o.display, format);
  if (format === "parquet") {
    const t2 = await openParquet(conn, file, o);
    if (t2.rowCount === 0) throw new ConfigurationError(`${o.display}: has columns but no rows`);
    return t2;
  }
  if (format === "jsonl") return openJsonLines(conn, file, o);
  const t = await openCsv(conn, file, o, format);
  if (t.rowCount === 0 && t.rejected.total === 0) throw new ConfigurationError(`${o.display}: has a header but no data rows`);
  return t;
}

export {
  locateCsvRecords,
  noRejects,
  formatOf,
  plainValue,
  queryRows,
  csvDialect,
  csvRejectsArgs,
  readCsvRejects,
  openTable
};
