#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/gates/model/ort.ts
import { createRequire } from "node:module";
var loaded;
function onnxruntime() {
  loaded ??= createRequire(import.meta.url)("onnxruntime-node");
  return loaded;
}

export {
  onnxruntime
};
