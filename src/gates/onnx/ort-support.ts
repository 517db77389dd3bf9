import * as ort from "onnxruntime-node";
import { ConfigurationError } from "../../core/errors.js";

/** The newest ONNX versions an onnxruntime release loads. Sources: docs/onnx-runtime-support.md. */
export interface OrtSupport {
  ort: string;
  maxIr: number;
  /** Newest `ai.onnx` (default domain) opset. */
  maxOpset: number;
  /** Newest `ai.onnx.ml` opset. */
  maxMlOpset: number;
  source: "docs" | "derived" | "measured";
}

/**
 * 1.10–1.20: onnxruntime's compatibility page (docs/reference/compatibility.md). 1.21–1.23: the ONNX
 * release each onnxruntime release integrated (onnxruntime #23162, #24945) joined with ONNX's
 * VERSION_TABLE. 1.30: measured against the installed onnxruntime-node by loading models stamped one
 * past each limit. Keep docs/onnx-runtime-support.md in step with this table.
 */
export const ORT_SUPPORT: readonly OrtSupport[] = [
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
  { ort: "1.30", maxIr: 13, maxOpset: 26, maxMlOpset: 5, source: "measured" },
];

/** `1.30` for the onnxruntime-node this process runs. */
export function installedOrt(): string {
  const v = ort.env.versions.node ?? ort.env.versions.common;
  return v.split(".").slice(0, 2).join(".");
}

/** The support row for a target version; unknown versions are a user error with the known list. */
export function ortSupport(target: string, flag = "gates.onnx.target_ort"): OrtSupport {
  const row = ORT_SUPPORT.find((r) => r.ort === target);
  if (!row) {
    throw new ConfigurationError(
      `${flag} ${target}: no IR/opset table for this onnxruntime release (known: ${ORT_SUPPORT.map((r) => r.ort).join(", ")}); set gates.onnx.opset.max instead`,
    );
  }
  return row;
}
