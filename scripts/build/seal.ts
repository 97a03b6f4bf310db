import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import { BUILD_INFO_FILE, PENDING_BUILD_INFO_FILE } from "../../src/lib/build-info.ts";
import { shownPath } from "../../src/lib/files/shown-path.ts";

/**
 * Seals a finished build: the record `astro build` left is renamed to
 * build-info.json, the last file the build writes. A rename cannot be seen
 * half-done, so a reader finds either no seal or a whole one.
 */
export function sealBuild(siteDir: string): void {
  const pending = join(siteDir, PENDING_BUILD_INFO_FILE);
  if (!existsSync(pending)) {
    throw new Error(`${shownPath(pending)} is missing: astro build did not finish, so there is no build to seal`);
  }
  renameSync(pending, join(siteDir, BUILD_INFO_FILE));
}
