import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { withPage } from "../../scripts/harness/browser.ts";
import { firstPage } from "../../scripts/harness/built-site.ts";
import { axeViolations } from "../support/axe.ts";
import { shownResults } from "../support/search-page.ts";
import { siteForSuite } from "../support/site-suite.ts";

const siteDir = inject("realSiteDir");

/** The pages issue 4 names, each as the reader finds it (the search page with results on it). */
const PAGES: [string, string, (page: Page) => Promise<void>][] = [
  ["home", "/", async () => {}],
  ["news index", "/blog/", async () => {}],
  ["a news post", firstPage(siteDir, /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/).urlPath, async () => {}],
  ["privacy policy", "/privacy/", async () => {}],
  ["a guide", firstPage(siteDir, /^\/guides\/[^/]+\/$/).urlPath, async () => {}],
  ["status (as built from content/)", "/status/", async () => {}],
  ["search with results", "/search/?q=IRC", (page) => shownResults(page, "", "IRC").then(() => {})],
  ["404", "/no-such-page/", async () => {}],
  [
    "the search dialog",
    "/privacy/",
    async (page) => {
      await page.getByRole("navigation", { name: "サイト" }).getByRole("link", { name: "検索" }).click();
      await page.getByRole("dialog").waitFor();
      await page.keyboard.type("証明書");
      await shownResults(page, "dialog", "証明書");
    },
  ],
];

describe.each(["light", "dark"] as const)("axe-core finds no violation (%s colour scheme)", (colorScheme) => {
  const suite = siteForSuite(siteDir, { colorScheme });

  it.each(PAGES)("%s (%s)", (_, path, prepare) =>
    withPage(suite.watched.context, async (page) => {
      await page.goto(suite.site.url(path));
      await prepare(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(suite.watched.foreignRequests).toEqual([]);
    }),
  );
});
