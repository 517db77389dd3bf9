#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/gates/model/copy-numbers.ts
function copyNumbers(dst, at, stride, src, r0, take) {
  let nan = 0;
  for (let k = r0, o = at, end = r0 + take; k < end; k++, o += stride) {
    const x = src[k];
    dst[o] = x;
    if (x !== x) nan++;
  }
  return nan;
}

export {
  copyNumbers
};
