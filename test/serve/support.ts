import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { buildModel, type ValueSpec } from "../../src/core/onnx/build.js";
import { distDir, ROOT } from "../support/cli.js";

export function tmpDir(prefix = "mlgate-serve-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeModel(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** y = x * k over [batch, 2] FP32: versions that differ only in k tell which one answered. */
export function scaleModel(k: number): Uint8Array {
  return buildModel({
    inputs: [{ name: "x", type: "FLOAT", shape: ["batch", 2] }],
    outputs: [{ name: "y", type: "FLOAT", shape: ["batch", 2] }],
    nodes: [{ op: "Mul", inputs: ["x", "k"], outputs: ["y"] }],
    initializers: [{ name: "k", type: "FLOAT", dims: [1], values: [k] }],
  });
}

/** One Identity per datatype the protocol carries: every input comes back as an output of the same type. */
export function identityModel(): Uint8Array {
  const specs: [string, ValueSpec["type"]][] = [
    ["i8", "INT8"],
    ["u8", "UINT8"],
    ["i16", "INT16"],
    ["i32", "INT32"],
    ["i64", "INT64"],
    ["f16", "FLOAT16"],
    ["f64", "DOUBLE"],
    ["b", "BOOL"],
    ["s", "STRING"],
  ];
  return buildModel({
    inputs: specs.map(([n, type]) => ({ name: n, type, shape: ["batch", 2] })),
    outputs: specs.map(([n, type]) => ({ name: `${n}_out`, type, shape: ["batch", 2] })),
    nodes: specs.map(([n]) => ({ op: "Identity", inputs: [n], outputs: [`${n}_out`] })),
  });
}

/** Two inputs of different types: sum = a + cast(b) (FP32), and not(flag) (BOOL). */
export function mixedModel(): Uint8Array {
  return buildModel({
    inputs: [
      { name: "a", type: "FLOAT", shape: ["batch", 3] },
      { name: "b", type: "INT64", shape: ["batch", 3] },
      { name: "flag", type: "BOOL", shape: ["batch"] },
    ],
    outputs: [
      { name: "sum", type: "FLOAT", shape: ["batch", 3] },
      { name: "neg", type: "BOOL", shape: ["batch"] },
    ],
    nodes: [
      { op: "Cast", inputs: ["b"], outputs: ["bf"], attrs: { to: 1 } },
      { op: "Add", inputs: ["a", "bf"], outputs: ["sum"] },
      { op: "Not", inputs: ["flag"], outputs: ["neg"] },
    ],
  });
}

/** onnxruntime run directly on the same inputs: the reference every answer is compared with. */
export async function runDirect(file: string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const s = await ort.InferenceSession.create(file);
  try {
    return await s.run(feeds);
  } finally {
    await s.release();
  }
}

/** A tensor's values as JSON would carry them (bigints as numbers when safe, booleans for BOOL). */
export function plain(t: ort.Tensor): unknown[] {
  return Array.from(t.data as ArrayLike<unknown>, (v) =>
    t.type === "bool" ? Boolean(v) : typeof v === "bigint" ? Number(v) : v,
  );
}

export interface ServeProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `mlgate serve` from the test bundle and waits for its "listening on" line. */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(distDir(), "cli.js"), "serve", "--port", "0", ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`mlgate serve did not start in 30 s; stderr: ${err}`));
    }, 30_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          stdout: () => out,
          stderr: () => err,
          exited,
          stop: (signal = "SIGTERM") => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`mlgate serve exited with ${code} before listening; stderr: ${err}`));
    });
  });
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; version: string | null }> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json(), version: r.headers.get("x-model-version") };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const r = await fetch(url, { headers });
  return { status: r.status, body: await r.json() };
}

/** Polls until `check` returns a value (not undefined), or fails after `ms`. */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, ms = 10_000, what = "condition"): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
