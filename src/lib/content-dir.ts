import { join, resolve } from "node:path";

const DEFAULT_CONTENT_DIR = "content";

/**
 * Where editors' content lives. `STEP_CONTENT_DIR` points the build at another
 * folder: the tests' fixture sites and the benchmark's generated corpora.
 */
export function contentDir(): string {
  return resolve(process.env.STEP_CONTENT_DIR ?? DEFAULT_CONTENT_DIR);
}

/** A collection's folder: under `contentDir()`, or under `root` (a fixture or a checked copy). */
export function collectionDir(collection: { folder: string }, root: string = contentDir()): string {
  return join(root, collection.folder);
}

/**
 * Astro's content cache. Astro keeps an unchanged entry's file path from
 * whichever folder it was first read in, so `content/` never shares its cache
 * with another folder: after `astro check` or `astro dev` on a test's fixture
 * copy (since deleted), the next `npm run build` would look for the files
 * there. `STEP_CACHE_DIR` gives a build a cache of its own.
 */
export function astroCacheDir(): string {
  if (process.env.STEP_CACHE_DIR) return resolve(process.env.STEP_CACHE_DIR);
  const own = contentDir() === resolve(DEFAULT_CONTENT_DIR);
  return resolve("node_modules", own ? ".astro" : ".astro-other-content");
}
