#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  DEFAULT_DOMAIN,
  decodeModelBytes,
  domainName,
  externalFiles,
  formatDims,
  inspectModel,
  readModelFile,
  sniffFormat
} from "./chunk-I5TC7TDL.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-ULEDS62O.js";
import "./chunk-JHJN2HAN.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  DEFAULT_DOMAIN,
  decodeModelBytes,
  domainName,
  externalFiles,
  formatDims,
  inspectModel,
  readModelFile,
  sniffFormat
};
