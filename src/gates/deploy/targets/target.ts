/**
 * One interface for every place a model can be deployed to: read the current state, hold the rollout
 * lock, stage a version, set traffic (which also promotes and rolls back), read what the servers
 * measured, and keep the history. registry:DIR, http(s):// (mlgate serve's admin API) and command:SCRIPT
 * implement it; the strategies only ever talk to this.
 */
import type {
  Aliases,
  AliasesView,
  HistoryEvent,
  LockRequest,
  LockResult,
  ModelStatus,
  RolloutLock,
  VersionManifest,
} from "../../../core/registry.js";

/**
 * The target refused a change it was asked to make (a version its server cannot load, a script that
 * exited non-zero): the rollout step fails and traffic rolls back, as when a server cannot apply it.
 * Anything else a target throws (unreachable, refused token) means the deploy could not run.
 */
export class TargetRefusal extends Error {
  override name = "TargetRefusal";
}

export interface TargetState {
  aliases: Aliases;
  /** Staged versions (with their digests). */
  versions: VersionManifest[];
  lock: RolloutLock | undefined;
}

/** One serving process's view of the model: what it has applied and what it measured. */
export interface ServingStatus {
  /** The server's base URL (for the prediction API the parity check calls). */
  url: string;
  startedAt: string;
  updatedAt: string;
  model: ModelStatus | undefined;
}

/** Why a traffic change is made: a command: target passes it to the script as MLGATE_PHASE. */
export type TrafficPhase = "stage" | "canary" | "promote" | "switch" | "rollback";

export type StageFields = Omit<VersionManifest, "schemaVersion" | "sha256" | "bytes" | "createdAt">;

export interface DeployTarget {
  /** `registry:deploy/registry`, `http://127.0.0.1:8080`. */
  readonly description: string;
  /** Whether the target has servers whose status tells health (false: health and parity are skipped or fail safe). */
  readonly measures: boolean;
  state(): Promise<TargetState>;
  acquireLock(lock: LockRequest): Promise<LockResult>;
  /** A fresh heartbeat at `phase`; `deploymentId` once the recorder has one, kept by later heartbeats. */
  heartbeat(id: string, phase: string, deploymentId?: string): Promise<void>;
  releaseLock(id: string, force?: boolean): Promise<void>;
  /** Copies the model in as `fields.version` without traffic; the same digest again is not an error. */
  stage(modelFile: string, fields: StageFields): Promise<{ created: boolean; manifest: VersionManifest }>;
  /** Replaces the traffic settings; returns them with their new generation once written (or applied). */
  setTraffic(view: AliasesView, phase: TrafficPhase, expectGeneration?: number): Promise<Aliases>;
  /** Every live server's status for this model (empty when none is serving). */
  serving(): Promise<ServingStatus[]>;
  record(event: Omit<HistoryEvent, "at">): Promise<void>;
  history(): Promise<HistoryEvent[]>;
  /** What the target printed (command: targets), for the report. */
  output?(): string[];
}
