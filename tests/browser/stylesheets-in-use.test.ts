import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { withPage } from "../../scripts/harness/browser.ts";
import { firstPage, gzipSize } from "../../scripts/harness/built-site.ts";
import { CSS_MAX_GZIP_TOTAL } from "../support/budget-limits.ts";
import { shownResults } from "../support/search-page.ts";
import { siteForSuite } from "../support/site-suite.ts";

/*
 * The CSS budget of issue 4 counts what a page ends up using, not only what its
 * HTML links: search and the chat tab add stylesheets when the reader opens
 * them. So each page is opened in Chromium and used, and then every stylesheet
 * the document has is weighed. (The web client page at /chat/ loads Converse.js's
 * own CSS after login; the issue sets no budget for it.)
 */

const siteDir = inject("realSiteDir");
const post = firstPage(siteDir, /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/).urlPath;
const QUERY = "証明書";

/** A stylesheet of the document: a file of the site, by URL path, or CSS that came without a file. */
type StylesheetInUse = { path: string } | { text: string };

function stylesheetsInUse(page: Page): Promise<StylesheetInUse[]> {
  return page.evaluate(() => {
    const found: ({ path: string } | { text: string })[] = [];
    const visit = (sheet: CSSStyleSheet) => {
      const rules = [...sheet.cssRules];
      found.push(
        sheet.href ? { path: new URL(sheet.href).pathname } : { text: rules.map((r) => r.cssText).join("\n") },
      );
      for (const rule of rules) if (rule instanceof CSSImportRule && rule.styleSheet) visit(rule.styleSheet);
    };
    for (const sheet of [...document.styleSheets, ...document.adoptedStyleSheets]) visit(sheet);
    return found;
  });
}

/** How many stylesheets the page's HTML links, before any script adds one. */
function linkedStylesheetCount(page: Page, html: string): Promise<number> {
  return page.evaluate(
    (source) => new DOMParser().parseFromString(source, "text/html").querySelectorAll('link[rel~="stylesheet"]').length,
    html,
  );
}

/** Each stylesheet with its gzip size; a file is read from the built site, as the server sends it. */
function weigh(stylesheets: StylesheetInUse[]): { name: string; bytes: number }[] {
  return stylesheets.map((sheet) =>
    "path" in sheet
      ? { name: sheet.path, bytes: gzipSize(readFileSync(join(siteDir, decodeURIComponent(sheet.path)))) }
      : { name: "(CSS without a file)", bytes: gzipSize(sheet.text) },
  );
}

async function openSearchDialog(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "サイト" }).getByRole("link", { name: "検索" }).click();
  await page.getByRole("dialog").waitFor();
  await page.keyboard.type(QUERY);
  await shownResults(page, "dialog", QUERY);
}

async function openChatTab(page: Page): Promise<void> {
  await page.getByRole("button", { name: "チャット" }).click();
  await page.getByLabel("ニックネーム").waitFor();
}

/** Each page as a reader may leave it: what the reader opened there, in order. */
const SCENES: [string, string, ((page: Page) => Promise<void>)[]][] = [
  [
    `the search page with the results for ${QUERY}`,
    `/search/?q=${encodeURIComponent(QUERY)}`,
    [(page) => shownResults(page, "", QUERY).then(() => {})],
  ],
  ["a post with the header's search dialog open", post, [openSearchDialog]],
  ["a post with the chat tab open", post, [openChatTab]],
  ["a post with the chat tab and then the search dialog open", post, [openChatTab, openSearchDialog]],
];

describe("CSS in use on a page, after the reader opens search or the chat tab", () => {
  const suite = siteForSuite(siteDir, { viewport: { width: 1000, height: 900 } });

  it.each(SCENES)("%s: ≤ 10 kB gzip of CSS in all", (_, path, steps) =>
    withPage(suite.watched.context, async (page) => {
      const response = await page.goto(suite.site.url(path));
      const linked = await linkedStylesheetCount(page, (await response?.text()) ?? "");
      for (const step of steps) await step(page);
      const sizes = weigh(await stylesheetsInUse(page));
      const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
      const report = sizes.map(({ name, bytes }) => `${name}: ${bytes} B`).join(", ");

      // Opening a feature must have added its stylesheet, or this would only weigh the page as it arrived.
      expect(sizes.length, report).toBeGreaterThan(linked);
      expect(total, `${total} B gzip: ${report}`).toBeLessThanOrEqual(CSS_MAX_GZIP_TOTAL);
      expect(suite.watched.foreignRequests).toEqual([]);
    }),
  );
});
