import { createRequire } from "node:module";
import type * as Ort from "onnxruntime-node";

let loaded: typeof Ort | undefined;

/**
 * onnxruntime-node, loaded on first use rather than when the gate's modules load: the gate first
 * starts DuckDB on the data file, then loads the runtime and both models while DuckDB sniffs it. Loaded
 * as the CommonJS package it is (an ESM import first runs Node's export scanner over it).
 */
export function onnxruntime(): typeof Ort {
  loaded ??= createRequire(import.meta.url)("onnxruntime-node") as typeof Ort;
  return loaded;
}
