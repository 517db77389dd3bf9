#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  readTestData
} from "./chunk-AIQFM7ZC.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-AKV7NO36.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  readTestData
};
