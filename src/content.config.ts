import { defineCollection } from "astro:content";
import { join } from "node:path";
import { glob } from "astro/loaders";
import { datedEntryLoader } from "./collections/dated-entry-loader.ts";
import { COLLECTIONS, type CollectionSpec } from "./lib/collections/registry.ts";
import { contentDir } from "./lib/content-dir.ts";

/** An Astro collection exactly as the registry describes it. */
function fromRegistry<S extends CollectionSpec>(spec: S) {
  const folder = join(contentDir(), spec.folder);
  const loader =
    spec.layout === "dated" ? datedEntryLoader(folder, spec.read) : glob({ pattern: "*.{md,mdx}", base: folder });
  return defineCollection({ loader, schema: spec.schema as S["schema"] });
}

export const collections = {
  news: fromRegistry(COLLECTIONS.news),
  status: fromRegistry(COLLECTIONS.status),
  guides: fromRegistry(COLLECTIONS.guides),
  pages: fromRegistry(COLLECTIONS.pages),
};
