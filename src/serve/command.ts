import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command, CommandContext } from "../cli/command.js";
import { ConfigurationError } from "../core/errors.js";
import { checkRegistryName } from "../core/registry.js";
import { parseBytes, parseDuration } from "../core/units.js";
import type { ServeOptions } from "./server.js";

/** The bearer token: from the file given, else MLGATE_ADMIN_TOKEN; never a flag (it would show in `ps`). */
function adminToken(ctx: CommandContext): string | undefined {
  const file = ctx.str("admin-token-file");
  if (file !== undefined) {
    const abs = ctx.resolvePath(file, { flag: "--admin-token-file", kind: "file" });
    const token = readFileSync(abs, "utf8").trim();
    if (token === "" || /\s/.test(token))
      throw new ConfigurationError(
        `--admin-token-file ${file}: must hold one token without spaces (the file is empty or has several words)`,
      );
    return token;
  }
  const env = ctx.env.MLGATE_ADMIN_TOKEN?.trim();
  if (env !== undefined && /\s/.test(env)) throw new ConfigurationError("MLGATE_ADMIN_TOKEN must be one token without spaces");
  return env || undefined;
}

function options(ctx: CommandContext): ServeOptions {
  const model = ctx.str("model");
  const registry = ctx.str("registry");
  if ((model === undefined) === (registry === undefined))
    throw new ConfigurationError("give --model FILE or --registry DIR (one of them); see mlgate serve --help");
  const portText = ctx.str("port") ?? "8080";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535)
    throw new ConfigurationError(`--port "${portText}" is not a port; use 0 (any free port) to 65535`);
  const header = ctx.str("affinity-header") ?? "x-user-id";
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header))
    throw new ConfigurationError(`--affinity-header "${header}" is not an HTTP header name`);
  const windowMs = parseDuration(ctx.str("window") ?? "30s", "--window");
  if (windowMs < 1000) throw new ConfigurationError(`--window "${ctx.str("window") ?? ""}" is shorter than one second`);
  const token = adminToken(ctx);
  const o: ServeOptions = {
    host: ctx.str("host") ?? "127.0.0.1",
    port,
    windowSeconds: Math.round(windowMs / 1000),
    affinityHeader: header,
    maxBodyBytes: parseBytes(ctx.str("max-body") ?? "10mb", "--max-body"),
    timeoutMs: parseDuration(ctx.str("timeout") ?? "30s", "--timeout"),
    log: (m) => {
      ctx.progress(m);
    },
    ...(token !== undefined ? { adminToken: token } : {}),
  };
  if (model !== undefined) {
    const file = ctx.resolvePath(model, { flag: "--model", kind: "file" });
    const name = ctx.str("name") ?? path.basename(model).replace(/\.onnx$/i, "");
    checkRegistryName("model name", name, ctx.str("name") !== undefined ? "--name" : "--model");
    o.model = { file, name, label: model };
  } else {
    if (ctx.str("name") !== undefined)
      throw new ConfigurationError("--name goes with --model; a registry serves each model under its folder's name");
    o.registry = ctx.resolvePath(registry ?? "", { flag: "--registry", kind: "dir" });
  }
  return o;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "Serve ONNX models over HTTP: Open Inference Protocol v2 and v1 :predict, canary routing, metrics, admin API.",
  usage: [
    "serve --model FILE [--name NAME] [--port N] [--host 127.0.0.1] [--admin-token-file FILE]",
    "serve --registry DIR [--port N] [--host 127.0.0.1] [--window 30s] [--affinity-header x-user-id] [--admin-token-file FILE]",
  ],
  description: [
    "Prints `mlgate serve: listening on URL` on stdout once ready and runs until SIGTERM or SIGINT, then drains",
    "requests in flight (at most --timeout) and stops. With --registry it follows the registry's aliases without a",
    "restart and writes its status to DIR/status/ every second. The admin API (/v1/admin/) is on only with a token",
    "from --admin-token-file or MLGATE_ADMIN_TOKEN. See docs/deploy.md.",
  ].join("\n"),
  options: {
    model: { type: "string", valueName: "FILE", description: "Serve this ONNX model as version 1 of one model." },
    name: {
      type: "string",
      valueName: "NAME",
      description: "The model's name in URLs (default: the file's name without .onnx).",
    },
    registry: {
      type: "string",
      valueName: "DIR",
      description: "Serve every model of this registry folder and follow its changes.",
    },
    port: { type: "string", valueName: "N", description: "Port to listen on (default 8080; 0 picks a free one)." },
    host: { type: "string", valueName: "HOST", description: "Address to listen on (default 127.0.0.1)." },
    window: { type: "string", valueName: "DURATION", description: "Sliding window of /v1/status figures (default 30s)." },
    "affinity-header": {
      type: "string",
      valueName: "NAME",
      description: "Header whose value keeps a user on one version (default x-user-id).",
    },
    "max-body": { type: "string", valueName: "SIZE", description: "Largest request body; larger ones get 413 (default 10mb)." },
    timeout: { type: "string", valueName: "DURATION", description: "Longest a request may take; then 504 (default 30s)." },
    "admin-token-file": {
      type: "string",
      valueName: "FILE",
      description: "File holding the admin API's bearer token (or set MLGATE_ADMIN_TOKEN).",
    },
  },
  run: async (ctx: CommandContext) => {
    const o = options(ctx);
    // Loaded here: onnxruntime and the server are not needed by any other command.
    const { startServer } = await import("./server.js");
    const server = await startServer(o);
    // The handlers go on before the listening line: whoever reads that line may signal at once, and a
    // signal that arrives before them ends the process by its default action instead of a drain.
    const stopped = new Promise<NodeJS.Signals>((resolve) => {
      const on = (s: NodeJS.Signals): void => {
        process.off("SIGTERM", on);
        process.off("SIGINT", on);
        resolve(s);
      };
      process.on("SIGTERM", on);
      process.on("SIGINT", on);
    });
    ctx.stdout.write(`mlgate serve: listening on ${server.url}\n`);
    const signal = await stopped;
    ctx.progress(`${signal}: draining requests in flight, then stopping`);
    await server.close();
    ctx.progress("stopped");
    return 0;
  },
};
