import { resolve } from "node:path";

/**
 * Where the build writes the site. `STEP_OUT_DIR` points it elsewhere: test
 * and benchmark builds, and the build `npm run check` makes with drafts.
 */
export function siteOutDir(): string {
  return resolve(process.env.STEP_OUT_DIR ?? "dist");
}
