/**
 * File line numbers for table rows. DuckDB numbers CSV records, not lines, and keeps no position
 * for JSON records; a reviewer needs the line an editor shows. These scans run only when a line is
 * wanted (a failed rule, a rejected record), stream the file once (gzip too) and stop as soon as
 * every wanted record has been seen.
 */
import { openStream as open } from "./record-limit.js";

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
 * lines. Blank records are counted as records (DuckDB does) but load no row, except in a file of one
 * column (`oneColumn`), where DuckDB reads a blank line as a row holding NULL; rejected records load
 * no row either. `rejected` is every rejected record's ordinal, ascending (a typed array: millions of
 * them cost 8 bytes each); `locate`, those of them whose lines are wanted in `records`.
 */
export async function locateCsvRecords(
  file: string,
  want: {
    quote: number;
    rejected: ArrayLike<number>;
    locate?: readonly number[];
    rows: readonly number[];
    oneColumn?: boolean;
  },
): Promise<CsvLocation> {
  const rejected = want.rejected;
  let nextRejected = 0;
  // Ordinals only grow as the walk goes, so one pointer into the sorted list answers each in turn.
  const isRejected = (o: number): boolean => {
    while (nextRejected < rejected.length && (rejected[nextRejected] ?? 0) < o) nextRejected += 1;
    return nextRejected < rejected.length && rejected[nextRejected] === o;
  };
  const locate = new Set(want.locate ?? []);
  const targets = [...new Set(want.rows)].sort((a, b) => a - b);
  const out: CsvLocation = { records: new Map(), rows: new Map() };
  let remainingRecords = locate.size;
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
  if (!empty || isRejected(ordinal)) finish();
  return out;
}
