#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  commandHelp,
  main,
  mainHelp
} from "./chunk-WDJZRZ53.js";
import "./chunk-MSLKYCMH.js";
import "./chunk-EHBBVEWB.js";
import "./chunk-D3EGGY3J.js";
import "./chunk-3ILC2NNE.js";
import "./chunk-IGPQE56H.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-UBWSVVVQ.js";
import "./chunk-AYZAZZX6.js";
import "./chunk-ENG5Z6VT.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-PVVQWW7F.js";
import "./chunk-ANBSLUPX.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-R6IAO5N7.js";
import "./chunk-FK2QC4SI.js";
import "./chunk-ULEDS62O.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";
export {
  commandHelp,
  main,
  mainHelp
};
