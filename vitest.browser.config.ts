import { defineConfig } from "vitest/config";
import base, { BROWSER_TESTS } from "./vitest.config.js";

/**
 * `npm run test:browser`: the HTML report opened in a real browser (playwright-core driving the
 * system's Chromium, which .ci/run installs with apt-get). Not part of `npm test`, which needs only
 * Node and npm.
 */
export default defineConfig({ test: { ...base.test, include: [BROWSER_TESTS], exclude: [] } });
