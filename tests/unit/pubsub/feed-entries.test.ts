import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyOfContent } from "../../../scripts/harness/build-site.ts";
import { entryXml, itemIdOf, writeFixtureSite } from "../../../scripts/harness/pubsub/fixture-site.ts";
import { parseFeed } from "../../../scripts/pubsub/feed-entries.ts";
import { readBuiltSite } from "../../../scripts/pubsub/site.ts";

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
    const feed = readBuiltSite(fixture(POSTS, content), content);
    expect(feed.title).toBe("STEP.im お知らせ");
    expect(feed.posts.map((post) => post.itemId)).toEqual([itemIdOf(SECOND), itemIdOf(FIRST)]);
    const [second] = feed.posts;
    expect(second?.published.toISOString()).toBe("2026-12-02T03:00:00.000Z");
    expect(second?.updated.toISOString()).toBe("2026-12-03T00:00:00.000Z");
    expect(second?.entry.toString()).toBe(entryXml(SECOND));
  });

  it("says to build first when there is no build", () => {
    const empty = mkdtempSync(join(tmpdir(), "step-empty-site-"));
    sites.push(empty);
    expect(() => readBuiltSite(empty, content)).toThrow(/atom\.xml not found: run npm run build first/);
    writeFileSync(join(empty, "atom.xml"), "<feed/>");
    expect(() => readBuiltSite(empty, content)).toThrow(/build-info\.json not found: run npm run build first/);
  });

  it("refuses a build made from other content than content/ holds now", () => {
    const site = fixture(POSTS, content);
    writeFileSync(join(content, "news", "extra.md"), "changed after the build");
    try {
      expect(() => readBuiltSite(site, content)).toThrow(
        /is stale: .* changed after the build .* run npm run build first/,
      );
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

  it("refuses two entries that would share an item id", () => {
    const entry = (id: string) =>
      `<entry><id>${id}</id><published>2026-12-01T00:00:00Z</published><updated>2026-12-01T00:00:00Z</updated></entry>`;
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom">${entry("tag:a,2026:/x/")}${entry("tag:a,2026:/x")}</feed>`;
    expect(() => parseFeed(xml, "f.xml")).toThrow(/give the same item id a-2026-x/);
  });
});
