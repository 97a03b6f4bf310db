import { LinkChecker, LinkState } from "linkinator";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type StaticServer, serveStatic } from "../../../scripts/harness/static-server.ts";

/**
 * Every link, stylesheet, script and image the built site refers to on its
 * own origin must exist, and every `#fragment` must name an element. Links to
 * other sites are not followed: the tests have no network, and those pages
 * are not ours to keep.
 */
describe("links of the built site", () => {
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveStatic(inject("realSiteDir"));
  });
  afterAll(() => server?.close());

  it("has no broken internal link or missing asset", async () => {
    const { origin } = server;
    const result = await new LinkChecker().check({
      path: `${origin}/`,
      recurse: true,
      checkCss: true,
      checkFragments: true,
      concurrency: 10,
      timeout: 10_000,
      linksToSkip: async (link) => !link.startsWith(`${origin}/`),
    });
    const broken = result.links
      .filter((link) => link.state === LinkState.BROKEN)
      .map((link) => `${link.status} ${decodeURI(link.url)} (on ${link.parent ? decodeURI(link.parent) : "start"})`);
    expect(broken).toEqual([]);
    const checked = result.links.filter((link) => link.state === LinkState.OK);
    // The crawl must really have walked the site: the news, a post, the feed and the styles.
    for (const path of ["/blog/", "/atom.xml", "/privacy/", "/search/"]) {
      expect(checked.map((link) => link.url)).toContain(`${origin}${path}`);
    }
    expect(checked.some((link) => /\/_astro\/.+\.css$/.test(link.url))).toBe(true);
    expect(checked.some((link) => /^.*\/blog\/\d{4}\/\d{4}-[^/]+\/$/.test(link.url))).toBe(true);
  });
});
