import { type AtomPost, atomEntry } from "../lib/atom/entry.ts";
import { atomFeedXml } from "../lib/atom/feed.ts";
import { registerFeedEntries } from "../lib/build-info.ts";
import type { FeedFile } from "../lib/feed-files.ts";
import { serverFacts } from "../lib/server-facts/load.ts";

export interface AtomFeedRoute {
  title: string;
  /** The page the feed mirrors; its absolute URL is also the feed's id. */
  homePath: string;
  /** Where the feed itself is served, and as what. */
  feed: FeedFile;
  /** Newest first. */
  entries: readonly AtomPost[];
}

/**
 * An Atom route's response: the site's author and every entry from the one entry builder, so
 * `/atom.xml` and `/status/atom.xml` (and the PubSub payloads read from them) are made alike.
 */
export function atomFeedResponse(route: AtomFeedRoute): Response {
  const { site } = serverFacts();
  const author = { name: site.operator, uri: new URL("/", site.url).href };
  const home = new URL(route.homePath, site.url).href;
  const body = atomFeedXml(
    {
      id: home,
      title: route.title,
      subtitle: site.description,
      siteUrl: home,
      selfUrl: new URL(route.feed.path, site.url).href,
      author,
    },
    route.entries.map((entry) => atomEntry(entry, author)),
  );
  // The publisher compares the built file with this count, so a cut-off file is never read as a shorter feed.
  registerFeedEntries(route.feed.path.replace(/^\//, ""), route.entries.length);
  return new Response(body, { headers: { "Content-Type": route.feed.contentType } });
}
