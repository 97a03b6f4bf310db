import { type Element, Parser } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { absolutizeUrls } from "../../src/lib/atom/absolute-urls.ts";
import { atomEntry } from "../../src/lib/atom/entry.ts";
import { atomFeedXml } from "../../src/lib/atom/feed.ts";
import { xmlSafeText } from "../../src/lib/atom/xml-text.ts";
import { parseAtomFeed } from "../support/atom-assert.ts";
import {
  HOSTILE_BODY,
  HOSTILE_TAG,
  HOSTILE_TITLE,
  feedPost as post,
  SHOWN_HOSTILE_BODY,
  SHOWN_HOSTILE_TITLE,
} from "../support/feed-posts.ts";

const author = { name: "STEP.im 管理者", uri: "https://step.im/" };
const head = {
  id: "https://step.im/",
  title: "STEP.im お知らせ",
  subtitle: "テスト",
  siteUrl: "https://step.im/",
  selfUrl: "https://step.im/atom.xml",
  author,
};

describe("Atom entries", () => {
  it("form a valid RFC 4287 feed", () => {
    const { entries } = parseAtomFeed(atomFeedXml(head, [atomEntry(post(), author)]));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.id).toBe("tag:step.im,2018-04-14:/blog/2018/0414-data/");
    expect(entries[0]?.links).toContainEqual({
      rel: "alternate",
      type: "text/html",
      href: "https://step.im/blog/2018/0414-data/",
    });
  });

  it("stay well-formed and keep every character an editor wrote", () => {
    const hostile = post({ title: HOSTILE_TITLE, contentHtml: HOSTILE_BODY, categories: [HOSTILE_TAG] });
    const feed = atomFeedXml(head, [atomEntry(hostile, author), atomEntry(post(), author)]);
    const { entries } = parseAtomFeed(feed);
    expect(entries[0]?.title).toBe(SHOWN_HOSTILE_TITLE);
    expect(entries[0]?.content).toBe(SHOWN_HOSTILE_BODY);
    expect(entries[0]?.categories).toEqual([HOSTILE_TAG]);
    expect(entries[1]?.title).toBe("サーバーに格納されるデータについて");
  });

  it("parse back with the XMPP library's own parser, as PubSub payloads", () => {
    const entry = atomEntry(post({ title: HOSTILE_TITLE, contentHtml: HOSTILE_BODY }), author);
    const reparsed = parseWithXmpp(entry.toString());
    expect(reparsed?.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(reparsed?.getChildText("content")).toBe(SHOWN_HOSTILE_BODY);
  });

  it("drop characters XML cannot carry, and nothing else", () => {
    expect(xmlSafeText("a\u0000b\u0008c\u000Bd\tok\n🎉\uFFFE\uDC00")).toBe("abcd\tok\n🎉");
  });
});

/** XMPP streams deliver each child of the stream root as one element, as a client receives a payload. */
function parseWithXmpp(text: string) {
  const parser = new Parser();
  const children: Element[] = [];
  parser.on("element", (element: Element) => children.push(element));
  parser.write(`<stream>${text}`);
  return children[0];
}

describe("the feed check itself", () => {
  const feedWith = (title: string) =>
    atomFeedXml(head, [atomEntry(post(), author)]).replace(">STEP.im お知らせ</title>", `>${title}</title>`);

  it.each([
    ["U+0001", feedWith("\u0001")],
    ["U+FFFE", feedWith("\uFFFE")],
    ["a lone surrogate", feedWith("\uD800")],
    ["&#1;", feedWith("&#1;")],
    ["two root elements", `${atomFeedXml(head, [])}<feed xmlns="http://www.w3.org/2005/Atom"/>`],
  ])("refuses a feed with %s", (_name, xml) => {
    expect(xml).not.toBe(atomFeedXml(head, [atomEntry(post(), author)]));
    expect(() => parseAtomFeed(xml)).toThrow(/well-formed XML 1.0/);
  });
});

describe("absolute URLs in entry content", () => {
  it("turns root-relative links and images into absolute ones, and leaves others alone", () => {
    const html =
      '<a href="/blog/2018/0414-data/">x</a><img src="/a.png"><a href="https://example.org/">y</a><a href="//cdn/x">z</a><a href="#top">t</a>';
    expect(absolutizeUrls(html, "https://step.im")).toBe(
      '<a href="https://step.im/blog/2018/0414-data/">x</a><img src="https://step.im/a.png"><a href="https://example.org/">y</a><a href="//cdn/x">z</a><a href="#top">t</a>',
    );
  });
});
