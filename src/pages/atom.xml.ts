import type { APIRoute } from "astro";
import { shownPosts } from "../collections/posts.ts";
import { newsFeedPosts, newsFeedTitle } from "../feed/news-feed.ts";
import { atomEntry } from "../lib/atom/entry.ts";
import { atomFeedXml } from "../lib/atom/feed.ts";
import { FEED_FILES } from "../lib/feed-files.ts";
import { serverFacts } from "../lib/server-facts/load.ts";

/**
 * Every shown post, newest first: the PubSub publisher reads this file to
 * learn the whole set of posts, so it must not be cut to the latest few.
 */
export const GET: APIRoute = async () => {
  const { site } = serverFacts();
  const author = { name: site.operator, uri: new URL("/", site.url).href };
  const entries = (await newsFeedPosts(await shownPosts(), site.url)).map((post) => atomEntry(post, author));
  const body = atomFeedXml(
    {
      id: new URL("/", site.url).href,
      title: newsFeedTitle(site.name),
      subtitle: site.description,
      siteUrl: new URL("/", site.url).href,
      selfUrl: new URL(FEED_FILES.atom.path, site.url).href,
      author,
    },
    entries,
  );
  return new Response(body, { headers: { "Content-Type": FEED_FILES.atom.contentType } });
};
