import { type CollectionEntry, getCollection } from "astro:content";
import { isShown } from "../lib/news/visibility.ts";

export type Post = CollectionEntry<"news">;

/** One "now" per build, so pages, feed and sitemap agree on what is scheduled. */
export const BUILD_TIME = new Date();

/** The posts this build shows, newest first. */
export async function shownPosts(): Promise<Post[]> {
  const posts = await getCollection("news", (post) => isShown(post.data, BUILD_TIME, import.meta.env.STEP_PREVIEW));
  return posts.sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id));
}

export function postYear(post: Post): string {
  return post.id.slice(0, 4);
}
