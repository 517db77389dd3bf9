#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  DEFAULT_DOMAIN
} from "./chunk-I5TC7TDL.js";
import {
  ConfigurationError
} from "./chunk-3PEGX5SE.js";

// src/gates/onnx/ort-support.ts
import * as ort from "onnxruntime-node";
var ORT_SUPPORT = [
  { ort: "1.10", maxIr: 8, maxOpset: 15, maxMlOpset: 2, source: "docs" },
  { ort: "1.11", maxIr: 8, maxOpset: 16, maxMlOpset: 2, source: "docs" },
  { ort: "1.12", maxIr: 8, maxOpset: 17, maxMlOpset: 3, source: "docs" },
  { ort: "1.13", maxIr: 8, maxOpset: 17, maxMlOpset: 3, source: "docs" },
  { ort: "1.14", maxIr: 8, maxOpset: 18, maxMlOpset: 3, source: "docs" },
  { ort: "1.15", maxIr: 8, maxOpset: 19, maxMlOpset: 3, source: "docs" },
  { ort: "1.16", maxIr: 9, maxOpset: 19, maxMlOpset: 3, source: "docs" },
  { ort: "1.17", maxIr: 9, maxOpset: 20, maxMlOpset: 4, source: "docs" },
  { ort: "1.18", maxIr: 10, maxOpset: 21, maxMlOpset: 4, source: "docs" },
  { ort: "1.19", maxIr: 10, maxOpset: 21, maxMlOpset: 4, source: "docs" },
  { ort: "1.20", maxIr: 10, maxOpset: 21, maxMlOpset: 4, source: "docs" },
  { ort: "1.21", maxIr: 10, maxOpset: 22, maxMlOpset: 5, source: "derived" },
  { ort: "1.22", maxIr: 10, maxOpset: 22, maxMlOpset: 5, source: "derived" },
  { ort: "1.23", maxIr: 11, maxOpset: 23, maxMlOpset: 5, source: "derived" },
  { ort: "1.30", maxIr: 13, maxOpset: 26, maxMlOpset: 5, source: "measured" }
];
function installedOrt() {
  const v = ort.env.versions.node ?? ort.env.versions.common;
  return v.split(".").slice(0, 2).join(".");
}
function ortSupport(target, flag = "gates.onnx.target_ort") {
  const row = ORT_SUPPORT.find((r) => r.ort === target);
  if (!row) {
    throw new ConfigurationError(
      `${flag} ${target}: no IR/opset table for this onnxruntime release (known: ${ORT_SUPPORT.map((r) => r.ort).join(", ")}); set gates.onnx.opset.max instead`
    );
  }
  return row;
}

// src/gates/onnx/ids.ts
function idSegment(name) {
  const s = name.replace(/[^A-Za-z0-9_-]+/g, "_");
  return s === "" ? "_" : s;
}
function modelKeys(displays) {
  const base = displays.map((d) => idSegment((d.split(/[\\/]/).pop() ?? d).replace(/\.onnx$/i, "")));
  return base.map((b, i) => base.filter((x) => x === b).length > 1 ? `${b}-${i + 1}` : b);
}
function withModelKey(id, key) {
  return key ? `${id}[${key}]` : id;
}

// src/gates/onnx/policy.ts
var KNOWN_DOMAINS = [DEFAULT_DOMAIN, "ai.onnx.ml", "com.microsoft"];
var ORT_MIN_OPSET = 7;
function targetOrt(cfg) {
  if (cfg.target_ort) return ortSupport(cfg.target_ort);
  const here = installedOrt();
  return ORT_SUPPORT.find((r) => r.ort === here) ?? ORT_SUPPORT[ORT_SUPPORT.length - 1];
}
function irCheck(info, t) {
  const ok = info.irVersion <= t.maxIr;
  return {
    id: "policy.ir_version",
    title: `IR version ${info.irVersion} is supported by onnxruntime ${t.ort}`,
    status: ok ? "pass" : "fail",
    observed: info.irVersion,
    expected: `<= ${t.maxIr}`,
    message: ok ? `onnxruntime ${t.ort} reads IR versions up to ${t.maxIr}.` : `onnxruntime ${t.ort} reads IR versions up to ${t.maxIr}; this model is IR ${info.irVersion}: re-export it for an older IR or upgrade the runtime.`
  };
}
function opsetChecks(info, cfg, t) {
  const out = [];
  for (const [domain, version] of Object.entries(info.opsets)) {
    let max;
    let min;
    let why;
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
    const tooOld = min !== void 0 && version < min;
    const belowFloor = tooOld && !tooNew && version >= (cfg.opset?.min ?? 0);
    out.push({
      id: `policy.opset.${idSegment(domain)}`,
      title: `${domain} opset ${version} is within the target range`,
      status: tooNew || tooOld ? "fail" : "pass",
      observed: version,
      expected: min !== void 0 ? `${min}..${max}` : `<= ${max}`,
      message: tooNew ? `Opset ${version} is newer than ${max} (${why}); export with opset ${max} or upgrade the runtime.` : tooOld ? `Opset ${version} is older than the minimum ${min}${min === ORT_MIN_OPSET ? " onnxruntime supports" : " (gates.onnx.opset.min)"}.` : `Within ${min ?? 1}..${max}.`,
      details: { domain, target_ort: t.ort, ...belowFloor ? { below_ort_floor: ORT_MIN_OPSET } : {} }
    });
  }
  return out;
}
function domainChecks(info, cfg) {
  const allowed = /* @__PURE__ */ new Set([DEFAULT_DOMAIN, ...cfg.allowed_domains ?? KNOWN_DOMAINS, ...info.functionDomains]);
  const used = /* @__PURE__ */ new Map();
  for (const o of info.ops) used.set(o.domain, (used.get(o.domain) ?? 0) + o.count);
  return [...used.entries()].map(([domain, count]) => {
    const ok = allowed.has(domain);
    const ops = info.ops.filter((o) => o.domain === domain).map((o) => o.op);
    return {
      id: `policy.domain.${idSegment(domain)}`,
      title: `Operator domain ${domain} is allowed`,
      status: ok ? "pass" : "fail",
      observed: `${count} node(s): ${ops.slice(0, 5).join(", ")}${ops.length > 5 ? ", \u2026" : ""}`,
      expected: [...allowed].join(", "),
      message: ok ? `${domain} is ${cfg.allowed_domains ? "listed in gates.onnx.allowed_domains" : "a domain onnxruntime ships kernels for"}.` : `Domain ${domain} is a custom domain: the serving runtime needs its custom-op library; add it to gates.onnx.allowed_domains if it is registered there.`,
      details: { domain }
    };
  });
}
function matches(entry, domain, op) {
  const i = entry.lastIndexOf(":");
  if (i < 0) return entry === op;
  return entry.slice(i + 1) === op && (entry.slice(0, i) === domain || entry.slice(0, i) === "" && domain === DEFAULT_DOMAIN);
}
function opListCheck(info, list, kind) {
  const bad = info.ops.filter((o) => list.some((e) => matches(e, o.domain, o.op)) === (kind === "denied"));
  const examples = bad.slice(0, 10).map((o) => ({ where: `${o.domain}:${o.op}`, value: o.count }));
  const names = bad.map((o) => o.domain === DEFAULT_DOMAIN ? o.op : `${o.domain}:${o.op}`);
  return {
    id: `policy.ops.${kind}`,
    title: kind === "denied" ? "No denied operators" : "Only allowed operators",
    status: bad.length ? "fail" : "pass",
    observed: bad.length ? names.join(", ") : "none",
    expected: kind === "denied" ? `none of ${list.join(", ")}` : `only ${list.join(", ")}`,
    message: bad.length ? `${names.join(", ")} ${kind === "denied" ? "is listed in gates.onnx.denied_ops" : "is not listed in gates.onnx.allowed_ops"}.` : kind === "denied" ? "No operator in gates.onnx.denied_ops is used." : "Every operator is listed in gates.onnx.allowed_ops.",
    failedRows: bad.reduce((a, o) => a + o.count, 0),
    ...examples.length ? { examples } : {}
  };
}
function sizeCheck(info, maxMb) {
  const mb = info.totalBytes / 1e6;
  const ok = mb <= maxMb;
  return {
    id: "policy.size",
    title: `Model size ${mb.toFixed(2)} MB is within ${maxMb} MB`,
    status: ok ? "pass" : "fail",
    observed: Number(mb.toFixed(6)),
    expected: `<= ${maxMb}`,
    message: `${info.totalBytes} bytes including external data (1 MB = 1,000,000 bytes).`
  };
}
function metadataChecks(info, keys) {
  return keys.map((key) => {
    const v = info.metadata[key];
    const ok = v !== void 0 && v.trim() !== "";
    return {
      id: `policy.metadata.${idSegment(key)}`,
      title: `Metadata key "${key}" is set`,
      status: ok ? "pass" : "fail",
      observed: v ?? null,
      expected: "a non-empty value",
      message: ok ? `metadata_props["${key}"] = ${JSON.stringify(v)}.` : `metadata_props has no non-empty "${key}" (gates.onnx.required_metadata).`,
      details: { key }
    };
  });
}
function settleOpsetFloor(checks, loads, runs) {
  for (const c of checks) {
    if (!c.id.startsWith("policy.opset.") || c.status !== "fail" || c.details?.below_ort_floor === void 0) continue;
    const head = `Opset ${String(c.observed)} is older than ${ORT_MIN_OPSET}, the oldest onnxruntime documents support for`;
    if (loads && runs) {
      c.status = "warn";
      c.message = `${head}; this model loads and runs all the same, so it is a warning. Re-export it with a newer opset before a runtime upgrade drops it.`;
    } else {
      c.message = loads ? `${head}, and the model loads but does not run (see parity.* / latency.*).` : `${head}, and onnxruntime does not load the model (see load.*).`;
    }
  }
}
function policyChecks(info, cfg) {
  const t = targetOrt(cfg);
  const checks = [irCheck(info, t), ...opsetChecks(info, cfg, t), ...domainChecks(info, cfg)];
  if (cfg.denied_ops?.length) checks.push(opListCheck(info, cfg.denied_ops, "denied"));
  if (cfg.allowed_ops?.length) checks.push(opListCheck(info, cfg.allowed_ops, "allowed"));
  if (cfg.max_size_mb !== void 0) checks.push(sizeCheck(info, cfg.max_size_mb));
  if (cfg.required_metadata?.length) checks.push(...metadataChecks(info, cfg.required_metadata));
  return checks;
}

export {
  idSegment,
  modelKeys,
  withModelKey,
  installedOrt,
  KNOWN_DOMAINS,
  targetOrt,
  settleOpsetFloor,
  policyChecks
};
