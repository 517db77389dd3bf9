#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
} from "./chunk-WVC2DJQ7.js";
import "./chunk-XAAN3HRV.js";
import "./chunk-6D5ZBDCT.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-LXHLSUIQ.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-IKTJ3QRH.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-YLGC6RT5.js";
import "./chunk-EFS5GV5K.js";
export {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
};
