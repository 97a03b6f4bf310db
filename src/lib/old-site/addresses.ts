import { COLLECTIONS } from "../collections/registry.ts";
import { FEED_FILES } from "../feed-files.ts";
import { newsPagePath } from "../news/pagination.ts";
import { SLUG_PATTERN } from "../news/post-path.ts";

/**
 * The addresses of the old WordPress site that readers, feed readers and
 * links across the web still use, and what each answers now. The nginx
 * snippet is generated from this list and the tests request every address in
 * it, so an address cannot be documented without being served.
 */

/**
 * WordPress's feed addresses. Feed readers subscribed to them get the RSS,
 * which lists only posts since the migration (`xmpp.pubsub.since`): the old
 * items had GUIDs this site cannot reproduce, so the migrated posts would show
 * up as new. The Atom-suffixed ones get it too, not `/atom.xml`, for the same
 * reason. Each also answers without its trailing slash, as WordPress's did.
 */
export const OLD_FEED_ADDRESSES: readonly string[] = [
  "/feed/",
  "/feed/rss2/",
  "/feed/atom/",
  "/blog/feed/",
  "/blog/feed/atom/",
  "/blog/category/info/feed/",
];

/** What the old feed addresses serve. */
export const OLD_FEED_TARGET = FEED_FILES.rss;

/**
 * Pages where WordPress read `?feed=rss2` (any feed) and `?p=N` (a post by
 * number). The numbers cannot be mapped to posts, so `?p=` goes to the list.
 */
export const QUERY_PAGES: readonly string[] = ["/", "/blog/"];
export const POST_NUMBER_TARGET = COLLECTIONS.news.indexPath;

/** Permanent redirects from old pages to their new place. */
export const OLD_PAGE_REDIRECTS: readonly { from: string; to: string }[] = [
  // The only category the old site had; Astro also writes a meta-refresh page there for hosts without the snippet.
  { from: "/blog/category/info/", to: COLLECTIONS.news.indexPath },
  // WordPress numbered its pages /blog/page/N/ as this site does, but also answered /blog/page/1/.
  { from: "/blog/page/1/", to: newsPagePath(1) },
];

/**
 * A post address written without its trailing slash, e.g. `/blog/2018/0414-data`
 * (nginx regex syntax; the slug grammar is the one post paths use).
 */
export const POST_WITHOUT_SLASH = `^/blog/[0-9]{4}/[0-9]{4}-${SLUG_PATTERN.source.replace(/^\^|\$$/g, "")}$`;

/**
 * WordPress's login, admin and remote-publishing addresses: bots keep probing
 * them. 410 Gone says they will not come back, and no page of the site is sent.
 */
export const GONE_PATHS: readonly string[] = ["/wp-login.php", "/wp-admin/", "/xmlrpc.php"];
