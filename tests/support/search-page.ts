import type { Page } from "playwright-core";

/** One result as the reader sees it on the search page or in the dialog. */
export interface ShownResult {
  path: string;
  title: string;
  about: string;
  marked: string[];
}

/**
 * Waits until Pagefind has answered `query` in `scope` (the page, or the open
 * dialog) and returns the summary line and the results in their order.
 */
export async function shownResults(page: Page, scope: string, query: string) {
  const summary = page.locator(`${scope} pagefind-summary`);
  // Pagefind's Japanese summary: "…の N 件の検索結果" or "…に一致する情報はありませんでした".
  await summary.filter({ hasText: new RegExp(`${escapeRegExp(query)}.*(件の検索結果|ありませんでした)`) }).waitFor();
  const text = (await summary.textContent()) ?? "";
  const count = Number(/(\d+)件の検索結果/.exec(text)?.[1] ?? 0);
  const items = page.locator(`${scope} pagefind-results li.search-result`);
  // Pagefind fills in a result when it scrolls into view: bring the last one in until all are there.
  await page.waitForFunction(
    ({ selector, count }) => {
      const shown = document.querySelectorAll(`${selector} li.search-result`).length;
      if (shown < count) document.querySelector(`${selector} li:last-child`)?.scrollIntoView();
      return shown >= count;
    },
    { selector: `${scope} pagefind-results`, count },
    { polling: 100 },
  );
  const results: ShownResult[] = await items.evaluateAll((lis) =>
    lis.map((li) => {
      const link = li.querySelector<HTMLAnchorElement>("a.search-result-title");
      return {
        path: decodeURI(link?.pathname ?? ""),
        title: link?.textContent ?? "",
        about: li.querySelector(".search-result-about")?.textContent ?? "",
        marked: [...li.querySelectorAll(".search-result-excerpt mark")].map((mark) => mark.textContent ?? ""),
      };
    }),
  );
  return { summary: text, count, results };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
