import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, tempSiteDir } from "../../scripts/harness/build-site.ts";
import { PROJECT_ROOT } from "../../scripts/lib/project-root.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real site (`content/`) built once for every test file that reads it. */
    realSiteDir: string;
  }
}

// Global setups run in the main process, once per project: the site, servers and browser tiers
// share one build through this process-wide promise instead of building `content/` three times.
const shared = globalThis as { stepRealSite?: { dir: Promise<string>; users: number } };

export default async function setup(project: TestProject) {
  shared.stepRealSite ??= { dir: buildSite(join(PROJECT_ROOT, "content"), tempSiteDir("real-site")), users: 0 };
  const site = shared.stepRealSite;
  site.users += 1;
  project.provide("realSiteDir", await site.dir);
  return async () => {
    site.users -= 1;
    if (site.users > 0) return;
    rmSync(await site.dir, { recursive: true, force: true });
    shared.stepRealSite = undefined;
  };
}
