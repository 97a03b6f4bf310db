import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { FEED_FILES } from "../../../src/lib/feed-files.ts";
import { GONE_PATHS, OLD_FEED_ADDRESSES, OLD_PAGE_REDIRECTS } from "../../../src/lib/old-site/addresses.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { NGINX_SNIPPET_FILE } from "../../../src/lib/well-known/nginx-snippet.ts";
import { securityHeaders } from "../../../src/lib/well-known/security-headers.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";
import { expectCleanFeed } from "../../support/feed-parsers.ts";
import { type NginxSite, serveWithNginx } from "../../support/nginx.ts";
import { htmlPages, siteFile } from "../../support/site-files.ts";

/**
 * The old WordPress site's addresses, requested through real nginx with the
 * generated snippet, over the real built site.
 */
const siteDir = inject("realSiteDir");
const facts = loadServerFacts();
const atomEntries = parseAtomFeed(siteFile(siteDir, FEED_FILES.atom.path)).entries;
const postsSinceCutoff = atomEntries
  .filter((entry) => Date.parse(entry.published) >= facts.xmpp.pubsub.since.getTime())
  .map((entry) => entry.id);
const postPaths = [...htmlPages(siteDir).keys()].filter((path) => /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/.test(path));

/** The addresses WordPress served feeds at, as readers subscribed to them. */
const WORDPRESS_FEEDS = ["/feed/", "/feed/atom/", "/blog/feed/", "/blog/feed/atom/", "/blog/category/info/feed/"];

describe("the old site's addresses through nginx with the generated snippet", () => {
  let nginx: NginxSite;
  beforeAll(async () => {
    nginx = await serveWithNginx(siteDir, join(PROJECT_ROOT, NGINX_SNIPPET_FILE));
  });
  afterAll(() => nginx?.close());

  const get = (path: string) => fetch(new URL(path, nginx.origin), { redirect: "manual" });

  async function expectRedirect(path: string, target: string): Promise<Response> {
    const response = await get(path);
    expect(response.status, path).toBe(301);
    const location = new URL(response.headers.get("location") ?? "", nginx.origin);
    expect(location.origin).toBe(nginx.origin);
    expect(`${location.pathname}${location.search}`).toBe(target);
    expect(response.headers.get("x-content-type-options")).toBe(securityHeaders(facts)["X-Content-Type-Options"]);
    return get(target);
  }

  async function expectRssFeed(response: Response): Promise<void> {
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toBe(FEED_FILES.rss.contentType);
    const body = await response.text();
    expect(body).toBe(siteFile(siteDir, FEED_FILES.rss.path));
    const feed = expectCleanFeed(body);
    expect(feed.version).toBe("rss20");
    expect(feed.entries.map((entry) => entry.id)).toEqual(postsSinceCutoff);
  }

  it("knows every feed address of the old site", () => {
    expect(OLD_FEED_ADDRESSES).toEqual(expect.arrayContaining([...WORDPRESS_FEEDS, "/feed/rss2/"]));
  });

  it.each(OLD_FEED_ADDRESSES.flatMap((path) => [path, path.slice(0, -1)]))(
    "answers %s with the RSS of the posts since the cutoff, as application/rss+xml",
    async (path) => {
      await expectRssFeed(await get(path));
    },
  );

  it.each(["/?feed=rss2", "/?feed=atom", "/blog/?feed=rss2", "/blog/?feed=rss"])(
    "sends %s on to the RSS with one permanent redirect",
    async (path) => {
      await expectRssFeed(await expectRedirect(path, FEED_FILES.rss.path));
    },
  );

  it.each(Object.values(FEED_FILES))("serves $path as $mediaType", async (file) => {
    const response = await get(file.path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(file.contentType);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe(siteFile(siteDir, file.path));
  });

  it("serves the Atom feed with every post, as the publisher reads it", async () => {
    const body = await (await get(FEED_FILES.atom.path)).text();
    expect(expectCleanFeed(body).entries.map((entry) => entry.id)).toEqual(atomEntries.map((entry) => entry.id));
    expect(atomEntries.length).toBeGreaterThan(postsSinceCutoff.length);
  });

  it.each(["/?p=12", "/blog/?p=345"])("sends %s (a WordPress post number) to the news list", async (path) => {
    expect((await expectRedirect(path, "/blog/")).status).toBe(200);
  });

  it("still serves / and /blog/ themselves, with or without other queries", async () => {
    for (const path of ["/", "/blog/", "/?utm_source=x", "/blog/?p=abc"]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toBe("text/html; charset=utf-8");
    }
  });

  it.each(OLD_PAGE_REDIRECTS)("redirects $from permanently to $to", async ({ from, to }) => {
    expect((await expectRedirect(from, to)).status).toBe(200);
  });

  it("adds the trailing slash to every post address written without it, keeping the query", async () => {
    expect(postPaths.length).toBeGreaterThan(0);
    for (const path of postPaths) {
      const withoutSlash = path.slice(0, -1);
      expect((await expectRedirect(withoutSlash, path)).status, path).toBe(200);
      await expectRedirect(`${withoutSlash}?ref=old`, `${path}?ref=old`);
    }
  });

  it.each([...GONE_PATHS, "/wp-admin", "/wp-admin/post.php"])("answers %s with 410 Gone, not a page", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(410);
    expect(response.headers.get("location")).toBeNull();
    const body = await response.text();
    expect(body).not.toContain('<html lang="ja"');
    expect(body).toContain("410 Gone");
  });
});
