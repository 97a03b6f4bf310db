import { expect } from "vitest";
import { exactXmlParser, xmllintErrors } from "./feed-parsers.ts";

export interface ParsedEntry {
  id: string;
  title: string;
  published: string;
  updated: string;
  links: { rel?: string; href: string; type?: string }[];
  authorName: string;
  content: string;
  contentType: string;
  summary: string;
  categories: string[];
}

const parser = exactXmlParser("", ["entry", "link", "category", "author"]);

const textOf = (node: unknown): string =>
  typeof node === "string" ? node : String((node as Record<string, unknown> | undefined)?.["#text"] ?? "");

/**
 * Why `xml` is not a well-formed XML 1.0 document, or "" when it is.
 * libxml2 (Debian's libxml2-utils) is a strict, independent parser: it
 * refuses forbidden characters, bad character references and a second root.
 * Text reaches it as UTF-8, which cannot carry an unpaired surrogate (Node
 * would write U+FFFD instead), so those are looked for first.
 */
export function xmlWellFormednessErrors(xml: string): string {
  if (!xml.isWellFormed()) return "the text holds an unpaired surrogate, which no XML document can";
  return xmllintErrors(xml);
}

/**
 * Parses an Atom document with independent XML parsers and checks the
 * structure RFC 4287 requires, returning the entries for further checks.
 * `section` is the first segment of every entry's path: `blog` in `/atom.xml`, `status` in `/status/atom.xml`.
 */
export function parseAtomFeed(
  xml: string,
  section = "blog",
): { entries: ParsedEntry[]; feed: Record<string, unknown> } {
  expect(xmlWellFormednessErrors(xml), "the feed must be well-formed XML 1.0").toBe("");
  const feed = parser.parse(xml).feed as Record<string, unknown>;
  expect(feed.xmlns).toBe("http://www.w3.org/2005/Atom");
  expect(feed["xml:lang"]).toBe("ja");
  for (const required of ["id", "title", "updated"]) expect(textOf(feed[required])).not.toBe("");
  const entries = ((feed.entry as Record<string, unknown>[] | undefined) ?? []).map(toEntry);
  for (const entry of entries) assertValidEntry(entry, section);
  return { entries, feed };
}

function toEntry(raw: Record<string, unknown>): ParsedEntry {
  const content = raw.content as Record<string, string>;
  const author = (raw.author as Record<string, unknown>[])[0] ?? {};
  return {
    id: textOf(raw.id),
    title: textOf(raw.title),
    published: textOf(raw.published),
    updated: textOf(raw.updated),
    links: raw.link as ParsedEntry["links"],
    authorName: textOf(author.name),
    content: textOf(content),
    contentType: content?.type ?? "",
    summary: textOf(raw.summary),
    categories: ((raw.category as { term: string }[] | undefined) ?? []).map((category) => category.term),
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function assertValidEntry(entry: ParsedEntry, section = "blog"): void {
  expect(entry.id).toMatch(new RegExp(`^tag:[^,]+,\\d{4}-\\d{2}-\\d{2}:/${section}/\\d{4}/\\d{4}-[a-z0-9-]+/$`));
  expect(entry.title.trim()).not.toBe("");
  expect(entry.published).toMatch(RFC3339);
  expect(entry.updated).toMatch(RFC3339);
  expect(Date.parse(entry.updated)).toBeGreaterThanOrEqual(Date.parse(entry.published));
  expect(entry.authorName).not.toBe("");
  const alternate = entry.links.find((link) => link.rel === "alternate");
  expect(alternate?.href).toMatch(new RegExp(`^https://[^/]+/${section}/\\d{4}/\\d{4}-[a-z0-9-]+/$`));
  expect(entry.contentType).toBe("html");
  for (const term of entry.categories) expect(term).not.toBe("");
}
