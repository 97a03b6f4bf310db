import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSiteWithOutput, type SiteBuild, tempSiteDir } from "../../scripts/harness/build-site.ts";
import { PROJECT_ROOT } from "../../scripts/lib/project-root.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real site (`content/`) built once for every test file that reads it. */
    realSiteDir: string;
    /** What that build printed (stdout, then stderr). */
    realSiteBuildOutput: string;
  }
}

// Global setups run in the main process, once per project: the site, servers and browser tiers
// share one build through this process-wide promise instead of building `content/` three times.
const shared = globalThis as { stepRealSite?: { build: Promise<SiteBuild>; users: number } };

export default async function setup(project: TestProject) {
  shared.stepRealSite ??= {
    build: buildSiteWithOutput(join(PROJECT_ROOT, "content"), tempSiteDir("real-site")),
    users: 0,
  };
  const site = shared.stepRealSite;
  site.users += 1;
  const { dir, output } = await site.build;
  project.provide("realSiteDir", dir);
  project.provide("realSiteBuildOutput", output);
  return async () => {
    site.users -= 1;
    if (site.users > 0) return;
    rmSync(dir, { recursive: true, force: true });
    shared.stepRealSite = undefined;
  };
}
