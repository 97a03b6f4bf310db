import { loadPagefindComponents, searchInstance } from "./pagefind-components.ts";
import { searchInput, searchResults, searchSummary } from "./search-elements.ts";

/**
 * The search page: the plain form is swapped for Pagefind's live search, which
 * starts with the `?q=` the page was opened with (links and the form without
 * JavaScript use it) and keeps `?q=` up to date, so a search can be shared or reloaded.
 */
export async function mountSearchPage(mount: HTMLElement): Promise<void> {
  const form = mount.querySelector("form");
  const typed = form?.querySelector("input")?.value.trim();
  const query = typed || new URLSearchParams(location.search).get("q")?.trim() || "";
  const wasFocused = form?.contains(document.activeElement) ?? false;

  const instance = searchInstance(await loadPagefindComponents().catch((error: unknown) => failed(mount, error)));
  // The filter groups are named by the filter keys on the pages: 種類, 年 and タグ.
  mount.replaceChildren(
    searchInput(),
    document.createElement("pagefind-filter-pane"),
    searchSummary(),
    searchResults(),
  );
  instance.on("search", keepQueryInUrl);
  if (query) instance.triggerSearch(query);
  if (wasFocused || !query) focusSearchInputSoon(mount);
}

function keepQueryInUrl(term: string): void {
  const url = new URL(location.href);
  if (term.trim()) url.searchParams.set("q", term);
  else url.searchParams.delete("q");
  history.replaceState(history.state, "", url);
}

function focusSearchInputSoon(mount: HTMLElement): void {
  requestAnimationFrame(() => mount.querySelector<HTMLInputElement>("pagefind-input input")?.focus());
}

/** Says so on the page (the plain form stays, for another try) and passes the error on to the console. */
function failed(mount: HTMLElement, error: unknown): never {
  const alert = document.createElement("p");
  alert.setAttribute("role", "alert");
  alert.textContent = "検索を読み込めませんでした。時間をおいて、もう一度お試しください。";
  mount.append(alert);
  throw error;
}
