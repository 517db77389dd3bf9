import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LIMITS } from "../core/limits.js";

/** An answer other than 200 that a handler decides on: the status and one sentence for `{"error"}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Added to `{"error": message}` (a refused lock names its holder). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `the request body is larger than the limit of ${limit} bytes`);
}

/**
 * Reads a body chunk by chunk. Past `limit` (declared or streamed) it fails with 413 and discards
 * the rest of the body, so the client still reads the answer instead of a reset connection.
 */
function consume(
  req: IncomingMessage,
  limit: number,
  onChunk: (chunk: Buffer) => void,
  onEnd: () => void,
  fail: (e: Error) => void,
): void {
  let size = 0;
  let done = false;
  const stop = (e: Error): void => {
    if (done) return;
    done = true;
    req.off("data", onData);
    req.resume();
    fail(e);
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > limit) {
      stop(tooLarge(limit));
      return;
    }
    try {
      onChunk(chunk);
    } catch (e) {
      stop(e as Error);
    }
  };
  if (Number(req.headers["content-length"] ?? "0") > limit) {
    stop(tooLarge(limit));
    return;
  }
  req.on("data", onData);
  req.on("end", () => {
    if (done) return;
    done = true;
    onEnd();
  });
  req.on("error", (e) => {
    stop(new HttpError(400, `the request body did not arrive whole (${e.message})`));
  });
}

/** The whole body, refused with 413 as soon as it passes `limit`. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    consume(
      req,
      limit,
      (c) => {
        chunks.push(c);
        size += c.length;
      },
      () => {
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      },
      reject,
    );
  });
}

/** Streams the body into `file`, hashing it on the way, so a large model never sits in memory. */
export function readBodyToFile(req: IncomingMessage, file: string, limit: number): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    const out = createWriteStream(file);
    let bytes = 0;
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      out.destroy();
      reject(e);
    };
    out.on("error", fail);
    consume(
      req,
      limit,
      (c) => {
        bytes += c.length;
        hash.update(c);
        if (!out.write(c)) {
          req.pause();
          out.once("drain", () => req.resume());
        }
      },
      () =>
        out.end(() => {
          if (!failed) resolve({ sha256: hash.digest("hex"), bytes });
        }),
      fail,
    );
  });
}

/** Parses a JSON body into an object; anything else is a 400 naming what was wrong. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw new HttpError(400, `the request body is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new HttpError(400, "the request body must be a JSON object");
  if (nestingOver(v, MAX_DEPTH))
    throw new HttpError(400, `the request body nests arrays or objects deeper than ${MAX_DEPTH} levels`);
  return v as Record<string, unknown>;
}

/** Far beyond any tensor's rank; the recursive walks after this (flattening, shapes) stay shallow. */
const MAX_DEPTH = LIMITS.nestingDepth;

/** Whether a parsed JSON value nests deeper than `max`: iterative, so a hostile depth cannot overflow the stack. */
function nestingOver(root: object, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (d > max) return true;
    for (const c of Array.isArray(v) ? v : Object.values(v)) if (typeof c === "object" && c !== null) stack.push([c, d + 1]);
  }
  return false;
}

/** Sends JSON (an object, or text that already is JSON) unless the response was already answered. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.writableEnded) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** `{"error": "..."}`, as both protocols word errors. */
export function sendError(res: ServerResponse, e: HttpError, headers: Record<string, string> = {}): void {
  // The rest of a body over the limit is not read: the connection closes after the answer.
  if (e.status === 413) res.shouldKeepAlive = false;
  sendJson(res, e.status, { error: e.message, ...e.extra }, headers);
}
