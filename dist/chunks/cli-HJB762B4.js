#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-JUWZOLII.js";
import "./chunk-APEF4XQO.js";
import "./chunk-GD6NZ4UO.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-KYPKKBIE.js";
import "./chunk-PEJ7ERVW.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-2UGU5K7O.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-TVT32O5F.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
