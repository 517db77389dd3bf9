/**
 * A deploy killed mid-rollout leaves its lock behind with the traffic it started from. The next
 * deploy or `deploy status` restores that traffic (rolls back) and removes the lock: traffic is never
 * left split silently.
 */
import { aliasesView, type RolloutLock } from "../../core/registry.js";
import type { DeployTarget } from "./targets/target.js";

/** Restores `lock.before`, records `resolved`, breaks the lock; returns what was done, in one sentence. */
export async function resolveStale(target: DeployTarget, lock: RolloutLock, progress: (m: string) => void): Promise<string> {
  const state = await target.state();
  const before = aliasesView(lock.before);
  const now = aliasesView(state.aliases);
  const same = JSON.stringify(before) === JSON.stringify(now);
  const what = `the rollout of ${lock.version} (pid ${lock.pid} on ${lock.host}, last heartbeat ${lock.heartbeatAt}) stopped at ${lock.phase}`;
  progress(`${what}; ${same ? "traffic was not changed" : "rolling back to what it started from"}`);
  if (!same) await target.setTraffic(before, "rollback");
  const message = same
    ? `${what}; traffic was as it started (champion ${before.champion ?? "none"}), lock removed.`
    : `${what}; rolled back to champion ${before.champion ?? "none"}${before.challenger ? ` with ${before.challenger} at ${before.weight}%` : ""}, lock removed.`;
  await target.record({ event: "resolved", version: lock.version, from: now, to: before, message });
  await target.releaseLock(lock.id, true);
  return message;
}
