import type { Post } from "../collections/posts.ts";
import type { AtomPost } from "../lib/atom/entry.ts";
import { postToAtom } from "./post-atom.ts";
import { postBodyHtml } from "./post-html.ts";

/** The title of every news feed of the site. */
export const newsFeedTitle = (siteName: string): string => `${siteName} お知らせ`;

/** The feed view of each post, in the order given: what both the Atom and the RSS feed list. */
export async function newsFeedPosts(posts: readonly Post[], siteUrl: string): Promise<AtomPost[]> {
  const views: AtomPost[] = [];
  for (const post of posts) views.push(postToAtom(post, await postBodyHtml(post), siteUrl));
  return views;
}
