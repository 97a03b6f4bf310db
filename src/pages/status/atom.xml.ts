import type { APIRoute } from "astro";
import { statusEntries } from "../../collections/status.ts";
import { atomFeedResponse } from "../../feed/atom-response.ts";
import { statusToAtom } from "../../feed/post-atom.ts";
import { postBodyHtml } from "../../feed/post-html.ts";
import { COLLECTIONS } from "../../lib/collections/registry.ts";
import { FEED_FILES } from "../../lib/feed-files.ts";
import { serverFacts } from "../../lib/server-facts/load.ts";
import { statusFeedTitle } from "../../lib/status/paths.ts";

/**
 * Every status entry, the latest begun first. The PubSub publisher pairs this feed with
 * `xmpp.pubsub.statusNode`; like `/atom.xml` it keeps every entry, so the publisher sees the whole set.
 */
export const GET: APIRoute = async () => {
  const { site } = serverFacts();
  const entries = [];
  for (const entry of await statusEntries()) entries.push(statusToAtom(entry, await postBodyHtml(entry), site.url));
  return atomFeedResponse({
    title: statusFeedTitle(site.name),
    homePath: COLLECTIONS.status.indexPath,
    feed: FEED_FILES.statusAtom,
    entries,
  });
};
