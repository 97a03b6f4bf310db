import { defineConfig } from "vitest/config";

/**
 * Four tiers, each a Vitest project (`npm test` runs all, `npm run test:unit` the first):
 * - unit: pure code; no build, no server, no browser;
 * - site: builds sites (the real one once, fixtures as needed) and reads the output;
 * - servers: real Prosody, ejabberd, sshd and nginx on loopback, with a throwaway CA;
 * - browser: headless Chromium, sometimes with servers behind it.
 * Builds and servers share two cores, so timeouts leave room for a build running beside them.
 */
const tier = (name: string, globalSetup: string[], timeouts = { testTimeout: 120_000, hookTimeout: 300_000 }) => ({
  extends: true as const,
  test: { name, include: [`tests/${name}/**/*.test.ts`], globalSetup, ...timeouts },
});

const REAL_SITE = "tests/support/real-site-setup.ts";
const TEST_CA = "tests/support/test-ca-setup.ts";

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      tier("unit", [], { testTimeout: 30_000, hookTimeout: 60_000 }),
      tier("site", [REAL_SITE]),
      tier("servers", [TEST_CA, REAL_SITE]),
      tier("browser", [TEST_CA, REAL_SITE]),
    ],
  },
});
