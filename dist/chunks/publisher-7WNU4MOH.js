#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
} from "./chunk-JZAJU6TY.js";
import "./chunk-XAAN3HRV.js";
import "./chunk-K7IQ7JMU.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-6PJPCJ3F.js";
import "./chunk-YLGC6RT5.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
};
