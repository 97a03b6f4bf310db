import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyOfContent } from "../../../scripts/harness/build-site.ts";
import { entryXml, itemIdOf, writeFixtureSite } from "../../../scripts/harness/pubsub/fixture-site.ts";
import { parseFeed } from "../../../scripts/pubsub/feed-entries.ts";
import { readBuiltSite } from "../../../scripts/pubsub/site.ts";

const read = (dir: string) => {
  const site = readBuiltSite(dir, content, [{ path: "atom.xml" }]);
  const feed = site.feeds[0]?.built;
  if (!feed) throw new Error("atom.xml was not read");
  return feed;
};

const content = copyOfContent();
const sites: string[] = [];
afterAll(() => {
  for (const dir of [content, ...sites]) rmSync(dir, { recursive: true, force: true });
});
const fixture = (...args: Parameters<typeof writeFixtureSite>) => {
  const dir = writeFixtureSite(...args);
  sites.push(dir);
  return dir;
};

const FIRST = { slug: "first", published: "2026-12-01T03:00:00.000Z" };
const SECOND = { slug: "second", published: "2026-12-02T03:00:00.000Z", updated: "2026-12-03T00:00:00.000Z" };
const POSTS = [FIRST, SECOND];

describe("readBuiltSite", () => {
  it("reads every entry of atom.xml with its item id, dates and untouched element", () => {
    const feed = read(fixture(POSTS, content));
    expect(feed.title).toBe("STEP.im お知らせ");
    expect(feed.posts.map((post) => post.itemId)).toEqual([itemIdOf(SECOND), itemIdOf(FIRST)]);
    const [second] = feed.posts;
    expect(second?.published.toISOString()).toBe("2026-12-02T03:00:00.000Z");
    expect(second?.updated.toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(second?.entry.toString()).toBe(entryXml(SECOND));
  });

  it("says to build first when there is no build, or the build did not finish", () => {
    const empty = mkdtempSync(join(tmpdir(), "step-empty-site-"));
    sites.push(empty);
    expect(() => read(empty)).toThrow(
      /build-info\.json not found: the build is missing or did not finish; run npm run build first/,
    );
    const noFeed = fixture(POSTS, content);
    rmSync(join(noFeed, "atom.xml"));
    expect(() => read(noFeed)).toThrow(/atom\.xml not found: run npm run build first/);
  });

  it("refuses a preview build with a sentence on making a production build", () => {
    expect(() => read(fixture(POSTS, content, undefined, { preview: true }))).toThrow(
      /is a preview build \(drafts and scheduled posts included\) and is never published: make a production build with `npm run build` \(STEP_PREVIEW unset\) first$/,
    );
  });

  it("refuses a build-info.json written before the guards existed", () => {
    const site = fixture(POSTS, content);
    writeFileSync(join(site, "build-info.json"), JSON.stringify({ builtAt: "x", contentFingerprint: "y" }));
    expect(() => read(site)).toThrow(
      /build-info\.json: preview is missing \(written by an older build\); run npm run build$/,
    );
  });

  it("refuses a feed cut off part-way, even where the cut leaves well-formed entries", () => {
    const site = fixture(POSTS, content);
    const text = readFileSync(join(site, "atom.xml"), "utf8");
    writeFileSync(join(site, "atom.xml"), text.slice(0, text.lastIndexOf("</entry>") + "</entry>".length));
    expect(() => read(site)).toThrow(/atom\.xml: not well-formed XML \(<feed> is never closed: the file is cut off\)/);
  });

  it("refuses a feed with fewer entries than the build rendered", () => {
    const site = fixture(POSTS, content, undefined, { entries: 3 });
    expect(() => read(site)).toThrow(/atom\.xml has 2 entries but the build rendered 3: /);
  });

  it("refuses a build that recorded no count for the feed", () => {
    const site = fixture(POSTS, content);
    const info = JSON.parse(readFileSync(join(site, "build-info.json"), "utf8"));
    writeFileSync(join(site, "build-info.json"), JSON.stringify({ ...info, feeds: {} }));
    expect(() => read(site)).toThrow(/build-info\.json records no entry count for atom\.xml; run npm run build$/);
  });

  it("refuses a build made from other content than content/ holds now", () => {
    const site = fixture(POSTS, content);
    writeFileSync(join(content, "news", "extra.md"), "changed after the build");
    try {
      expect(() => read(site)).toThrow(/is stale: .* changed after the build .* run npm run build first/);
    } finally {
      rmSync(join(content, "news", "extra.md"));
    }
  });
});

describe("parseFeed", () => {
  it("names the file and the entry that lacks a date", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:step.im,2026-12-01:/x/</id><published>2026-12-01T00:00:00Z</published></entry></feed>`;
    expect(() => parseFeed(xml, "dist/atom.xml")).toThrow(
      "dist/atom.xml: entry 1 (tag:step.im,2026-12-01:/x/): <updated> is missing or not a date",
    );
  });

  it("refuses XML that is not well formed, and a document that is not a feed", () => {
    expect(() => parseFeed("<feed xmlns='http://www.w3.org/2005/Atom'><entry></feed>", "a.xml")).toThrow(
      /a\.xml: not well-formed XML/,
    );
    expect(() => parseFeed("<rss/>", "a.xml")).toThrow(/not an Atom <feed>/);
  });

  it.each([
    ["U+0001", "<feed xmlns='http://www.w3.org/2005/Atom'><title>\u0001</title></feed>", /character U\+0001/],
    ["U+FFFE", "<feed xmlns='http://www.w3.org/2005/Atom'><title>\uFFFE</title></feed>", /character U\+FFFE/],
    ["a lone surrogate", "<feed xmlns='http://www.w3.org/2005/Atom'><title>\uD83D</title></feed>", /character U\+D83D/],
    ["&#1;", "<feed xmlns='http://www.w3.org/2005/Atom'><title>&#1;</title></feed>", /&#1; refers to a character/],
    [
      "two roots",
      "<feed xmlns='http://www.w3.org/2005/Atom'/><feed xmlns='http://www.w3.org/2005/Atom'/>",
      /content after the root/,
    ],
  ])("refuses %s", (_name, xml, message) => {
    expect(() => parseFeed(xml, "a.xml")).toThrow(message);
  });

  it("refuses two entries that would share an item id", () => {
    const entry = (id: string) =>
      `<entry><id>${id}</id><published>2026-12-01T00:00:00Z</published><updated>2026-12-01T00:00:00Z</updated></entry>`;
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom">${entry("tag:a,2026:/x/")}${entry("tag:a,2026:/x")}</feed>`;
    expect(() => parseFeed(xml, "f.xml")).toThrow(/give the same item id a-2026-x/);
  });
});
