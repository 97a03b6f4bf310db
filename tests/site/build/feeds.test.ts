import { describe, expect, inject, it } from "vitest";
import { formatJstDate } from "../../../src/lib/dates/jst.ts";
import { FEED_FILES } from "../../../src/lib/feed-files.ts";
import { newsPagePath } from "../../../src/lib/news/pagination.ts";
import { OLD_PAGE_REDIRECTS } from "../../../src/lib/old-site/addresses.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";
import { expectCleanFeed, parseRss } from "../../support/feed-parsers.ts";
import { htmlPages, page, siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();
const { since } = facts.xmpp.pubsub;
const rss = siteFile(siteDir, FEED_FILES.rss.path);

describe("the RSS of the built site", () => {
  it("lists exactly the posts published since the migration cutoff, as the Atom feed has them", () => {
    const { entries } = parseAtomFeed(siteFile(siteDir, FEED_FILES.atom.path));
    expect(entries.length).toBeGreaterThan(0);
    const sinceCutoff = entries.filter((entry) => Date.parse(entry.published) >= since.getTime());
    expect(expectCleanFeed(rss).entries.map((entry) => entry.id)).toEqual(sinceCutoff.map((entry) => entry.id));
  });

  it("says in its description from when it lists posts, and where all of them are", () => {
    const description = String(parseRss(rss).channel.description);
    expect(description).toContain(formatJstDate(since));
    expect(description).toContain(new URL(FEED_FILES.atom.path, facts.site.url).href);
    expect(description).toContain(new URL(newsPagePath(1), facts.site.url).href);
  });
});

describe("feed discovery", () => {
  const newsIndex = /^\/blog\/(page\/\d+\/)?$/;

  it("advertises the RSS on the news index, and only there; the Atom feed everywhere", () => {
    const pages = htmlPages(siteDir);
    expect(pages.has(newsPagePath(1))).toBe(true);
    for (const [path, document] of pages) {
      if (document.querySelector('meta[http-equiv="refresh"]')) continue;
      const rssLinks = document.querySelectorAll(`link[rel="alternate"][type="${FEED_FILES.rss.mediaType}"]`);
      expect(
        rssLinks.map((link) => link.getAttribute("href")),
        path,
      ).toEqual(newsIndex.test(path) ? [FEED_FILES.rss.path] : []);
      const atom = document.querySelector(`link[rel="alternate"][type="${FEED_FILES.atom.mediaType}"]`);
      expect(atom?.getAttribute("href"), path).toBe(FEED_FILES.atom.path);
    }
  });
});

describe("old WordPress pages on a host without the nginx config", () => {
  it.each(OLD_PAGE_REDIRECTS)("$from is a meta-refresh page to $to", ({ from, to }) => {
    const refresh = page(siteDir, from).querySelector('meta[http-equiv="refresh"]');
    expect(refresh?.getAttribute("content")).toBe(`0;url=${to}`);
  });
});
