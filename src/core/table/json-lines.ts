/**
 * JSON Lines, line by line in bounded memory. Node finds the malformed lines (DuckDB's JSON reader
 * has no rejects table) and writes a copy of the valid ones for DuckDB when any was rejected.
 *
 * Two limits keep one hostile line from taking the machine: a line longer than the record size
 * limit (record-limit.ts) is a rejected record, skipped without being held in memory (a 1 GB line
 * would otherwise be one string Node cannot make); and a value nested deeper than MAX_JSON_DEPTH is
 * a rejected record (DuckDB infers a type for every level: 10,000 levels took 7 GB and never ended).
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { formatBytes, openStream } from "./record-limit.js";

/** Deepest nesting of arrays and objects a record may have. */
export const MAX_JSON_DEPTH = 64;

const LF = 0x0a;

export interface JsonLine {
  /** 1-based line number. */
  line: number;
  /** The line without its line end and (line 1) its BOM; undefined when it was over the limit. */
  text?: string;
  /** Its length in bytes. */
  bytes: number;
  /** Line 1 only: the file starts with a UTF-8 byte order mark (taken off `text`). */
  bom?: true;
}

/** Every line of a file (gzip too); a line over `limit` bytes comes without its text. */
export async function* readLines(file: string, limit: number): AsyncGenerator<JsonLine> {
  let parts: Buffer[] = [];
  let bytes = 0;
  let line = 1;
  let bom = false;
  const take = (): JsonLine => {
    let text: string | undefined;
    if (bytes <= limit) {
      text = Buffer.concat(parts, bytes).toString("utf8");
      if (text.endsWith("\r")) text = text.slice(0, -1);
      if (line === 1 && text.startsWith("\uFEFF")) {
        text = text.slice(1);
        bom = true;
      }
    }
    const out: JsonLine = { line, bytes, ...(text !== undefined ? { text } : {}), ...(bom ? { bom } : {}) };
    bom = false;
    parts = [];
    bytes = 0;
    line += 1;
    return out;
  };
  const add = (piece: Buffer): void => {
    bytes += piece.length;
    if (bytes <= limit) parts.push(piece);
    else parts = [];
  };
  for await (const chunk of openStream(file)) {
    const buf = chunk as Buffer;
    let i = 0;
    for (let nl = buf.indexOf(LF); nl !== -1; nl = buf.indexOf(LF, i)) {
      add(buf.subarray(i, nl));
      yield take();
      i = nl + 1;
    }
    if (i < buf.length) add(buf.subarray(i));
  }
  if (bytes > 0) yield take();
}

/** True when `text` (valid JSON or not) opens more than `max` arrays or objects at once outside strings. */
export function nestedDeeperThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * The lines of the valid records, by row index, as runs of consecutive lines: 37M records in a
 * number array took 300 MB and more while it grew; a file with few blank or rejected lines is a few
 * runs.
 */
export class LineRuns {
  private start: Float64Array = new Float64Array(16);
  private firstRow: Float64Array = new Float64Array(16);
  private runs = 0;
  /** How many lines (rows) it holds. */
  count = 0;

  /** Adds the next valid line (ascending). */
  add(line: number): void {
    const k = this.runs - 1;
    if (k >= 0 && (this.start[k] ?? 0) + (this.count - (this.firstRow[k] ?? 0)) === line) {
      this.count += 1;
      return;
    }
    if (this.runs === this.start.length) {
      const grow = (a: Float64Array): Float64Array => {
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
  lineOf(row: number): number {
    if (!(row >= 0 && row < this.count)) return 0;
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.firstRow[mid] ?? 0) <= row) lo = mid;
      else hi = mid - 1;
    }
    return (this.start[lo] ?? 0) + row - (this.firstRow[lo] ?? 0);
  }

  /** A test for lines asked in ascending order: is this line a valid record's? */
  walker(): (line: number) => boolean {
    let k = 0;
    return (line) => {
      for (; k < this.runs; k++) {
        const end =
          (this.start[k] ?? 0) + ((k + 1 < this.runs ? (this.firstRow[k + 1] ?? 0) : this.count) - (this.firstRow[k] ?? 0));
        if (line < end) return line >= (this.start[k] ?? 0);
      }
      return false;
    };
  }
}

export interface JsonLineScan {
  /** Line of each valid record, by row index. */
  valid: LineRuns;
  /** The first `keep` rejected lines. */
  rejects: { line: number; message: string; raw: string }[];
  /** How many lines were rejected. */
  rejected: number;
  /** The file starts with a UTF-8 BOM, which DuckDB's JSON reader refuses. */
  bom?: true;
}

/**
 * Parses every line of a JSON Lines file: a line that is not a JSON object (or is over a limit) is a
 * rejected record with its line; each valid record goes to `onRecord` (JSON Schema validation).
 * `maxRecords`: stop after that many valid records (OpenTableOptions.maxRows). `keep`: how many
 * rejected lines to keep with their text (all are counted).
 */
export async function scanJsonLines(
  file: string,
  limit: number,
  onRecord?: (record: unknown, line: number) => void,
  maxRecords = Number.POSITIVE_INFINITY,
  keep = Number.POSITIVE_INFINITY,
): Promise<JsonLineScan> {
  const out: JsonLineScan = { valid: new LineRuns(), rejects: [], rejected: 0 };
  const reject = (line: number, message: string, raw: string): void => {
    out.rejected += 1;
    if (out.rejects.length < keep) out.rejects.push({ line, message, raw });
  };
  for await (const { line, text, bytes, bom } of readLines(file, limit)) {
    if (out.valid.count >= maxRecords) break;
    if (bom) out.bom = true;
    if (text === undefined) {
      reject(
        line,
        `line of ${formatBytes(bytes)} is over the record size limit of ${formatBytes(limit)} (MLGATE_MAX_RECORD_SIZE)`,
        "",
      );
      continue;
    }
    if (text.trim() === "") continue;
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
      reject(line, `nested deeper than ${MAX_JSON_DEPTH} levels`, text.slice(0, 200));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      reject(line, `invalid JSON: ${(e as Error).message}`, text.slice(0, 200));
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

/** Copies the given lines of a JSON Lines file to `target`. */
export async function writeValidLines(file: string, lines: LineRuns, target: string, limit: number): Promise<void> {
  const out = createWriteStream(target);
  const wanted = lines.walker();
  let written = 0;
  for await (const { line, text } of readLines(file, limit)) {
    if (!wanted(line)) continue;
    if (!out.write(`${text ?? ""}\n`)) await once(out, "drain");
    if (++written === lines.count) break;
  }
  out.end();
  await once(out, "finish");
}
