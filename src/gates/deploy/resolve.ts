/**
 * A deploy killed mid-rollout leaves its lock behind with the traffic it started from. The next
 * deploy or `deploy status` restores that traffic (rolls back) and removes the lock: traffic is never
 * left split silently. When the lock names the deployment the killed run recorded (on GitHub) and a
 * recorder is at hand, that deployment gets its final status too: nothing else ever would.
 */
import { aliasesView, type RolloutLock } from "../../core/registry.js";
import { errorMessage } from "../../core/errors.js";
import type { DeployRecorder } from "./ports.js";
import type { DeployTarget } from "./targets/target.js";

export interface StaleRecord {
  recorder: DeployRecorder;
  /** Who resolved it, for the record's description: this run's URL, or `a later deploy`. */
  by: string;
}

/** What the killed run's deployment record says once resolved (cut to the record's limit by the recorder). */
export function abandonedDescription(lock: RolloutLock, rolledBack: boolean, by: string): string {
  return `mlgate: stopped before it finished (at ${lock.phase}); ${rolledBack ? "rolled back" : "traffic untouched, lock cleared"} by ${by}`;
}

/** Restores `lock.before`, records `resolved`, breaks the lock; returns what was done, in one sentence. */
export async function resolveStale(
  target: DeployTarget,
  lock: RolloutLock,
  progress: (m: string) => void,
  record?: StaleRecord,
): Promise<string> {
  const state = await target.state();
  const before = aliasesView(lock.before);
  const now = aliasesView(state.aliases);
  const same = JSON.stringify(before) === JSON.stringify(now);
  const what = `the rollout of ${lock.version} (pid ${lock.pid} on ${lock.host}, last heartbeat ${lock.heartbeatAt}) stopped at ${lock.phase}`;
  progress(`${what}; ${same ? "traffic was not changed" : "rolling back to what it started from"}`);
  if (!same) await target.setTraffic(before, "rollback");
  // Without a recorder nothing closes the killed run's deployment, and the lock that named it goes:
  // the history and the output keep its id, for whoever closes it by hand.
  const unrecorded =
    lock.deploymentId !== undefined && !record
      ? ` GitHub deployment ${lock.deploymentId} of that run stays in progress: no GitHub token here to close it.`
      : "";
  const done = same
    ? `traffic was as it started (champion ${before.champion ?? "none"})`
    : `rolled back to champion ${before.champion ?? "none"}${before.challenger ? ` with ${before.challenger} at ${before.weight}%` : ""}`;
  const message = `${what}; ${done}, lock removed.${unrecorded}`;
  await target.record({ event: "resolved", version: lock.version, from: now, to: before, message });
  await target.releaseLock(lock.id, true);
  // After the lock is gone: the traffic is what matters, and a record that cannot be written must not keep it.
  if (record && lock.deploymentId !== undefined) {
    try {
      await record.recorder.abandoned(lock.deploymentId, abandonedDescription(lock, !same, record.by));
    } catch (e) {
      progress(`could not record the end of deployment ${lock.deploymentId}: ${errorMessage(e)}`);
    }
  }
  return message;
}
