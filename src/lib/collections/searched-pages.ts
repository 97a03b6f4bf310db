import { COLLECTIONS, type CollectionSpec } from "./registry.ts";

/** An entry id as a glob: dated ids are `YYYY/MMDD-slug`, flat ones a single name. */
const ID_GLOB: Record<CollectionSpec["layout"], string> = {
  dated: "[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]-*",
  flat: "*",
};

/**
 * The built pages the search indexer reads, as one glob relative to the site:
 * every collection's entry pages, placed by the same URL functions as the
 * routes. Listing pages (pagination, years, tags) carry nothing to index, yet
 * at thousands of posts reading them took a fifth of the indexing time.
 */
export function searchedPagesGlob(): string {
  const pages = Object.values(COLLECTIONS).map(
    (spec: CollectionSpec) => `${spec.urlPath(ID_GLOB[spec.layout]).replace(/^\//, "")}index.html`,
  );
  return `{${pages.join(",")}}`;
}
