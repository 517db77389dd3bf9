/**
 * The header record of a CSV/TSV file, parsed as the data is (quotes honoured, a quoted name may hold
 * the delimiter or a newline), and the checks that keep a header from losing data silently: an empty
 * header line would make DuckDB take the first data record as the names, and a name given twice would
 * be renamed (`x_1`) so that the contract's rules for it check nothing.
 */
import { ConfigurationError } from "../errors.js";
import { formatBytes, openStream } from "./record-limit.js";

const QUOTE = '"';

export interface CsvHeader {
  /** The delimiter: tab for TSV; for CSV the most frequent of `,` `;` `|` tab outside quotes (`,` on a tie or none). */
  delim: string;
  /** Column names as DuckDB gives them (blank names become `columnN`). */
  names: string[];
  /**
   * The header's line end, when it has one. Given to DuckDB rather than left to its detection, which
   * takes a `\r` inside a quoted name for the file's line end and then reads no rows at all.
   */
  newline?: "\n" | "\r\n";
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** The BOM is followed by a quote, which DuckDB does not honour (see csvDialect). */
  bomQuote: boolean;
  /**
   * With bomQuote, what read_csv's `skip` must be to pass exactly the header, counted as DuckDB
   * counts when it does not honour that quote (see bomSkip); undefined when no count passes exactly
   * the header.
   */
  bomSkip?: number;
  /** Something follows the header record's line end. */
  more: boolean;
}

/**
 * The first record of the file (gzip too), up to its first newline outside quotes, without the BOM
 * and the line end. Reads no more than `limit` bytes of it: a longer header is an error.
 */
export async function headerRecord(file: string, display: string, limit: number): Promise<string> {
  return (await headerLine(file, display, limit)).record;
}

async function headerLine(
  file: string,
  display: string,
  limit: number,
): Promise<{ record: string; newline?: "\n" | "\r\n"; bom: boolean; more: boolean }> {
  const stream = openStream(file, 0, display);
  let text = "";
  let quoted = false;
  let scanned = 0;
  let end = -1;
  const found = (more: boolean): { record: string; newline: "\n" | "\r\n"; bom: boolean; more: boolean } => ({
    record: clean(text.slice(0, end)),
    newline: text.charAt(end - 1) === "\r" ? "\r\n" : "\n",
    bom: text.startsWith("\uFEFF"),
    more,
  });
  try {
    for await (const chunk of stream) {
      // Read as UTF-8, UTF-16 looks like a NUL after every letter: name the encoding instead.
      if (text === "" && utf16Bom(chunk as Buffer))
        throw new ConfigurationError(`${display}: is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8`);
      // The header's line end ended the last chunk: whether a byte follows it is this chunk's first.
      if (end >= 0) return found((chunk as Buffer).length > 0);
      text += (chunk as Buffer).toString("utf8");
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
          `${display}:1: the header is longer than the record size limit of ${formatBytes(limit)} (MLGATE_MAX_RECORD_SIZE); is this a CSV file?`,
        );
      }
    }
  } finally {
    stream.destroy();
  }
  if (end >= 0) return found(false);
  return { record: clean(text), bom: text.startsWith("\uFEFF"), more: false };
}

function utf16Bom(b: Buffer): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

function clean(record: string): string {
  return record.replace(/^\uFEFF/, "").replace(/\r$/, "");
}

/** The delimiter of a CSV header: the most frequent of `,` `;` `|` tab outside quotes (`,` on a tie or none). */
export function headerDelimiter(header: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of header) {
    if (ch === QUOTE) quoted = !quoted;
    else if (!quoted && (ch === "," || ch === ";" || ch === "|" || ch === "\t")) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  let most = 0;
  for (const d of [",", ";", "|", "\t"]) {
    const n = counts.get(d) ?? 0;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** Header names split on the delimiter, honouring `"` quotes (`""` is a quote); blank names get DuckDB's columnN. */
export function splitHeader(header: string, delim: string): string[] {
  const names: string[] = [];
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
  return names.map((n, i) => (n.trim() === "" ? `column${i}` : n));
}

/**
 * Reads and checks the header: an empty first line and a name given twice are ConfigurationErrors
 * naming line 1 (DuckDB compares names trimmed and ignoring case, so ` x` and `X` repeat `x`).
 */
export async function readCsvHeader(file: string, display: string, tsv: boolean, limit: number): Promise<CsvHeader> {
  const { record: header, newline, bom, more } = await headerLine(file, display, limit);
  if (header.trim() === "") {
    throw new ConfigurationError(
      `${display}:1: the header line is empty; the first line of a ${tsv ? "TSV" : "CSV"} file must name its columns`,
    );
  }
  const delim = tsv ? "\t" : headerDelimiter(header);
  const names = splitHeader(header, delim);
  // A NUL ends a string in DuckDB's SQL, where the names go (as data): refused here with its column.
  const nul = names.findIndex((n) => n.includes("\0"));
  if (nul >= 0)
    throw new ConfigurationError(
      `${display}:1: the name of column ${nul + 1} holds a NUL character (\\0); a column name must be text`,
    );
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const a = names[first] ?? "";
    // Quoted as JSON: a name may hold a line break, which must not break the one-line message.
    const q = (s: string): string => JSON.stringify(s);
    const spelled = a === name ? "" : `, as ${q(a)} and ${q(name)}: names are compared ignoring case and outer spaces`;
    throw new ConfigurationError(
      `${display}:1: the header names column ${q(a.trim())} twice (columns ${first + 1} and ${i + 1}${spelled}); give each column its own name`,
    );
  });
  const bomQuote = bom && header.startsWith(QUOTE);
  const skip = bomQuote ? bomSkip(header, delim, newline ?? "\n") : undefined;
  return { delim, names, bom, bomQuote, more, ...(skip !== undefined ? { bomSkip: skip } : {}), ...(newline ? { newline } : {}) };
}

/**
 * How many lines read_csv's `skip` passes to pass a header that starts with a quote right after the
 * BOM. DuckDB's skip (and header) reading takes that quote as a letter, so the first name's line
 * ends each end a line, and its closing quote is a letter too unless it starts a field there; the
 * names after it are read as the data is. So the header is passed exactly when the first name holds
 * no quote (a pair's second quote would open a field DuckDB never closes), no line end other than
 * the file's (a lone CR or LF is where DuckDB's reading and the RFC's part), and does not end in the
 * delimiter or a line end (the closing quote would open a field there).
 */
function bomSkip(record: string, delim: string, newline: "\n" | "\r\n"): number | undefined {
  const close = record.indexOf(QUOTE, 1);
  if (close < 0 || record.charAt(close + 1) === QUOTE) return undefined;
  const name = record.slice(1, close);
  const lines = name.split(newline);
  if (lines.some((l) => l.includes("\r") || l.includes("\n"))) return undefined;
  if (name.endsWith(newline) || name.endsWith(delim)) return undefined;
  return lines.length;
}
