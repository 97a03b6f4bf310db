import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { buildSite, copyOfContent } from "../../../scripts/harness/build-site.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";
import { expectCleanFeed, parseRss } from "../../support/feed-parsers.ts";
import { HOSTILE_POST, HOSTILE_POST_TITLE } from "../../support/feed-posts.ts";
import { page, siteFile } from "../../support/site-files.ts";

/** Moves the migration cutoff (`xmpp.pubsub.since`) of a content copy to `day`, keeping the rest of server.yaml. */
function moveCutoff(contentDir: string, day: string): Date {
  const file = join(contentDir, "server.yaml");
  const document = parseDocument(readFileSync(file, "utf8"));
  document.setIn(["xmpp", "pubsub", "since"], day);
  writeFileSync(file, document.toString());
  return loadServerFacts(file).xmpp.pubsub.since;
}

function addFile(contentDir: string, path: string, text: string): void {
  const file = join(contentDir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const MDX_POST = `---
title: MDX の記事
date: 2026-01-02
description: 説明文を書いた記事
---

ドメインは <Fact name="xmpp.domain" code /> です。公開談話室は <PublicRoomLink /> です。
`;

/** A post without a description: lists, its page and the feed sum it up by the start of its body. */
const UNDESCRIBED_POST = `---
title: 説明のない記事
date: 2026-01-03
---

## 見出し

**太字**と[リンク](https://example.org/)のある本文です。
`;
const UNDESCRIBED_EXCERPT = "見出し 太字とリンクのある本文です。";

async function buildFails(path: string, text: string): Promise<string> {
  const contentDir = copyOfContent();
  addFile(contentDir, path, text);
  try {
    await buildSite(contentDir);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    return `${stdout}\n${stderr}`;
  }
  throw new Error(`the build accepted ${path}`);
}

describe("a site with hostile and MDX posts", () => {
  let siteDir = "";
  let cutoff = new Date(0);

  beforeAll(async () => {
    const contentDir = copyOfContent();
    // Between the migrated posts and the new ones, so the RSS has posts on both sides of it.
    cutoff = moveCutoff(contentDir, "2025-12-31");
    addFile(contentDir, "news/2026/0101-hostile.md", HOSTILE_POST);
    addFile(contentDir, "news/2026/0102-mdx.mdx", MDX_POST);
    addFile(contentDir, "news/2026/0103-undescribed.md", UNDESCRIBED_POST);
    siteDir = await buildSite(contentDir);
  });

  it("keeps the Atom feed well-formed and the hostile text intact", () => {
    const { entries } = parseAtomFeed(siteFile(siteDir, "atom.xml"));
    const hostile = entries.find((entry) => entry.id.endsWith("/blog/2026/0101-hostile/"));
    expect(hostile?.title).toBe(HOSTILE_POST_TITLE);
    expect(hostile?.content).toContain("]]&gt; と ]]&gt;");
    expect(hostile?.content).toContain("&lt;iq type=");
    expect(hostile?.content).toContain("&lt;![CDATA[ x ]]&gt;&lt;/body&gt;");
    expect(hostile?.content).toContain('href="https://step.im/privacy/"');
    expect(hostile?.content).toContain('src="https://step.im/favicon.svg"');
    expect(hostile?.published).toBe("2026-01-01T01:00:00.000Z");
  });

  it("lists in the RSS only the posts since the cutoff, well-formed, with the hostile text intact", () => {
    const { entries } = parseAtomFeed(siteFile(siteDir, "atom.xml"));
    const sinceCutoff = entries.filter((entry) => Date.parse(entry.published) >= cutoff.getTime());
    expect(sinceCutoff.length).toBeGreaterThan(0);
    expect(sinceCutoff.length).toBeLessThan(entries.length);
    const xml = siteFile(siteDir, "rss.xml");
    expect(expectCleanFeed(xml).entries.map((entry) => entry.id)).toEqual(sinceCutoff.map((entry) => entry.id));
    const { items } = parseRss(xml);
    const hostile = items.find((item) => item.link.endsWith("/blog/2026/0101-hostile/"));
    const atomHostile = sinceCutoff.find((entry) => entry.id === hostile?.guid);
    expect(hostile?.title).toBe(HOSTILE_POST_TITLE);
    expect(hostile?.content).toBe(atomHostile?.content);
    expect(hostile?.categories).toEqual(["テスト"]);
  });

  it("escapes the title on the page", () => {
    const heading = page(siteDir, "/blog/2026/0101-hostile/").querySelector("h1");
    expect(heading?.querySelector("b")).toBeNull();
    expect(heading?.text).toContain(HOSTILE_POST_TITLE);
  });

  it("renders MDX components with server facts, in the page and in the feed", () => {
    const body = page(siteDir, "/blog/2026/0102-mdx/").querySelector(".prose");
    expect(body?.querySelector("code")?.text).toBe("step.im");
    const { entries } = parseAtomFeed(siteFile(siteDir, "atom.xml"));
    const mdx = entries.find((entry) => entry.id.endsWith("/blog/2026/0102-mdx/"));
    expect(mdx?.content).toContain("<code>step.im</code>");
    expect(mdx?.content).toContain("xmpp:");
    expect(mdx?.summary).toBe("説明文を書いた記事");
  });

  it("sums up a post without a description by the start of its body, on its page, in the list and in the feed", () => {
    const path = "/blog/2026/0103-undescribed/";
    expect(page(siteDir, path).querySelector('meta[name="description"]')?.getAttribute("content")).toBe(
      UNDESCRIBED_EXCERPT,
    );
    const listed = page(siteDir, "/blog/")
      .querySelectorAll("article")
      .find((article) => article.querySelector(`a[href="${path}"]`));
    expect(listed?.querySelectorAll("p").map((p) => p.text)).toContain(UNDESCRIBED_EXCERPT);
    const { entries } = parseAtomFeed(siteFile(siteDir, "atom.xml"));
    expect(entries.find((entry) => entry.id.endsWith(path))?.summary).toBe(UNDESCRIBED_EXCERPT);
  });
});

describe("a broken post stops the build with the file and the field", () => {
  it("names a missing title", async () => {
    const output = await buildFails("news/2026/0103-notitle.md", "---\ndate: 2026-01-03\n---\n本文\n");
    expect(output).toContain("news/2026/0103-notitle.md");
    expect(output).toMatch(/title: タイトルがありません/);
  });

  it("names an impossible date with its line", async () => {
    const output = await buildFails("news/2026/0104-baddate.md", "---\ntitle: x\ndate: 2026-13-40\n---\n");
    expect(output).toMatch(/news\/2026\/0104-baddate\.md:3: date: /);
  });

  it("names a date that disagrees with the path", async () => {
    const output = await buildFails("news/2026/0105-mismatch.md", "---\ntitle: x\ndate: 2026-01-06\n---\n");
    expect(output).toMatch(/news\/2026\/0105-mismatch\.md:3: date: .*一致しません/);
  });
});

describe("drafts in a production build", () => {
  it("stay out even when the shell says development (DEV, NODE_ENV)", async () => {
    const contentDir = copyOfContent();
    addFile(contentDir, "news/2026/0106-draft.md", "---\ntitle: 下書きの記事\ndate: 2026-01-06\ndraft: true\n---\n");
    const siteDir = await buildSite(contentDir, undefined, { DEV: "1", NODE_ENV: "development" });
    expect(existsSync(join(siteDir, "blog/2026/0106-draft/index.html"))).toBe(false);
    expect(siteFile(siteDir, "atom.xml")).not.toContain("下書きの記事");
  });
});
