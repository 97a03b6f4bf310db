import xml, { type Element } from "@xmpp/xml";
import { ATOM_NS, type AtomAuthor } from "./entry.ts";
import { xmlSafeText } from "./xml-text.ts";

export interface AtomFeedHead {
  id: string;
  title: string;
  subtitle: string;
  siteUrl: string;
  selfUrl: string;
  author: AtomAuthor;
}

/**
 * The whole `/atom.xml` document. `entries` come from `atomEntry`, newest
 * first; the feed's `updated` is the newest entry's, so an unchanged site
 * yields a byte-identical feed. Each entry keeps its own Atom namespace
 * declaration, so the bytes of an entry here are exactly a PubSub payload.
 */
export function atomFeedXml(head: AtomFeedHead, entries: readonly Element[]): string {
  const newest = entries
    .map((entry) => entry.getChildText("updated") ?? "")
    .sort()
    .at(-1);
  const feed = xml(
    "feed",
    { xmlns: ATOM_NS, "xml:lang": "ja" },
    xml("id", {}, head.id),
    xml("title", { type: "text" }, xmlSafeText(head.title)),
    xml("subtitle", { type: "text" }, xmlSafeText(head.subtitle)),
    xml("link", { rel: "self", type: "application/atom+xml", href: head.selfUrl }),
    xml("link", { rel: "alternate", type: "text/html", href: head.siteUrl }),
    xml("updated", {}, newest || new Date(0).toISOString()),
    xml("author", {}, xml("name", {}, head.author.name), xml("uri", {}, head.author.uri)),
    ...entries,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${feed.toString()}\n`;
}
