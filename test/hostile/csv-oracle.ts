/**
 * A small RFC 4180 reader, written for the CSV fuzz as an independent oracle: what a CSV file's
 * records are, by the letter of the RFC (`"` quotes, `""` inside quotes is a quote, a record ends at
 * `\n` or `\r\n` outside quotes), plus the conventions the data gate documents (a leading BOM is not
 * data; a line with nothing on it is not a record). It says nothing where the RFC has no answer (a
 * quote inside an unquoted field, text after a closing quote, a quote never closed): `ok: false`.
 */
export interface OracleRecord {
  fields: string[];
  /** 1-based line (counting `\n`) where the record starts. */
  line: number;
  /** Nothing on the line: not a record for the gate. */
  blank: boolean;
  /** Its text as in the file, without the line end. */
  raw: string;
  /** The line end after it: "" at the end of the file. */
  end: "\n" | "\r\n" | "";
}

export type OracleResult = { ok: true; delim: string; records: OracleRecord[]; bareCr: boolean } | { ok: false; why: string };

/** The delimiter the gate's rule picks from the header line: the most frequent of , ; | tab outside quotes, `,` on a tie. */
export function oracleDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "|": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n") break;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  let best = ",";
  for (const d of [";", "|", "\t"]) if ((counts[d] ?? 0) > (counts[best] ?? 0)) best = d;
  return best;
}

export function rfc4180(text: string, delim = oracleDelimiter(text)): OracleResult {
  const records: OracleRecord[] = [];
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  let line = 1;
  let bareCr = false;
  const atEnd = (k: number): boolean => k >= text.length || text[k] === "\n" || (text[k] === "\r" && text[k + 1] === "\n");
  while (i < text.length) {
    const start = line;
    const from = i;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        quotedAny = true;
        i++;
        for (;;) {
          if (i >= text.length) return { ok: false, why: `a quote opened on line ${line} is never closed` };
          const ch = text[i] ?? "";
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (!atEnd(i) && text[i] !== delim) return { ok: false, why: `text after a closing quote on line ${line}` };
      } else {
        while (!atEnd(i) && text[i] !== delim) {
          if (text[i] === '"') return { ok: false, why: `a quote inside an unquoted field on line ${line}` };
          if (text[i] === "\r") bareCr = true;
          field += text[i] ?? "";
          i++;
        }
      }
      fields.push(field);
      if (text[i] === delim) {
        i++;
        continue;
      }
      break;
    }
    const raw = text.slice(from, i);
    let end: OracleRecord["end"] = "";
    if (text[i] === "\r") {
      end = "\r\n";
      i += 2;
      line++;
    } else if (text[i] === "\n") {
      end = "\n";
      i++;
      line++;
    }
    records.push({ fields, line: start, blank: fields.length === 1 && fields[0] === "" && !quotedAny, raw, end });
  }
  return { ok: true, delim, records, bareCr };
}
