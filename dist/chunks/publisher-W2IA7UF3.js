#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
} from "./chunk-2PF5CUL6.js";
import "./chunk-FT6ZV6ZI.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-MTZTCCQZ.js";
import "./chunk-OXNJ54AG.js";
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
