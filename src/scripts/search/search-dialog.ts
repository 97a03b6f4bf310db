import { loadPagefindComponents } from "./pagefind-components.ts";
import { useSiteResultTemplate } from "./search-elements.ts";

interface PagefindModal extends HTMLElement {
  open(): void;
}

/**
 * The header's search link: opens Pagefind's search dialog over the current
 * page. On the search page itself, it just moves to the search box there.
 */
export async function openSearchDialog(trigger: HTMLElement): Promise<void> {
  const pageInput = document.querySelector<HTMLInputElement>("[data-search-page] input");
  if (pageInput) {
    pageInput.focus();
    return;
  }
  await loadPagefindComponents();
  const modal = document.querySelector<PagefindModal>("pagefind-modal") ?? createModal();
  modal.open();
  // The dialog hands focus back to the element that opened it, like a native one.
  modal.querySelector("dialog")?.addEventListener("close", () => trigger.focus(), { once: true });
}

/**
 * An empty `<pagefind-modal>` builds its own parts: the input, the summary and
 * the results, and the keyboard hints. Parts handed to it are moved into its
 * `<dialog>` instead, and Pagefind then sets up the moved header twice (two
 * close buttons). Its results only need the site's template.
 */
function createModal(): PagefindModal {
  const modal = document.createElement("pagefind-modal") as PagefindModal;
  document.body.append(modal);
  const results = modal.querySelector("pagefind-results");
  if (!results) throw new Error("Pagefind's search dialog has no results list");
  useSiteResultTemplate(results);
  return modal;
}
