/** The deploy gate's Report: an ordinary mlgate report (gate `deploy`), so every renderer and publisher takes it. */
import { makeReport, type Check, type Report, type Section } from "../../core/report.js";
import type { DeployOptions } from "./options.js";
import type { AuditRecord, DeployOutcome, StepRecord } from "./ports.js";
import type { Verification } from "./verify.js";

const num = (x: number | null | undefined, digits = 1): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits));

function budgetText(b: Record<string, number> | undefined): string {
  if (!b) return "";
  return Object.entries(b)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

export function stepsTable(steps: readonly StepRecord[]): Section {
  return {
    kind: "table",
    title: "Rollout",
    headers: [
      "phase",
      "weight %",
      "requests",
      "errors",
      "error rate",
      "p95 ms",
      "champion p95 ms",
      "budget",
      "status",
      "message",
    ],
    align: ["l", "r", "r", "r", "r", "r", "r", "l", "l", "l"],
    rows: steps.map((s) => [
      s.phase,
      s.weight ?? null,
      s.requests ?? null,
      s.errors ?? null,
      num(s.errorRate, 4),
      num(s.p95Ms),
      num(s.championP95Ms),
      budgetText(s.budget),
      s.status,
      s.message ?? "",
    ]),
  };
}

export interface ReportParts {
  sha256: string;
  checks: Check[];
  verification: Verification;
  steps: StepRecord[];
  outcome: DeployOutcome;
  message: string;
  audit: AuditRecord;
  output?: string[];
}

export function buildReport(o: DeployOptions, p: ReportParts): Report {
  const sections: Section[] = [p.verification.table];
  if (p.steps.length) sections.push(stepsTable(p.steps));
  if (p.output?.length) sections.push({ kind: "text", title: "Target output", text: p.output.join("\n") });
  const what = `${o.name} ${o.version} (${p.sha256.slice(0, 12)}) to ${o.environment}`;
  const summary =
    p.outcome === "deployed"
      ? `deployed ${what} via ${o.strategy === "canary" ? `canary ${o.steps.join("→")}%` : o.strategy}; ${p.message}`
      : p.outcome === "no-op"
        ? p.message
        : p.outcome === "rolled-back"
          ? `rolled back ${what}: ${p.message}`
          : p.outcome === "refused"
            ? `refused to deploy ${what}: ${p.message}`
            : `deploy of ${what} failed: ${p.message}`;
  const report = makeReport({
    gate: "deploy",
    checks: p.checks,
    summary,
    subject: { path: o.modelDisplay, sha256: p.sha256, role: "shipped" },
    sections,
    metrics: {
      deploy: {
        outcome: p.outcome,
        name: o.name,
        environment: o.environment,
        version: o.version,
        previous: p.audit.previous,
        strategy: o.strategy,
        target: p.audit.target,
      },
      audit: p.audit,
    },
    inputs: { [o.modelDisplay]: p.sha256 },
  });
  // A refusal or a rollback is a failed gate even if no single check says so (a rollback's own check passes).
  if ((p.outcome === "refused" || p.outcome === "rolled-back" || p.outcome === "failed") && report.status !== "fail")
    report.status = "fail";
  return report;
}
