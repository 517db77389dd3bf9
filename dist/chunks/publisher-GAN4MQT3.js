#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
} from "./chunk-HBP27TXE.js";
import "./chunk-2UGU5K7O.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-TVT32O5F.js";
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
