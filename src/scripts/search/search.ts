import { openSearchDialog } from "./search-dialog.ts";
import { mountSearchPage } from "./search-page.ts";

/** `data-lazy-now="search"` is the search page's own form; `data-lazy="search"` is a link that opens search. */
export function activate(element: HTMLElement): Promise<void> {
  return element.hasAttribute("data-lazy-now") ? mountSearchPage(element) : openSearchDialog(element);
}
