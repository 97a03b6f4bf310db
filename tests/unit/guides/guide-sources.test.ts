import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";

const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/**
 * Every host name content/server.yaml states — as a value, inside a URL, or as
 * the domain of an address — plus the whole URLs and addresses.
 * A guide that types one of these by hand would silently drift when the fact changes.
 */
function identifiersIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) identifiersIn(item, found);
  } else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) identifiersIn(item, found);
  } else if (typeof value === "string") {
    if (HOST.test(value)) found.add(value);
    if (/^(https|wss):\/\//.test(value)) found.add(value).add(new URL(value).hostname);
    const domain = /^[^@\s]+@([^@\s]+)$/.exec(value)?.[1];
    if (domain !== undefined && HOST.test(domain)) found.add(value).add(domain);
  }
  return found;
}

const facts = loadServerFacts(join(PROJECT_ROOT, "content/server.yaml"));
const { publicRoom } = facts.xmpp.muc;
// The walk finds what looks like a host, URL or address; the XMPP names that look like none of these are added by hand.
const identifiers = [
  ...identifiersIn(parse(readFileSync(join(PROJECT_ROOT, "content/server.yaml"), "utf8"))),
  publicRoom.name,
  publicRoom.node,
  facts.xmpp.pubsub.newsNode,
  facts.xmpp.pubsub.statusNode,
  facts.xmpp.webClientPath,
];
const guidesDir = join(PROJECT_ROOT, "content/guides");
const sources = readdirSync(guidesDir)
  .filter((name) => /\.mdx?$/.test(name))
  .map((name) => ({ name, text: readFileSync(join(guidesDir, name), "utf8") }));

describe("guide sources", () => {
  it("find the host names, addresses and paths of server.yaml to look for", () => {
    expect(identifiers).toEqual(
      expect.arrayContaining([
        facts.xmpp.domain,
        facts.xmpp.muc.service,
        facts.xmpp.ircGateway.host,
        ...facts.xmpp.ircGateway.retired.map((retired) => retired.host),
        facts.xmpp.anonymousHost,
        facts.xmpp.pubsub.newsNode,
        facts.xmpp.webClientPath,
        facts.xmpp.registrationUrl,
        facts.site.contactXmpp,
      ]),
    );
  });

  it("never type a host name, address, URL or node from server.yaml: they come through components", () => {
    expect(sources.length).toBeGreaterThan(0);
    const retyped = sources.flatMap(({ name, text }) =>
      text
        .split("\n")
        .flatMap((line, index) =>
          identifiers.filter((id) => line.includes(id)).map((id) => `${name}:${index + 1}: ${id}`),
        ),
    );
    expect(retyped).toEqual([]);
  });
});
