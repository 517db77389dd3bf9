#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/core/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
function isConfigurationError(e) {
  return e instanceof ConfigurationError;
}
function errorMessage(e) {
  return e instanceof Error ? e.message : String(e);
}

export {
  ConfigurationError,
  isConfigurationError,
  errorMessage
};
