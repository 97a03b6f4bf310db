import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, PROJECT_ROOT, tempSiteDir } from "./build-site.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real site (`content/`) built once for every test file that reads it. */
    realSiteDir: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = await buildSite(join(PROJECT_ROOT, "content"), tempSiteDir("real-site"));
  project.provide("realSiteDir", outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
