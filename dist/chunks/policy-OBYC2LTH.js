#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  KNOWN_DOMAINS,
  policyChecks,
  settleOpsetFloor,
  targetOrt
} from "./chunk-PE3W4K33.js";
import "./chunk-54ZODEJC.js";
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
