#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  DUCKDB_MEMORY,
  runDataGate
} from "./chunk-NAVPXYSH.js";
import "./chunk-5VLANLTR.js";
import "./chunk-ZW72TQVB.js";
import "./chunk-QFTAHOAA.js";
import "./chunk-4AVSFZBY.js";
import "./chunk-IJXNO6H4.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-45FYMQYM.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-IKTJ3QRH.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  DUCKDB_MEMORY,
  runDataGate
};
