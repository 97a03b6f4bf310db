import { type CollectionEntry, getCollection } from "astro:content";
import { isShown } from "../lib/news/visibility.ts";
import { oncePerBuild } from "./once-per-build.ts";

export type Post = CollectionEntry<"news">;

/** One "now" per build, so pages, feed and sitemap agree on what is scheduled. */
export const BUILD_TIME = new Date();

/** The order of every dated list (news, status): newest first, then by id so equal dates never swap. */
export const newestFirst = (a: { id: string; data: { date: Date } }, b: { id: string; data: { date: Date } }) =>
  b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);

/** The posts this build shows, newest first: read once, as every listing page and feed asks. */
export const shownPosts: () => Promise<readonly Post[]> = oncePerBuild(async () => {
  const posts = await getCollection("news", (post) => isShown(post.data, BUILD_TIME, import.meta.env.STEP_PREVIEW));
  return posts.sort(newestFirst);
});

export function postYear(post: Post): string {
  return post.id.slice(0, 4);
}
