import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { copyOfContent, tempSiteDir } from "../../../scripts/harness/build-site.ts";
import { childEnv } from "../../../scripts/harness/child-env.ts";
import { withBuildLock } from "../../../scripts/lib/build-lock.ts";
import { ASTRO_CLI, BUILD_CLI, PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { BUILD_INFO_FILE } from "../../../src/lib/build-info.ts";

const run = promisify(execFile);

/** `node <args>` in the project, as a person runs it: no cache named, so each run picks its own. */
const node = (args: string[], env: Record<string, string>) =>
  run(process.execPath, args, { cwd: PROJECT_ROOT, env: childEnv({ ...env, ASTRO_TELEMETRY_DISABLED: "1" }) });

describe("content/'s Astro cache", () => {
  it("is not taken over by another content folder: npm run build works after Astro read a fixture copy, since deleted", async () => {
    const other = copyOfContent();
    const outDir = tempSiteDir("after-other");
    try {
      await withBuildLock(PROJECT_ROOT, async () => {
        // Cold, as on a fresh clone: the first folder read decides the file paths an unchanged entry keeps.
        rmSync(join(PROJECT_ROOT, "node_modules/.astro"), { recursive: true, force: true });
        // What `npm run check` (astro check) or `astro dev` does on a test's fixture copy.
        await node([ASTRO_CLI, "sync"], { STEP_CONTENT_DIR: other });
        rmSync(other, { recursive: true, force: true });
        await node([BUILD_CLI], { STEP_OUT_DIR: outDir });
      });
      expect(existsSync(join(outDir, BUILD_INFO_FILE))).toBe(true);
    } finally {
      for (const dir of [other, outDir]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
