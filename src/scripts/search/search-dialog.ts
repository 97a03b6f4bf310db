import { loadPagefindComponents } from "./pagefind-components.ts";
import { searchInput, searchResults, searchSummary } from "./search-elements.ts";

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

function createModal(): PagefindModal {
  const modal = document.createElement("pagefind-modal") as PagefindModal;
  const header = document.createElement("pagefind-modal-header");
  header.append(searchInput());
  const body = document.createElement("pagefind-modal-body");
  body.append(searchSummary(), searchResults());
  const footer = document.createElement("pagefind-modal-footer");
  footer.append(document.createElement("pagefind-keyboard-hints"));
  modal.append(header, body, footer);
  document.body.append(modal);
  return modal;
}
