import { configDefaults, defineConfig } from "vitest/config";
import base, { SYSTEM_TESTS } from "./vitest.config.js";

/**
 * The tests that need a system tool, installed by .ci/run: `*.system.test.ts` only
 * (`npm run test:shellcheck`).
 */
export default defineConfig({ test: { ...base.test, include: [SYSTEM_TESTS], exclude: [...configDefaults.exclude] } });
