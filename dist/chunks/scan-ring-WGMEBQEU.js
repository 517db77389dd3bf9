#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  RingWriter,
  createRing,
  readRing
} from "./chunk-3NDFNCW7.js";
import "./chunk-EFS5GV5K.js";
export {
  RingWriter,
  createRing,
  readRing
};
