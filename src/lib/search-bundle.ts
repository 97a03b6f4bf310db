/** The folder of the built site that holds the search index and Pagefind's scripts (`/pagefind/`). */
export const SEARCH_BUNDLE_DIR = "pagefind";

/**
 * The file in the bundle that lists the index's further parts, for the
 * reader's browser to merge with the one in the bundle itself. A large site's
 * index is built in parts to bound the build's memory (scripts/build/search-parts.ts).
 */
export const SEARCH_PARTS_FILE = "search-parts.json";

/** The folder, inside the bundle, of part `number` (the first part is the bundle itself). */
export const searchPartDir = (number: number): string => `part-${number}/`;

/** What `SEARCH_PARTS_FILE` holds: the further parts' folders, relative to the bundle. */
export interface SearchParts {
  merge: string[];
}

/**
 * Reads `SEARCH_PARTS_FILE`: the further parts' folders, in order from part 2, as the build names
 * them. Anything else is an error, not an index left out.
 */
export function parseSearchParts(json: unknown): SearchParts {
  const merge = (json as Partial<SearchParts> | null)?.merge;
  if (!Array.isArray(merge) || !merge.every((dir, index) => dir === searchPartDir(index + 2))) {
    throw new Error(`${SEARCH_PARTS_FILE}: "merge" is not a list of part folders`);
  }
  return { merge };
}
