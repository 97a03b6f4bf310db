import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSite, type SiteSession, withPage } from "../../scripts/harness/browser.ts";
import { buildSite, copyOfContent, tempSiteDir } from "../../scripts/harness/build-site.ts";

/** Words no real page has, one per post of the fixture, so a hit can only come from that post. */
const POSTS = [
  { file: "2020/0102-public.md", frontMatter: "date: 2020-01-02", word: "zyxpublicword" },
  { file: "2020/0103-draft.md", frontMatter: "date: 2020-01-03\ndraft: true", word: "zyxdraftword" },
  { file: "2099/0101-scheduled.md", frontMatter: "date: 2099-01-01", word: "zyxscheduledword" },
];

describe("what `npm run build` puts in the search index", () => {
  let contentDir: string;
  let siteDir: string;
  let site: SiteSession;

  beforeAll(async () => {
    contentDir = copyOfContent();
    for (const { file, frontMatter, word } of POSTS) {
      const path = join(contentDir, "news", file);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(
        path,
        `---\ntitle: "索引のテスト"\n${frontMatter}\n---\n\nこの記事には ${word} という言葉があります。\n`,
      );
    }
    // As `npm run build` runs: without Vitest's DEV=1 and NODE_ENV=test, which would make Astro build as for `astro dev`.
    siteDir = await buildSite(contentDir, tempSiteDir("search-index"));
    site = await openSite(siteDir);
  });

  afterAll(async () => {
    await site?.close();
    rmSync(contentDir, { recursive: true, force: true });
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  async function hits(word: string): Promise<string[]> {
    const { context } = await site.newContext();
    return withPage(context, async (page) => {
      await page.goto(site.url("/"));
      // A string, not a function: the test runner would rewrite the import() in a function's source.
      const urls = await page.evaluate(`(async () => {
        const pagefind = await import("/pagefind/pagefind.js");
        const { results } = await pagefind.search(${JSON.stringify(word)});
        return Promise.all(results.map(async (result) => (await result.data()).url));
      })()`);
      return urls as string[];
    });
  }

  it("finds a published post", async () => {
    expect(await hits("zyxpublicword")).toEqual(["/blog/2020/0102-public/"]);
  });

  it("never holds a draft or a post scheduled for later", async () => {
    expect(await hits("zyxdraftword")).toEqual([]);
    expect(await hits("zyxscheduledword")).toEqual([]);
  });
});
