import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { formatJstDate, parseJstDateTime } from "../../../src/lib/dates/jst.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { mucJoinUri, pubsubSubscribeUri } from "../../../src/lib/xmpp-uri/xmpp-uri.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";
import { htmlPages, page, siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();
const pages = htmlPages(siteDir);

/** The migrated posts, by the id their file path gives them. */
const migratedPostIds = readdirSync(join(PROJECT_ROOT, "content/news"), { recursive: true })
  .map(String)
  .filter((entry) => /\.mdx?$/.test(entry))
  .map((entry) => entry.replace(/\.mdx?$/, ""));

describe("the built site", () => {
  it("has every page a reader needs", () => {
    for (const path of ["/", "/blog/", "/blog/archive/", "/tags/", "/privacy/", "/guides/", "/404.html"]) {
      expect(pages.has(path), path).toBe(true);
    }
    for (const id of migratedPostIds) expect(pages.has(`/blog/${id}/`), id).toBe(true);
    for (const year of new Set(migratedPostIds.map((id) => id.slice(0, 4)))) {
      expect(pages.has(`/blog/${year}/`), year).toBe(true);
    }
  });

  it("keeps the old WordPress addresses", () => {
    expect(pages.has("/blog/2018/0414-data/")).toBe(true);
    const category = page(siteDir, "/blog/category/info/");
    expect(category.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toContain("/blog/");
  });

  it("migrated all eight posts of the old site, newest first on the index", () => {
    expect(migratedPostIds).toHaveLength(8);
    const titles = page(siteDir, "/blog/")
      .querySelectorAll("main article h2 a")
      .map((link) => link.text.trim());
    expect(titles).toEqual([
      "STEP.im 10周年",
      "【2018年8月10日】IRC中継機能を1本化します",
      "サーバーに格納されるデータについて",
      "SSL/TLS 証明書について",
      "運用状況と Twitter アカウント",
      "Jappix を設置しました",
      "Jappix Mini",
      "Jabber Feed",
    ]);
  });

  it("gives every page Japanese language, a description, a canonical URL, Open Graph and the Atom link", () => {
    for (const [path, document] of pages) {
      if (document.querySelector('meta[http-equiv="refresh"]')) continue;
      expect(document.querySelector("html")?.getAttribute("lang"), path).toBe("ja");
      expect(document.querySelector('meta[name="description"]')?.getAttribute("content"), path).toBeTruthy();
      const atom = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
      expect(atom?.getAttribute("href"), path).toBe("/atom.xml");
      if (document.querySelector('meta[name="robots"][content="noindex"]')) {
        expect(path, "only the 404 page is kept out of search engines").toBe("/404.html");
        expect(document.querySelector('link[rel="canonical"]'), path).toBeNull();
        continue;
      }
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "";
      expect(canonical.startsWith(facts.site.url), path).toBe(true);
      expect(document.querySelector('meta[property="og:title"]'), path).not.toBeNull();
      expect(document.querySelector('meta[property="og:url"]')?.getAttribute("content"), path).toBe(canonical);
    }
  });

  it("shows post dates in Japanese, with a machine-readable JST datetime", () => {
    const time = page(siteDir, "/blog/2018/0810-irc/").querySelector("article header time");
    expect(time?.getAttribute("datetime")).toBe("2018-08-10T00:00:00+09:00");
    expect(time?.text).toBe(formatJstDate(parseJstDateTime("2018-08-10") as Date));
    expect(time?.text).toBe("2018年8月10日");
  });

  it("links each post to the previous and next one", () => {
    const nav = page(siteDir, "/blog/2018/0414-data/").querySelector('nav[aria-label="前後のお知らせ"]');
    expect(nav?.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/blog/2016/0104-ssl-tls/");
    expect(nav?.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/blog/2018/0810-irc/");
  });

  it("lists tags with pages of their own", () => {
    const tagLink = page(siteDir, "/blog/2018/0810-irc/").querySelector('a[rel="tag"][href="/tags/IRC/"]');
    expect(tagLink).not.toBeNull();
    expect(page(siteDir, "/tags/IRC/").querySelector('main a[href="/blog/2018/0810-irc/"]')).not.toBeNull();
  });

  it("generates the privacy policy's stored-data list from the server facts", () => {
    const privacy = page(siteDir, "/privacy/");
    const { offlineMessages, messageArchive, httpFileUpload } = facts.storedData;
    expect(privacy.querySelector('[data-fact="offline-max"]')?.text).toBe(String(offlineMessages.maxMessages));
    const range = (r: { min: number; max: number }) => `${r.min}–${r.max}日`;
    expect(privacy.querySelector('[data-fact="mam-range"]')?.text).toBe(range(messageArchive.retentionDays));
    expect(privacy.querySelector('[data-fact="upload-range"]')?.text).toBe(range(httpFileUpload.retentionDays));
    expect(privacy.querySelector("article")?.text).toContain("ハッシュ値のみ");
  });

  it("offers the public room and the news node as xmpp: links", () => {
    const home = page(siteDir, "/");
    const { muc, pubsub } = facts.xmpp;
    expect(home.querySelector(`a[href="${mucJoinUri(muc.publicRoom.node, muc.service)}"]`)).not.toBeNull();
    expect(home.querySelector(`a[href="${pubsubSubscribeUri(pubsub.service, pubsub.newsNode)}"]`)).not.toBeNull();
  });

  it("ships a sitemap with absolute URLs of the pages, and robots.txt pointing at it", () => {
    const sitemap = siteFile(siteDir, "sitemap-0.xml");
    expect(sitemap).toContain(`<loc>${facts.site.url}/blog/2018/0414-data/</loc>`);
    expect(sitemap).not.toContain("404");
    expect(siteFile(siteDir, "robots.txt")).toContain(`Sitemap: ${facts.site.url}/sitemap-index.xml`);
  });

  it("publishes an Atom feed of every post, newest first", () => {
    const { entries, feed } = parseAtomFeed(siteFile(siteDir, "atom.xml"));
    expect(entries.map((entry) => new URL(entry.links[0]?.href ?? "").pathname)).toEqual(
      [...migratedPostIds].sort((a, b) => b.localeCompare(a)).map((id) => `/blog/${id}/`),
    );
    expect(feed.updated).toBe(entries[0]?.updated);
    const data = entries.find((entry) => entry.id.endsWith(":/blog/2018/0414-data/"));
    expect(data?.id).toBe("tag:step.im,2018-04-14:/blog/2018/0414-data/");
    expect(data?.published).toBe("2018-04-13T15:00:00.000Z");
    expect(data?.content).toContain("<li>");
  });
});
