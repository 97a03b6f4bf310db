/**
 * Loads Pagefind's Component UI from the bundle the build writes to /pagefind/
 * (see scripts/build/search-index.ts). It is not bundled with the site scripts:
 * the bundle and the index are made together, after the pages are built.
 * Pagefind's own stylesheet is left out: the site's search.css styles the
 * components, in far fewer bytes (the CSS budget of issue 4).
 */
import { parseSearchParts, SEARCH_BUNDLE_DIR, SEARCH_PARTS_FILE } from "../../lib/search-bundle.ts";
import { addStylesheet } from "../stylesheet.ts";
import siteStyleUrl from "./search.css?url";

const BUNDLE_PATH = `/${SEARCH_BUNDLE_DIR}/`;

/** The few calls made on a Pagefind search instance. */
export interface SearchInstance {
  on(event: "search", callback: (term: string) => void): void;
  triggerSearch(term: string): void;
}

interface PagefindComponents {
  configureInstance(
    name: string,
    options: { bundlePath: string; excerptLength?: number; mergeIndex?: { bundlePath: string }[] },
  ): void;
  getInstanceManager(): { getInstance(name: string): SearchInstance };
}

declare global {
  interface Window {
    PagefindComponents?: PagefindComponents;
  }
}

let loading: Promise<PagefindComponents> | undefined;

export function loadPagefindComponents(): Promise<PagefindComponents> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The index's further parts (a large site's index is built in parts), fetched beside the scripts. */
async function furtherParts(): Promise<string[]> {
  const response = await fetch(`${BUNDLE_PATH}${SEARCH_PARTS_FILE}`);
  if (!response.ok) throw new Error(`${BUNDLE_PATH}${SEARCH_PARTS_FILE}: HTTP ${response.status}`);
  return parseSearchParts(await response.json()).merge;
}

async function load(): Promise<PagefindComponents> {
  const [, , parts] = await Promise.all([
    addStylesheet(siteStyleUrl),
    import(/* @vite-ignore */ `${BUNDLE_PATH}pagefind-component-ui.js`),
    furtherParts(),
  ]);
  const components = window.PagefindComponents;
  if (!components) throw new Error("Pagefind Component UI did not load");
  // Before any component connects: a component that connects first creates the instance with defaults.
  components.configureInstance("default", {
    bundlePath: BUNDLE_PATH,
    excerptLength: 40,
    mergeIndex: parts.map((dir) => ({ bundlePath: `${BUNDLE_PATH}${dir}` })),
  });
  return components;
}

export function searchInstance(components: PagefindComponents): SearchInstance {
  return components.getInstanceManager().getInstance("default");
}
