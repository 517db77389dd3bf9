/**
 * registry:DIR — the registry folder `mlgate serve --registry DIR` follows (src/core/registry.ts).
 * Writes are the registry's own atomic writes; health is what the serving processes wrote to DIR/status/.
 */
import { mkdirSync } from "node:fs";
import {
  acquireLock,
  appendHistory,
  listVersions,
  readAliases,
  readHistory,
  readLock,
  readServerStatuses,
  releaseLock,
  stageVersion,
  updateLock,
  writeAliases,
  type Aliases,
  type AliasesView,
  type HistoryEvent,
  type LockRequest,
  type LockResult,
} from "../../../core/registry.js";
import type { DeployTarget, ServingStatus, StageFields, TargetState } from "./target.js";

export class RegistryTarget implements DeployTarget {
  readonly description: string;
  readonly measures = true;

  constructor(
    private readonly dir: string,
    display: string,
    private readonly name: string,
  ) {
    this.description = `registry:${display}`;
    mkdirSync(dir, { recursive: true });
  }

  state(): Promise<TargetState> {
    return Promise.resolve({
      aliases: readAliases(this.dir, this.name),
      versions: listVersions(this.dir, this.name),
      lock: readLock(this.dir, this.name),
    });
  }

  acquireLock(lock: LockRequest): Promise<LockResult> {
    return Promise.resolve(acquireLock(this.dir, this.name, lock));
  }

  heartbeat(id: string, phase: string, deploymentId?: string): Promise<void> {
    updateLock(this.dir, this.name, id, { phase, ...(deploymentId !== undefined ? { deploymentId } : {}) });
    return Promise.resolve();
  }

  releaseLock(id: string, force = false): Promise<void> {
    releaseLock(this.dir, this.name, id, force);
    return Promise.resolve();
  }

  stage(modelFile: string, fields: StageFields) {
    return stageVersion(this.dir, modelFile, fields);
  }

  setTraffic(view: AliasesView, _phase: string, expectGeneration?: number): Promise<Aliases> {
    return Promise.resolve(writeAliases(this.dir, this.name, view, expectGeneration));
  }

  serving(): Promise<ServingStatus[]> {
    return Promise.resolve(
      readServerStatuses(this.dir).map((s) => ({
        url: s.url,
        startedAt: s.startedAt,
        updatedAt: s.updatedAt,
        model: s.models[this.name],
      })),
    );
  }

  record(event: Omit<HistoryEvent, "at">): Promise<void> {
    appendHistory(this.dir, this.name, event);
    return Promise.resolve();
  }

  history(): Promise<HistoryEvent[]> {
    return Promise.resolve(readHistory(this.dir, this.name));
  }
}
