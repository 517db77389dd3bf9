/**
 * What the deploy gate needs from the outside world, as interfaces: the gate decides, the command
 * layer plugs in where evidence comes from and where the deployment is recorded. Offline (and in the
 * demo) evidence comes from the gates' JSON reports (`--reports DIR`) and nothing is recorded beyond
 * the registry's history; inside GitHub Actions from the gates' check runs, recorded as a GitHub
 * deployment and release assets (src/github/). A gate never talks to GitHub itself.
 */
import type { GateEvidence } from "../../core/registry.js";

export interface EvidenceSet {
  /** The commit the evidence is about (the tag's commit, or the merged pull request's head). */
  commit?: string;
  tag?: string;
  /** When the tag's commit had no gate runs and the merged pull request's head commit was used. */
  pullRequest?: number;
  headSha?: string;
  evidence: GateEvidence[];
  /** How the evidence was found, one sentence each, for the report. */
  notes: string[];
}

export interface EvidenceSource {
  /** `check runs on 1a2b3c4 (tag v1.4.0)`, `reports in mlgate-report/`. */
  readonly description: string;
  collect(): Promise<EvidenceSet>;
}

export interface Approval {
  user: string;
  state: string;
  comment?: string;
  environments: string[];
}

/** One rollout step as the report, the audit record and the job summary show it. */
export interface StepRecord {
  /** `stage`, `parity`, `step 1/3`, `switch`, `promote`, `rollback`. */
  phase: string;
  weight?: number;
  startedAt: string;
  endedAt: string;
  status: "pass" | "warn" | "fail" | "skip";
  requests?: number;
  errors?: number;
  errorRate?: number;
  p95Ms?: number | null;
  championP95Ms?: number | null;
  /** The budgets this step was judged against (`max_error_rate`, `max_p95_ms`, `min_requests` …). */
  budget?: Record<string, number>;
  message?: string;
}

export type DeployOutcome = "deployed" | "no-op" | "refused" | "rolled-back" | "failed";

/** The audit record of one deployment: history event, job summary, release asset. */
export interface AuditRecord {
  schemaVersion: 1;
  name: string;
  environment: string;
  version: string;
  tag?: string;
  commit?: string;
  repository?: string;
  /** Path of the model in the repository, and the SHA-256 that was shipped. */
  model: string;
  sha256: string;
  target: string;
  strategy: string;
  gates: GateEvidence[];
  approvals: Approval[];
  actor?: string;
  runUrl?: string;
  deploymentId?: string;
  previous: string | null;
  steps: StepRecord[];
  outcome: DeployOutcome;
  message: string;
  startedAt: string;
  finishedAt: string;
}

/** Where a deployment is recorded besides the target's own history (a GitHub deployment, release assets). */
export interface DeployRecorder {
  /** Before anything moves (after verification passed): e.g. a deployment `in_progress`. */
  begin(info: {
    name: string;
    environment: string;
    version: string;
    sha256: string;
    strategy: string;
    commit?: string;
  }): Promise<{
    deploymentId?: string;
    url?: string;
  }>;
  /** Who approved this run (an environment's required reviewers), empty when nobody had to. */
  approvals(): Promise<Approval[]>;
  /** After the outcome is known: the final status; on `deployed` the model and the audit record as release assets. */
  end(audit: AuditRecord, modelFile: string): Promise<void>;
  /**
   * A deployment an earlier, killed run began (its id from the stale lock this run resolved): its final
   * status, so that it does not stay in progress forever. Failing to record it is the recorder's warning:
   * the traffic is already restored, so it never fails the deploy.
   */
  abandoned(deploymentId: string, description: string): Promise<void>;
}
