import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, PROJECT_ROOT, tempSiteDir } from "./build-site.ts";
import { createTestCa, TEST_CA_DIR_VARIABLE } from "./test-ca.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real site (`content/`) built once for every test file that reads it. */
    realSiteDir: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = await buildSite(join(PROJECT_ROOT, "content"), tempSiteDir("real-site"));
  project.provide("realSiteDir", outDir);
  // Node reads NODE_EXTRA_CA_CERTS only at start-up; workers are forked after this, so they all trust the test CA.
  const ca = createTestCa();
  process.env[TEST_CA_DIR_VARIABLE] = ca.dir;
  process.env.NODE_EXTRA_CA_CERTS = ca.certFile;
  return () => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(ca.dir, { recursive: true, force: true });
  };
}
