#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  KNOWN_DOMAINS,
  policyChecks,
  settleOpsetFloor,
  targetOrt
} from "./chunk-7L6TGAJT.js";
import "./chunk-I5TC7TDL.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-ULEDS62O.js";
import "./chunk-JHJN2HAN.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  KNOWN_DOMAINS,
  policyChecks,
  settleOpsetFloor,
  targetOrt
};
