#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-CVL7QPHQ.js";
import "./chunks/chunk-APEF4XQO.js";
import "./chunks/chunk-HAJ4OSLL.js";
import "./chunks/chunk-KYPKKBIE.js";
import "./chunks/chunk-RYB26OIQ.js";
import "./chunks/chunk-FK2QC4SI.js";
import "./chunks/chunk-FZ2CBLTC.js";
import "./chunks/chunk-ENG5Z6VT.js";
import "./chunks/chunk-ZPLP4LH4.js";
import "./chunks/chunk-CYBZZBR3.js";
import "./chunks/chunk-ZOGEJWXN.js";
import "./chunks/chunk-LXHLSUIQ.js";
import "./chunks/chunk-3PEGX5SE.js";
import "./chunks/chunk-EFS5GV5K.js";

// src/bin/cli.ts
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
});
