#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-M7B6XVH7.js";
import "./chunk-APEF4XQO.js";
import "./chunk-LOPLJTJW.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-4AVSFZBY.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-KYPKKBIE.js";
import "./chunk-EB4QAQTQ.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-K7IQ7JMU.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-6PJPCJ3F.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
