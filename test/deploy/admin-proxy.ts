import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback proxy in front of a real `mlgate serve`, for deploys through its http:// target: every
 * request is forwarded unchanged, except the one a rule picks, which it holds (to kill the deploy at
 * that moment), answers 503 or drops (a target failing mid-rollout). A rule's `fired` promise resolves
 * when it took effect: an observable moment to act on, never a sleep.
 */
export interface ProxiedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** The parsed JSON body, or undefined (a model upload, an empty body). */
  body: unknown;
}

export type ProxyAction =
  /** Not forwarded, never answered. */
  | "hold-request"
  /** Forwarded (the server applies it); its answer is never sent on. */
  | "hold-response"
  /** Not forwarded; answered 503 as a failing server would. */
  | "503"
  /** Not forwarded; the connection is destroyed without an answer. */
  | "drop";

export interface ProxyRule {
  match: (r: ProxiedRequest) => boolean;
  action: ProxyAction;
  /** Acts on this many matching requests (default 1), then forwards again. */
  times?: number;
}

export interface AdminProxy {
  url: string;
  /** Every request seen, in order, with what was done to it. */
  seen: (ProxiedRequest & { action: ProxyAction | "forward" })[];
  /** Adds a rule; resolves once it first took effect (for hold-response: once the server answered). */
  rule: (r: ProxyRule) => Promise<ProxiedRequest>;
  close: () => Promise<void>;
}

/** A traffic change (`PUT …/aliases`) whose body satisfies `view`. */
export function aliasesChange(view: (b: Record<string, unknown>) => boolean): (r: ProxiedRequest) => boolean {
  return (r) =>
    r.method === "PUT" &&
    r.path.endsWith("/aliases") &&
    typeof r.body === "object" &&
    r.body !== null &&
    view(r.body as Record<string, unknown>);
}

export async function startAdminProxy(upstream: string): Promise<AdminProxy> {
  const up = new URL(upstream);
  const rules: { rule: ProxyRule; left: number; fire: (r: ProxiedRequest) => void }[] = [];
  const seen: AdminProxy["seen"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      let body: unknown;
      if ((req.headers["content-type"] ?? "").startsWith("application/json")) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          body = undefined;
        }
      }
      const info: ProxiedRequest = { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0]!, body };
      const hit = rules.find((r) => r.left > 0 && r.rule.match(info));
      const action = hit?.rule.action ?? "forward";
      seen.push({ ...info, action });
      if (hit) hit.left--;
      const fire = (): void => hit?.fire(info);
      if (action === "hold-request") {
        fire();
        return;
      }
      if (action === "503") {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: "upstream unavailable" }));
        fire();
        return;
      }
      if (action === "drop") {
        req.socket.destroy();
        fire();
        return;
      }
      const headers = { ...req.headers, host: up.host, "content-length": String(raw.length) };
      delete headers["transfer-encoding"];
      const out = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (c: Buffer) => parts.push(c));
        answer.on("end", () => {
          if (action === "hold-response") {
            fire();
            return;
          }
          const h = { ...answer.headers };
          delete h["transfer-encoding"];
          res.writeHead(answer.statusCode ?? 502, h).end(Buffer.concat(parts));
        });
      });
      out.on("error", () => {
        res.destroy();
      });
      out.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    rule: (rule) =>
      new Promise((resolve) => {
        rules.push({ rule, left: rule.times ?? 1, fire: resolve });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
