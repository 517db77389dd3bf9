/**
 * Runs one case of the hostile corpus (corpus-cases.ts) against the built CLI as a child process, in
 * a sandbox of its own:
 *
 *   ROOT/ws/        the workspace (cwd, GITHUB_WORKSPACE): the case's files, reports go to ws/reports/
 *   ROOT/outside/   a sibling folder with secret files that the corpus's symlinks point at
 *   ROOT/tmp/       TMPDIR of the child
 *   ROOT/meta/      the peak-RSS file the preload (peak-rss.mjs) writes at exit
 *
 * and measures what the "Done when" of issue 17 asks: exit code, stdout/stderr, the child's peak RSS,
 * every file created or changed (lstat, links not followed) and whether a secret leaked into any output.
 */
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { distDir, ROOT } from "../support/cli.js";

export const CORPUS = path.join(ROOT, "test/fixtures/hostile");
export const PEAK_RSS = path.join(ROOT, "test/hostile/peak-rss.mjs");

/** Text in every outside file: it may appear in no output. */
export const SENTINEL = "MLGATE-CORPUS-SENTINEL-5d1e";
/** Fake tokens in the child's environment: they may appear in no output either. */
export const TOKENS = { GITHUB_TOKEN: "ghs_corpusFakeToken0123456789abcdefXYZ", MLGATE_ADMIN_TOKEN: "admin-corpus-fake-9876" };

export interface Sandbox {
  root: string;
  ws: string;
  outside: string;
  tmp: string;
  meta: string;
}

export interface HttpStep {
  method?: string;
  path: string;
  /** The body: a string, a Buffer, or a file under the workspace to stream (`{ file }`). */
  body?: string | Buffer | { file: string };
  headers?: Record<string, string>;
  /** A raw request written on the socket instead (for lying headers). */
  raw?: string;
  status: number;
  /** The answer's `error` field, exactly, or a pattern. */
  error?: string | RegExp;
}

export interface CorpusCase {
  id: string;
  /** What the case sends, in a few words (the docs table). */
  what: string;
  /** Workspace path -> path under test/fixtures/hostile (committed corpus files). */
  files?: Record<string, string>;
  /** Links, FIFOs and generated files, made in the sandbox before the run. */
  setup?: (s: Sandbox) => void;
  /** The CLI's arguments, command first; `{ws}` and `{outside}` are replaced by the sandbox's folders. */
  args: string[];
  exit: 0 | 1 | 2;
  /**
   * Exit 2: stderr is exactly this line (`mlgate <command>: <sentence>`) and a newline; exit 0/1: stdout
   * is (the --quiet verdict). `{ws}` and `{outside}` are replaced. A RegExp must match the whole text.
   */
  message: string | RegExp;
  /** Data gate: rows read and records rejected, from reports/data.json (nothing silently lost). */
  rows?: [read: number, rejected: number];
  /** Text no Markdown report may hold (raw HTML, live @mentions, links): escaping must hold. */
  markdownForbids?: string[];
  /** Workspace folders the case may write besides reports/ (a registry: target). */
  writes?: string[];
  /** Run as inside GitHub Actions (paths stay in the workspace), not publishing. */
  actions?: boolean;
  timeoutMs?: number;
  /** A serve case: `args` start `mlgate serve`; these requests go to it; it must stop with 0 on SIGTERM. */
  http?: HttpStep[];
}

export interface CaseResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child in MiB (NaN when it did not exit normally). */
  peakMiB: number;
  ms: number;
  timedOut: boolean;
  /** Files created or changed outside ws/reports/ and the case's `writes` (sandbox-relative). */
  strayFiles: string[];
  /** Secrets found: "<where>: <which>". */
  leaks: string[];
  /** Serve cases: status and error field of each answer. */
  answers: { status: number; error?: string }[];
  /** Rows read and records rejected in reports/data.json, when there is one. */
  counts?: [number, number];
  /** Text of every file written under ws/reports/, by name. */
  reports: Record<string, string>;
  sandbox: Sandbox;
}

export function makeSandbox(): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), "mlgate-corpus-"));
  const s = {
    root,
    ws: path.join(root, "ws"),
    outside: path.join(root, "outside"),
    tmp: path.join(root, "tmp"),
    meta: path.join(root, "meta"),
  };
  for (const d of [s.ws, s.outside, s.tmp, s.meta, path.join(s.ws, "reports")]) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(s.outside, "secret.csv"), `name,value\n${SENTINEL},1\n${SENTINEL}-2,2\n`);
  writeFileSync(path.join(s.outside, "secret.txt"), `${SENTINEL}\n`);
  writeFileSync(path.join(s.outside, "secret.yml"), `version: 1\ncolumns:\n  ${SENTINEL}: {}\n`);
  writeFileSync(path.join(s.outside, "secret.onnx"), `${SENTINEL}\n`);
  writeFileSync(path.join(s.outside, "secret.json"), `{"schemaVersion": 1, "secret": "${SENTINEL}"}\n`);
  return s;
}

export function mkfifo(file: string): void {
  // Node has no mkfifo(3); coreutils' mkfifo is on every Linux and macOS machine.
  execFileSync("mkfifo", [file]);
}

type Snapshot = Map<string, string>;

function snapshot(dir: string, base: string, out: Snapshot = new Map()): Snapshot {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = lstatSync(full);
    const rel = path.relative(base, full);
    out.set(rel, st.isDirectory() ? "dir" : `${st.mode}:${st.size}:${st.mtimeMs}`);
    if (st.isDirectory()) snapshot(full, base, out);
  }
  return out;
}

function placeholders(s: string, sb: Sandbox): string {
  return s.replaceAll("{ws}", sb.ws).replaceAll("{outside}", sb.outside).replaceAll("{tmp}", sb.tmp);
}

/** The environment of the child: this one's, less anything of GitHub's, plus the fake tokens. */
function childEnv(c: CorpusCase, sb: Sandbox): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("GITHUB_") && !k.startsWith("INPUT_") && !k.startsWith("RUNNER_") && !k.startsWith("MLGATE_") && k !== "CI")
      env[k] = v;
  }
  Object.assign(env, TOKENS, {
    NO_COLOR: "1",
    TMPDIR: sb.tmp,
    TMP: sb.tmp,
    TEMP: sb.tmp,
    PEAK_RSS_FILE: path.join(sb.meta, "peak-rss"),
    // The peak is the gate's process: without the crash guard's parent, which would write its own last.
    MLGATE_CRASH_GUARD: "off",
  });
  if (c.actions) Object.assign(env, { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: sb.ws, RUNNER_TEMP: sb.tmp });
  return env;
}

async function serveRequests(
  c: CorpusCase,
  sb: Sandbox,
  stdout: () => string,
  exited: Promise<unknown>,
): Promise<{ status: number; error?: string }[]> {
  const url = await Promise.race([
    (async () => {
      for (;;) {
        const m = /listening on (http:\/\/\S+)/.exec(stdout());
        if (m) return m[1]!;
        await new Promise((r) => setTimeout(r, 20));
      }
    })(),
    exited.then(() => undefined),
  ]);
  if (!url) return [];
  const answers: { status: number; error?: string }[] = [];
  for (const step of c.http ?? []) {
    answers.push(step.raw ? await rawRequest(url, placeholders(step.raw, sb)) : await httpRequest(url, step, sb));
  }
  return answers;
}

async function httpRequest(url: string, step: HttpStep, sb: Sandbox): Promise<{ status: number; error?: string }> {
  const body =
    step.body && typeof step.body === "object" && "file" in step.body
      ? readFileSync(path.join(sb.ws, step.body.file))
      : step.body;
  try {
    const r = await fetch(`${url}${step.path}`, {
      method: step.method ?? "POST",
      headers: { "content-type": "application/json", ...step.headers },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await r.text();
    let error: string | undefined;
    try {
      error = (JSON.parse(text) as { error?: string }).error;
    } catch {
      error = undefined;
    }
    return { status: r.status, ...(error !== undefined ? { error } : {}) };
  } catch (e) {
    return { status: 0, error: `no answer: ${(e as Error).message}` };
  }
}

async function rawRequest(url: string, raw: string): Promise<{ status: number; error?: string }> {
  const { connect } = await import("node:net");
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = connect(Number(u.port), u.hostname);
    let text = "";
    const done = (): void => {
      sock.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      let error: string | undefined;
      try {
        error = (JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as { error?: string }).error;
      } catch {
        error = undefined;
      }
      resolve({ status, ...(error !== undefined ? { error } : {}) });
    };
    const timer = setTimeout(done, 15_000);
    sock.on("data", (d: Buffer) => (text += d.toString("latin1")));
    sock.on("close", () => {
      clearTimeout(timer);
      done();
    });
    sock.on("error", () => undefined);
    sock.write(raw);
  });
}

let running = 0;
const waiting: (() => void)[] = [];
/** At most two cases at a time: each is a process of its own (DuckDB, onnxruntime), the machine is shared. */
async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await f();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** Runs one case in a fresh sandbox (two at a time). */
export function runCase(c: CorpusCase): Promise<CaseResult> {
  return slot(() => runOne(c));
}

async function runOne(c: CorpusCase): Promise<CaseResult> {
  const sb = makeSandbox();
  for (const [to, from] of Object.entries(c.files ?? {})) {
    const dest = path.join(sb.ws, to);
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(path.join(CORPUS, from), dest);
  }
  c.setup?.(sb);
  const before = snapshot(sb.root, sb.root);
  const args = c.args.map((a) => placeholders(a, sb));
  const t0 = Date.now();
  // MLGATE_CORPUS_CLI runs the corpus against another build (say, main's dist/cli.js) to see what it fixes.
  const cli = process.env.MLGATE_CORPUS_CLI ?? path.join(distDir(), "cli.js");
  const child = spawn(process.execPath, ["--import", PEAK_RSS, cli, ...args], {
    cwd: sb.ws,
    env: childEnv(c, sb),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      resolve({ code, signal });
    }),
  );
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, c.timeoutMs ?? 30_000);
  let answers: { status: number; error?: string }[] = [];
  if (c.http) {
    answers = await serveRequests(c, sb, () => stdout, exited);
    child.kill("SIGTERM");
  }
  const { code, signal } = await exited;
  clearTimeout(timer);
  const ms = Date.now() - t0;

  let peakMiB: number;
  try {
    peakMiB = Number(readFileSync(path.join(sb.meta, "peak-rss"), "utf8")) / 2 ** 20;
  } catch {
    peakMiB = NaN;
  }
  const after = snapshot(sb.root, sb.root);
  const allowed = ["reports", ...(c.writes ?? [])].map((w) => path.join("ws", w));
  const strayFiles = [...after]
    .filter(([rel, sig]) => before.get(rel) !== sig && !rel.startsWith("meta"))
    .map(([rel]) => rel)
    .filter((rel) => !allowed.some((a) => rel === a || rel.startsWith(`${a}${path.sep}`)));
  const outputs: [string, string][] = [
    ["stdout", stdout],
    ["stderr", stderr],
  ];
  for (const [rel, sig] of after) {
    if (sig !== "dir" && before.get(rel) !== sig && !rel.startsWith("meta") && lstatSync(path.join(sb.root, rel)).isFile())
      outputs.push([rel, readFileSync(path.join(sb.root, rel), "latin1")]);
  }
  const reports: Record<string, string> = {};
  for (const [rel, text] of outputs)
    if (rel.startsWith(path.join("ws", "reports") + path.sep)) reports[path.basename(rel)] = text;
  let counts: [number, number] | undefined;
  if (reports["data.json"]) {
    const m = (JSON.parse(reports["data.json"]) as { metrics?: { rows?: number; rejected?: number } }).metrics;
    counts = [m?.rows ?? -1, m?.rejected ?? -1];
  }
  const secrets = [SENTINEL, ...Object.values(TOKENS)];
  const leaks = outputs.flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`));
  return {
    code,
    signal,
    stdout,
    stderr,
    peakMiB,
    ms,
    timedOut,
    strayFiles,
    leaks,
    answers,
    reports,
    ...(counts ? { counts } : {}),
    sandbox: sb,
  };
}

/** The one line a case shows in the docs table: stderr's sentence for exit 2, else the verdict line. */
export function shownMessage(c: CorpusCase, r: CaseResult): string {
  if (c.http) return r.answers.map((a) => `${a.status} ${a.error ?? ""}`.trim()).join("; ");
  return (r.code === 2 ? r.stderr : r.stdout).trim();
}

/** The text expected on stderr (exit 2) or stdout (0/1), with the sandbox's folders put in. */
export function expectedText(c: CorpusCase, sb: Sandbox): string | RegExp {
  return c.message instanceof RegExp ? c.message : `${placeholders(c.message, sb)}\n`;
}
