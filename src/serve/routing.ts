/**
 * Which version answers a request: champion or challenger by the challenger's weight. A user
 * (the affinity header's value) lands in a fixed bucket of 10,000, so the same user always gets the
 * same version at a given weight, and raising the weight only moves users towards the challenger
 * (the users of a 10% canary stay on it at 50%). Requests without the header are split at random.
 */
import type { AliasesView } from "../core/registry.js";

export const BUCKETS = 10_000;

/** A stable bucket in [0, BUCKETS) for a user of a model: FNV-1a over UTF-8, then a murmur3 finaliser. */
export function bucketOf(model: string, user: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(`${model}\u0000${user}`, "utf8");
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % BUCKETS;
}

export interface Route {
  /** The version that answers. */
  target: string;
  /** In shadow mode: the version that scores a copy whose answer is discarded. */
  shadow?: string;
}

/**
 * The route for one request, or undefined while the model has no champion. `user` is the affinity
 * header's value; `random` in [0, 1) decides requests without one.
 */
export function route(model: string, a: AliasesView, user: string | undefined, random: () => number): Route | undefined {
  if (a.champion === null) return undefined;
  if (a.challenger === null || a.weight <= 0) return { target: a.champion };
  const point = user !== undefined && user !== "" ? bucketOf(model, user) : Math.floor(random() * BUCKETS);
  const hit = point < (a.weight / 100) * BUCKETS;
  if (a.mode === "shadow") return hit ? { target: a.champion, shadow: a.challenger } : { target: a.champion };
  return { target: hit ? a.challenger : a.champion };
}

/** The percent of traffic a version answers (shadow copies are not answers). */
export function weightOf(a: AliasesView, version: string): number {
  if (a.champion === version) return a.challenger === null || a.mode === "shadow" ? 100 : 100 - a.weight;
  if (a.challenger === version) return a.mode === "shadow" ? 0 : a.weight;
  return 0;
}
