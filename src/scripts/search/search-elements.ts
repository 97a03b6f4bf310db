import { type ResultData, renderResult } from "./result-template.ts";

/**
 * The Pagefind components both search views are made of. Their labels and
 * messages come in Japanese from Pagefind's own translations (`<html lang="ja">`).
 */
export function searchInput(): HTMLElement {
  return document.createElement("pagefind-input");
}

export function searchSummary(): HTMLElement {
  return document.createElement("pagefind-summary");
}

export function searchResults(): HTMLElement {
  const results = document.createElement("pagefind-results");
  // Set before it connects, so the very first results already show the date and kind.
  useSiteResultTemplate(results);
  return results;
}

/** Pagefind reads the template each time results arrive, so it may also be set on a list already in the page. */
export function useSiteResultTemplate(results: Element): void {
  Object.assign(results, { resultTemplate: (result: ResultData) => renderResult(result) });
}
