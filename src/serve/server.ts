/**
 * `mlgate serve`'s server: node:http on one port, the registry follower, the status file, and a
 * bounded drain on close. Usable in-process (the deploy gate's demo and tests call startServer) as
 * well as from the CLI command.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError, errorMessage } from "../core/errors.js";
import { removeServerStatus, stageVersion, writeAliases, writeServerStatus, type ServerStatus } from "../core/registry.js";
import { admin } from "./admin.js";
import { HttpError, sendError, sendJson, sendText } from "./http-io.js";
import { prometheusText } from "./metrics.js";
import { ModelSet } from "./models.js";
import { v1ModelStatus, predict } from "./protocol-v1.js";
import { infer, live, modelMetadata, modelReady, ready, serverMetadata } from "./protocol-v2.js";
import { RegistryFollower } from "./registry-follow.js";
import { metricsSource, serverStatus } from "./status.js";

export interface ServeOptions {
  /** A registry folder to serve and follow (its status goes to DIR/status/). */
  registry?: string;
  /** Or one model file, served as version "1" of `name` from a private temporary registry. */
  model?: { file: string; name: string; /** How messages name the file (the path as the user gave it). */ label?: string };
  host?: string;
  /** 0 picks a free port; `url` has the real one. */
  port?: number;
  windowSeconds?: number;
  affinityHeader?: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** Enables the admin API. */
  adminToken?: string;
  /** Progress and problems (the CLI prints them on stderr). */
  log?: (message: string) => void;
  statusIntervalMs?: number;
  pollMs?: number;
  /** How long close() waits for requests in flight (default: the timeout). */
  drainMs?: number;
  random?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The registry folder served (the private one with `model`). */
  registry: string;
  status(): ServerStatus;
  /** Stops accepting, drains requests in flight (bounded), releases sessions, removes the status file. */
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

/** The private registry of `--model FILE`: the file staged as version 1 and made champion. */
async function privateRegistry(model: NonNullable<ServeOptions["model"]>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-serve-"));
  try {
    await stageVersion(dir, model.file, { name: model.name, version: "1", source: model.label ?? model.file, gates: [] });
    writeAliases(dir, model.name, { champion: "1", challenger: null, weight: 0, mode: "split", previous: null });
    return dir;
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      reject(new ConfigurationError(`--port ${port}: cannot listen on ${host}:${port} (${e.code ?? errorMessage(e)})`));
    });
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    });
  });
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  if (!o.registry === !o.model) throw new Error("startServer needs exactly one of registry and model");
  const log = o.log ?? (() => undefined);
  // With --model the first load's failure is the command's error message: not logged twice.
  let followLog = o.model ? (): void => undefined : log;
  const host = o.host ?? "127.0.0.1";
  const windowSeconds = o.windowSeconds ?? 30;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const maxBody = o.maxBodyBytes ?? 10 * 1024 ** 2;
  const owned = o.model ? await privateRegistry(o.model) : undefined;
  const dir = owned ?? o.registry!;
  const models = new ModelSet();
  let writeStatus = (): void => undefined;
  const follower = new RegistryFollower({
    dir,
    models,
    windowSeconds,
    log: (m) => {
      followLog(m);
    },
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    ...(o.model
      ? {
          fileLabel: (n: string, v: string) =>
            n === o.model?.name && v === "1" ? `--model ${o.model.label ?? o.model.file}` : undefined,
        }
      : {}),
    onChange: () => {
      writeStatus();
    },
  });
  const errors = await follower.sync();
  // One model file is the user's own input: it must load. A registry is shared state others write:
  // the server starts with what loads and reports the rest (log, /v1/status), as it does later on.
  if (owned && errors.length) {
    await models.close(1000);
    rmSync(owned, { recursive: true, force: true });
    throw new ConfigurationError(errors[0]);
  }
  followLog = log;

  const ctx = {
    models,
    affinityHeader: (o.affinityHeader ?? "x-user-id").toLowerCase(),
    random: o.random ?? Math.random,
    log,
    maxBody,
  };
  const adminCtx = { token: o.adminToken, follower, models, windowSeconds, log };
  const rejected = new Map<number, number>();
  const startedAt = new Date().toISOString();
  let url = "";
  let inflight = 0;
  let closing: Promise<void> | undefined;
  let drained: (() => void) | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse, started: number): Promise<void> => {
    let u: URL;
    try {
      u = new URL(req.url ?? "/", "http://localhost");
    } catch {
      // `//%` and the like: a request target the URL parser refuses is the client's mistake.
      throw new HttpError(400, `the request target ${JSON.stringify((req.url ?? "").slice(0, 100))} is not a valid URL path`);
    }
    let seg: string[];
    try {
      seg = u.pathname.split("/").slice(1).map(decodeURIComponent);
    } catch {
      throw new HttpError(400, `the path ${u.pathname} is not valid percent-encoding`);
    }
    const method = req.method ?? "GET";
    const only = (m: string): void => {
      if (method !== m) throw new HttpError(405, `${method} is not allowed on ${u.pathname} (allowed: ${m})`);
    };
    const p = u.pathname;
    // Each line: the path, the one method it takes, the handler.
    const simple: Record<string, () => void> = {
      "/v2/health/live": () => {
        live(res);
      },
      "/v2/health/ready": () => {
        ready(res, models);
      },
      "/v2": () => {
        sendJson(res, 200, serverMetadata());
      },
      "/v1/status": () => {
        sendJson(res, 200, serverStatus(models, url, startedAt));
      },
      "/metrics": () => {
        sendText(res, 200, prometheusText(metricsSource(models, rejected)), "text/plain; version=0.0.4");
      },
    };
    const plain = simple[p];
    if (plain) {
      only("GET");
      plain();
      return;
    }
    if (seg[0] === "v1" && seg[1] === "admin") {
      await admin(adminCtx, req, res, seg.slice(2), u);
      return;
    }
    if (seg[0] === "v2" && seg[1] === "models" && seg[2] !== undefined && seg.length <= 6) {
      const [name, a, b, c] = seg.slice(2) as [string, string?, string?, string?];
      const version = a === "versions" ? b : undefined;
      const action = a === "versions" ? c : a;
      if (a === "versions" && b === undefined) throw new HttpError(404, `no such endpoint: ${method} ${p}`);
      if (
        (a === "versions" ? seg.length <= 6 : seg.length <= 4) &&
        (action === undefined || action === "ready" || action === "infer")
      ) {
        if (action === "infer") {
          only("POST");
          await infer(ctx, req, res, started, name, version);
        } else if (action === "ready") {
          only("GET");
          modelReady(res, models, name, version);
        } else {
          only("GET");
          modelMetadata(res, models, name, version);
        }
        return;
      }
    }
    if (seg[0] === "v1" && seg[1] === "models" && seg.length === 3) {
      const m = /^(.+):predict$/.exec(seg[2]!);
      if (m) {
        only("POST");
        await predict(ctx, req, res, started, m[1]!);
      } else {
        only("GET");
        v1ModelStatus(res, models, seg[2]!);
      }
      return;
    }
    throw new HttpError(404, `no such endpoint: ${method} ${p}`);
  };

  // Timeouts are checked every second, not Node's default 30 s, so a trickling client is cut near its bound.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    const started = performance.now();
    inflight++;
    if (closing) res.shouldKeepAlive = false;
    const timer = setTimeout(() => {
      sendError(res, new HttpError(504, `no answer within ${timeoutMs} ms (--timeout)`));
    }, timeoutMs);
    res.on("close", () => {
      clearTimeout(timer);
      inflight--;
      if (inflight === 0) drained?.();
    });
    handle(req, res, started).catch((e: unknown) => {
      const err = e instanceof HttpError ? e : new HttpError(500, `internal error: ${errorMessage(e)}`);
      if (!(e instanceof HttpError)) log(`internal error on ${req.method ?? "?"} ${req.url ?? "?"}: ${errorMessage(e)}`);
      rejected.set(err.status, (rejected.get(err.status) ?? 0) + 1);
      if (err.status === 401) res.setHeader("www-authenticate", 'Bearer realm="mlgate"');
      sendError(res, err);
    });
  });
  // Bounded: a client that trickles its headers or body cannot hold a connection forever.
  server.headersTimeout = Math.min(timeoutMs, 60_000);
  server.requestTimeout = timeoutMs;

  let port: number;
  try {
    port = await listen(server, host, o.port ?? 8080);
  } catch (e) {
    await models.close(1000);
    if (owned) rmSync(owned, { recursive: true, force: true });
    throw e;
  }
  url = urlOf(host, port);
  follower.start();
  // A private registry is nobody else's business: its status stays in /v1/status.
  let statusTimer: NodeJS.Timeout | undefined;
  if (!owned) {
    writeStatus = () => {
      try {
        writeServerStatus(dir, serverStatus(models, url, startedAt));
      } catch (e) {
        log(`cannot write the status file in ${dir}: ${errorMessage(e)}`);
      }
    };
    writeStatus();
    statusTimer = setInterval(writeStatus, o.statusIntervalMs ?? 1000);
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(statusTimer);
      writeStatus = () => undefined;
      await follower.stop();
      server.close();
      server.closeIdleConnections();
      if (inflight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, o.drainMs ?? timeoutMs).unref();
        });
      }
      server.closeAllConnections();
      await models.close(1000);
      if (owned) rmSync(owned, { recursive: true, force: true });
      else removeServerStatus(dir, url);
    })();
    return closing;
  };

  return { url, port, registry: dir, status: () => serverStatus(models, url, startedAt), close };
}
