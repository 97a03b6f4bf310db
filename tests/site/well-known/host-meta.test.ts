import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, inject, it } from "vitest";
import { loadServerFacts, serverFactsFile } from "../../../src/lib/server-facts/load.ts";
import type { ServerFacts } from "../../../src/lib/server-facts/schema.ts";
import { connectionLinks, hostMetaJrd, hostMetaXrd } from "../../../src/lib/well-known/host-meta.ts";
import { siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();

// Written out here rather than imported: the test checks the code against XEP-0156, not against itself.
const XRD_NAMESPACE = "http://docs.oasis-open.org/ns/xri/xrd-1.0";
const WEBSOCKET = "urn:xmpp:alt-connections:websocket";
const BOSH = "urn:xmpp:alt-connections:xbosh";

interface Link {
  rel: string;
  href: string;
}

function xrdLinks(xrd: string): Link[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => name === "Link",
  });
  const document = parser.parse(xrd) as { XRD: { xmlns: string; Link?: Link[] } };
  expect(document.XRD.xmlns).toBe(XRD_NAMESPACE);
  return (document.XRD.Link ?? []).map(({ rel, href }) => ({ rel, href }));
}

function jrdLinks(jrd: string): Link[] {
  return (JSON.parse(jrd) as { links: Link[] }).links;
}

function withBosh(url: string): ServerFacts {
  const changed: ServerFacts = structuredClone(facts);
  changed.xmpp.boshUrl = url;
  return changed;
}

describe("/.well-known/host-meta and host-meta.json (XEP-0156)", () => {
  const xrd = xrdLinks(siteFile(siteDir, ".well-known/host-meta"));
  const jrd = jrdLinks(siteFile(siteDir, ".well-known/host-meta.json"));

  it("lists the WebSocket endpoint of the server facts", () => {
    expect(xrd).toContainEqual({ rel: WEBSOCKET, href: facts.xmpp.websocketUrl });
  });

  it("lists BOSH exactly when the facts offer it", () => {
    expect(xrd.some((link) => link.rel === BOSH)).toBe(facts.xmpp.boshUrl !== undefined);
  });

  it("gives the same links in the XRD and the JRD", () => {
    expect(jrd).toEqual(xrd);
  });

  it("offers only encrypted endpoints", () => {
    for (const { href } of xrd) expect(new URL(href).protocol).toMatch(/^(https|wss):$/);
  });

  it("adds BOSH when the facts offer it, escaped for XML", () => {
    const links = connectionLinks(withBosh("https://step.im/http-bind?a=1&b=2"));
    expect(links).toContainEqual({ rel: BOSH, href: "https://step.im/http-bind?a=1&b=2" });
    const xrd = hostMetaXrd(links);
    expect(xrd).toContain('href="https://step.im/http-bind?a=1&amp;b=2"');
    expect(xrdLinks(xrd)).toEqual(links);
    expect(jrdLinks(hostMetaJrd(links))).toEqual(links);
  });
});

describe("server.yaml endpoints", () => {
  const yaml = readFileSync(serverFactsFile(), "utf8");

  it.each([
    ["a plain ws: WebSocket", yaml.replace(/websocketUrl: wss:/, "websocketUrl: ws:"), "xmpp.websocketUrl"],
    [
      "a plain http: BOSH",
      yaml.replace(/(websocketUrl: .*\n)/, "$1  boshUrl: http://step.im/http-bind\n"),
      "xmpp.boshUrl",
    ],
  ])("refuses %s, naming the field", (_, variant, field) => {
    const file = join(mkdtempSync(join(tmpdir(), "step-facts-")), "server.yaml");
    writeFileSync(file, variant);
    expect(() => loadServerFacts(file)).toThrow(field);
  });
});
