import xml, { type Element } from "@xmpp/xml";
import { xmlSafeText } from "./xml-text.ts";

export const ATOM_NS = "http://www.w3.org/2005/Atom";

export interface AtomAuthor {
  name: string;
  uri: string;
}

/** A news post as Atom needs it: every URL absolute, every date an instant. */
export interface AtomPost {
  /** Permanent id (see postAtomId): unchanged by edits. */
  id: string;
  title: string;
  url: string;
  published: Date;
  updated: Date;
  summary: string;
  contentHtml: string;
  categories: readonly string[];
}

const text = (name: string, value: string, attrs: Record<string, string> = {}) => xml(name, attrs, xmlSafeText(value));

/**
 * One RFC 4287 entry. This is the only place an entry is made: `/atom.xml`
 * lists these elements, and the PubSub publisher sends them as item payloads
 * (XEP-0277/XEP-0472 readers need title, id, published, updated, author,
 * link rel=alternate and content type=html). ltx escapes text and attribute
 * values, so nothing an editor writes can break out of its element.
 */
export function atomEntry(post: AtomPost, author: AtomAuthor): Element {
  return xml(
    "entry",
    // A PubSub payload travels without the feed around it, so it states its own language.
    { xmlns: ATOM_NS, "xml:lang": "ja" },
    text("title", post.title, { type: "text" }),
    text("id", post.id),
    xml("link", { rel: "alternate", type: "text/html", href: post.url }),
    text("published", post.published.toISOString()),
    text("updated", post.updated.toISOString()),
    xml("author", {}, text("name", author.name), text("uri", author.uri)),
    ...post.categories.map((term) => xml("category", { term: xmlSafeText(term) })),
    text("summary", post.summary, { type: "text" }),
    text("content", post.contentHtml, { type: "html" }),
  );
}

/**
 * `tag:step.im,2018-04-14:/blog/2018/0414-data/` (RFC 4151): built from the
 * host, the publication day and the path, none of which an edit changes.
 */
export function postAtomId(host: string, day: string, urlPath: string): string {
  return `tag:${host},${day}:${urlPath}`;
}
