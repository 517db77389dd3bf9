#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  containerKind,
  readTestData
} from "./chunk-A6BOQ7SD.js";
import "./chunk-RYB26OIQ.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-JHJN2HAN.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  containerKind,
  readTestData
};
