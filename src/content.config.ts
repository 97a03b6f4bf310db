import { defineCollection } from "astro:content";
import { join } from "node:path";
import { glob } from "astro/loaders";
import { datedEntryLoader, withExcerpt } from "./collections/dated-entry-loader.ts";
import { COLLECTIONS, type DatedCollectionSpec, type FlatCollectionSpec } from "./lib/collections/registry.ts";
import { contentDir } from "./lib/content-dir.ts";

/** A dated collection as the registry describes it, each entry with its excerpt. */
function datedFromRegistry<S extends DatedCollectionSpec>(spec: S) {
  const folder = join(contentDir(), spec.folder);
  return defineCollection({
    loader: datedEntryLoader(folder, spec.read),
    schema: withExcerpt(spec.schema as S["schema"]),
  });
}

/** A flat collection exactly as the registry describes it. */
function flatFromRegistry<S extends FlatCollectionSpec>(spec: S) {
  const folder = join(contentDir(), spec.folder);
  return defineCollection({
    loader: glob({ pattern: "*.{md,mdx}", base: folder }),
    schema: spec.schema as S["schema"],
  });
}

export const collections = {
  news: datedFromRegistry(COLLECTIONS.news),
  status: datedFromRegistry(COLLECTIONS.status),
  guides: flatFromRegistry(COLLECTIONS.guides),
  pages: flatFromRegistry(COLLECTIONS.pages),
};
