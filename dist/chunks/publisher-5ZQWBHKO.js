#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
} from "./chunk-SMW4LWN3.js";
import "./chunk-MN732ZTY.js";
import "./chunk-IGPQE56H.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-MDOPJLM6.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-W3QJ4PUQ.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-HWVZW6M5.js";
import "./chunk-EFS5GV5K.js";
export {
  GitHubPublisher,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
};
