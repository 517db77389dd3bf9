/**
 * `mlgate serve` load benchmark: `npm run bench:serve [-- --rounds 5 --duration 5 --connections 32]`.
 *
 * In one run, on loopback, with autocannon (batch 1, the same v2 JSON body for both):
 *   - throughput, p50/p99 latency and server CPU per request of `mlgate serve --model` (the bundle
 *     built from this checkout into bench/out/serve/dist) against bench/serve/bare.mjs (node:http +
 *     onnxruntime, same session options) on the same model, for the demo's candidate model and a
 *     20-64-64-1 MLP; rounds interleaved (the order flips each round) so the machine's load hits
 *     both alike; prints every round and the ratios of the medians;
 *   - zero errors while the challenger's weight moves 0 -> 10 -> 50 -> 100 -> 0 through the admin API
 *     under the same load (non-2xx, socket errors and timeouts counted; answers per version shown).
 * Server CPU is user + system time from /proc/PID/stat (all threads, onnxruntime's included) over
 * the round, divided by the requests answered: steadier than requests per second on a shared machine.
 * Bounded in time: 2 models x 2 servers x rounds x duration, plus the weight phase (about 2 min).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { buildMlp } from "../../src/core/onnx/build.js";
import { stageVersion, writeAliases } from "../../src/core/registry.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = path.join(ROOT, "bench/out/serve");
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg("rounds", 5);
const DURATION = arg("duration", 5);
const CONNECTIONS = arg("connections", 32);
const TOKEN = "bench-token";
const TICK = 1_000_000 / 100; // µs per clock tick (USER_HZ is 100 on Linux)

interface Server {
  url: string;
  child: ChildProcess;
}

function start(cmd: string[], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = spawn(process.execPath, cmd, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on("exit", (code) => {
      reject(new Error(`${cmd.join(" ")} exited ${code} before listening: ${err}`));
    });
  });
}

async function stop(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once("exit", r));
  s.child.kill("SIGTERM");
  await exited;
}

/** user + system CPU of a process so far, in µs. */
function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * TICK;
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  cpuPerReq: number;
  ok: number;
  bad: number;
  load: number;
}

async function load(
  url: string,
  body: string,
  seconds: number,
  extra: Partial<autocannon.Options> = {},
): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    headers: { "content-type": "application/json" },
    body,
    ...extra,
  });
}

async function round(s: Server, path: string, body: string): Promise<Round> {
  const before = cpuMicros(s.child.pid!);
  const r = await load(s.url + path, body, DURATION);
  const cpu = cpuMicros(s.child.pid!) - before;
  const ok = r["2xx"];
  return {
    rps: ok / DURATION,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuPerReq: cpu / Math.max(1, ok),
    ok,
    bad: r.non2xx + r.errors + r.timeouts,
    load: os.loadavg()[0]!,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f1 = (x: number): string => x.toFixed(1);

async function compare(label: string, model: string, name: string, body: string, cli: string): Promise<string> {
  const serve = await start([cli, "serve", "--model", model, "--name", name, "--port", "0", "--allow-outside-workspace"]);
  const bare = await start([path.join(ROOT, "bench/serve/bare.mjs"), model, name]);
  const urlPath = `/v2/models/${name}/infer`;
  try {
    // Warm both (JIT, onnxruntime's first runs) outside the figures.
    await load(serve.url + urlPath, body, 1);
    await load(bare.url + urlPath, body, 1);
    const rows: { serve: Round; bare: Round }[] = [];
    console.log(`\n${label}: ${CONNECTIONS} connections, batch 1, ${DURATION} s per side per round`);
    console.log(
      "round  order        serve req/s  bare req/s  ratio  serve p50/p99 ms  bare p50/p99 ms  CPU µs/req serve/bare  load",
    );
    for (let i = 0; i < ROUNDS; i++) {
      const first = i % 2 === 0 ? "serve" : "bare";
      const a = first === "serve" ? await round(serve, urlPath, body) : await round(bare, urlPath, body);
      const b = first === "serve" ? await round(bare, urlPath, body) : await round(serve, urlPath, body);
      const row = first === "serve" ? { serve: a, bare: b } : { serve: b, bare: a };
      rows.push(row);
      if (row.serve.bad + row.bare.bad > 0) console.log(`  errors: serve ${row.serve.bad}, bare ${row.bare.bad}`);
      console.log(
        [
          String(i + 1).padEnd(6),
          `${first} first`.padEnd(12),
          f1(row.serve.rps).padStart(11),
          f1(row.bare.rps).padStart(11),
          (row.serve.rps / row.bare.rps).toFixed(2).padStart(6),
          `${row.serve.p50}/${row.serve.p99}`.padStart(17),
          `${row.bare.p50}/${row.bare.p99}`.padStart(16),
          `${f1(row.serve.cpuPerReq)}/${f1(row.bare.cpuPerReq)}`.padStart(24),
          row.serve.load.toFixed(1).padStart(5),
        ].join(" "),
      );
    }
    const m = (side: "serve" | "bare", k: keyof Round): number => median(rows.map((r) => r[side][k]));
    const errors = rows.reduce((n, r) => n + r.serve.bad + r.bare.bad, 0);
    return [
      `${label}: median req/s ${f1(m("serve", "rps"))} vs ${f1(m("bare", "rps"))} (ratio ${(m("serve", "rps") / m("bare", "rps")).toFixed(2)},`,
      `per-round ratios median ${median(rows.map((r) => r.serve.rps / r.bare.rps)).toFixed(2)});`,
      `p50 ${m("serve", "p50")} vs ${m("bare", "p50")} ms, p99 ${m("serve", "p99")} vs ${m("bare", "p99")} ms;`,
      `CPU per request ${f1(m("serve", "cpuPerReq"))} vs ${f1(m("bare", "cpuPerReq"))} µs`,
      `(ratio ${(m("serve", "cpuPerReq") / m("bare", "cpuPerReq")).toFixed(2)}); errors ${errors}`,
    ].join(" ");
  } finally {
    await stop(serve);
    await stop(bare);
  }
}

/** The challenger's weight moves 0 -> 10 -> 50 -> 100 -> 0 under load; every request must succeed. */
async function weights(files: [string, string], body: string, cli: string): Promise<string> {
  const reg = path.join(OUT, "registry");
  execFileSync("rm", ["-rf", reg]);
  mkdirSync(reg, { recursive: true });
  await stageVersion(reg, files[0], { name: "mlp", version: "1", gates: [] });
  await stageVersion(reg, files[1], { name: "mlp", version: "2", gates: [] });
  writeAliases(reg, "mlp", { champion: "1", challenger: "2", weight: 0, mode: "split", previous: null });
  const s = await start([cli, "serve", "--registry", reg, "--port", "0", "--allow-outside-workspace"], {
    MLGATE_ADMIN_TOKEN: TOKEN,
  });
  const answered: Record<string, number> = {};
  let user = 0;
  try {
    const steps = [0, 10, 50, 100, 0];
    const run = load(`${s.url}/v2/models/mlp/infer`, body, steps.length * 1.5 + 1, {
      requests: [
        {
          // Half the requests name a user (sticky), half do not (random split).
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, ...(user++ % 2 ? { "x-user-id": `user-${user % 5000}` } : {}) },
          }),
          onResponse: (_status, _body, _ctx, headers) => {
            const v = (headers as Record<string, string> | undefined)?.["x-model-version"] ?? "none";
            answered[v] = (answered[v] ?? 0) + 1;
          },
        },
      ],
    });
    let generation: number | undefined;
    for (const weight of steps) {
      await new Promise((r) => setTimeout(r, 1500));
      const r = await fetch(`${s.url}/v1/admin/models/mlp/aliases`, {
        method: "PUT",
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ champion: "1", challenger: "2", weight, ...(generation ? { expectGeneration: generation } : {}) }),
      });
      if (r.status !== 200) throw new Error(`PUT aliases weight ${weight}: ${r.status} ${await r.text()}`);
      generation = ((await r.json()) as { generation: number }).generation;
      console.log(`  weight ${weight}: generation ${generation}`);
    }
    const r = await run;
    const counts = Object.entries(answered)
      .sort()
      .map(([v, n]) => `version ${v}: ${n}`)
      .join(", ");
    return `weights 0-10-50-100-0 under load: ${r["2xx"]} answered 2xx, non-2xx ${r.non2xx}, socket errors ${r.errors}, timeouts ${r.timeouts}; ${counts}`;
  } finally {
    await stop(s);
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  console.log(`building the bundle into ${path.relative(ROOT, OUT)}/dist ...`);
  execFileSync(process.execPath, ["scripts/build.mjs"], {
    cwd: ROOT,
    env: { ...process.env, MLGATE_DIST_DIR: path.relative(ROOT, path.join(OUT, "dist")) },
  });
  const cli = path.join(OUT, "dist/cli.js");
  const mlp: [string, string] = [path.join(OUT, "mlp-1.onnx"), path.join(OUT, "mlp-2.onnx")];
  mlp.forEach((f, i) => {
    writeFileSync(f, buildMlp({ inputs: 20, hidden: [64, 64], outputs: 1, seed: i + 1, head: "sigmoid" }));
  });
  const row = (n: number, seed: number): number[] =>
    Array.from({ length: n }, (_, j) => Math.round(Math.sin(seed + j) * 1000) / 1000);
  const candidateBody = JSON.stringify({ inputs: [{ name: "features", shape: [1, 7], datatype: "FP32", data: row(7, 1) }] });
  const mlpBody = JSON.stringify({ inputs: [{ name: "input", shape: [1, 20], datatype: "FP32", data: row(20, 2) }] });
  console.log(
    `Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map(f1).join(" ")}`,
  );
  const lines = [
    await compare(
      "demo candidate (examples/models/candidate.onnx, 7 features)",
      path.join(ROOT, "examples/models/candidate.onnx"),
      "candidate",
      candidateBody,
      cli,
    ),
    await compare("MLP 20-64-64-1 (buildMlp, seed 1)", mlp[0], "mlp", mlpBody, cli),
    await weights(mlp, mlpBody, cli),
  ];
  console.log(`\nload average at the end ${os.loadavg().map(f1).join(" ")}`);
  for (const l of lines) console.log(l);
}

await main();
