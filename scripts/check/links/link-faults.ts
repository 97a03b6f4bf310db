import type { CheckedPostFile } from "../check-content.ts";
import { targetState } from "./built-site.ts";
import type { PageLinks } from "./page-links.ts";

export type LinkFault =
  | { kind: "missing"; suggestions: string[] }
  | { kind: "needs-slash" }
  | { kind: "fragment"; fragment: string; headingIds: string[] }
  | { kind: "unpublished"; target: CheckedPostFile };

export interface BuiltSite {
  distDir: string;
  siteUrl: URL;
  pages: Map<string, PageLinks>;
  servedElsewhere: string[];
}

/** An `href` resolved against its page, if it points into this site; undefined for other sites and `mailto:`/`xmpp:`. */
export function internalUrl(site: BuiltSite, page: string, href: string): URL | undefined {
  const url = URL.parse(href, new URL(page, site.siteUrl));
  if (!url || !/^https?:$/.test(url.protocol) || url.hostname !== site.siteUrl.hostname) return undefined;
  return url;
}

const lastSegment = (path: string) => path.split("/").filter(Boolean).at(-1) ?? "";

/** Built pages whose last segment matches: `/blog/2018/04/14/data/` → `/blog/2018/0414-data/`. */
function similarPages(site: BuiltSite, pathname: string): string[] {
  const wanted = lastSegment(pathname).replace(/\.html?$/, "");
  if (!wanted) return [];
  return [...site.pages.keys()]
    .filter((path) => lastSegment(path) === wanted || lastSegment(path).endsWith(`-${wanted}`))
    .slice(0, 3);
}

/** What is wrong with a link inside the built site, if anything. */
export function linkFault(site: BuiltSite, url: URL): LinkFault | undefined {
  const state = targetState(site.distDir, url.pathname);
  if (state === "needs-slash") return { kind: "needs-slash" };
  if (state === "missing") {
    if (site.servedElsewhere.some((prefix) => url.pathname.startsWith(prefix))) return undefined;
    return { kind: "missing", suggestions: similarPages(site, safeDecode(url.pathname)) };
  }
  const fragment = safeDecode(url.hash.slice(1));
  const target = site.pages.get(safeDecode(url.pathname));
  if (!fragment || !target || target.ids.has(fragment)) return undefined;
  return { kind: "fragment", fragment, headingIds: target.headingIds };
}

/** Percent-decoding that leaves malformed text as it is, instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The check builds drafts and scheduled posts too, so that their links are
 * checked; a link from a page that goes public earlier than its target would
 * point nowhere on the live site until the target appears.
 */
export function unpublishedFault(
  from: CheckedPostFile | undefined,
  target: CheckedPostFile | undefined,
  now: Date,
): LinkFault | undefined {
  if (!target || from?.status === "draft") return undefined;
  const goesPublic = (post: CheckedPostFile | undefined) =>
    post === undefined ? now.getTime() : Math.max(post.date.getTime(), now.getTime());
  if (target.status === "draft" || goesPublic(target) > goesPublic(from)) return { kind: "unpublished", target };
  return undefined;
}
