import type { APIRoute } from "astro";
import { shownPosts } from "../collections/posts.ts";
import { atomFeedResponse } from "../feed/atom-response.ts";
import { newsFeedPosts, newsFeedTitle } from "../feed/news-feed.ts";
import { FEED_FILES } from "../lib/feed-files.ts";
import { serverFacts } from "../lib/server-facts/load.ts";

/**
 * Every shown post, newest first: the PubSub publisher reads this file to
 * learn the whole set of posts, so it must not be cut to the latest few.
 */
export const GET: APIRoute = async () => {
  const { site } = serverFacts();
  const entries = await newsFeedPosts(await shownPosts(), site.url);
  return atomFeedResponse({ title: newsFeedTitle(site.name), homePath: "/", feed: FEED_FILES.atom, entries });
};
