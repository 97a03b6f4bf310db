import { absolutizeUrls } from "../atom/absolute-urls.ts";
import { type AtomPost, postAtomId } from "../atom/entry.ts";
import { toJstDateString } from "../dates/jst.ts";
import { postExcerpt } from "./excerpt.ts";
import { postUrlPath } from "./post-path.ts";
import type { Post } from "./posts.ts";

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
    summary: post.data.description ?? postExcerpt(post.body ?? ""),
    contentHtml: absolutizeUrls(bodyHtml, siteUrl),
    categories: post.data.tags,
  };
}
