#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  RingWriter,
  createRing,
  labelOk,
  readRing
} from "./chunk-HDVJN2TH.js";
import "./chunk-EFS5GV5K.js";
export {
  RingWriter,
  createRing,
  labelOk,
  readRing
};
