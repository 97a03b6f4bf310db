import type { CollectionSpec } from "./registry.ts";

const FOUR_DIGITS = "[0-9][0-9][0-9][0-9]";

/**
 * The built pages of one collection's entries, as a glob relative to the site,
 * placed by the same URL function as the routes; `year` narrows a dated
 * collection to one year's folder. Listing pages (pagination, years, tags)
 * carry nothing to index, yet at thousands of posts reading them took a fifth
 * of the indexing time, so the globs name entry pages only.
 */
export function entryPagesGlob(spec: CollectionSpec, year = FOUR_DIGITS): string {
  const id = spec.layout === "dated" ? `${year}/${FOUR_DIGITS}-*` : "*";
  return `${spec.urlPath(id).replace(/^\//, "")}index.html`;
}

/** One glob for several, as Pagefind's `--glob` takes them. */
export const globOfAll = (globs: readonly string[]): string =>
  globs.length === 1 ? (globs[0] as string) : `{${globs.join(",")}}`;
