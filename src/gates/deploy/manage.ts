/**
 * `mlgate deploy status` and `mlgate deploy rollback`: what the target serves now, and a manual
 * return to an earlier version. Both resolve a half-finished rollout first (a killed deploy's stale lock).
 */
import type { Command, CommandContext } from "../../cli/command.js";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { aliasesView, checkRegistryName, isLockStale, type AliasesView } from "../../core/registry.js";
import { alignTable } from "../../render/terminal.js";
import { TARGET_OPTIONS } from "./command.js";
import { resolveStale, type StaleRecord } from "./resolve.js";
import { openTarget, type TargetOptions } from "./targets/open.js";
import { deployConfigOf } from "./options.js";
import { parseDuration } from "../../core/units.js";
import { baseUrl, display } from "./targets/http-client.js";
import type { DeployTarget } from "./targets/target.js";

function targetOf(ctx: CommandContext): { target: DeployTarget; name: string } {
  const env = ctx.str("environment");
  if (!env) throw new ConfigurationError("--environment is required: the environment whose deployment to show or roll back");
  const environment = checkRegistryName("model name", env, "--environment");
  const t = ctx.str("target");
  if (!t) throw new ConfigurationError("--target is required: registry:DIR, http(s)://HOST:PORT or command:SCRIPT");
  if (!/^(registry:|https?:\/\/|command:)/.test(t))
    throw new ConfigurationError(`--target "${t}" is not a target; use registry:DIR, http(s)://HOST:PORT or command:SCRIPT`);
  const name = checkRegistryName("model name", ctx.str("name") ?? environment, ctx.str("name") ? "--name" : "--environment");
  const o: TargetOptions = { target: t, name, cwd: ctx.cwd, env: ctx.env, progress: ctx.progress };
  const token = ctx.env.MLGATE_ADMIN_TOKEN?.trim();
  if (token) o.adminToken = token;
  const health = ctx.str("health-url");
  if (health !== undefined) o.healthUrl = display(baseUrl(health, "--health-url"));
  if (t.startsWith("registry:")) {
    const dir = t.slice("registry:".length);
    if (dir === "") throw new ConfigurationError(`--target "${t}" names no folder; use registry:DIR`);
    o.targetPath = ctx.resolvePath(dir, { flag: "--target", kind: "dir", mustExist: false });
  }
  if (t.startsWith("command:")) {
    const script = t.slice("command:".length);
    if (script === "") throw new ConfigurationError(`--target "${t}" names no script; use command:SCRIPT`);
    o.targetPath = ctx.resolvePath(script, { flag: "--target", kind: "file" });
    o.environment = environment;
    const timeout = deployConfigOf(ctx.config)?.command_timeout;
    if (timeout) o.commandTimeoutMs = parseDuration(timeout, "gates.deploy.command_timeout");
  }
  return { target: openTarget(o), name };
}

/** A stale lock is resolved (rolled back); returns the sentence saying so, or undefined. */
async function resolveIfStale(target: DeployTarget, ctx: CommandContext, name: string): Promise<string | undefined> {
  const { lock } = await target.state();
  if (!lock || !isLockStale(lock)) return undefined;
  const record = lock.deploymentId === undefined ? undefined : await staleRecord(ctx, name);
  return resolveStale(target, lock, ctx.progress, record);
}

/**
 * Inside Actions with a token, the killed run's GitHub deployment gets its final status here too. Outside
 * (a laptop) there is no one to post it as: the rollback is what matters, and the deployment stays as it was.
 */
async function staleRecord(ctx: CommandContext, name: string): Promise<StaleRecord | undefined> {
  try {
    const { gitHubStatusRecorder } = await import("../../github/deploy-ports.js");
    const r = gitHubStatusRecorder({ env: ctx.env, cwd: ctx.cwd, name, target: ctx.str("target") ?? "", progress: ctx.progress });
    return r && { recorder: r.recorder, by: r.runUrl ?? "mlgate deploy status" };
  } catch (e) {
    // A broken GitHub context must not keep the traffic split: resolve without the record.
    ctx.progress(`cannot reach GitHub to end the stopped deploy's deployment: ${errorMessage(e)}`);
    return undefined;
  }
}

export const deployStatusCommand: Command = {
  name: "deploy status",
  summary: "What a deploy target serves: champion, challenger and weight, previous version, lock, servers' figures.",
  usage: ["deploy status --environment ENV --target registry:DIR|http(s)://HOST:PORT [--name NAME]"],
  description:
    "A rollout left half-finished by a killed deploy (a stale lock) is rolled back first, and said so; inside GitHub Actions with GITHUB_TOKEN set, the killed run's GitHub deployment also gets state error.",
  options: { ...TARGET_OPTIONS },
  run: async (ctx) => {
    const { target, name } = targetOf(ctx);
    const resolved = await resolveIfStale(target, ctx, name);
    const s = await target.state();
    const a = s.aliases;
    const digest = (v: string | null): string => {
      if (v === null) return "none";
      const m = s.versions.find((x) => x.version === v);
      return m ? `${v} (sha256 ${m.sha256.slice(0, 12)}${m.tag ? `, tag ${m.tag}` : ""})` : v;
    };
    const rows: string[][] = [
      ["model", `${name} in ${target.description}`],
      ["champion", digest(a.champion)],
      [
        "challenger",
        a.challenger === null ? "none" : `${digest(a.challenger)} at ${a.weight}%${a.mode === "shadow" ? " (shadow)" : ""}`,
      ],
      ["previous", digest(a.previous)],
      ["generation", String(a.generation)],
      ["lock", s.lock ? `held by the rollout of ${s.lock.version} (${s.lock.phase}, since ${s.lock.startedAt})` : "none"],
    ];
    for (const srv of await target.serving()) {
      const m = srv.model;
      const figures = m
        ? Object.values(m.versions)
            .map(
              (v) =>
                `${v.version} ${v.weight}%: ${v.window.requests} req, ${v.window.errors} err, p95 ${v.window.p95Ms ?? "n/a"} ms`,
            )
            .join("; ")
        : "not serving this model";
      rows.push([
        "server",
        `${srv.url} generation ${m?.generation ?? "none"}${m?.error ? ` (error: ${m.error})` : ""}: ${figures}`,
      ]);
    }
    const last = (await target.history()).filter((h) => h.event !== "traffic" && h.event !== "staged").at(-1);
    if (last)
      rows.push(["last event", `${last.event} ${last.version ?? ""} at ${last.at}${last.message ? `: ${last.message}` : ""}`]);
    if (resolved) rows.push(["resolved", resolved]);
    ctx.stdout.write(`${alignTable(["", ""], rows).slice(2).join("\n")}\n`);
    return 0;
  },
};

export const deployRollbackCommand: Command = {
  name: "deploy rollback",
  summary: "Return a deploy target to its previous version (or --to VERSION), under the rollout lock.",
  usage: ["deploy rollback --environment ENV --target registry:DIR|http(s)://HOST:PORT [--name NAME] [--to VERSION]"],
  options: {
    ...TARGET_OPTIONS,
    to: { type: "string", valueName: "VERSION", description: "Version to return to (default: the previous champion)." },
  },
  run: async (ctx) => {
    const { target, name } = targetOf(ctx);
    await resolveIfStale(target, ctx, name);
    const s = await target.state();
    const to = ctx.str("to") ?? s.aliases.previous;
    if (to === null) throw new ConfigurationError(`${name} has no previous version to roll back to; give --to VERSION`);
    checkRegistryName("version", to, "--to");
    if (!s.versions.some((v) => v.version === to))
      throw new ConfigurationError(
        `--to ${to}: no such version of ${name} in ${target.description} (staged: ${s.versions.map((v) => v.version).join(", ") || "none"})`,
      );
    if (s.aliases.champion === to && s.aliases.challenger === null) {
      ctx.stdout.write(`${to} already serves ${name}: nothing to roll back\n`);
      return 0;
    }
    const lock = await target.acquireLock({
      version: to,
      environment: ctx.str("environment") ?? name,
      strategy: "rollback",
      phase: "rollback",
      before: aliasesView(s.aliases),
    });
    if (!lock.acquired) {
      ctx.stderr.write(
        `mlgate deploy rollback: a rollout of ${lock.holder.version} holds the lock (${lock.holder.phase}); try again when it ends\n`,
      );
      return 1;
    }
    try {
      const view: AliasesView = { champion: to, challenger: null, weight: 0, mode: "split", previous: s.aliases.champion };
      await target.setTraffic(view, "rollback", s.aliases.generation);
      const message = `rolled back ${name} from ${s.aliases.champion ?? "none"} to ${to}`;
      await target.record({ event: "rolled-back", version: to, from: aliasesView(s.aliases), to: view, message });
      ctx.stdout.write(`${message}\n`);
      return 0;
    } finally {
      await target.releaseLock(lock.lock.id);
    }
  },
};
