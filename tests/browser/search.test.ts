import { cpSync, rmSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { writeSearchIndex } from "../../scripts/build/search-index.ts";
import { tempSiteDir } from "../../scripts/harness/build-site.ts";
import { builtPages } from "../../scripts/harness/built-site.ts";
import { shownResults } from "../support/search-page.ts";
import { searchPartsOf } from "../support/site-files.ts";
import { siteForSuite } from "../support/site-suite.ts";

/** What the reader of each indexed page can read there: its title and its article. */
interface IndexedPage {
  path: string;
  title: string;
  text: string;
  date: string | null;
}

const realSiteDir = inject("realSiteDir");
const WORDS = ["証明書", "談話室", "オフラインメッセージ", "IRC"];
const NOWHERE = "天気予報";

/**
 * The real site with its search index rebuilt in parts of a few pages each, as
 * a site of thousands of posts has it: every search below must find the same
 * pages across the parts as in one index.
 */
async function indexedInParts(siteDir: string): Promise<string> {
  const copy = tempSiteDir("search-in-parts");
  cpSync(siteDir, copy, { recursive: true });
  await writeSearchIndex(copy, 10);
  const merge = searchPartsOf(copy);
  if (merge.length < 2) throw new Error(`the real site was indexed in ${merge.length + 1} parts, not several`);
  return copy;
}

const partedSiteDir = await indexedInParts(realSiteDir);
afterAll(() => rmSync(partedSiteDir, { recursive: true, force: true }));

describe.each([
  ["one index", realSiteDir],
  ["an index in parts", partedSiteDir],
])("Japanese search (Pagefind) in Chromium, %s", (_, siteDir) => {
  const suite = siteForSuite(siteDir, { viewport: { width: 1000, height: 2400 } });
  let page: Page;
  let indexed: IndexedPage[];

  beforeAll(async () => {
    page = await suite.watched.context.newPage();
    await page.goto(suite.site.url("/"));
    const pages = builtPages(siteDir).filter(({ html }) => html.includes("data-pagefind-body"));
    indexed = await page.evaluate(
      (pages) =>
        pages.map(({ urlPath, html }) => {
          const doc = new DOMParser().parseFromString(html, "text/html");
          return {
            path: urlPath,
            title: doc.querySelector("h1")?.textContent?.trim() ?? "",
            text: doc.querySelector("[data-pagefind-body]")?.textContent ?? "",
            date: doc.querySelector("[data-pagefind-body] header time")?.textContent ?? null,
          };
        }),
      pages.map(({ urlPath, html }) => ({ urlPath, html })),
    );
  });

  afterEach(() => {
    expect(suite.watched.foreignRequests).toEqual([]);
  });

  const pagesContaining = (word: string) =>
    indexed.filter(({ text }) => text.toLowerCase().includes(word.toLowerCase())).map(({ path }) => path);

  it("indexes the news posts, the guides and the privacy page, and nothing else", () => {
    const paths = indexed.map(({ path }) => path);
    expect(paths).toContain("/privacy/");
    expect(paths.some((path) => path.startsWith("/blog/20"))).toBe(true);
    expect(paths.some((path) => path.startsWith("/guides/") && path !== "/guides/")).toBe(true);
    expect(paths).not.toContain("/");
    expect(paths).not.toContain("/search/");
  });

  it.each(WORDS)("finds the pages that contain %s, before any other", async (word) => {
    const expected = pagesContaining(word);
    expect(expected.length, `no page contains ${word}`).toBeGreaterThan(0);
    await page.goto(suite.site.url(`/search/?q=${encodeURIComponent(word)}`));
    const { results, count } = await shownResults(page, "", word);
    expect(count).toBe(results.length);
    expect(
      results
        .slice(0, expected.length)
        .map(({ path }) => path)
        .sort(),
    ).toEqual([...expected].sort());

    // Each result shows its title, the kind of page (and date for news) and the match marked in the excerpt.
    for (const result of results.slice(0, expected.length)) {
      const shown = indexed.find(({ path }) => path === result.path);
      expect(result.title).toBe(shown?.title);
      expect(result.about).toMatch(/^(お知らせ|使い方|ページ)/);
      if (shown?.date) expect(result.about).toContain(shown.date);
      // Pagefind marks the words of the query it found, which may be part of a longer word, or a part of the query.
      const marked = result.marked.map((text) => text.toLowerCase());
      const query = word.toLowerCase();
      expect(
        marked.some((text) => text.includes(query) || query.includes(text)),
        marked.join(" "),
      ).toBe(true);
    }
  });

  it("says so when nothing matches", async () => {
    expect(pagesContaining(NOWHERE)).toEqual([]);
    await page.goto(suite.site.url(`/search/?q=${encodeURIComponent(NOWHERE)}`));
    const { summary, results } = await shownResults(page, "", NOWHERE);
    expect(results).toEqual([]);
    expect(summary).toContain(`${NOWHERE}の検索に一致する情報はありませんでした`);
  });

  it("keeps the words in ?q= as the reader types, and narrows by kind", async () => {
    await page.goto(suite.site.url("/search/"));
    const input = page.locator("pagefind-input input");
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches("pagefind-input input"))).toBe(true);
    await input.pressSequentially("IRC");
    await shownResults(page, "", "IRC");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("IRC");

    await page.locator("pagefind-filter-pane summary", { hasText: "種類" }).click();
    await page.getByRole("checkbox", { name: /使い方/ }).check();
    const narrowed = await shownResults(page, "", "IRC");
    expect(narrowed.results.length).toBeGreaterThan(0);
    for (const result of narrowed.results) expect(result.path).toMatch(/^\/guides\//);
  });

  it("does not submit or navigate on the Enter that confirms a Japanese conversion", async () => {
    await page.goto(suite.site.url("/search/"));
    const input = page.locator("pagefind-input input");
    await input.focus();
    // A form submission or a followed link would load a new document, which has no such mark.
    await page.evaluate(() => document.documentElement.setAttribute("data-same-document", ""));
    const ime = await suite.watched.context.newCDPSession(page);
    await ime.send("Input.imeSetComposition", { text: "しょうめいしょ", selectionStart: 7, selectionEnd: 7 });
    // What Chromium sends for a key the input method takes: keyCode 229, while composing.
    await ime.send("Input.dispatchKeyEvent", {
      type: "rawKeyDown",
      key: "Enter",
      code: "Enter",
      windowsVirtualKeyCode: 229,
    });
    await ime.send("Input.insertText", { text: "証明書" });
    await ime.send("Input.dispatchKeyEvent", {
      type: "keyUp",
      key: "Enter",
      code: "Enter",
      windowsVirtualKeyCode: 229,
    });
    await ime.detach();

    const { results } = await shownResults(page, "", "証明書");
    expect(results.length).toBeGreaterThan(0);
    expect(await input.inputValue()).toBe("証明書");
    expect(new URL(page.url()).pathname).toBe("/search/");
    expect(await page.locator("html[data-same-document]").count()).toBe(1);
  });

  it("opens from the header of any page in a dialog, loading search only then", async () => {
    const post = indexed.find(({ path }) => /^\/blog\/\d{4}\//.test(path));
    if (!post) throw new Error("no news post was built");
    suite.site.server.requests.length = 0;
    await page.goto(suite.site.url(post.path));
    await page.waitForLoadState("networkidle");
    expect(suite.site.server.requests.filter((path) => path.startsWith("/pagefind/"))).toEqual([]);

    const trigger = page.getByRole("navigation", { name: "サイト" }).getByRole("link", { name: "検索" });
    await trigger.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.matches("dialog pagefind-input input")))
      .toBe(true);
    await page.keyboard.type("談話室");
    const { results } = await shownResults(page, "dialog", "談話室");
    expect(results.map(({ path }) => path)).toEqual(expect.arrayContaining(pagesContaining("談話室")));
    expect(new URL(page.url()).pathname).toBe(post.path);

    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await trigger.evaluate((link) => link === document.activeElement)).toBe(true);
  });
});
