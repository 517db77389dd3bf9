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

export interface JsonLineScan {
  /** Line of each valid record, by row index. */
  valid: number[];
  rejects: { line: number; message: string; raw: string }[];
  /** The file starts with a UTF-8 BOM, which DuckDB's JSON reader refuses. */
  bom?: true;
}

/**
 * Parses every line of a JSON Lines file: a line that is not a JSON object (or is over a limit) is a
 * rejected record with its line; each valid record goes to `onRecord` (JSON Schema validation).
 * `maxRecords`: stop after that many valid records (OpenTableOptions.maxRows).
 */
export async function scanJsonLines(
  file: string,
  limit: number,
  onRecord?: (record: unknown, line: number) => void,
  maxRecords = Number.POSITIVE_INFINITY,
): Promise<JsonLineScan> {
  const out: JsonLineScan = { valid: [], rejects: [] };
  for await (const { line, text, bytes, bom } of readLines(file, limit)) {
    if (out.valid.length >= maxRecords) break;
    if (bom) out.bom = true;
    if (text === undefined) {
      out.rejects.push({
        line,
        message: `line of ${formatBytes(bytes)} is over the record size limit of ${formatBytes(limit)} (MLGATE_MAX_RECORD_SIZE)`,
        raw: "",
      });
      continue;
    }
    if (text.trim() === "") continue;
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
      out.rejects.push({ line, message: `nested deeper than ${MAX_JSON_DEPTH} levels`, raw: text.slice(0, 200) });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      out.rejects.push({ line, message: `invalid JSON: ${(e as Error).message}`, raw: text.slice(0, 200) });
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      out.rejects.push({ line, message: "not a JSON object", raw: text.slice(0, 200) });
      continue;
    }
    out.valid.push(line);
    onRecord?.(value, line);
  }
  return out;
}

/** Copies the given lines (1-based, ascending) of a JSON Lines file to `target`. */
export async function writeValidLines(file: string, lines: readonly number[], target: string, limit: number): Promise<void> {
  const out = createWriteStream(target);
  let next = 0;
  for await (const { line, text } of readLines(file, limit)) {
    if (lines[next] !== line) continue;
    next += 1;
    if (!out.write(`${text ?? ""}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
