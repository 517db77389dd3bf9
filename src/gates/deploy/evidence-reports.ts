/**
 * Evidence from the gates' JSON reports written earlier in the same job (`--reports DIR`): no GitHub
 * needed, and what the demo uses. Each report is one gate's verdict on the files it names as subjects.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import type { GateEvidence } from "../../core/registry.js";
import type { Report } from "../../core/report.js";
import type { EvidenceSet, EvidenceSource } from "./ports.js";

/** `mlgate/model`, `mlgate/model (shard-1)`: the name the report's check run has or would have. */
export function checkNameOf(gate: string, suffix?: string): string {
  return `mlgate/${gate}${suffix ? ` (${suffix})` : ""}`;
}

/** A report's status as a check run's conclusion: a gate that passed with warnings still passed. */
export function conclusionOf(status: string): string {
  return status === "pass" || status === "warn" ? "success" : status === "fail" ? "failure" : status;
}

const EVIDENCE_GATES = new Set(["data", "model", "onnx"]);

function isReport(v: unknown): v is Report {
  const r = v as Partial<Report> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    r.schemaVersion === 1 &&
    typeof r.gate === "string" &&
    typeof r.status === "string" &&
    Array.isArray(r.checks)
  );
}

export class ReportsEvidence implements EvidenceSource {
  readonly description: string;

  /** `dir`: absolute folder; `display`: as the user gave it. */
  constructor(
    private readonly dir: string,
    private readonly display: string,
  ) {
    this.description = `reports in ${display}`;
  }

  collect(): Promise<EvidenceSet> {
    let files: string[];
    try {
      files = readdirSync(this.dir)
        .filter((f) => f.endsWith(".json") && !f.startsWith("."))
        .sort();
    } catch (e) {
      throw new ConfigurationError(`--reports ${this.display}: cannot read the folder (${errorMessage(e)})`);
    }
    const notes: string[] = [];
    // The latest report per check name: a gate rerun in the same job overrides its earlier verdict.
    const latest = new Map<string, { at: number; evidence: GateEvidence }>();
    for (const f of files) {
      const file = path.join(this.dir, f);
      const display = path.join(this.display, f);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, "utf8"));
      } catch (e) {
        // A truncated report is not "no evidence": it might be the one that failed.
        throw new ConfigurationError(`--reports ${display}: is not valid JSON (${errorMessage(e)})`);
      }
      if (!isReport(parsed)) {
        notes.push(`${display} is not an mlgate report; skipped.`);
        continue;
      }
      if (!EVIDENCE_GATES.has(parsed.gate)) continue;
      const subjects = (parsed.subjects ?? (parsed.subject ? [parsed.subject] : [])).map((s) => ({
        path: s.path,
        sha256: s.sha256,
        ...(s.role ? { role: s.role } : {}),
      }));
      const check = checkNameOf(parsed.gate, parsed.name);
      const evidence: GateEvidence = {
        check,
        gate: parsed.gate,
        conclusion: conclusionOf(parsed.status),
        subjects,
        url: display,
        source: "report",
      };
      if (parsed.provenance.commit) evidence.commit = parsed.provenance.commit;
      const at = Date.parse(parsed.provenance.createdAt ?? "") || statSync(file).mtimeMs;
      const prev = latest.get(check);
      if (prev) notes.push(`${check}: two reports; the later one, ${at >= prev.at ? display : prev.evidence.url}, is used.`);
      if (!prev || at >= prev.at) latest.set(check, { at, evidence });
    }
    return Promise.resolve({
      evidence: [...latest.values()].map((x) => x.evidence).sort((a, b) => a.check.localeCompare(b.check)),
      notes,
    });
  }
}
