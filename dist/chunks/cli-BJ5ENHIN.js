#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-4PDXLKXI.js";
import "./chunk-MSLKYCMH.js";
import "./chunk-KYPKKBIE.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-FWIXXYTV.js";
import "./chunk-G64CW3AC.js";
import "./chunk-S75WCML5.js";
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
