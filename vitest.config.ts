import os from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * `npm test`: everything that needs only Node and npm. Tests that need a system tool are named
 * `*.system.test.ts` and run from their own npm script (`npm run test:shellcheck`), which `.ci/run`
 * calls after installing the tool: vitest.system.config.ts. The browser test (test/browser/) runs
 * from `npm run test:browser`: vitest.browser.config.ts.
 */
export const SYSTEM_TESTS = "test/**/*.system.test.ts";
/** The HTML report in a real browser: `npm run test:browser` (vitest.browser.config.ts), Chromium from .ci/run. */
export const BROWSER_TESTS = "test/browser/**/*.test.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, SYSTEM_TESTS, BROWSER_TESTS],
    globalSetup: ["test/support/global-setup.ts"],
    // onnxruntime-node and DuckDB are native addons: separate processes keep them apart.
    pool: "forks",
    // Vitest's default is one fork fewer than the cores: one at a time on a 2-core CI machine, where
    // most files wait on child processes and loopback servers. Two forks: 498 s instead of 1,084 s
    // for the whole suite on 2 cores (docs/benchmarks.md).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
