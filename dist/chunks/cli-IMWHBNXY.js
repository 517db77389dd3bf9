#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-HCMJ27YQ.js";
import "./chunk-APEF4XQO.js";
import "./chunk-KYPKKBIE.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-4AVSFZBY.js";
import "./chunk-IJXNO6H4.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-45FYMQYM.js";
import "./chunk-LOPLJTJW.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-6D5ZBDCT.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-IKTJ3QRH.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
