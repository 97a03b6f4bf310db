import { spawnSync } from "node:child_process";
import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";

/** Debian's libxml2-utils: a strict XML 1.0 parser (`.ci/run` installs it when missing). */
export const XMLLINT_PATH = "/usr/bin/xmllint";
/** Debian's python3-feedparser is installed for the system Python, not for any other on the PATH. */
export const FEEDPARSER_PYTHON = "/usr/bin/python3";

function run(command: string, args: string[], input: string, missing: string): { status: number; out: string } {
  const result = spawnSync(command, args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command}: ${result.error.message} (install ${missing}; .ci/run does)`);
  return { status: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

/** What xmllint says is wrong with `xml`, or "" when it is well-formed. */
export function xmllintErrors(xml: string): string {
  const { status, out } = run(XMLLINT_PATH, ["--noout", "--nonet", "-"], xml, "libxml2-utils");
  return status === 0 ? "" : out || `xmllint exited with ${status}`;
}

/** A feed as Python's feedparser reads it: `bozo` is its "this feed has an error" flag. */
export interface FeedparserResult {
  bozo: boolean;
  error: string;
  version: string;
  language: string | null;
  title: string | null;
  entries: { id: string | null; title: string | null; link: string | null; published: string | null }[];
}

const FEEDPARSER_SCRIPT = `
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
  "bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
  "language": d.feed.get("language"), "title": d.feed.get("title"),
  "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "published": e.get("published")}
              for e in d.entries],
}))
`;

export function feedparser(xml: string): FeedparserResult {
  const { status, out } = run(FEEDPARSER_PYTHON, ["-c", FEEDPARSER_SCRIPT], xml, "python3-feedparser");
  if (status !== 0) throw new Error(`feedparser failed: ${out}`);
  return JSON.parse(out) as FeedparserResult;
}

/** Both independent parsers accept `xml` without a single error; returns feedparser's reading. */
export function expectCleanFeed(xml: string): FeedparserResult {
  expect(xmllintErrors(xml), "xmllint").toBe("");
  const parsed = feedparser(xml);
  expect(parsed.error, "feedparser").toBe("");
  expect(parsed.bozo, "feedparser bozo").toBe(false);
  return parsed;
}

export interface ParsedRssItem {
  title: string;
  link: string;
  guid: string;
  guidIsPermaLink: string;
  pubDate: string;
  description: string;
  content: string;
  categories: string[];
}

/**
 * fast-xml-parser set to give text back exactly as written (no trimming, no guessing of numbers,
 * XML's entities only), so tests compare what a reader gets; `arrays` are the elements that repeat.
 */
export function exactXmlParser(attributeNamePrefix: string, arrays: readonly string[]): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix,
    textNodeName: "#text",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrays.includes(name),
  });
}

const rssParser = exactXmlParser("@", ["item", "category", "atom:link"]);

const textOf = (node: unknown): string =>
  typeof node === "string" ? node : String((node as Record<string, unknown> | undefined)?.["#text"] ?? "");

/** An RSS 2.0 document read by a third, JavaScript parser, for the exact text of each field. */
export function parseRss(xml: string): {
  rss: Record<string, string>;
  channel: Record<string, unknown>;
  items: ParsedRssItem[];
} {
  const rss = rssParser.parse(xml).rss as Record<string, unknown>;
  const channel = rss.channel as Record<string, unknown>;
  const items = ((channel.item as Record<string, unknown>[] | undefined) ?? []).map((item) => ({
    title: textOf(item.title),
    link: textOf(item.link),
    guid: textOf(item.guid),
    guidIsPermaLink: String((item.guid as Record<string, unknown>)?.["@isPermaLink"]),
    pubDate: textOf(item.pubDate),
    description: textOf(item.description),
    content: textOf(item["content:encoded"]),
    categories: ((item.category as unknown[] | undefined) ?? []).map(textOf),
  }));
  return { rss: rss as Record<string, string>, channel, items };
}
