import { ConfigurationError } from "./errors.js";

const DURATION: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

const MAX_TIMER_MS = 2 ** 31 - 1;

/** `30s`, `500ms`, `2m`, `1h` (a bare number is seconds) -> milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const ms = m ? Number(m[1]) * (DURATION[(m[2] ?? "s").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new ConfigurationError(`${flag} "${text}" is not a duration; use a positive number with ms, s, m or h, such as 30s`);
  // A timer longer than 2^31 - 1 ms fires at once (Node warns and waits 1 ms): a watch of
  // 99999999h would watch nothing.
  if (ms > MAX_TIMER_MS)
    throw new ConfigurationError(`${flag} "${text}" is longer than 596h, the longest wait mlgate can time (2^31 - 1 ms)`);
  return Math.round(ms);
}

/** `10mb`, `512kb`, `1gb`, `2048` (bytes) -> bytes; binary units (1 mb = 1024 kb). */
export function parseBytes(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  const n = m ? Number(m[1]) * (BYTES[(m[2] ?? "b").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isFinite(n) || n < 1)
    throw new ConfigurationError(`${flag} "${text}" is not a size; use a positive number with b, kb, mb or gb, such as 10mb`);
  return Math.floor(n);
}
