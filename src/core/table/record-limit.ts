/**
 * The record size limit. DuckDB's CSV reader loses a line longer than its read buffer without a
 * trace (no row, no reject: exit 0 on a 50 MiB record), and Node cannot hold a line of a gigabyte in
 * one string. So no line may be longer than the limit (default 8 MiB; `MLGATE_MAX_RECORD_SIZE`):
 *
 * - a CSV/TSV line over it ends the run with a sentence naming the file and line (longLine finds
 *   it before DuckDB reads the file); a quoted record over it whose lines are each shorter is a
 *   rejected record (DuckDB's `max_line_size` is the limit);
 * - a JSON Lines line over it is a rejected record with its line, read past in bounded memory.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ConfigurationError } from "../errors.js";
import { parseBytes } from "../units.js";

export const DEFAULT_RECORD_LIMIT = 8 << 20;
const LF = 0x0a;
const CR = 0x0d;

/** The record size limit in bytes, from `MLGATE_MAX_RECORD_SIZE` (`16mb`, bytes) or the default. */
export function recordLimit(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.MLGATE_MAX_RECORD_SIZE;
  if (v === undefined || v.trim() === "") return DEFAULT_RECORD_LIMIT;
  const n = parseBytes(v, "MLGATE_MAX_RECORD_SIZE");
  if (n < 1024 || n > 1 << 30) {
    throw new ConfigurationError(`MLGATE_MAX_RECORD_SIZE "${v}" must be between 1kb and 1gb`);
  }
  return n;
}

/** `8 MiB`, `1.5 GiB`, `512 bytes`. */
export function formatBytes(n: number): string {
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

/**
 * A file's bytes as a stream, gunzipped when it ends in `.gz`. A gzip file that is cut short or not
 * gzip at all is the user's file, not a bug: its zlib error becomes a sentence naming `display`.
 */
export function openStream(file: string, start = 0, display = path.basename(file)): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 20, start });
  if (!/\.gz$/i.test(file)) return raw;
  const gunzip = raw.pipe(createGunzip());
  async function* bytes(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      if (!code.startsWith("Z_")) throw e;
      throw new ConfigurationError(`${display}: cannot be decompressed as gzip (${(e as Error).message}); is it cut short?`);
    } finally {
      raw.destroy();
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

export interface LongLine {
  /** 1-based line number where the long line starts. */
  line: number;
  /** Bytes of it seen: more than the limit (all of it when it ends before limit × 4). */
  bytes: number;
  /** True when `bytes` is the whole line. */
  whole: boolean;
}

/**
 * The first line longer than `limit` bytes (without its line end), or undefined.
 *
 * A plain file is probed, not read: any line longer than `limit` fully covers some aligned window
 * of `limit / 2` bytes, so reading each window only up to its first newline (a few bytes for
 * ordinary data) finds every such line — about 0.05% of a file at the default limit. A gzip file
 * cannot be read at an offset: it is decompressed once, in constant memory, and stops at the line.
 */
export async function longLine(file: string, limit: number, display?: string): Promise<LongLine | undefined> {
  const start = /\.gz$/i.test(file) ? await streamScan(file, limit, display) : probe(file, limit);
  if (start === undefined) return undefined;
  const { line, bytes, whole } = await measureLine(file, start, limit);
  return bytes > limit ? { line, bytes, whole } : undefined;
}

/**
 * Plain file: the byte offset of a line longer than the limit (measureLine numbers it). A window
 * without a newline may also lie inside a line between limit / 2 and the limit long: that line is
 * measured here from the newlines around it (at most limit bytes each way) and the probe goes on
 * after it, so a long line further down is still found.
 */
function probe(file: string, limit: number): number | undefined {
  const size = statSync(file).size;
  if (size <= limit) return undefined;
  const window = Math.max(1, Math.floor(limit / 2));
  const fd = openSync(file, "r");
  const buf = Buffer.alloc(Math.min(window, 64 << 10));
  /** The first newline in [at, end), or -1. */
  const nextLF = (at: number, end: number): number => {
    while (at < end) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n <= 0) return -1;
      const k = buf.subarray(0, n).indexOf(LF);
      if (k !== -1) return at + k;
      at += n;
    }
    return -1;
  };
  /** The last newline in [stop, at), or -1. */
  const prevLF = (at: number, stop: number): number => {
    for (let hi = at; hi > stop;) {
      const lo = Math.max(stop, hi - buf.length);
      const n = readSync(fd, buf, 0, hi - lo, lo);
      const k = buf.subarray(0, n).lastIndexOf(LF);
      if (k !== -1) return lo + k;
      hi = lo;
    }
    return -1;
  };
  const isCR = (at: number): boolean => readSync(fd, buf, 0, 1, at) === 1 && buf[0] === CR;
  try {
    for (let w = 0; w < size;) {
      const end = Math.min(size, w + window);
      if (nextLF(w, end) !== -1) {
        w = end;
        continue;
      }
      // A window with no newline that reaches the file's end is the last line's tail: had that
      // line been longer than the limit, it would have covered a whole window before this one.
      if (end >= size) return undefined;
      const back = Math.max(0, w - limit);
      const before = prevLF(w, back);
      if (before === -1 && back > 0) return w;
      const lineStart = before + 1;
      const reach = Math.min(size, lineStart + limit + 2);
      const after = nextLF(end, reach);
      if (after === -1) return reach < size || reach - lineStart > limit ? w : undefined;
      if (after - lineStart - (after > lineStart && isCR(after - 1) ? 1 : 0) > limit) return w;
      w = after + 1;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Gzip: the decompressed offset where a line longer than the limit starts (its line end not counted). */
async function streamScan(file: string, limit: number, display?: string): Promise<number | undefined> {
  const stream = openStream(file, 0, display);
  let pos = 0;
  let lineStart = 0;
  // The last byte of the chunk before: a CR there belongs to a line end at the next chunk's start.
  let last = -1;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      const first = buf.indexOf(LF);
      if (first === -1) {
        // Past limit + 1 bytes without a newline the line is long, whether or not a CR ends it.
        if (pos + buf.length - lineStart > limit + 1) return lineStart;
        pos += buf.length;
        last = buf[buf.length - 1] ?? last;
        continue;
      }
      const cr = first > 0 ? buf[first - 1] === CR : last === CR;
      if (pos + first - lineStart - (cr ? 1 : 0) > limit) return lineStart;
      // Lines wholly inside a chunk are shorter than it: they are looked at only under a small limit.
      if (limit < buf.length) {
        for (let prev = first, next = buf.indexOf(LF, first + 1); next !== -1; prev = next, next = buf.indexOf(LF, next + 1))
          if (next - prev - 1 - (next - 1 > prev && buf[next - 1] === CR ? 1 : 0) > limit) return pos + prev + 1;
      }
      lineStart = pos + buf.lastIndexOf(LF) + 1;
      pos += buf.length;
      last = buf[buf.length - 1] ?? last;
    }
    return pos - lineStart > limit ? lineStart : undefined;
  } finally {
    stream.destroy();
  }
}

/**
 * The line holding byte `offset` (decompressed for gzip): its number and its length, reading at
 * most limit × 4 bytes past the offset.
 */
async function measureLine(file: string, offset: number, limit: number): Promise<LongLine> {
  const stream = openStream(file);
  let pos = 0;
  let line = 1;
  let start = 0;
  let last = -1;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
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

/** Throws the sentence for a CSV/TSV line over the limit; see the top of this file. */
export async function assertNoLongLine(file: string, display: string, limit: number): Promise<void> {
  const long = await longLine(file, limit, display);
  if (!long) return;
  const size = long.whole ? formatBytes(long.bytes) : `more than ${formatBytes(limit * 4)}`;
  throw new ConfigurationError(
    `${display}:${long.line}: the line is ${size} long, over the record size limit of ${formatBytes(limit)}; a line that long cannot be read safely (raise MLGATE_MAX_RECORD_SIZE if it is meant to be)`,
  );
}
