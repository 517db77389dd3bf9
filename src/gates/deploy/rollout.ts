/**
 * rollout.* and rollback.*: the strategies. Each moves traffic only through DeployTarget.setTraffic,
 * waits until every server has applied the change, and judges each step from the servers' figures.
 * Any failed step (or a change a server refuses) returns traffic to exactly what it was before.
 */
import { errorMessage } from "../../core/errors.js";
import { aliasesView, type Aliases, type AliasesView } from "../../core/registry.js";
import type { Check } from "../../core/report.js";
import { counters, figures, freshStatuses, judge, waitApplied } from "./health.js";
import type { DeployOptions } from "./options.js";
import type { StepRecord } from "./ports.js";
import { TargetRefusal, type DeployTarget, type ServingStatus, type StageFields, type TrafficPhase } from "./targets/target.js";

export interface RolloutResult {
  outcome: "deployed" | "rolled-back";
  message: string;
}

/** Calls the staged version through a server's prediction API and compares with the offline model. */
export type ParityCheck = (statuses: readonly ServingStatus[]) => Promise<Check>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class StepFailed extends Error {}

export class Rollout {
  readonly steps: StepRecord[] = [];
  readonly checks: Check[] = [];
  /** Set once traffic (or the staged challenger) differs from `before`: a failure must then roll back. */
  moved = false;
  phase = "stage";
  /** Why the rollout rolled back (the failed step, in one clause). */
  failure: string | undefined;
  /** Set when even the rollback failed: traffic may still be where `last` says. */
  rollbackFailure: string | undefined;
  /** The last traffic the target confirmed (accepted), starting from `before`. */
  last: AliasesView;
  private generation: number;
  /** Called on every phase change: the lock records where the rollout is, for whoever finds it stale. */
  onPhase?: (phase: string) => Promise<void>;

  constructor(
    private readonly o: DeployOptions,
    private readonly target: DeployTarget,
    private readonly sha256: string,
    private readonly before: Aliases,
    private readonly fields: StageFields,
    private readonly parity?: ParityCheck,
  ) {
    this.generation = before.generation;
    this.last = aliasesView(before);
  }

  private async setPhase(phase: string): Promise<void> {
    this.phase = phase;
    await this.onPhase?.(phase).catch(() => undefined);
  }

  private step(phase: string, startedAt: number, rest: Omit<StepRecord, "phase" | "startedAt" | "endedAt">): StepRecord {
    const s: StepRecord = { phase, startedAt: new Date(startedAt).toISOString(), endedAt: new Date().toISOString(), ...rest };
    this.steps.push(s);
    return s;
  }

  /** Writes traffic and waits for every server to apply it; a refusal fails the step `phase`. */
  private async traffic(view: AliasesView, phase: TrafficPhase, label: string, started: number): Promise<ServingStatus[]> {
    const writtenAt = Date.now();
    const weight = view.challenger === this.o.version ? view.weight : 100;
    const written = await this.refusable(label, started, weight, () => this.target.setTraffic(view, phase, this.generation));
    this.generation = written.generation;
    this.last = view;
    if (phase !== "rollback") this.moved = true;
    const applied = await waitApplied(
      this.target,
      written.generation,
      writtenAt,
      this.o.applyTimeoutMs,
      view.champion === this.o.version || view.challenger === this.o.version
        ? { version: this.o.version, sha256: this.sha256 }
        : undefined,
    );
    if (!applied.ok) {
      this.step(label, started, { status: "fail", weight, message: applied.message });
      throw new StepFailed(`${label}: ${applied.message}`);
    }
    return applied.statuses;
  }

  /** A change the target refuses (TargetRefusal) fails the step `label`, like one a server cannot apply. */
  private async refusable<T>(label: string, started: number, weight: number, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (e) {
      if (e instanceof TargetRefusal) {
        this.step(label, started, { status: "fail", weight, message: e.message });
        throw new StepFailed(`${label}: ${e.message}`);
      }
      // A target that fails a change once traffic has moved (5xx, a dropped connection, gone) fails the
      // step like a refusal: traffic goes back. Before that nothing needs undoing: the deploy could not run.
      if (!this.moved) throw e;
      const message = errorMessage(e);
      this.step(label, started, { status: "fail", weight, message });
      this.checks.push({
        id: "rollout.target",
        title: "The target carried out every change",
        status: "fail",
        observed: label,
        message: `${label}: ${message}.`,
      });
      throw new StepFailed(`${label}: ${message}`);
    }
  }

  private async watch(): Promise<void> {
    this.o.progress(`watching for ${Math.round(this.o.watchMs / 100) / 10} s`);
    await sleep(this.o.watchMs);
  }

  async run(): Promise<RolloutResult> {
    const { o } = this;
    const v = o.version;
    try {
      let t = Date.now();
      await this.setPhase("stage");
      o.progress(`staging ${o.name} ${v} in ${this.target.description}`);
      const staged = await this.refusable("stage", t, 0, () => this.target.stage(o.model, this.fields));
      const stageView: AliasesView = { ...aliasesView(this.before), challenger: v, weight: 0, mode: "split" };
      const statuses = await this.traffic(stageView, "stage", "stage", t);
      await this.target.record({ event: "staged", version: v, from: aliasesView(this.before), to: stageView });
      const servers = statuses.length;
      this.step("stage", t, {
        status: "pass",
        weight: 0,
        message: `${staged.created ? "staged" : "already staged"} ${v} (${this.sha256.slice(0, 12)})${servers ? `; loaded by ${servers} server(s)` : "; no server is serving the target"}`,
      });
      this.checks.push({
        id: "rollout.stage",
        title: "New version staged and loaded without traffic",
        status: "pass",
        observed: servers ? `loaded by ${servers} server(s)` : "staged",
        message: this.steps[this.steps.length - 1]!.message ?? "",
      });

      await this.setPhase("parity");
      t = Date.now();
      const parity: Check =
        servers && this.parity
          ? await this.parity(statuses)
          : {
              id: "rollout.parity",
              title: "Serving parity before traffic",
              status: "skip",
              message: servers
                ? "No parity check for this target."
                : `No server is serving ${this.target.description}: nothing to call.`,
            };
      this.checks.push(parity);
      this.step("parity", t, { status: parity.status, ...(parity.message ? { message: parity.message } : {}) });
      if (parity.status === "fail") throw new StepFailed(`serving parity: ${parity.message ?? "failed"}`);

      if (this.before.champion === null || o.strategy === "direct") {
        await this.promote(this.before.champion === null && o.strategy !== "direct");
      } else if (o.strategy === "canary") {
        await this.canary();
      } else {
        await this.blueGreen(await freshStatuses(this.target, Date.now()));
      }
      return {
        outcome: "deployed",
        message: `${v} serves ${o.environment}${this.before.champion ? ` (previous: ${this.before.champion})` : ""}`,
      };
    } catch (e) {
      if (!(e instanceof StepFailed)) throw e;
      const failed = this.steps.find((s) => s.status === "fail");
      const why = failed ? `${failed.phase} failed: ${failed.message ?? ""}` : e.message;
      this.failure = why;
      await this.rollback(why);
      return { outcome: "rolled-back", message: `${why}; ${this.before.champion ?? "nothing"} serves ${o.environment} again` };
    }
  }

  private async promote(first: boolean): Promise<void> {
    const t = Date.now();
    await this.setPhase("promote");
    this.o.progress(`promoting ${this.o.version} to champion`);
    const view: AliasesView = {
      champion: this.o.version,
      challenger: null,
      weight: 0,
      mode: "split",
      previous: this.before.champion,
    };
    await this.traffic(view, "promote", "promote", t);
    await this.target.record({ event: "promoted", version: this.o.version, from: aliasesView(this.before), to: view });
    const message = first
      ? `first version of ${this.o.name}: no champion to compare with, promoted at once`
      : `${this.o.version} takes all traffic`;
    this.step("promote", t, { status: "pass", weight: 100, message });
    this.checks.push({ id: "rollout.promote", title: "Promoted to champion", status: "pass", observed: this.o.version, message });
  }

  private async canary(): Promise<void> {
    const weights = this.o.steps.filter((w) => w < 100);
    for (const [i, w] of weights.entries()) {
      const label = `step ${i + 1}/${this.o.steps.length} (${w}%)`;
      await this.setPhase(label);
      const t = Date.now();
      this.o.progress(`${label}: ${this.o.version} gets ${w}% of traffic`);
      const view: AliasesView = { ...aliasesView(this.before), challenger: this.o.version, weight: w, mode: "split" };
      const statuses = await this.traffic(view, "canary", label, t);
      await this.target.record({ event: "traffic", version: this.o.version, to: view });
      const start = counters(statuses, this.o.version);
      await this.watch();
      const after = await freshStatuses(this.target, Date.now());
      const verdict = judge(figures(start, after, this.o.version, this.before.champion), this.o.budgets, this.o.version);
      this.step(label, t, { weight: w, ...verdict });
      this.o.progress(`${label}: ${verdict.status} — ${verdict.message ?? ""}`);
      this.checks.push({
        id: `rollout.step.${i + 1}`,
        title: `Canary step ${i + 1}: ${w}% of traffic`,
        status: verdict.status,
        observed: `${verdict.requests ?? 0} requests, error rate ${(verdict.errorRate ?? 0).toFixed(4)}, p95 ${verdict.p95Ms ?? "n/a"} ms`,
        ...(verdict.message ? { message: verdict.message } : {}),
        details: {
          weight: w,
          requests: verdict.requests ?? 0,
          errors: verdict.errors ?? 0,
          p95_ms: verdict.p95Ms ?? null,
          ...verdict.budget,
        },
      });
      if (verdict.status === "fail") throw new StepFailed(`${label}: ${verdict.message ?? ""}`);
    }
    await this.promote(false);
  }

  private async blueGreen(before: ServingStatus[]): Promise<void> {
    const champion = this.before.champion;
    const championP95 = figures(new Map(), before, champion ?? "", null).p95Ms;
    const t = Date.now();
    await this.setPhase("switch");
    this.o.progress(`switching all traffic from ${champion ?? "none"} to ${this.o.version}`);
    const view: AliasesView = { champion: this.o.version, challenger: null, weight: 0, mode: "split", previous: champion };
    const statuses = await this.traffic(view, "switch", "switch", t);
    await this.target.record({ event: "traffic", version: this.o.version, from: aliasesView(this.before), to: view });
    const start = counters(statuses, this.o.version);
    await this.watch();
    const after = await freshStatuses(this.target, Date.now());
    const f = { ...figures(start, after, this.o.version, null), championP95Ms: championP95 };
    const verdict = judge(f, this.o.budgets, this.o.version);
    this.step("switch", t, { weight: 100, ...verdict });
    this.checks.push({
      id: "rollout.switch",
      title: "Blue-green switch: all traffic on the new colour",
      status: verdict.status,
      observed: `${verdict.requests ?? 0} requests, error rate ${(verdict.errorRate ?? 0).toFixed(4)}, p95 ${verdict.p95Ms ?? "n/a"} ms`,
      ...(verdict.message ? { message: verdict.message } : {}),
      details: { requests: verdict.requests ?? 0, errors: verdict.errors ?? 0, p95_ms: verdict.p95Ms ?? null, ...verdict.budget },
    });
    if (verdict.status === "fail") throw new StepFailed(`switch: ${verdict.message ?? ""}`);
    await this.target.record({ event: "promoted", version: this.o.version, from: aliasesView(this.before), to: view });
  }

  /** Returns traffic to exactly what it was before this rollout. */
  async rollback(why: string): Promise<void> {
    const t = Date.now();
    await this.setPhase("rollback");
    this.o.progress(`rolling back: ${why}`);
    const view = aliasesView(this.before);
    let message = `traffic restored: champion ${view.champion ?? "none"}${view.challenger ? `, challenger ${view.challenger} at ${view.weight}%` : ""}`;
    let status: StepRecord["status"] = "pass";
    let written: Aliases | undefined;
    try {
      written = await this.target.setTraffic(view, "rollback");
      this.generation = written.generation;
      this.last = view;
    } catch (e) {
      // The target did not take the rollback: traffic stays where `last` says (rollbackFailure).
      status = "fail";
      message = `rollback failed: ${errorMessage(e)}`;
      this.rollbackFailure = message;
    }
    if (written) {
      // Taken by the target; only its servers' confirmation can still fail.
      try {
        const applied = await waitApplied(this.target, written.generation, Date.now(), this.o.applyTimeoutMs);
        if (!applied.ok) {
          status = "fail";
          message = `rollback written but ${applied.message}`;
        }
      } catch (e) {
        status = "fail";
        message = `rollback written but not confirmed: ${errorMessage(e)}`;
      }
    }
    // The history lives in the target: one that cannot be reached cannot record this either.
    await this.target.record({ event: "rolled-back", version: this.o.version, to: view, message: why }).catch(() => undefined);
    this.step("rollback", t, { status, weight: 0, message });
    this.checks.push({
      id: "rollback.auto",
      title: "Automatic rollback",
      status,
      observed: view.champion ?? "none",
      message: `${why}; ${message}.`,
    });
  }
}
