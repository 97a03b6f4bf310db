import type { APIRoute } from "astro";
import { shownPosts } from "../collections/posts.ts";
import { atomFeedResponse } from "../feed/atom-response.ts";
import { postToAtom } from "../feed/post-atom.ts";
import { postBodyHtml } from "../feed/post-html.ts";
import { serverFacts } from "../lib/server-facts/load.ts";

/**
 * Every shown post, newest first: the PubSub publisher reads this file to
 * learn the whole set of posts, so it must not be cut to the latest few.
 */
export const GET: APIRoute = async () => {
  const { site } = serverFacts();
  const entries = [];
  for (const post of await shownPosts()) entries.push(postToAtom(post, await postBodyHtml(post), site.url));
  return atomFeedResponse({ title: `${site.name} お知らせ`, homePath: "/", selfPath: "/atom.xml", entries });
};
