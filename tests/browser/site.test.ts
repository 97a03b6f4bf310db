import type { Page } from "playwright-core";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { builtPages, firstPage } from "../../scripts/harness/built-site.ts";
import { serverFacts } from "../../src/lib/server-facts/load.ts";
import { mucJoinUri, pubsubSubscribeUri } from "../../src/lib/xmpp-uri/xmpp-uri.ts";
import { siteForSuite } from "../support/site-suite.ts";

const siteDir = inject("realSiteDir");

describe("the built site in Chromium", () => {
  const suite = siteForSuite(siteDir);
  let page: Page;

  beforeAll(async () => {
    page = await suite.watched.context.newPage();
  });

  afterEach(() => {
    expect(suite.watched.foreignRequests).toEqual([]);
  });

  const heading = async () => (await page.locator("main h1").first().textContent())?.trim();
  const path = () => decodeURI(new URL(page.url()).pathname);

  it("walks home → news → a post → older → newer → a tag → back", async () => {
    await page.goto(suite.site.url("/"));
    await page.getByRole("navigation", { name: "サイト" }).getByRole("link", { name: "お知らせ" }).click();
    await page.waitForURL(/\/blog\/$/);
    expect(await heading()).toBe("お知らせ");

    const firstPost = page.locator("main li h2 a").first();
    const firstTitle = (await firstPost.textContent()) ?? "";
    await firstPost.click();
    await page.waitForURL(/\/blog\/\d{4}\/\d{4}-[^/]+\/$/);
    const postPath = path();
    expect(await heading()).toContain(firstTitle.trim());

    const around = page.getByRole("navigation", { name: "前後のお知らせ" });
    const olderTitle = ((await around.locator('a[rel="prev"]').textContent()) ?? "").replace(/^←\s*/, "");
    await around.locator('a[rel="prev"]').click();
    await page.waitForURL((url) => decodeURI(url.pathname) !== postPath);
    expect(await heading()).toContain(olderTitle.trim());
    await around.locator('a[rel="next"]').click();
    await page.waitForURL((url) => decodeURI(url.pathname) === postPath);

    const tag = page.locator('a[rel="tag"]').first();
    const tagName = ((await tag.textContent()) ?? "").trim().replace(/^#/, "");
    await tag.click();
    await page.waitForURL(/\/tags\/[^/]+\/$/);
    expect(await heading()).toBe(`タグ「${tagName}」のお知らせ`);
    expect(await page.locator(`main a[href="${postPath}"]`).count()).toBe(1);

    await page.goBack();
    expect(path()).toBe(postPath);
  });

  it.each(["/blog/category/info/", "/blog/2018/0414-data/", "/privacy/"])(
    "keeps the old address %s (200)",
    async (oldPath) => {
      const response = await page.request.get(suite.site.url(oldPath), { maxRedirects: 0 });
      expect(response.status()).toBe(200);
    },
  );

  it("sends the old category listing on to the news", async () => {
    await page.goto(suite.site.url("/blog/category/info/"));
    await page.waitForURL(/\/blog\/$/);
    expect(await heading()).toBe("お知らせ");
  });

  it("answers an unknown address with the 404 page", async () => {
    const response = await page.goto(suite.site.url("/no-such-page/"));
    expect(response?.status()).toBe(404);
    expect(await heading()).toBe("ページが見つかりません");
  });

  it("announces the Atom feed on every page, and the feed is there", async () => {
    for (const pagePath of ["/", firstPage(siteDir, /^\/blog\/\d{4}\/\d{4}-/).urlPath, "/privacy/"]) {
      await page.goto(suite.site.url(pagePath));
      const feeds = await page
        .locator('head link[rel="alternate"][type="application/atom+xml"]')
        .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
      expect(feeds, pagePath).toEqual([suite.site.url("/atom.xml")]);
    }
    const feed = await page.request.get(suite.site.url("/atom.xml"));
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toMatch(/<feed [^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  });

  it("links the public room and the news node with the xmpp: URIs of server.yaml", async () => {
    const { xmpp } = serverFacts();
    const room = mucJoinUri(xmpp.muc.publicRoom.node, xmpp.muc.service);
    const news = pubsubSubscribeUri(xmpp.pubsub.service, xmpp.pubsub.newsNode);
    await page.goto(suite.site.url("/"));
    const hrefs = await page
      .locator('a[href^="xmpp:"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(hrefs).toContain(room);
    expect(hrefs).toContain(news);
    await page.goto(suite.site.url("/privacy/"));
    expect(await page.locator(`footer a[href="${news}"]`).count()).toBe(1);
  });

  it("writes every xmpp: link of the site as a valid URI (non-ASCII percent-encoded)", () => {
    const hrefs = builtPages(siteDir).flatMap(({ html }) =>
      [...html.matchAll(/href="(xmpp:[^"]*)"/g)].map((match) => match[1]),
    );
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^xmpp:[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]+$/);
  });

  it("runs one script on a content page and fetches nothing else until the reader opens search", async () => {
    await page.goto(suite.site.url(firstPage(siteDir, /^\/blog\/\d{4}\/\d{4}-/).urlPath));
    await page.waitForLoadState("networkidle");
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname),
    );
    expect(loaded.filter((file) => file.endsWith(".js"))).toHaveLength(1);
    expect(loaded.filter((file) => !/\.(css|js|svg)$/.test(file))).toEqual([]);
  });

  it("fetches nothing outside the loopback origin on any page", async () => {
    for (const { urlPath } of builtPages(siteDir)) {
      if (urlPath.startsWith("/pagefind/")) continue;
      await page.goto(suite.site.url(urlPath));
    }
    expect(suite.watched.foreignRequests).toEqual([]);
  });
});
