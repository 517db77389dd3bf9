#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-NUJN5D5U.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-NAKKTXNL.js";
import "./chunk-WKUJXZKH.js";
import "./chunk-OXNJ54AG.js";
import "./chunk-JVA5FMN7.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-MTZTCCQZ.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
