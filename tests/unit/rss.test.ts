import { escapeXMLText } from "@xmpp/xml";
import { Feed } from "feed";
import { describe, expect, it } from "vitest";
import { rssFeedXml } from "../../src/feed/rss.ts";
import { expectCleanFeed, parseRss, xmllintErrors } from "../support/feed-parsers.ts";
import {
  feedPost,
  HOSTILE_BODY,
  HOSTILE_TAG,
  HOSTILE_TITLE,
  SHOWN_HOSTILE_BODY,
  SHOWN_HOSTILE_TITLE,
} from "../support/feed-posts.ts";

const head = {
  title: "STEP.im お知らせ",
  description: "2026年11月27日以降のお知らせ。すべては https://step.im/atom.xml に。",
  siteUrl: "https://step.im/blog/",
  selfUrl: "https://step.im/rss.xml",
};

const hostile = feedPost({
  id: "tag:step.im,2026-12-01:/blog/2026/1201-hostile/",
  url: "https://step.im/blog/2026/1201-hostile/",
  title: HOSTILE_TITLE,
  summary: HOSTILE_TITLE,
  contentHtml: HOSTILE_BODY,
  categories: [HOSTILE_TAG, "R&amp;D"],
  published: new Date("2026-11-30T15:00:00Z"),
  updated: new Date("2026-12-02T03:00:00Z"),
});

describe("the RSS feed", () => {
  it("is RSS 2.0 in Japanese, with its own address and each post's permanent id as GUID", () => {
    const xml = rssFeedXml(head, [feedPost()]);
    const parsed = expectCleanFeed(xml);
    expect(parsed.version).toBe("rss20");
    expect(parsed.language).toBe("ja");
    expect(parsed.entries.map((entry) => [entry.id, entry.link])).toEqual([
      ["tag:step.im,2018-04-14:/blog/2018/0414-data/", "https://step.im/blog/2018/0414-data/"],
    ]);
    const { rss, channel, items } = parseRss(xml);
    expect(rss["@xml:lang"]).toBe("ja");
    expect(channel.language).toBe("ja");
    expect(channel["atom:link"]).toEqual([{ "@href": head.selfUrl, "@rel": "self", "@type": "application/rss+xml" }]);
    expect(items[0]?.guidIsPermaLink).toBe("false");
    expect(items[0]?.pubDate).toBe("Fri, 13 Apr 2018 15:00:00 GMT");
  });

  it("stays well-formed with hostile posts and keeps every character XML can carry", () => {
    const xml = rssFeedXml({ ...head, title: HOSTILE_TITLE, description: HOSTILE_BODY }, [hostile, feedPost()]);
    const parsed = expectCleanFeed(xml);
    expect(parsed.entries).toHaveLength(2);
    const { channel, items } = parseRss(xml);
    expect(channel.title).toBe(SHOWN_HOSTILE_TITLE);
    expect(channel.description).toBe(SHOWN_HOSTILE_BODY);
    expect(items[0]?.title).toBe(SHOWN_HOSTILE_TITLE);
    expect(items[0]?.content).toBe(SHOWN_HOSTILE_BODY);
    // The summary is plain text; RSS readers read a description as HTML.
    expect(items[0]?.description).toBe(escapeXMLText(SHOWN_HOSTILE_TITLE));
    expect(items[0]?.categories).toEqual([HOSTILE_TAG, "R&amp;D"]);
    expect(items[1]?.title).toBe("サーバーに格納されるデータについて");
  });

  describe("closes the gaps feed 6 leaves open, which these parsers do catch", () => {
    const rawFeed = (item: { title: string; content: string; category: string }) => {
      const raw = new Feed({ title: "t", link: head.siteUrl, updated: new Date(0) });
      raw.addItem({ ...item, category: [{ name: item.category }], link: hostile.url, date: hostile.published });
      return raw.rss2();
    };
    const item = { title: "t", content: "<p>c</p>", category: "c" };

    it("a second ]]> ends its CDATA section early", () => {
      expect(xmllintErrors(rawFeed({ ...item, title: "a ]]> b ]]> c" }))).not.toBe("");
      expect(parseRss(rssFeedXml(head, [feedPost({ title: "a ]]> b ]]> c" })])).items[0]?.title).toBe("a ]]> b ]]> c");
    });

    it("a character XML forbids makes the document unreadable", () => {
      expect(xmllintErrors(rawFeed({ ...item, content: "<p>\u0007</p>" }))).not.toBe("");
      expect(xmllintErrors(rssFeedXml(head, [feedPost({ contentHtml: "<p>\u0007</p>" })]))).toBe("");
    });

    it("&amp; in text loses a level of escaping", () => {
      expect(parseRss(rawFeed({ ...item, category: "R&amp;D" })).items[0]?.categories).toEqual(["R&D"]);
      expect(parseRss(rssFeedXml(head, [feedPost({ categories: ["R&amp;D"] })])).items[0]?.categories).toEqual([
        "R&amp;D",
      ]);
    });
  });

  it("is dated by its newest entry, so an unchanged site gives the same bytes", () => {
    const xml = rssFeedXml(head, [feedPost(), hostile]);
    expect(parseRss(xml).channel.lastBuildDate).toBe("Wed, 02 Dec 2026 03:00:00 GMT");
    expect(rssFeedXml(head, [feedPost(), hostile])).toBe(xml);
  });

  it("is a valid feed with no posts at all", () => {
    const xml = rssFeedXml(head, []);
    expect(expectCleanFeed(xml).entries).toEqual([]);
    expect(parseRss(xml).channel.description).toBe(head.description);
  });
});
