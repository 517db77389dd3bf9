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
  /** Physical lines the header record spans (more than 1 when a quoted name holds a line break). */
  lines: number;
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
): Promise<{ record: string; newline?: "\n" | "\r\n"; bom: boolean }> {
  const stream = openStream(file, 0, display);
  let text = "";
  let quoted = false;
  let scanned = 0;
  try {
    for await (const chunk of stream) {
      // Read as UTF-8, UTF-16 looks like a NUL after every letter: name the encoding instead.
      if (text === "" && utf16Bom(chunk as Buffer))
        throw new ConfigurationError(`${display}: is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8`);
      text += (chunk as Buffer).toString("utf8");
      for (; scanned < text.length; scanned++) {
        const ch = text.charAt(scanned);
        if (ch === QUOTE) quoted = !quoted;
        else if (ch === "\n" && !quoted)
          return {
            record: clean(text.slice(0, scanned)),
            newline: text.charAt(scanned - 1) === "\r" ? "\r\n" : "\n",
            bom: text.startsWith("\uFEFF"),
          };
      }
      if (text.length > limit) {
        throw new ConfigurationError(
          `${display}:1: the header is longer than the record size limit of ${formatBytes(limit)} (MLGATE_MAX_RECORD_SIZE); is this a CSV file?`,
        );
      }
    }
  } finally {
    stream.destroy();
  }
  return { record: clean(text), bom: text.startsWith("\uFEFF") };
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
  const { record: header, newline, bom } = await headerLine(file, display, limit);
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
  const lines = header.split("\n").length;
  return { delim, names, bom, bomQuote: bom && header.startsWith('"'), lines, ...(newline ? { newline } : {}) };
}
