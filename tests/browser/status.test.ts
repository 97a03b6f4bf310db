import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSite, type SiteSession, type WatchedContext, withPage } from "../../scripts/harness/browser.ts";
import { buildSite } from "../../scripts/harness/build-site.ts";
import { gzipSize } from "../../scripts/harness/built-site.ts";
import { axeViolations } from "../support/axe.ts";
import { CSS_MAX_GZIP_TOTAL, HTML_MAX_GZIP, JS_MAX_GZIP } from "../support/budget-limits.ts";
import { STATUS_ENTRIES, statusFixtureContent } from "../support/status-fixture.ts";

/*
 * /status/ while an incident is open (the heaviest it gets: the notice, the open incident, upcoming
 * maintenance and history), opened in Chromium: no axe violation in either colour scheme, and what
 * the browser loads stays within the page budgets with the one lazy loader as the only script.
 */

const PAGES: [string, string][] = [
  ["the status page", "/status/"],
  ["an ongoing incident", STATUS_ENTRIES.ongoing.url],
  ["the home page, with the notice and the status line", "/"],
];

let contentDir = "";
let siteDir = "";
let site: SiteSession | undefined;
beforeAll(async () => {
  contentDir = statusFixtureContent("open");
  siteDir = await buildSite(contentDir);
  site = await openSite(siteDir);
});
afterAll(async () => {
  await site?.close();
  rmSync(contentDir, { recursive: true, force: true });
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

/** Opens `path` and returns the site files the browser fetched for it, by kind. */
async function loadedFiles(page: Page, path: string): Promise<Record<"document" | "stylesheet" | "script", string[]>> {
  const loaded = { document: [] as string[], stylesheet: [] as string[], script: [] as string[] };
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type === "document" || type === "stylesheet" || type === "script") {
      loaded[type].push(decodeURIComponent(new URL(response.url()).pathname));
    }
  });
  await page.goto((site as SiteSession).url(path), { waitUntil: "load" });
  return loaded;
}

const builtFile = (path: string) => readFileSync(join(siteDir, path.endsWith("/") ? `${path}index.html` : path));

describe("budgets of the status pages while an incident is open", () => {
  let watched: WatchedContext;
  beforeAll(async () => {
    watched = await (site as SiteSession).newContext();
  });

  it.each(PAGES)("%s (%s): HTML ≤ 7 kB, CSS ≤ 10 kB, the lazy loader its only script", (_, path) =>
    withPage(watched.context, async (page) => {
      const files = await loadedFiles(page, path);
      expect(files.document).toEqual([path]);
      expect(await page.getByRole("complementary", { name: "稼働状況" }).isVisible()).toBe(true);
      expect(gzipSize(builtFile(path))).toBeLessThanOrEqual(HTML_MAX_GZIP);
      expect(files.stylesheet.length).toBeGreaterThan(0);
      const css = files.stylesheet.reduce((sum, file) => sum + gzipSize(builtFile(file)), 0);
      expect(css).toBeLessThanOrEqual(CSS_MAX_GZIP_TOTAL);
      expect(files.script).toHaveLength(1);
      expect(gzipSize(builtFile(files.script[0] as string))).toBeLessThanOrEqual(JS_MAX_GZIP);
      expect(watched.foreignRequests).toEqual([]);
    }),
  );
});

describe.each(["light", "dark"] as const)("axe-core on the status pages (%s colour scheme)", (colorScheme) => {
  let watched: WatchedContext;
  beforeAll(async () => {
    watched = await (site as SiteSession).newContext({ colorScheme });
  });

  it.each(PAGES)("%s (%s)", (_, path) =>
    withPage(watched.context, async (page) => {
      await page.goto((site as SiteSession).url(path));
      expect(await axeViolations(page)).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    }),
  );
});
