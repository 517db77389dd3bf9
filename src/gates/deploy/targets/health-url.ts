/**
 * --health-url URL: step health (and the parity check's server) from any server's /v1/status instead
 * of the target's own, for targets that report none (command:) or report it elsewhere. That server
 * counts generations of its own, so a traffic change counts as applied once its status shows the
 * champion, challenger and weight the change asked for.
 */
import type { Aliases, AliasesView, ModelStatus } from "../../../core/registry.js";
import { readStatusUrl } from "./status-url.js";
import type { DeployTarget, ServingStatus, TrafficPhase } from "./target.js";

function shows(m: ModelStatus | undefined, v: AliasesView): boolean {
  return (
    m !== undefined &&
    m.champion === v.champion &&
    m.challenger === v.challenger &&
    (v.challenger === null || m.weight === v.weight) &&
    (v.challenger === null || m.mode === v.mode)
  );
}

export function withHealthUrl(inner: DeployTarget, healthUrl: string, name: string): DeployTarget {
  let asked: { view: AliasesView; generation: number } | undefined;
  const target: DeployTarget = {
    description: inner.description,
    measures: true,
    state: () => inner.state(),
    acquireLock: (l) => inner.acquireLock(l),
    heartbeat: (id, phase) => inner.heartbeat(id, phase),
    releaseLock: (id, force) => inner.releaseLock(id, force),
    stage: (file, fields) => inner.stage(file, fields),
    setTraffic: async (view: AliasesView, phase: TrafficPhase, expect?: number): Promise<Aliases> => {
      const written = await inner.setTraffic(view, phase, expect);
      asked = { view, generation: written.generation };
      return written;
    },
    serving: async (): Promise<ServingStatus[]> => {
      const s = await readStatusUrl(healthUrl, name, "--health-url");
      if (!s.model || !asked) return [s];
      // Our generation once the server shows our change; one short of it until then.
      const generation = shows(s.model, asked.view) ? asked.generation : Math.min(s.model.generation, asked.generation - 1);
      return [{ ...s, model: { ...s.model, generation } }];
    },
    record: (e) => inner.record(e),
    history: () => inner.history(),
  };
  if (inner.output) target.output = () => inner.output?.() ?? [];
  return target;
}
