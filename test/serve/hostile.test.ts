import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startServe, type ServeProcess } from "./support.js";

/**
 * Issue 17 for serve: hostile requests on loopback against the built CLI. None may crash the
 * process, hang it or get a 500; each gets a 4xx naming what was wrong, and the server still answers
 * a good request afterwards (checked after every case).
 */
let s: ServeProcess;
let port: number;
const INFER = "/v2/models/candidate/infer";
const good = { inputs: [{ name: "features", shape: [1, 7], datatype: "FP32", data: [1, 2, 3, 4, 5, 6, 7] }] };

beforeAll(async () => {
  s = await startServe(["--model", "examples/models/candidate.onnx", "--timeout", "2s", "--max-body", "256kb"]);
  port = Number(new URL(s.url).port);
});
afterAll(async () => {
  expect(await s.stop()).toBe(0);
  expect(s.stderr()).not.toMatch(/internal error|RangeError|TypeError|at .*\.js:\d+/);
});

async function stillServes(): Promise<void> {
  const r = await postJson(`${s.url}${INFER}`, good);
  expect(r.status).toBe(200);
}

/** Writes raw bytes on a fresh connection and collects what comes back until the server closes it (or `ms`). */
function raw(
  chunks: (string | Buffer)[],
  opts: { gapMs?: number; ms?: number } = {},
): Promise<{ text: string; closedAfterMs: number; closed: boolean }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock: Socket = connect(port, "127.0.0.1");
    let text = "";
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      sock.destroy();
      resolve({ text, closedAfterMs: Date.now() - t0, closed });
    };
    sock.on("data", (d: Buffer) => (text += d.toString("latin1")));
    sock.on("close", () => {
      finish(true);
    });
    sock.on("error", () => {
      finish(true);
    });
    setTimeout(() => {
      finish(false);
    }, opts.ms ?? 8000);
    void (async () => {
      for (const c of chunks) {
        if (sock.destroyed) return;
        sock.write(c);
        if (opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs));
      }
    })();
  });
}

const statusOf = (text: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
const bodyOf = (text: string): unknown => JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));

describe("mlgate serve under hostile requests", () => {
  it("answers malformed request targets such as //% with 400, not 500", async () => {
    for (const target of ["//%", "//%zz/v2", "/v2/models/%E0%A4%A/infer"]) {
      const r = await raw([`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
      expect({ target, status: statusOf(r.text) }).toEqual({ target, status: 400 });
      expect((bodyOf(r.text) as { error: string }).error).toMatch(
        /^the (request target .* is not a valid URL path|path .* is not valid percent-encoding)$/,
      );
    }
    await stillServes();
  });

  it("cuts a client that trickles its headers once --timeout passes", async () => {
    const head = "POST /v2/models/candidate/infer HTTP/1.1\r\nHost: x\r\n".split("");
    // One byte every 100 ms: the whole head would take 5 s; the bound is 2 s (+ the 1 s check).
    const r = await raw(head, { gapMs: 100 });
    expect(r.closed).toBe(true);
    expect(r.closedAfterMs).toBeLessThan(4500);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(1900);
    await stillServes();
  });

  it("refuses headers over Node's 16 KiB with 431", async () => {
    const r = await raw([`GET /v2/health/live HTTP/1.1\r\nHost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`]);
    expect(statusOf(r.text)).toBe(431);
    await stillServes();
  });

  it("answers 413 to a declared 1 GB body at once, without reading it", async () => {
    const r = await raw([`POST ${INFER} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n`, "{".repeat(1000)], {
      ms: 3000,
    });
    expect(statusOf(r.text)).toBe(413);
    expect(r.closedAfterMs).toBeLessThan(2000);
    expect(bodyOf(r.text)).toEqual({ error: "the request body is larger than the limit of 262144 bytes" });
    await stillServes();
  });

  it("answers 413 to a chunked body that streams past the limit", async () => {
    const chunk = `${(128 * 1024).toString(16)}\r\n${"x".repeat(128 * 1024)}\r\n`;
    const r = await raw([`POST ${INFER} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`, chunk, chunk, chunk], {
      ms: 3000,
    });
    expect(statusOf(r.text)).toBe(413);
    await stillServes();
  });

  it("answers 400 naming the problem for invalid JSON, deep nesting, huge shapes, wrong counts and datatypes", async () => {
    const url = `${s.url}${INFER}`;
    const send = async (body: string): Promise<{ status: number; error: string }> => {
      const r = await fetch(url, { method: "POST", body });
      return { status: r.status, error: ((await r.json()) as { error: string }).error };
    };
    const t = (over: Record<string, unknown>): string => JSON.stringify({ inputs: [{ ...good.inputs[0], ...over }] });
    const deep = (n: number): string => `${"[".repeat(n)}1${"]".repeat(n)}`;
    const cases: [string, string][] = [
      ['{"inputs": [', "the request body is not valid JSON (Unexpected end of JSON input)"],
      ["[]", "the request body must be a JSON object"],
      [
        `{"inputs":[{"name":"features","shape":[1,7],"datatype":"FP32","data":${deep(100_000)}}]}`,
        "the request body nests arrays or objects deeper than 64 levels",
      ],
      [`{"a":${`{"a":`.repeat(20_000)}1${"}".repeat(20_001)}`, "the request body nests arrays or objects deeper than 64 levels"],
      [t({ shape: [2 ** 40, 2 ** 40] }), 'input "features": expected shape [-1,7] (FP32), got [1099511627776,1099511627776]'],
      [t({ shape: [1_000_000_000, 7] }), 'input "features": shape [1000000000,7] needs 7000000000 elements, got 7'],
      [
        t({ shape: [1e300, 7] }),
        'input "features": expected shape [-1,7] (FP32), got shape [1e+300,7]; give every dimension as a whole number',
      ],
      [
        t({ shape: [-1, 7] }),
        'input "features": expected shape [-1,7] (FP32), got shape [-1,7]; give every dimension as a whole number',
      ],
      [t({ data: [1, 2, 3] }), 'input "features": shape [1,7] needs 7 elements, got 3'],
      [t({ datatype: "FP64" }), 'input "features": expected datatype FP32, got "FP64"'],
      [t({ datatype: "INT64", data: ["1"] }), 'input "features": expected datatype FP32, got "INT64"'],
      [
        t({ data: [1, 2, 3, 4, 5, 6, "x"] }),
        'input "features": element 6 is "x", not a number (FP32; NaN and infinities as the strings "NaN", "Infinity", "-Infinity")',
      ],
      [
        t({ data: [1, 2, 3, 4, 5, 6, { a: 1 }] }),
        'input "features": element 6 is {"a":1}, not a number (FP32; NaN and infinities as the strings "NaN", "Infinity", "-Infinity")',
      ],
      [t({ name: "__proto__" }), 'input "__proto__" is not an input of model "candidate" version 1 (its inputs: "features")'],
    ];
    for (const [body, error] of cases)
      expect({ body: body.slice(0, 60), ...(await send(body)) }).toEqual({ body: body.slice(0, 60), status: 400, error });
    await stillServes();
  });

  it("keeps 300 idle connections open and still answers, and never mixes answers between 64 concurrent requests", async () => {
    const idle = await Promise.all(
      Array.from(
        { length: 300 },
        () =>
          new Promise<Socket>((resolve) => {
            const c = connect(port, "127.0.0.1", () => {
              resolve(c);
            });
            c.on("error", () => undefined);
          }),
      ),
    );
    try {
      const answers = await Promise.all(
        Array.from({ length: 64 }, async (_, i) => {
          const r = await postJson(`${s.url}${INFER}`, { ...good, id: `req-${i}` });
          return (r.body as { id?: string }).id;
        }),
      );
      expect(answers).toEqual(Array.from({ length: 64 }, (_, i) => `req-${i}`));
    } finally {
      for (const c of idle) c.destroy();
    }
  });
});
