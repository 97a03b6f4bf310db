import type { z } from "astro/zod";
import { guideFrontmatterSchema, pageFrontmatterSchema } from "../guides/frontmatter.ts";
import { newsFrontmatterSchema } from "../news/frontmatter.ts";
import { postUrlPath } from "../news/post-path.ts";
import { readPost } from "../news/read-post.ts";
import { SEARCH_BUNDLE_DIR } from "../search-bundle.ts";
import { statusFrontmatterSchema } from "../status/frontmatter.ts";
import { readStatusEntry, STATUS_FOLDER } from "../status/read-entry.ts";

/**
 * The one description of every content collection: where its files live, how they are checked,
 * where each entry is served and how search files it. `src/content.config.ts`, `npm run check`,
 * the routes, the feeds and the sitemap all read this, so a folder never gets files without pages.
 */
interface CollectionSpecBase {
  /** The folder under `content/`. */
  folder: string;
  /** The front-matter schema (Astro types entries with it). */
  schema: z.ZodType;
  /** The site path of an entry, from its id. */
  urlPath: (id: string) => string;
  /** The page that lists the collection. */
  indexPath: string;
  /** Pagefind's 種類 filter value for its pages. */
  searchKind: string;
}

/** Dated entries: `YYYY/MMDD-slug.md(x)`, the path naming the same JST day as `date`. */
export interface DatedCollectionSpec extends CollectionSpecBase {
  layout: "dated";
  /** Checks one file completely (path, front matter, date); throws ContentError. */
  read: (folder: string, file: string) => { path: { id: string }; data: { date: Date; draft?: boolean }; body: string };
  /**
   * Whether an entry dated in the future waits for a build after its date (a scheduled news post)
   * or is shown at once (maintenance announced ahead of time).
   */
  holdsFutureEntries: boolean;
}

/** One file per page, `slug.md(x)`, directly in the folder. */
export interface FlatCollectionSpec extends CollectionSpecBase {
  layout: "flat";
}

export type CollectionSpec = DatedCollectionSpec | FlatCollectionSpec;

/**
 * Top-level paths the site's own routes take: a standing page may not claim one, or its file
 * would build nothing (Astro serves the fixed route first).
 */
export const RESERVED_PAGE_SLUGS: readonly string[] = [
  "blog",
  "guides",
  "tags",
  "search",
  "chat",
  "status",
  "feed",
  SEARCH_BUNDLE_DIR,
  "images",
];

export const COLLECTIONS = {
  news: {
    layout: "dated",
    folder: "news",
    schema: newsFrontmatterSchema,
    read: readPost,
    holdsFutureEntries: true,
    urlPath: postUrlPath,
    indexPath: "/blog/",
    searchKind: "お知らせ",
  },
  status: {
    layout: "dated",
    folder: STATUS_FOLDER,
    schema: statusFrontmatterSchema,
    read: readStatusEntry,
    holdsFutureEntries: false,
    urlPath: (id: string) => `/status/${id}/`,
    indexPath: "/status/",
    searchKind: "障害情報",
  },
  guides: {
    layout: "flat",
    folder: "guides",
    schema: guideFrontmatterSchema,
    urlPath: (slug: string) => `/guides/${slug}/`,
    indexPath: "/guides/",
    searchKind: "使い方",
  },
  pages: {
    layout: "flat",
    folder: "pages",
    schema: pageFrontmatterSchema,
    urlPath: (slug: string) => `/${slug}/`,
    indexPath: "/",
    searchKind: "ページ",
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;

export const collectionNames = Object.keys(COLLECTIONS) as CollectionName[];

/** The site path of entry `id` of `collection`: the one place URLs are made. */
export const entryUrlPath = (collection: CollectionName, id: string): string => COLLECTIONS[collection].urlPath(id);
