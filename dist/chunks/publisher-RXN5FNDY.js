#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  GitHubPublisher,
  deniedSentence,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
} from "./chunk-EUCM3UM7.js";
import "./chunk-ENYL6DYG.js";
import "./chunk-IGPQE56H.js";
import "./chunk-YI2FKSZ3.js";
import "./chunk-3SW64I2Z.js";
import "./chunk-E4IFUBZY.js";
import "./chunk-ANBSLUPX.js";
import "./chunk-CYBZZBR3.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";
export {
  GitHubPublisher,
  deniedSentence,
  enrichReport,
  publisherFor,
  stampProvenance,
  startPublishing
};
