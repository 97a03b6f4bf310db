import type { BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { openSite, type SiteSession, type WatchedContext } from "../../scripts/harness/browser.ts";

/**
 * For a `describe` block: serves `siteDir` and starts Chromium before its
 * tests, with one watched context (see `SiteSession.newContext`), and stops
 * both after them. The fields are filled in once `beforeAll` has run.
 */
export function siteForSuite(siteDir: string, contextOptions: BrowserContextOptions = {}) {
  const suite = {} as { site: SiteSession; watched: WatchedContext };
  beforeAll(async () => {
    suite.site = await openSite(siteDir);
    suite.watched = await suite.site.newContext(contextOptions);
  });
  afterAll(() => suite.site?.close());
  return suite;
}
