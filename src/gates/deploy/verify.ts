/**
 * verify.*: did this exact model pass every required gate? The proof is the digest: the SHA-256 of
 * the file being shipped must be a subject the model and ONNX gates validated (not their baseline).
 */
import type { GateEvidence } from "../../core/registry.js";
import type { Check, Section } from "../../core/report.js";
import type { EvidenceSet } from "./ports.js";

/** Gates whose subjects are models: their digests are the proof. The data gate validates data. */
const MODEL_GATES = new Set(["model", "onnx"]);

export interface Verification {
  passed: boolean;
  checks: Check[];
  /** gate · conclusion · digest validated · digest shipped · link */
  table: Section;
  /** The evidence the verdict relied on (the required gates), for the manifest and the audit record. */
  used: GateEvidence[];
}

export const short = (sha: string | undefined): string => (sha ? sha.slice(0, 12) : "—");

/** `mlgate/model (a b)` -> `model.a_b`: a check id segment. */
function slug(check: string): string {
  return check
    .replace(/^mlgate\//, "")
    .replace(/[()]/g, "")
    .trim()
    .replace(/[^A-Za-z0-9_:-]+/g, "_");
}

/** The subject that proves the shipped file, or the candidate the gate validated instead. */
function validatedDigest(e: GateEvidence, sha256: string): { sha256?: string; matches: boolean } {
  if (!MODEL_GATES.has(e.gate)) return { matches: false };
  const candidates = e.subjects.filter((s) => s.role !== "baseline");
  const hit = candidates.find((s) => s.sha256 === sha256);
  if (hit) return { sha256: hit.sha256, matches: true };
  return { ...(candidates[0] ? { sha256: candidates[0].sha256 } : {}), matches: false };
}

export function verify(set: EvidenceSet, sha256: string, require: readonly string[], source: string): Verification {
  const checks: Check[] = [];
  const byName = new Map(set.evidence.map((e) => [e.check, e]));
  const required = require.length > 0 ? [...require] : set.evidence.map((e) => e.check);
  checks.push(
    set.evidence.length === 0
      ? {
          id: "verify.evidence",
          title: "Gate evidence found",
          status: "fail",
          observed: "none",
          expected: "at least one gate",
          message: `No gate results in ${source}: run the model and ONNX gates on this model first.`,
        }
      : {
          id: "verify.evidence",
          title: "Gate evidence found",
          status: "pass",
          observed: set.evidence.map((e) => e.check).join(", "),
          message: `${set.evidence.length} gate result(s) in ${source}${require.length ? `; required: ${require.join(", ")}` : "; every one is required"}.`,
        },
  );
  const used: GateEvidence[] = [];
  const rows: (string | null)[][] = [];
  for (const name of required) {
    const e = byName.get(name);
    const id = `verify.gate.${slug(name)}`;
    if (!e) {
      checks.push({
        id,
        title: `${name} passed`,
        status: "fail",
        observed: "missing",
        expected: "success",
        message: `${name} is required but has no result in ${source}.`,
      });
      rows.push([name, "missing", "—", short(sha256), null]);
      continue;
    }
    used.push(e);
    const ok = e.conclusion === "success";
    checks.push({
      id,
      title: `${name} passed`,
      status: ok ? "pass" : "fail",
      observed: e.conclusion,
      expected: "success",
      message: ok
        ? `${name} concluded success.`
        : `${name} concluded ${e.conclusion}: a model that failed a gate is not shipped.`,
    });
    const d = validatedDigest(e, sha256);
    rows.push([name, e.conclusion, MODEL_GATES.has(e.gate) ? short(d.sha256) : "(data)", short(sha256), e.url ?? null]);
  }
  const modelGates = used.filter((e) => MODEL_GATES.has(e.gate));
  const mismatched = modelGates.filter((e) => !validatedDigest(e, sha256).matches);
  let digest: Check;
  if (modelGates.length === 0) {
    digest = {
      id: "verify.digest",
      title: "Shipped model is the validated model",
      status: "fail",
      observed: short(sha256),
      expected: "validated by mlgate/model or mlgate/onnx",
      message: `None of the required gates validated a model, so nothing proves that ${short(sha256)} passed; require mlgate/model or mlgate/onnx.`,
    };
  } else if (mismatched.length > 0) {
    const list = mismatched.map((e) => `${e.check} validated ${short(validatedDigest(e, sha256).sha256)}`).join("; ");
    digest = {
      id: "verify.digest",
      title: "Shipped model is the validated model",
      status: "fail",
      observed: short(sha256),
      expected: short(validatedDigest(mismatched[0]!, sha256).sha256),
      message: `The model being shipped (SHA-256 ${short(sha256)}) is not the one the gates validated: ${list}. A changed or re-exported file needs the gates to run on it again.`,
      details: { shipped: sha256 },
    };
  } else {
    digest = {
      id: "verify.digest",
      title: "Shipped model is the validated model",
      status: "pass",
      observed: short(sha256),
      expected: short(sha256),
      message: `${modelGates.map((e) => e.check).join(" and ")} validated exactly this file (SHA-256 ${sha256}).`,
      details: { shipped: sha256 },
    };
  }
  checks.push(digest);
  const table: Section = {
    kind: "table",
    title: "Gate evidence",
    headers: ["gate", "conclusion", "digest validated", "digest shipped", "link"],
    rows,
    ...(set.notes.length ? { note: set.notes.join(" ") } : {}),
  };
  return { passed: checks.every((c) => c.status !== "fail"), checks, table, used };
}
