#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  crashSentence
} from "./chunk-PVVQWW7F.js";
import {
  subjectOf
} from "./chunk-FK2QC4SI.js";
import {
  makeReport
} from "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/gates/model/crashed.ts
async function crashedCandidateReport(file, display, crash) {
  const subject = await subjectOf(file, display, "candidate");
  const message = crashSentence(crash);
  return makeReport({
    gate: "model",
    checks: [
      {
        id: "load.crash",
        title: "onnxruntime survives the candidate",
        status: "fail",
        observed: `crashed (${crash.signal})`,
        expected: "loads and runs, or fails with an error",
        message,
        file: display
      }
    ],
    summary: `the candidate was not evaluated: ${message}`,
    subject,
    subjects: [subject],
    inputs: { [display]: subject.sha256 }
  });
}
export {
  crashedCandidateReport
};
