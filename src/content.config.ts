import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { datedEntryLoader, withExcerpt } from "./collections/dated-entry-loader.ts";
import { COLLECTIONS, type DatedCollectionSpec, type FlatCollectionSpec } from "./lib/collections/registry.ts";
import { collectionDir } from "./lib/content-dir.ts";

/** A dated collection as the registry describes it, each entry with its excerpt. */
function datedFromRegistry<S extends DatedCollectionSpec>(spec: S) {
  return defineCollection({
    loader: datedEntryLoader(collectionDir(spec), spec.read),
    schema: withExcerpt(spec.schema as S["schema"]),
  });
}

/** A flat collection exactly as the registry describes it. */
function flatFromRegistry<S extends FlatCollectionSpec>(spec: S) {
  return defineCollection({
    loader: glob({ pattern: "*.{md,mdx}", base: collectionDir(spec) }),
    schema: spec.schema as S["schema"],
  });
}

export const collections = {
  news: datedFromRegistry(COLLECTIONS.news),
  status: datedFromRegistry(COLLECTIONS.status),
  guides: flatFromRegistry(COLLECTIONS.guides),
  pages: flatFromRegistry(COLLECTIONS.pages),
};
