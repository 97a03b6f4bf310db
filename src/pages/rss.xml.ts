import type { APIRoute } from "astro";
import { shownPosts } from "../collections/posts.ts";
import { newsFeedPosts, newsFeedTitle } from "../feed/news-feed.ts";
import { rssFeedXml } from "../feed/rss.ts";
import { COLLECTIONS } from "../lib/collections/registry.ts";
import { formatJstDate } from "../lib/dates/jst.ts";
import { FEED_FILES } from "../lib/feed-files.ts";
import { serverFacts } from "../lib/server-facts/load.ts";

/**
 * The RSS served at the old WordPress feed addresses (see
 * src/lib/old-site/addresses.ts). It lists only posts published since the
 * migration, the cutoff PubSub uses too: the feed readers subscribed there
 * knew the migrated posts under WordPress's GUIDs, and would show them again
 * as new under ours.
 */
export const GET: APIRoute = async () => {
  const { site, xmpp } = serverFacts();
  const { since } = xmpp.pubsub;
  const posts = (await shownPosts()).filter((post) => post.data.date >= since);
  const newsIndex = new URL(COLLECTIONS.news.indexPath, site.url).href;
  const description = [
    site.description,
    `このフィードには${formatJstDate(since)}以降のお知らせだけが載ります。`,
    `それより前のものを含むすべてのお知らせは ${new URL(FEED_FILES.atom.path, site.url).href} (Atom フィード) と ${newsIndex} にあります。`,
  ].join("");
  const body = rssFeedXml(
    {
      title: newsFeedTitle(site.name),
      description,
      siteUrl: newsIndex,
      selfUrl: new URL(FEED_FILES.rss.path, site.url).href,
    },
    await newsFeedPosts(posts, site.url),
  );
  return new Response(body, { headers: { "Content-Type": FEED_FILES.rss.contentType } });
};
