import type { Post } from "../collections/posts.ts";
import { absolutizeUrls } from "../lib/atom/absolute-urls.ts";
import { type AtomPost, postAtomId } from "../lib/atom/entry.ts";
import { toJstDateString } from "../lib/dates/jst.ts";
import { entrySummary } from "../lib/news/excerpt.ts";
import { postUrlPath } from "../lib/news/post-path.ts";

/** The Atom view of a post: absolute URLs, permanent id, HTML body. */
export function postToAtom(post: Post, bodyHtml: string, siteUrl: string): AtomPost {
  const path = postUrlPath(post.id);
  const host = new URL(siteUrl).hostname;
  return {
    id: postAtomId(host, toJstDateString(post.data.date), path),
    title: post.data.title,
    url: new URL(path, siteUrl).href,
    published: post.data.date,
    updated: post.data.updated ?? post.data.date,
    summary: entrySummary(post),
    contentHtml: absolutizeUrls(bodyHtml, siteUrl),
    categories: post.data.tags,
  };
}
