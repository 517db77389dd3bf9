/**
 * File line numbers for table rows. DuckDB numbers CSV records, not lines, and keeps no position
 * for JSON records; a reviewer needs the line an editor shows. These scans run only when a line is
 * wanted (a failed rule, a rejected record), stream the file once (gzip too) and stop as soon as
 * every wanted record has been seen.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

function open(file: string): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
}

export interface CsvLocation {
  /** Record ordinal (header = 1, as DuckDB counts) -> first line of that record. */
  records: Map<number, number>;
  /** Row index (0-based among loaded rows) -> first line of its record. */
  rows: Map<number, number>;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Walks the file quote-aware: a newline inside quotes belongs to the field, so a record can span
 * lines. Blank records are counted as records (DuckDB does) but load no row; rejected records load
 * no row either.
 */
export async function locateCsvRecords(
  file: string,
  want: { quote: number; rejected: readonly number[]; rows: readonly number[] },
): Promise<CsvLocation> {
  const rejected = new Set(want.rejected);
  const targets = [...new Set(want.rows)].sort((a, b) => a - b);
  const out: CsvLocation = { records: new Map(), rows: new Map() };
  let remainingRecords = rejected.size;
  let nextTarget = 0;
  const done = (): boolean => remainingRecords === 0 && nextTarget >= targets.length;
  if (done()) return out;

  let inQuote = false;
  let line = 1;
  let ordinal = 1;
  let startLine = 1;
  let empty = true;
  let rowIndex = -1;
  let first = true;
  const finish = (): void => {
    if (ordinal > 1) {
      if (rejected.has(ordinal)) {
        out.records.set(ordinal, startLine);
        remainingRecords -= 1;
      } else if (!empty) {
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

  // Jumps from quote to newline with Buffer.indexOf (memchr) instead of visiting every byte: a
  // file without quotes is walked newline to newline.
  const stream = open(file);
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    let i = 0;
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    let nextQuote = buf.indexOf(want.quote, i);
    while (i < buf.length) {
      if (inQuote) {
        const close = nextQuote;
        const stop = close === -1 ? buf.length : close;
        for (let nl = buf.indexOf(LF, i); nl !== -1 && nl < stop; nl = buf.indexOf(LF, nl + 1)) line += 1;
        if (close === -1) break;
        inQuote = false;
        i = close + 1;
        nextQuote = buf.indexOf(want.quote, i);
        continue;
      }
      const nl = buf.indexOf(LF, i);
      if (nextQuote !== -1 && (nl === -1 || nextQuote < nl)) {
        empty = false;
        inQuote = true;
        i = nextQuote + 1;
        nextQuote = buf.indexOf(want.quote, i);
        continue;
      }
      const end = nl === -1 ? buf.length : nl;
      if (empty && end > i && !(end === i + 1 && buf[i] === CR)) empty = false;
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
  if (!empty || rejected.has(ordinal)) finish();
  return out;
}

export interface JsonLineScan {
  /** Line of each valid record, by row index. */
  valid: number[];
  rejects: { line: number; message: string; raw: string }[];
}

/**
 * Parses every line of a JSON Lines file: a line that is not a JSON object is a rejected record
 * with its line; each valid record goes to `onRecord` (JSON Schema validation) with its line.
 */
export async function scanJsonLines(file: string, onRecord?: (record: unknown, line: number) => void): Promise<JsonLineScan> {
  const out: JsonLineScan = { valid: [], rejects: [] };
  const rl = createInterface({ input: open(file), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
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
export async function writeValidLines(file: string, lines: readonly number[], target: string): Promise<void> {
  const out = createWriteStream(target);
  const rl = createInterface({ input: open(file), crlfDelay: Infinity });
  let line = 0;
  let next = 0;
  for await (const raw of rl) {
    line += 1;
    if (lines[next] !== line) continue;
    next += 1;
    if (!out.write(`${line === 1 ? raw.replace(/^\uFEFF/, "") : raw}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** The first line of a file (gzip too), without reading the rest. */
export async function firstLine(file: string): Promise<string> {
  const stream = open(file);
  let text = "";
  for await (const chunk of stream) {
    text += (chunk as Buffer).toString("utf8");
    const nl = text.indexOf("\n");
    if (nl >= 0 || text.length > 1 << 20) {
      stream.destroy();
      return text.slice(0, nl >= 0 ? nl : undefined).replace(/^\uFEFF/, "");
    }
  }
  return text.replace(/^\uFEFF/, "");
}

/** The delimiter of a header line: the most frequent of `,` `;` `|` tab (`,` on a tie or none). */
export function headerDelimiter(header: string): string {
  let best = ",";
  let most = 0;
  for (const d of [",", ";", "|", "\t"]) {
    const n = header.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}
