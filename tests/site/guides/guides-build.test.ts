import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { parse } from "node-html-parser";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { formatJstDate } from "../../../src/lib/dates/jst.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { loadObservations, observationsFile } from "../../../src/lib/server-facts/observed-claims.ts";
import { marginText } from "../../../src/lib/tls/renewal-margin.ts";
import { mucJoinUri, percentEncode, pubsubSubscribeUri, xmppUri } from "../../../src/lib/xmpp-uri/xmpp-uri.ts";
import { page, siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();
const guidesDir = join(PROJECT_ROOT, "content/guides");
const slugs = readdirSync(guidesDir)
  .filter((name) => name.endsWith(".mdx"))
  .map((name) => name.replace(/\.mdx$/, ""));

const guide = (slug: string) => page(siteDir, `/guides/${slug}/`);
const body = (slug: string) => guide(slug).querySelector("article .prose");
const text = (slug: string) => body(slug)?.text ?? "";
const hrefs = (slug: string) =>
  body(slug)
    ?.querySelectorAll("a")
    .map((link) => link.getAttribute("href") ?? "") ?? [];

describe("the guide pages", () => {
  it("exist for every guide, including the three the rest of the site links to", () => {
    expect(slugs).toEqual(expect.arrayContaining(["register", "connect", "pubsub"]));
    expect(slugs.length).toBeGreaterThanOrEqual(8);
    for (const slug of slugs) expect(body(slug)?.text.trim(), slug).toBeTruthy();
  });

  it("are listed in the guide index in their front-matter order", () => {
    const order = (slug: string) =>
      Number(/^order:\s*(\d+)\s*$/m.exec(readFileSync(join(guidesDir, `${slug}.mdx`), "utf8"))?.[1]);
    const expected = [...slugs].sort((a, b) => order(a) - order(b)).map((slug) => `/guides/${slug}/`);
    const listed = page(siteDir, "/guides/")
      .querySelectorAll("main li h2 a")
      .map((link) => link.getAttribute("href"));
    expect(listed).toEqual(expected);
    expect(expected.slice(0, 2)).toEqual(["/guides/register/", "/guides/connect/"]);
  });

  it("link only to site pages that exist", () => {
    // The web client page comes from the web chat work (issue 7), which is not part of this build yet.
    const sitePaths = (slug: string) =>
      hrefs(slug).filter((href) => href.startsWith("/") && href !== facts.xmpp.webClientPath);
    for (const slug of slugs) {
      for (const href of sitePaths(slug)) {
        const [path = "", fragment] = href.split("#");
        const file = path.endsWith("/") ? `${path}index.html` : path;
        expect(() => siteFile(siteDir, file), `${slug} → ${href}`).not.toThrow();
        if (fragment !== undefined) expect(page(siteDir, path).querySelector(`#${fragment}`), href).not.toBeNull();
      }
    }
  });
});

describe("server facts in the guides", () => {
  const { xmpp, tls, announcements } = facts;

  it("register: the domain, the web registration page and the privacy policy", () => {
    expect(text("register")).toContain(`ユーザー名@${xmpp.domain}`);
    expect(hrefs("register")).toEqual(expect.arrayContaining([xmpp.registrationUrl, "/privacy/", "/guides/connect/"]));
  });

  it("connect: the JID form and the public room link", () => {
    expect(text("connect")).toContain(`ユーザー名@${xmpp.domain}`);
    expect(hrefs("connect")).toContain(mucJoinUri(xmpp.muc.publicRoom.node, xmpp.muc.service));
  });

  it("pubsub: service, node, subscribe link, and a stanza that subscribes to exactly that node", () => {
    expect(text("pubsub")).toContain(xmpp.pubsub.service);
    expect(text("pubsub")).toContain(xmpp.pubsub.newsNode);
    expect(text("pubsub")).toContain(formatJstDate(xmpp.pubsub.since));
    expect(hrefs("pubsub")).toEqual(
      expect.arrayContaining([pubsubSubscribeUri(xmpp.pubsub.service, xmpp.pubsub.newsNode), "/atom.xml"]),
    );
    // node-html-parser keeps <pre> as raw text by default; parse it as markup to read the code inside.
    const html = siteFile(siteDir, "guides/pubsub/index.html");
    const stanzaText = parse(html, { blockTextElements: {} }).querySelector("article pre code")?.text ?? "";
    const stanza = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(stanzaText);
    expect(stanza.iq).toMatchObject({ type: "set", to: xmpp.pubsub.service });
    expect(stanza.iq.pubsub.xmlns).toBe("http://jabber.org/protocol/pubsub");
    expect(stanza.iq.pubsub.subscribe.node).toBe(xmpp.pubsub.newsNode);
    expect(stanza.iq.pubsub.subscribe.jid).toMatch(new RegExp(`^[a-z]+@${xmpp.domain.replaceAll(".", "\\.")}$`));
  });

  it("irc: the gateway, the retired host with its date, and the 2018 announcement", () => {
    const [retired] = xmpp.ircGateway.retired;
    expect(retired).toBeDefined();
    expect(text("irc")).toContain(`#チャンネル名%IRCサーバー名@${xmpp.ircGateway.host}`);
    expect(text("irc")).toContain(retired?.host);
    expect(text("irc")).toContain(retired?.software);
    expect(text("irc")).toContain(formatJstDate(retired?.retiredOn ?? new Date(Number.NaN)));
    expect(hrefs("irc")).toContain("/blog/2018/0810-irc/");
  });

  it("web-client: the web client page, the anonymous host, the public room and the registration guide", () => {
    expect(hrefs("web-client")).toEqual(
      expect.arrayContaining([
        xmpp.webClientPath,
        "/guides/register/",
        mucJoinUri(xmpp.muc.publicRoom.node, xmpp.muc.service),
      ]),
    );
    expect(text("web-client")).toContain(xmpp.anonymousHost);
  });

  it("outages: the status page, its feed and node, the outage account and the operations blog, linked", () => {
    const outages = announcements.outages;
    if (!outages) throw new Error("content/server.yaml names no outage account: this test expects the real one");
    const statusUri = pubsubSubscribeUri(xmpp.pubsub.service, xmpp.pubsub.statusNode);
    expect(hrefs("outages")).toEqual(
      expect.arrayContaining(["/status/", "/status/atom.xml", statusUri, outages.url, announcements.opsBlog.url]),
    );
    expect(text("outages")).toContain(statusUri);
    expect(text("outages")).toContain(`@${outages.account}`);
    expect(text("outages")).toContain(announcements.opsBlog.name);
    expect(text("outages")).toContain(outages.service);
  });

  it("tls: issuer, since, automatic renewal and its margin, the old schedule as history, no next renewal date", () => {
    expect(text("tls")).toContain(tls.issuer);
    const [year, month] = tls.since.split("-").map(Number);
    expect(text("tls")).toContain(`${year}年${month}月から`);
    expect(body("tls")?.querySelector("[data-renewal-margin]")?.text).toBe(marginText(tls.renewal.before));
    expect(text("tls")).toContain("自動で行い");
    const history = body("tls")?.querySelector("[data-tls-history]")?.text ?? "";
    expect(history).toContain("2016年1月から2026年12月までは、2か月に1度、奇数月(1・3・5・7・9・11月)の2日 9時45分");
    // The era of fixed dates is over: the page states no upcoming renewal date.
    expect(body("tls")?.querySelector("[data-tls-next-renewal]")).toBeNull();
    expect(text("tls")).not.toMatch(/次回の更新予定/);
    expect(text("tls")).toContain("2025年12月2日の発表");
  });

  it("tls: the latest observed certificate, or a plain note that none was checked yet", () => {
    const observed = loadObservations(observationsFile(join(PROJECT_ROOT, "content")));
    const shown = body("tls")?.querySelector("[data-observed-tls]");
    if (observed === undefined) {
      expect(shown?.getAttribute("data-observed-tls")).toBe("none");
      expect(shown?.text).toContain("まだ確認していません");
    } else {
      expect(shown?.querySelector("[data-fingerprint]")?.text).toBe(observed.certificate.sha256);
    }
  });
});

/** Characters allowed unencoded in a local part or query value: RFC 3986 unreserved, or a %XX escape. */
const ENCODED = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;
const XMPP_URI = /^xmpp:(?:([^@/?#;]+)@)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:\?([a-z]+)((?:;[a-z-]+=[^;]*)*))?$/;

interface ParsedXmppUri {
  local?: string;
  domain: string;
  action?: string;
  params: [string, string][];
}

/** Parses an xmpp: URI as a client would, failing on anything not percent-encoded per RFC 5122. */
function parseXmppUri(uri: string): ParsedXmppUri {
  const match = XMPP_URI.exec(uri);
  if (!match) throw new Error(`not an xmpp: URI of RFC 5122 / XEP-0147 form: ${uri}`);
  const [, local, domain = "", action, query = ""] = match;
  const encodedParts = [local ?? "", ...query.split(";").map((pair) => pair.split("=")[1] ?? "")];
  for (const part of encodedParts) {
    if (!ENCODED.test(part)) throw new Error(`"${part}" is not percent-encoded in ${uri}`);
    // One canonical spelling: decoding and re-encoding must give the same text back.
    expect(percentEncode(decodeURIComponent(part))).toBe(part);
  }
  const params = query
    .split(";")
    .filter(Boolean)
    .map((pair) => {
      const [key = "", value = ""] = pair.split("=");
      return [key, decodeURIComponent(value)] as [string, string];
    });
  return {
    ...(local === undefined ? {} : { local: decodeURIComponent(local) }),
    domain,
    ...(action === undefined ? {} : { action }),
    params,
  };
}

describe("xmpp: links in the guides", () => {
  const links = slugs.flatMap((slug) => hrefs(slug).filter((href) => href.startsWith("xmpp:")));
  const parsed = links.map(parseXmppUri);
  const { xmpp, site } = facts;

  it("are all well-formed and percent-encoded", () => {
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const uri of links) expect(() => parseXmppUri(uri), uri).not.toThrow();
  });

  it("decode to the room, node and addresses of server.yaml", () => {
    expect(parsed).toContainEqual({
      local: xmpp.muc.publicRoom.node,
      domain: xmpp.muc.service,
      action: "join",
      params: [],
    });
    expect(parsed).toContainEqual({
      domain: xmpp.pubsub.service,
      action: "pubsub",
      params: [
        ["action", "subscribe"],
        ["node", xmpp.pubsub.newsNode],
      ],
    });
    const [contactLocal, contactDomain] = site.contactXmpp.split("@");
    expect(parsed).toContainEqual({
      local: contactLocal,
      domain: contactDomain,
      action: "message",
      params: [["body", "こんにちは"]],
    });
    expect(parsed).toContainEqual(expect.objectContaining({ local: contactLocal, action: "roster" }));
  });

  it("encode the # and % of an IRC channel address", () => {
    const irc = parsed.find((uri) => uri.domain === xmpp.ircGateway.host);
    expect(irc).toMatchObject({ local: "#example%irc.example.net", action: "join" });
    expect(links).toContain(xmppUri({ local: "#example%irc.example.net", domain: xmpp.ircGateway.host }, "join"));
    expect(links.find((uri) => uri.includes(xmpp.ircGateway.host))).toMatch(/^xmpp:%23example%25irc\.example\.net@/);
  });

  it("show the same URI as the one they link to", () => {
    for (const slug of slugs) {
      for (const link of body(slug)?.querySelectorAll('a[href^="xmpp:"]') ?? []) {
        const shown = link.querySelector("code")?.text;
        if (shown !== undefined) expect(shown).toBe(link.getAttribute("href"));
      }
    }
  });

  it("are refused by the checker when not encoded", () => {
    expect(() => parseXmppUri(`xmpp:${xmpp.muc.publicRoom.node}@${xmpp.muc.service}?join`)).toThrow();
    expect(() =>
      parseXmppUri(`xmpp:${xmpp.pubsub.service}?pubsub;action=subscribe;node=${xmpp.pubsub.newsNode}`),
    ).toThrow();
    expect(() => parseXmppUri("xmpp:#example%irc.example.net@ircb.example?join")).toThrow();
  });
});
