/**
 * The deploy gate's one entry point, for the CLI and the action alike:
 * verify (evidence + digest) -> lock -> stage -> parity -> strategy -> record. Where the evidence comes
 * from and where the deployment is recorded are ports (ports.ts); the target comes from the options.
 */
import { aliasesView, type Aliases, type AliasesView, type RolloutLock } from "../../core/registry.js";
import { sha256File } from "../../core/hash.js";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import type { Check, Report } from "../../core/report.js";
import type { DeployOptions } from "./options.js";
import type { AuditRecord, DeployOutcome, DeployRecorder, EvidenceSource, StepRecord } from "./ports.js";
import { buildReport } from "./report.js";
import { Rollout, type ParityCheck } from "./rollout.js";
import { openTarget } from "./targets/open.js";
import type { DeployTarget } from "./targets/target.js";
import { verify } from "./verify.js";
import { resolveStale } from "./resolve.js";

export interface DeployPorts {
  evidence: EvidenceSource;
  /** Absent offline: the registry's history is the only record. */
  recorder?: DeployRecorder;
  /** Overrides the target named in the options (tests, or a caller that built one). */
  target?: DeployTarget;
  /** The serving-parity check; default: the ONNX gate's test data or synthesised rows (parity.ts). */
  parity?: ParityCheck;
}

/** What the action turns into its outputs. */
export interface DeployOutputs {
  status: DeployOutcome;
  version: string;
  deployedDigest: string;
  previousVersion: string;
  deploymentId: string;
}

export interface DeployResult {
  report: Report;
  audit: AuditRecord;
  outcome: DeployOutcome;
  outputs: DeployOutputs;
}

/** How often the rollout lock's heartbeat is rewritten (docs/deploy.md: at least every 10 s). */
const HEARTBEAT_MS = 5000;

export async function runDeploy(o: DeployOptions, ports: DeployPorts): Promise<DeployResult> {
  const startedAt = new Date().toISOString();
  o.progress(`hashing ${o.modelDisplay}`);
  const sha256 = await sha256File(o.model);
  o.progress(`verifying ${o.modelDisplay} (${sha256.slice(0, 12)}) against ${ports.evidence.description}`);
  const set = await ports.evidence.collect();
  const verification = verify(set, sha256, o.require, ports.evidence.description);
  const checks: Check[] = [...verification.checks];
  const steps: StepRecord[] = [];
  let deploymentId: string | undefined;
  let previous: string | null = null;
  const finish = async (outcome: DeployOutcome, message: string, target?: DeployTarget): Promise<DeployResult> => {
    const audit: AuditRecord = {
      schemaVersion: 1,
      name: o.name,
      environment: o.environment,
      version: o.version,
      model: o.modelDisplay,
      sha256,
      target: target?.description ?? o.target,
      strategy: o.strategy,
      gates: verification.used.length ? verification.used : set.evidence,
      approvals: [],
      previous,
      steps,
      outcome,
      message,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    for (const k of ["tag", "commit", "repository", "runUrl", "actor"] as const) if (o[k]) audit[k] = o[k];
    if (set.commit && !audit.commit) audit.commit = set.commit;
    if (deploymentId) audit.deploymentId = deploymentId;
    if (ports.recorder && outcome !== "refused") {
      try {
        audit.approvals = await ports.recorder.approvals();
      } catch (e) {
        o.progress(`could not read the approvals: ${errorMessage(e)}`);
      }
    }
    const report = buildReport(o, {
      sha256,
      checks,
      verification,
      steps,
      outcome,
      message,
      audit,
      ...(target?.output ? { output: target.output() } : {}),
    });
    return {
      report,
      audit,
      outcome,
      outputs: {
        status: outcome,
        version: o.version,
        deployedDigest: outcome === "deployed" || outcome === "no-op" ? sha256 : "",
        previousVersion: previous ?? "",
        deploymentId: deploymentId ?? "",
      },
    };
  };

  if (!verification.passed) {
    const first = verification.checks.find((c) => c.status === "fail");
    o.progress("refused: the gates' evidence does not cover this model");
    return finish("refused", first?.message ?? "verification failed");
  }

  const target = ports.target ?? openTarget(o);
  const lock = await takeLock(o, target, checks, ports.recorder);
  if (!lock) return finish("refused", checks[checks.length - 1]?.message ?? "the target is locked", target);

  let heartbeat: NodeJS.Timeout | undefined;
  let rollout: Rollout | undefined;
  /** Set when even the rollback failed: the lock stays, for the next deploy or status to resolve. */
  let halfFinished: string | undefined;
  try {
    const state = await target.state();
    const before: Aliases = state.aliases;
    previous = before.champion;
    const existing = state.versions.find((m) => m.version === o.version);
    if (existing && existing.sha256 !== sha256) {
      checks.push({
        id: "rollout.version",
        title: "Version is new or identical",
        status: "fail",
        observed: existing.sha256.slice(0, 12),
        expected: sha256.slice(0, 12),
        message: `Version ${o.version} of ${o.name} is already in ${target.description} with SHA-256 ${existing.sha256.slice(0, 12)}, not ${sha256.slice(0, 12)}; a version is immutable, deploy under a new version.`,
      });
      return await finish("refused", `version ${o.version} already exists with another model (a version is immutable)`, target);
    }
    const serving = before.champion ? state.versions.find((m) => m.version === before.champion) : undefined;
    if (serving && serving.sha256 === sha256 && before.challenger === null) {
      const message = `${serving.version} (${sha256.slice(0, 12)}) already serves ${o.environment}: nothing to do`;
      checks.push({
        id: "rollout.noop",
        title: "Already deployed",
        status: "pass",
        observed: serving.version,
        message: `${message}.`,
      });
      await target.record({ event: "no-op", version: o.version, message });
      o.progress(message);
      return await finish("no-op", message, target);
    }
    if (ports.recorder) {
      const begun = await ports.recorder.begin({
        name: o.name,
        environment: o.environment,
        version: o.version,
        sha256,
        strategy: o.strategy,
        ...(o.commit ? { commit: o.commit } : {}),
      });
      deploymentId = begun.deploymentId;
      // Killed from here on, this run leaves that deployment in progress: the lock names it for whoever resolves it.
      if (deploymentId !== undefined) await target.heartbeat(lock.id, lock.phase, deploymentId);
    }
    rollout = new Rollout(
      o,
      target,
      sha256,
      before,
      {
        name: o.name,
        version: o.version,
        source: o.modelDisplay,
        gates: verification.used,
        ...(o.tag ? { tag: o.tag } : {}),
        ...(o.commit ? { commit: o.commit } : {}),
        ...(o.repository ? { repository: o.repository } : {}),
        ...(o.runUrl ? { runUrl: o.runUrl } : {}),
        ...(o.actor ? { actor: o.actor } : {}),
      },
      ports.parity ?? (await defaultParity(o, sha256)),
    );
    const r = rollout;
    r.onPhase = (phase) => target.heartbeat(lock.id, phase);
    heartbeat = setInterval(() => {
      target.heartbeat(lock.id, r.phase).catch(() => undefined);
    }, HEARTBEAT_MS);
    const result = await rollout.run();
    steps.push(...rollout.steps);
    checks.push(...rollout.checks);
    if (rollout.rollbackFailure !== undefined) {
      halfFinished = halfFinishedSentence(o, target, rollout.failure ?? result.message, rollout.rollbackFailure, rollout.last);
      const failed = await finish("failed", halfFinished, target);
      await target
        .record({ event: "failed", version: o.version, message: halfFinished, audit: failed.audit })
        .catch(() => undefined);
      await endRecorder(ports.recorder, failed, o);
    } else {
      const done = await finish(result.outcome, result.message, target);
      await target.record({
        event: result.outcome === "deployed" ? "deployed" : "rolled-back",
        version: o.version,
        message: result.message,
        audit: done.audit,
      });
      await endRecorder(ports.recorder, done, o);
      return done;
    }
  } catch (e) {
    // A crash mid-rollout (a target that went away, a bug) must not leave traffic split.
    if (rollout?.moved) {
      await rollout.rollback(`interrupted: ${errorMessage(e)}`).catch(() => undefined);
      if (rollout.rollbackFailure !== undefined)
        halfFinished = halfFinishedSentence(o, target, errorMessage(e), rollout.rollbackFailure, rollout.last);
      await target
        .record({ event: "failed", version: o.version, message: halfFinished ?? errorMessage(e) })
        .catch(() => undefined);
    }
    if (rollout) steps.push(...rollout.steps);
    if (ports.recorder && deploymentId) {
      const failed = await finish("failed", halfFinished ?? errorMessage(e), target);
      await endRecorder(ports.recorder, failed, o);
    }
    throw halfFinished === undefined ? e : new ConfigurationError(halfFinished);
  } finally {
    clearInterval(heartbeat);
    if (halfFinished === undefined) await target.releaseLock(lock.id).catch(() => undefined);
  }
  throw new ConfigurationError(halfFinished);
}

/**
 * The one sentence of a rollout that failed and could not be rolled back either (the target went away):
 * exit 2, and the lock stays so that the next `deploy` or `deploy status` restores `before`.
 */
function halfFinishedSentence(o: DeployOptions, target: DeployTarget, why: string, rollback: string, last: AliasesView): string {
  const split = last.challenger ? `, challenger ${last.challenger} at ${last.weight}%` : "";
  return `the rollout of ${o.name} ${o.version} to ${o.environment} failed (${why}) and so did its rollback (${rollback}): traffic may still be as last confirmed (champion ${last.champion ?? "none"}${split}); the rollout lock stays, so the next mlgate deploy or mlgate deploy status rolls it back once ${target.description} answers`;
}

async function endRecorder(recorder: DeployRecorder | undefined, done: DeployResult, o: DeployOptions): Promise<void> {
  if (!recorder) return;
  try {
    await recorder.end(done.audit, o.model);
  } catch (e) {
    o.progress(`could not record the deployment: ${errorMessage(e)}`);
  }
}

/** Takes the target's lock; a stale one (a killed deploy) is resolved first. Undefined: a live rollout holds it. */
async function takeLock(
  o: DeployOptions,
  target: DeployTarget,
  checks: Check[],
  recorder: DeployRecorder | undefined,
): Promise<RolloutLock | undefined> {
  const state = await target.state();
  const want = {
    version: o.version,
    environment: o.environment,
    strategy: o.strategy,
    phase: "verify",
    before: aliasesView(state.aliases),
    ...(o.runUrl ? { runUrl: o.runUrl } : {}),
  };
  let r = await target.acquireLock(want);
  if (!r.acquired && r.stale) {
    const record = recorder ? { recorder, by: o.runUrl ?? "a later deploy" } : undefined;
    const resolved = await resolveStale(target, r.holder, o.progress, record);
    checks.push({
      id: "rollback.resolved",
      title: "Half-finished rollout resolved",
      status: "warn",
      observed: `${r.holder.version} at ${r.holder.phase}`,
      message: resolved,
    });
    r = await target.acquireLock({ ...want, before: aliasesView((await target.state()).aliases) });
  }
  if (r.acquired) {
    checks.push({
      id: "rollout.lock",
      title: "Rollout lock",
      status: "pass",
      observed: "acquired",
      message: `Holding the lock of ${o.name}.`,
    });
    return r.lock;
  }
  const h = r.holder;
  checks.push({
    id: "rollout.lock",
    title: "Rollout lock",
    status: "fail",
    observed: `held by ${h.version} (${h.phase})`,
    message: `Another rollout of ${o.name} is running (version ${h.version}, ${h.phase}, started ${h.startedAt}${h.runUrl ? `, ${h.runUrl}` : ""}); one deploy at a time.`,
  });
  return undefined;
}

async function defaultParity(o: DeployOptions, sha256: string): Promise<ParityCheck> {
  // onnxruntime loads only when a rollout reaches parity.
  const { parityCheck } = await import("./parity.js");
  return parityCheck(o, sha256);
}
