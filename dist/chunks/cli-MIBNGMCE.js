#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-AJD2M6KR.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-NAKKTXNL.js";
import "./chunk-ENGI4YVP.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-VRJXRFAB.js";
import "./chunk-MTZTCCQZ.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
