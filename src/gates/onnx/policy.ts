import type { OnnxGateConfig } from "../../core/config.js";
import type { Check, Example } from "../../core/report.js";
import { DEFAULT_DOMAIN, type ModelInfo } from "./inspect.js";
import { ORT_SUPPORT, installedOrt, ortSupport, type OrtSupport } from "./ort-support.js";
import { idSegment } from "./ids.js";

/**
 * Domains onnxruntime's CPU build ships kernels for: the ONNX standard domains, and com.microsoft
 * (onnxruntime's contrib ops). Any other domain needs a custom-op library the serving side must
 * register, so it fails unless the config lists it.
 */
export const KNOWN_DOMAINS = [DEFAULT_DOMAIN, "ai.onnx.ml", "com.microsoft"];

/** ONNX Runtime loads opsets from 7 up (onnxruntime docs, "Backwards compatibility"). */
const ORT_MIN_OPSET = 7;

/** The onnxruntime release the policy targets: the config's, else the installed one. */
export function targetOrt(cfg: OnnxGateConfig): OrtSupport {
  if (cfg.target_ort) return ortSupport(cfg.target_ort);
  const here = installedOrt();
  return ORT_SUPPORT.find((r) => r.ort === here) ?? ORT_SUPPORT[ORT_SUPPORT.length - 1]!;
}

function irCheck(info: ModelInfo, t: OrtSupport): Check {
  const ok = info.irVersion <= t.maxIr;
  return {
    id: "policy.ir_version",
    title: `IR version ${info.irVersion} is supported by onnxruntime ${t.ort}`,
    status: ok ? "pass" : "fail",
    observed: info.irVersion,
    expected: `<= ${t.maxIr}`,
    message: ok
      ? `onnxruntime ${t.ort} reads IR versions up to ${t.maxIr}.`
      : `onnxruntime ${t.ort} reads IR versions up to ${t.maxIr}; this model is IR ${info.irVersion}: re-export it for an older IR or upgrade the runtime.`,
  };
}

function opsetChecks(info: ModelInfo, cfg: OnnxGateConfig, t: OrtSupport): Check[] {
  const out: Check[] = [];
  for (const [domain, version] of Object.entries(info.opsets)) {
    let max: number | undefined;
    let min: number | undefined;
    let why: string;
    if (domain === DEFAULT_DOMAIN) {
      max = Math.min(t.maxOpset, cfg.opset?.max ?? Infinity);
      min = Math.max(ORT_MIN_OPSET, cfg.opset?.min ?? 0);
      why = max === t.maxOpset ? `onnxruntime ${t.ort} implements ai.onnx up to opset ${t.maxOpset}` : "gates.onnx.opset.max";
    } else if (domain === "ai.onnx.ml") {
      max = t.maxMlOpset;
      why = `onnxruntime ${t.ort} implements ai.onnx.ml up to opset ${t.maxMlOpset}`;
    } else {
      continue;
    }
    const tooNew = version > max;
    const tooOld = min !== undefined && version < min;
    // Below onnxruntime's documented floor but not below the config's own minimum: settled by settleOpsetFloor.
    const belowFloor = tooOld && !tooNew && version >= (cfg.opset?.min ?? 0);
    out.push({
      id: `policy.opset.${idSegment(domain)}`,
      title: `${domain} opset ${version} is within the target range`,
      status: tooNew || tooOld ? "fail" : "pass",
      observed: version,
      expected: min !== undefined ? `${min}..${max}` : `<= ${max}`,
      message: tooNew
        ? `Opset ${version} is newer than ${max} (${why}); export with opset ${max} or upgrade the runtime.`
        : tooOld
          ? `Opset ${version} is older than the minimum ${min}${min === ORT_MIN_OPSET ? " onnxruntime supports" : " (gates.onnx.opset.min)"}.`
          : `Within ${min ?? 1}..${max}.`,
      details: { domain, target_ort: t.ort, ...(belowFloor ? { below_ort_floor: ORT_MIN_OPSET } : {}) },
    });
  }
  return out;
}

function domainChecks(info: ModelInfo, cfg: OnnxGateConfig): Check[] {
  const allowed = new Set([DEFAULT_DOMAIN, ...(cfg.allowed_domains ?? KNOWN_DOMAINS), ...info.functionDomains]);
  const used = new Map<string, number>();
  for (const o of info.ops) used.set(o.domain, (used.get(o.domain) ?? 0) + o.count);
  return [...used.entries()].map(([domain, count]) => {
    const ok = allowed.has(domain);
    const ops = info.ops.filter((o) => o.domain === domain).map((o) => o.op);
    return {
      id: `policy.domain.${idSegment(domain)}`,
      title: `Operator domain ${domain} is allowed`,
      status: ok ? "pass" : "fail",
      observed: `${count} node(s): ${ops.slice(0, 5).join(", ")}${ops.length > 5 ? ", …" : ""}`,
      expected: [...allowed].join(", "),
      message: ok
        ? `${domain} is ${cfg.allowed_domains ? "listed in gates.onnx.allowed_domains" : "a domain onnxruntime ships kernels for"}.`
        : `Domain ${domain} is a custom domain: the serving runtime needs its custom-op library; add it to gates.onnx.allowed_domains if it is registered there.`,
      details: { domain },
    };
  });
}

/** `Conv` matches the op in any domain; `com.microsoft:Gelu` only in that domain. */
function matches(entry: string, domain: string, op: string): boolean {
  const i = entry.lastIndexOf(":");
  if (i < 0) return entry === op;
  return entry.slice(i + 1) === op && (entry.slice(0, i) === domain || (entry.slice(0, i) === "" && domain === DEFAULT_DOMAIN));
}

function opListCheck(info: ModelInfo, list: string[], kind: "denied" | "allowed"): Check {
  const bad = info.ops.filter((o) => list.some((e) => matches(e, o.domain, o.op)) === (kind === "denied"));
  const examples: Example[] = bad.slice(0, 10).map((o) => ({ where: `${o.domain}:${o.op}`, value: o.count }));
  const names = bad.map((o) => (o.domain === DEFAULT_DOMAIN ? o.op : `${o.domain}:${o.op}`));
  return {
    id: `policy.ops.${kind}`,
    title: kind === "denied" ? "No denied operators" : "Only allowed operators",
    status: bad.length ? "fail" : "pass",
    observed: bad.length ? names.join(", ") : "none",
    expected: kind === "denied" ? `none of ${list.join(", ")}` : `only ${list.join(", ")}`,
    message: bad.length
      ? `${names.join(", ")} ${kind === "denied" ? "is listed in gates.onnx.denied_ops" : "is not listed in gates.onnx.allowed_ops"}.`
      : kind === "denied"
        ? "No operator in gates.onnx.denied_ops is used."
        : "Every operator is listed in gates.onnx.allowed_ops.",
    failedRows: bad.reduce((a, o) => a + o.count, 0),
    ...(examples.length ? { examples } : {}),
  };
}

function sizeCheck(info: ModelInfo, maxMb: number): Check {
  const mb = info.totalBytes / 1e6;
  const ok = mb <= maxMb;
  return {
    id: "policy.size",
    title: `Model size ${mb.toFixed(2)} MB is within ${maxMb} MB`,
    status: ok ? "pass" : "fail",
    observed: Number(mb.toFixed(6)),
    expected: `<= ${maxMb}`,
    message: `${info.totalBytes} bytes including external data (1 MB = 1,000,000 bytes).`,
  };
}

function metadataChecks(info: ModelInfo, keys: string[]): Check[] {
  return keys.map((key) => {
    const v = info.metadata[key];
    const ok = v !== undefined && v.trim() !== "";
    return {
      id: `policy.metadata.${idSegment(key)}`,
      title: `Metadata key "${key}" is set`,
      status: ok ? "pass" : "fail",
      observed: v ?? null,
      expected: "a non-empty value",
      message: ok
        ? `metadata_props["${key}"] = ${JSON.stringify(v)}.`
        : `metadata_props has no non-empty "${key}" (gates.onnx.required_metadata).`,
      details: { key },
    };
  });
}

/**
 * An opset below onnxruntime's documented floor (and within the config's own minimum) is a
 * warning when the model loads and runs all the same, and a failure when it does not: the floor
 * is about what onnxruntime promises, the run is what it does.
 */
export function settleOpsetFloor(checks: Check[], loads: boolean, runs: boolean): void {
  for (const c of checks) {
    if (!c.id.startsWith("policy.opset.") || c.status !== "fail" || c.details?.below_ort_floor === undefined) continue;
    const head = `Opset ${String(c.observed)} is older than ${ORT_MIN_OPSET}, the oldest onnxruntime documents support for`;
    if (loads && runs) {
      c.status = "warn";
      c.message = `${head}; this model loads and runs all the same, so it is a warning. Re-export it with a newer opset before a runtime upgrade drops it.`;
    } else {
      c.message = loads
        ? `${head}, and the model loads but does not run (see parity.* / latency.*).`
        : `${head}, and onnxruntime does not load the model (see load.*).`;
    }
  }
}

/** Static checks on what the model declares, against the target runtime and the config's rules. */
export function policyChecks(info: ModelInfo, cfg: OnnxGateConfig): Check[] {
  const t = targetOrt(cfg);
  const checks = [irCheck(info, t), ...opsetChecks(info, cfg, t), ...domainChecks(info, cfg)];
  if (cfg.denied_ops?.length) checks.push(opListCheck(info, cfg.denied_ops, "denied"));
  if (cfg.allowed_ops?.length) checks.push(opListCheck(info, cfg.allowed_ops, "allowed"));
  if (cfg.max_size_mb !== undefined) checks.push(sizeCheck(info, cfg.max_size_mb));
  if (cfg.required_metadata?.length) checks.push(...metadataChecks(info, cfg.required_metadata));
  return checks;
}
