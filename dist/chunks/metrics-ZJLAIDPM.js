#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  METRICS,
  PRIMARY_METRIC,
  allMetrics,
  aucClasses,
  computeMetrics,
  confusionMatrix,
  higherIsBetter,
  metricFromConfusion,
  predictedClasses,
  prepareMetrics
} from "./chunk-EHBBVEWB.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";
export {
  METRICS,
  PRIMARY_METRIC,
  allMetrics,
  aucClasses,
  computeMetrics,
  confusionMatrix,
  higherIsBetter,
  metricFromConfusion,
  predictedClasses,
  prepareMetrics
};
