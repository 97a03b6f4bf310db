/**
 * The only script a content page runs before the reader asks for more. It
 * fetches nothing by itself: each feature is a module that is imported the
 * first time the reader reaches for it, so pages stay light and work without it.
 *
 * - `data-lazy="NAME"` marks a trigger (a link or button): a plain click
 *   imports module NAME and hands it the trigger. Links keep a real `href`, the
 *   way there without JavaScript, and the fallback when the import fails.
 * - `data-lazy-now="NAME"` marks a place where the page itself is that
 *   feature (the search page): NAME is imported as soon as the page loads.
 */
export interface LazyModule {
  activate(element: HTMLElement): void | Promise<void>;
}

const registry: Record<string, () => Promise<LazyModule>> = {
  search: () => import("./search/search.ts"),
  chat: () => import("./chat/chat-tab.ts"),
  "web-client": () => import("./chat/web-client.ts"),
};

const imported = new Map<string, Promise<LazyModule>>();

function load(name: string): Promise<LazyModule> {
  const importer = registry[name];
  if (!importer) return Promise.reject(new Error(`data-lazy: no module named "${name}"`));
  let module = imported.get(name);
  if (!module) {
    module = importer();
    // A failed import (say, offline) may be retried on the next click.
    module.catch(() => imported.delete(name));
    imported.set(name, module);
  }
  return module;
}

async function activate(name: string, element: HTMLElement): Promise<void> {
  try {
    await (await load(name)).activate(element);
  } catch (error) {
    console.error(error);
    if (element instanceof HTMLAnchorElement) location.assign(element.href);
  }
}

/** A click that asks for a new tab or window is left to the browser. */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

document.addEventListener("click", (event) => {
  const trigger = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-lazy]") : null;
  const name = trigger?.dataset.lazy;
  if (!trigger || !name || event.defaultPrevented || !isPlainClick(event)) return;
  event.preventDefault();
  void activate(name, trigger);
});

for (const element of document.querySelectorAll<HTMLElement>("[data-lazy-now]")) {
  const name = element.dataset.lazyNow;
  if (name) void activate(name, element);
}
