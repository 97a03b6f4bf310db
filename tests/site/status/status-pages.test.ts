import { rmSync } from "node:fs";
import type { HTMLElement } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, copyOfContent } from "../../../scripts/harness/build-site.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { pubsubSubscribeUri } from "../../../src/lib/xmpp-uri/xmpp-uri.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";
import { addFiles, post, shownFrom } from "../../support/run-script.ts";
import { htmlPages, page, siteFile } from "../../support/site-files.ts";
import { STATUS_ENTRIES, statusFixtureContent } from "../../support/status-fixture.ts";

const facts = loadServerFacts();
const { ongoing, resolved, announced } = STATUS_ENTRIES;

/** A fixture site in one state, built before the tests of its block and removed after them. */
function fixtureSite(state: "open" | "quiet") {
  const site = { dir: "" };
  let contentDir = "";
  beforeAll(async () => {
    contentDir = statusFixtureContent(state);
    site.dir = await buildSite(contentDir);
  });
  afterAll(() => {
    rmSync(contentDir, { recursive: true, force: true });
    if (site.dir) rmSync(site.dir, { recursive: true, force: true });
  });
  return site;
}

/** Pages made with the site's layout; the old category address is only a redirect (no layout to carry a notice). */
function layoutPages(siteDir: string): [string, HTMLElement][] {
  return [...htmlPages(siteDir)].filter(([, html]) => !html.querySelector('meta[http-equiv="refresh"]'));
}

const notice = (html: HTMLElement) => html.querySelector('aside[aria-label="稼働状況"]');
const text = (element: HTMLElement | null | undefined) => element?.text.replace(/\s+/g, " ").trim() ?? "";
const homeStatusLine = (siteDir: string) => page(siteDir, "/").querySelector('main a[href="/status/"]');

describe("an ongoing incident beside a resolved one and announced maintenance", () => {
  const site = fixtureSite("open");
  const status = () => page(site.dir, "/status/");

  it("/status/ leads with the ongoing incident, its services and start, not with 'all running'", () => {
    const header = status().querySelector("#now")?.parentNode as HTMLElement;
    expect(text(header.querySelector("h2"))).toBe("障害が1件発生しています");
    expect(text(header)).not.toContain("すべて正常に稼働しています");
    const link = header.querySelector(`a[href="${ongoing.url}"]`);
    expect(link?.text).toBe(ongoing.title);
    for (const service of ongoing.services) expect(text(header)).toContain(service);
    expect(text(header)).toContain(`開始 ${ongoing.start}`);
    expect(header.querySelector(`a[href="${resolved.url}"]`)).toBeNull();
  });

  it("/status/ lists the announced maintenance as upcoming and the resolved incident in its month", () => {
    const upcoming = status().querySelector("#upcoming")?.parentNode as HTMLElement;
    expect(upcoming.querySelector(`a[href="${announced.url}"]`)?.text).toBe(announced.title);
    expect(text(upcoming)).toContain("開始予定 2099年12月31日 2時00分");
    const history = status().querySelector("#history")?.parentNode as HTMLElement;
    expect(text(history.querySelector("#m-2026-11"))).toBe("2026年11月");
    expect(history.querySelector(`a[href="${resolved.url}"]`)?.text).toBe(resolved.title);
    expect(text(history)).toContain("復旧 2026年11月20日 15時45分");
    for (const other of [ongoing.url, announced.url]) expect(history.querySelector(`a[href="${other}"]`)).toBeNull();
  });

  it("every page shows the notice, linking to the ongoing incident only", () => {
    const pages = layoutPages(site.dir);
    expect(pages.length).toBeGreaterThan(20);
    for (const [path, html] of pages) {
      const links = notice(html)
        ?.querySelectorAll("a")
        .map((a) => a.getAttribute("href"));
      expect(links, path).toEqual([ongoing.url]);
    }
  });

  it("the home page says the state in one line, linking to /status/", () => {
    expect(text(homeStatusLine(site.dir))).toBe("障害が1件発生しています");
  });

  it("each entry has its page: kind, state, services, times and the reports", () => {
    const incident = page(site.dir, ongoing.url);
    expect(incident.querySelector("h1")?.text).toBe(ongoing.title);
    expect(text(incident.querySelector("article header"))).toContain("障害・発生中");
    for (const service of ongoing.services) expect(text(incident.querySelector("article header"))).toContain(service);
    expect(text(incident.querySelector("article .prose"))).toContain("原因を調べています");
    const closed = text(page(site.dir, resolved.url).querySelector("article header"));
    expect(closed).toContain("障害・復旧済み");
    expect(closed).toContain("復旧 2026年11月20日 15時45分");
  });

  it("/status/atom.xml is valid Atom with the hostile title intact; a resolution moves the entry's updated", () => {
    const { entries, feed } = parseAtomFeed(siteFile(site.dir, "status/atom.xml"), "status");
    expect(entries.map((entry) => new URL(entry.links[0]?.href ?? "").pathname)).toEqual([
      announced.url,
      ongoing.url,
      resolved.url,
    ]);
    const [, open, closed] = entries;
    expect(open?.title).toBe(ongoing.title);
    expect(open?.updated).toBe(new Date(ongoing.updated).toISOString());
    // updated: says 14:30, the resolution came later and is what subscribers must be told about.
    expect(closed?.updated).toBe(new Date(resolved.resolved).toISOString());
    expect(closed?.summary).toContain("復旧: 2026年11月20日 15時45分");
    expect(closed?.categories).toEqual(["障害", "ファイルの送信 (HTTP Upload)"]);
    expect(feed.id).toBe(`${facts.site.url}/status/`);
  });

  it("keeps status entries out of the news feed, and both feeds are advertised where they belong", () => {
    const news = parseAtomFeed(siteFile(site.dir, "atom.xml"));
    expect(news.entries.filter((entry) => entry.id.includes("/status/"))).toEqual([]);
    const alternates = (path: string) =>
      page(site.dir, path)
        .querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')
        .map((link) => link.getAttribute("href"));
    expect(alternates("/status/")).toEqual(["/atom.xml", "/status/atom.xml"]);
    expect(alternates(ongoing.url)).toEqual(["/atom.xml", "/status/atom.xml"]);
    expect(alternates("/")).toEqual(["/atom.xml"]);
  });

  it("/status/ offers the status node over XMPP", () => {
    const uri = pubsubSubscribeUri(facts.xmpp.pubsub.service, facts.xmpp.pubsub.statusNode);
    expect(
      status()
        .querySelectorAll("a")
        .map((a) => a.getAttribute("href")),
    ).toContain(uri);
  });
});

describe("nothing open: resolved history and announced maintenance only, no outside account", () => {
  const site = fixtureSite("quiet");

  it("/status/ says all is running, with the maintenance still upcoming and the history kept", () => {
    const status = page(site.dir, "/status/");
    expect(text(status.querySelector("#now"))).toBe("すべて正常に稼働しています");
    expect(status.querySelector("#now")?.parentNode?.querySelectorAll("a")).toEqual([]);
    expect(status.querySelector(`#upcoming ~ * a[href="${announced.url}"]`)).not.toBeNull();
    expect(status.querySelector(`a[href="${resolved.url}"]`)).not.toBeNull();
  });

  it("no page shows the notice, and the home page says all is running", () => {
    for (const [path, html] of layoutPages(site.dir)) expect(notice(html), path).toBeNull();
    expect(text(homeStatusLine(site.dir))).toBe("すべて正常に稼働しています");
  });

  it("names no outside outage account once server.yaml does not, and still points to /status/", () => {
    const account = facts.announcements.outages;
    if (!account) throw new Error("the real server.yaml names an outage account: this test removes it");
    for (const path of ["/guides/outages/", "/"]) {
      const html = page(site.dir, path).toString();
      expect(html, path).not.toContain(account.url);
      expect(html, path).not.toContain(`@${account.account}`);
      expect(html, path).toContain('href="/status/"');
    }
    expect(page(site.dir, "/guides/outages/").querySelector("article")?.text).not.toContain(account.service);
  });
});

describe("a broken status entry", () => {
  it("stops the build with the file, the line and the field, as npm run check names it", async () => {
    const contentDir = copyOfContent();
    const path = "status/2026/1202-typo.md";
    addFiles(contentDir, {
      [path]: post("title: 誤り\ndate: 2026-12-02T10:00\nkind: 障害\nservices: [c2s, mcu]\nupdated: 2026-12-02T10:00"),
    });
    try {
      const output = await buildSite(contentDir).then(
        (siteDir) => {
          rmSync(siteDir, { recursive: true, force: true });
          return "the build accepted it";
        },
        (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}\n${error.stderr ?? ""}`,
      );
      expect(output).toContain(
        `${shownFrom(contentDir, path)}:5: services.1: 「mcu」は server.yaml の services にありません`,
      );
    } finally {
      rmSync(contentDir, { recursive: true, force: true });
    }
  });
});
