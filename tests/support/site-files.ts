import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";
import { parseSearchParts, SEARCH_BUNDLE_DIR, SEARCH_PARTS_FILE } from "../../src/lib/search-bundle.ts";

/** Every HTML page of a built site, as `/path/` → parsed document. */
export function htmlPages(siteDir: string): Map<string, HTMLElement> {
  const pages = new Map<string, HTMLElement>();
  for (const entry of readdirSync(siteDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = join(entry.parentPath, entry.name);
    const path = `/${relative(siteDir, file).replaceAll("\\", "/")}`.replace(/index\.html$/, "");
    pages.set(path, parse(readFileSync(file, "utf8")));
  }
  return pages;
}

/** The page served at a URL path such as `/blog/2018/0414-data/`. */
export function page(siteDir: string, urlPath: string): HTMLElement {
  const file = urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath;
  return parse(readFileSync(join(siteDir, decodeURIComponent(file)), "utf8"));
}

export function siteFile(siteDir: string, path: string): string {
  return readFileSync(join(siteDir, path), "utf8");
}

/** The further parts of a built site's search index, as the browser reads them. */
export function searchPartsOf(siteDir: string): string[] {
  return parseSearchParts(JSON.parse(siteFile(siteDir, join(SEARCH_BUNDLE_DIR, SEARCH_PARTS_FILE)))).merge;
}
