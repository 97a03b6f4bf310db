import { globSync } from "node:fs";
import { COLLECTIONS } from "../../src/lib/collections/registry.ts";
import { entryPagesGlob, globOfAll } from "../../src/lib/collections/searched-pages.ts";

/**
 * Pages per part of the search index. Pagefind holds a Japanese index in
 * memory while it writes it, about 0.3 MiB a page (1.4 GiB for 5,000 posts),
 * so a large site is indexed in parts, one Pagefind run after another, that
 * readers' browsers merge. 2,000 pages keep a run near 0.6 GiB; a site with
 * fewer pages, as STEP.im's, has one part and readers load one index.
 * `STEP_SEARCH_PART_PAGES` sets another size, for a build machine with less memory.
 */
export const DEFAULT_SEARCH_PART_PAGES = 2000;

export function searchPartPages(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.STEP_SEARCH_PART_PAGES;
  if (value === undefined || value === "") return DEFAULT_SEARCH_PART_PAGES;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new Error(
      `STEP_SEARCH_PART_PAGES: "${value}" is not a whole number of pages (default ${DEFAULT_SEARCH_PART_PAGES})`,
    );
  }
  return Number(value);
}

/** Pages that are indexed together or not at all: a flat collection, or one year of a dated one. */
export interface SearchUnit {
  glob: string;
  pages: number;
}

/**
 * The searched pages of the built site in `siteDir`, as units: each flat
 * collection whole, then each year of each dated collection, newest first.
 */
export function searchUnits(siteDir: string): SearchUnit[] {
  const specs = Object.values(COLLECTIONS);
  const flat = specs
    .filter((spec) => spec.layout === "flat")
    .map((spec) => entryPagesGlob(spec))
    .map((glob) => ({ glob, pages: globSync(glob, { cwd: siteDir }).length }));
  const dated = specs
    .filter((spec) => spec.layout === "dated")
    .flatMap((spec) => {
      // A dated entry's page is `…/YYYY/MMDD-slug/index.html`: its year is the third folder from the end.
      const years = Map.groupBy(
        globSync(entryPagesGlob(spec), { cwd: siteDir }),
        (page) => page.split("/").at(-3) ?? "",
      );
      return [...years]
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([year, pages]) => ({ glob: entryPagesGlob(spec, year), pages: pages.length }));
    });
  return [...flat, ...dated];
}

/**
 * Units packed, in order, into parts of at most `maxPages` pages each; a unit
 * larger than that is a part of its own. Returns each part's glob.
 */
export function packSearchParts(units: readonly SearchUnit[], maxPages: number): string[] {
  const parts: SearchUnit[][] = [];
  let pages = 0;
  for (const unit of units) {
    const current = parts.at(-1);
    // A part never starts before the one in hand holds a page: Pagefind refuses to index nothing.
    if (current === undefined || (pages > 0 && pages + unit.pages > maxPages)) {
      parts.push([unit]);
      pages = unit.pages;
    } else {
      current.push(unit);
      pages += unit.pages;
    }
  }
  return parts.map((part) => globOfAll(part.map(({ glob }) => glob)));
}
