import { type CollectionEntry, getCollection } from "astro:content";
import { COLLECTIONS } from "../lib/collections/registry.ts";
import { collectionDir } from "../lib/content-dir.ts";
import { markdownFiles } from "../lib/files/content-files.ts";
import { serverFacts } from "../lib/server-facts/load.ts";
import { statusServicesText } from "../lib/status/state.ts";
import { oncePerBuild } from "./once-per-build.ts";
import { newestFirst } from "./posts.ts";

export type StatusEntry = CollectionEntry<"status">;

/**
 * Every status entry, the latest begun first. None is held back: maintenance is announced before
 * its date, and whether an entry is open or upcoming is decided against BUILD_TIME (src/lib/status/).
 * Every page asks (the notice), so it is read once per build.
 */
export const statusEntries: () => Promise<readonly StatusEntry[]> = oncePerBuild(sortedStatusEntries);

async function sortedStatusEntries(): Promise<StatusEntry[]> {
  // Astro warns about a collection without entries; no incident yet is the usual, healthy state.
  if (markdownFiles(collectionDir(COLLECTIONS.status)).length === 0) return [];
  const entries = await getCollection("status");
  return entries.sort(newestFirst);
}

/** The entry's services by their labels in content/server.yaml. */
export const servicesText = (entry: StatusEntry): string =>
  statusServicesText(entry.data.services, serverFacts().services);
