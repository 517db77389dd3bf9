/**
 * What the servers say: has every one applied our traffic change, and how did the new version do
 * over a step? Counts come from the servers' counters since loading (differences between the start
 * and the end of a step, so an earlier step's requests never count twice); p95 from their sliding window.
 */
import type { StepRecord } from "./ports.js";
import type { HealthBudgets } from "./options.js";
import type { DeployTarget, ServingStatus } from "./targets/target.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A server's `error` is about the newest generation it tried, which may be an older failed one than
 * ours (a refused version staged before). It is only ours once the server has written its status
 * this long after our change: time for its file watch or its 1 s poll to have tried our generation.
 */
export const FAILURE_GRACE_MS = 3000;

export type Applied = { ok: true; statuses: ServingStatus[] } | { ok: false; message: string };

/**
 * Waits until every serving process reports `generation` (or later) applied for the model, with
 * `version` (when given) loaded from a file of digest `sha256`. No server at all: nothing to wait for.
 */
export async function waitApplied(
  target: DeployTarget,
  generation: number,
  writtenAt: number,
  timeoutMs: number,
  expect?: { version: string; sha256: string },
): Promise<Applied> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await target.serving();
    const pending: string[] = [];
    for (const s of statuses) {
      const m = s.model;
      if (m && m.generation >= generation) {
        const v = expect ? m.versions[expect.version] : undefined;
        if (expect && v && v.sha256 !== expect.sha256)
          return {
            ok: false,
            message: `${s.url} serves version ${expect.version} with SHA-256 ${v.sha256.slice(0, 12)}, not the shipped ${expect.sha256.slice(0, 12)}`,
          };
        continue;
      }
      if (m?.error && Date.parse(s.updatedAt) - writtenAt > FAILURE_GRACE_MS)
        return { ok: false, message: `${s.url} could not apply generation ${generation}: ${m.error}` };
      pending.push(`${s.url} (at generation ${m?.generation ?? "none"})`);
    }
    if (pending.length === 0) return { ok: true, statuses };
    if (Date.now() > deadline)
      return {
        ok: false,
        message: `not applied within ${Math.round(timeoutMs / 1000)} s by ${pending.join(", ")} (expected generation ${generation})`,
      };
    await sleep(200);
  }
}

/** Statuses written at or after `at` (the end of a watch), so the figures cover the whole window. */
export async function freshStatuses(target: DeployTarget, at: number, timeoutMs = 5000): Promise<ServingStatus[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await target.serving();
    if (statuses.every((s) => Date.parse(s.updatedAt) >= at) || Date.now() > deadline) return statuses;
    await sleep(100);
  }
}

export type Counters = Map<string, { startedAt: string; requests: number; errors: number }>;

export function counters(statuses: readonly ServingStatus[], version: string): Counters {
  const out: Counters = new Map();
  for (const s of statuses) {
    const v = s.model?.versions[version];
    out.set(s.url, { startedAt: s.startedAt, requests: v?.requests ?? 0, errors: v?.errors ?? 0 });
  }
  return out;
}

export interface Figures {
  requests: number;
  errors: number;
  p95Ms: number | null;
  championP95Ms: number | null;
}

const maxOf = (xs: (number | null | undefined)[]): number | null => {
  const ns = xs.filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  return ns.length ? Math.max(...ns) : null;
};

/** The new version's requests and errors since `before`, summed over servers; the worst server's p95. */
export function figures(before: Counters, after: readonly ServingStatus[], version: string, champion: string | null): Figures {
  let requests = 0;
  let errors = 0;
  for (const s of after) {
    const v = s.model?.versions[version];
    if (!v) continue;
    const b = before.get(s.url);
    // A server that restarted (or joined) during the step counts from zero.
    const same = b !== undefined && b.startedAt === s.startedAt && b.requests <= v.requests;
    requests += v.requests - (same ? b.requests : 0);
    errors += v.errors - (same ? b.errors : 0);
  }
  return {
    requests,
    errors,
    p95Ms: maxOf(after.map((s) => s.model?.versions[version]?.window.p95Ms)),
    championP95Ms: champion === null ? null : maxOf(after.map((s) => s.model?.versions[champion]?.window.p95Ms)),
  };
}

/** Judges one step's figures against the budgets; the StepRecord carries the numbers and the budget. */
export function judge(
  f: Figures,
  budgets: HealthBudgets,
  version: string,
): Pick<StepRecord, "status" | "message" | "requests" | "errors" | "errorRate" | "p95Ms" | "championP95Ms" | "budget"> {
  const errorRate = f.requests > 0 ? f.errors / f.requests : 0;
  const budget: Record<string, number> = { max_error_rate: budgets.maxErrorRate, min_requests: budgets.minRequests };
  if (budgets.maxP95Ms !== undefined) budget.max_p95_ms = budgets.maxP95Ms;
  if (budgets.maxP95Ratio !== undefined) budget.max_p95_ratio = budgets.maxP95Ratio;
  const base = { requests: f.requests, errors: f.errors, errorRate, p95Ms: f.p95Ms, championP95Ms: f.championP95Ms, budget };
  const ms = (x: number | null): string => (x === null ? "n/a" : `${x.toFixed(1)} ms`);
  if (f.requests < budgets.minRequests)
    return {
      ...base,
      status: "fail",
      message: `only ${f.requests} request(s) reached ${version} in the window, fewer than min_requests ${budgets.minRequests}: no evidence, so the step fails safe`,
    };
  if (errorRate > budgets.maxErrorRate)
    return {
      ...base,
      status: "fail",
      message: `${version} failed ${f.errors} of ${f.requests} requests (error rate ${errorRate.toFixed(4)} > max_error_rate ${budgets.maxErrorRate})`,
    };
  // Requests counted but no latency in the server's window (answers slower than the window, or a status
  // written before they finished): a latency budget that cannot be checked is no evidence either.
  if ((budgets.maxP95Ms !== undefined || budgets.maxP95Ratio !== undefined) && f.p95Ms === null)
    return {
      ...base,
      status: "fail",
      message: `no p95 latency for ${version} in the servers' window although a latency budget is set: no evidence, so the step fails safe`,
    };
  if (budgets.maxP95Ms !== undefined && f.p95Ms !== null && f.p95Ms > budgets.maxP95Ms)
    return { ...base, status: "fail", message: `${version}'s p95 ${ms(f.p95Ms)} > max_p95_ms ${budgets.maxP95Ms}` };
  if (budgets.maxP95Ratio !== undefined && f.p95Ms !== null && f.championP95Ms !== null && f.championP95Ms > 0) {
    const ratio = f.p95Ms / f.championP95Ms;
    if (ratio > budgets.maxP95Ratio)
      return {
        ...base,
        status: "fail",
        message: `${version}'s p95 ${ms(f.p95Ms)} is ${ratio.toFixed(2)}× the champion's ${ms(f.championP95Ms)} (max_p95_ratio ${budgets.maxP95Ratio})`,
      };
  }
  return {
    ...base,
    status: "pass",
    message: `${version}: ${f.requests} requests, ${f.errors} errors (rate ${errorRate.toFixed(4)}), p95 ${ms(f.p95Ms)}${f.championP95Ms !== null ? ` vs champion ${ms(f.championP95Ms)}` : ""}`,
  };
}
