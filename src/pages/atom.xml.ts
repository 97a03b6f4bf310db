import type { APIRoute } from "astro";
import { shownPosts } from "../collections/posts.ts";
import { postToAtom } from "../feed/post-atom.ts";
import { postBodyHtml } from "../feed/post-html.ts";
import { atomEntry } from "../lib/atom/entry.ts";
import { atomFeedXml } from "../lib/atom/feed.ts";
import { registerFeedEntries } from "../lib/build-info.ts";
import { serverFacts } from "../lib/server-facts/load.ts";

/**
 * Every shown post, newest first: the PubSub publisher reads this file to
 * learn the whole set of posts, so it must not be cut to the latest few.
 */
export const GET: APIRoute = async () => {
  const { site } = serverFacts();
  const author = { name: site.operator, uri: new URL("/", site.url).href };
  const entries = [];
  for (const post of await shownPosts()) {
    entries.push(atomEntry(postToAtom(post, await postBodyHtml(post), site.url), author));
  }
  const body = atomFeedXml(
    {
      id: new URL("/", site.url).href,
      title: `${site.name} お知らせ`,
      subtitle: site.description,
      siteUrl: new URL("/", site.url).href,
      selfUrl: new URL("/atom.xml", site.url).href,
      author,
    },
    entries,
  );
  // The publisher compares the built file with this count, so a cut-off file is never read as a shorter feed.
  registerFeedEntries("atom.xml", entries.length);
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
