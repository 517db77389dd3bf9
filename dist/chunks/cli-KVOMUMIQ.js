#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-ZRZJ73JK.js";
import "./chunk-NV44HGL6.js";
import "./chunk-MSLKYCMH.js";
import "./chunk-KYPKKBIE.js";
import "./chunk-IGPQE56H.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-2FVRAGYE.js";
import "./chunk-MTMCRSTS.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-HNTF622D.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-LOPLJTJW.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-45FYMQYM.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-HWVZW6M5.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
