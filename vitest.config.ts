import { defineConfig } from "vitest/config";

// Tests start real servers (Prosody, ejabberd) and a real browser: generous
// timeouts, and at most two files at once on the two-core machines.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    globalSetup: ["tests/support/global-setup.ts"],
  },
});
