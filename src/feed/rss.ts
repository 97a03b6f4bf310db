import { escapeXMLText } from "@xmpp/xml";
import { Feed } from "feed";
import type { AtomPost } from "../lib/atom/entry.ts";
import { xmlSafeText } from "../lib/atom/xml-text.ts";

export interface RssHead {
  title: string;
  /** Plain text: what the feed holds, and where the rest is. */
  description: string;
  siteUrl: string;
  selfUrl: string;
}

/**
 * An RSS 2.0 document, built by `feed` from the same feed view as the Atom
 * entries (permanent id as GUID, absolute URLs, HTML body), newest first as
 * given. `lastBuildDate` is the newest entry's `updated`, so an unchanged site
 * yields a byte-identical feed.
 *
 * `feed` 6 (through xml-js) leaves four gaps, closed here: it splits only the
 * first `]]>` of a CDATA section, so a second one ends the section early; it
 * turns `&amp;` in text back into `&` before escaping, so that text loses a
 * level of escaping; and it passes characters XML 1.0 forbids. So every text
 * `feed` writes is a placeholder, filled in afterwards with text escaped here.
 * The fourth, no `xml:lang`, is closed on the root element.
 */
export function rssFeedXml(head: RssHead, posts: readonly AtomPost[]): string {
  const slots = new TextSlots();
  const feed = new Feed({
    title: slots.text(head.title),
    description: slots.text(head.description),
    link: head.siteUrl,
    feedLinks: { rss: head.selfUrl },
    language: FEED_LANGUAGE,
    updated: newestUpdate(posts),
  });
  for (const post of posts) {
    feed.addItem({
      title: slots.cdata(post.title),
      link: post.url,
      guid: post.id,
      date: post.published,
      // RSS readers show a description as HTML; the summary is plain text.
      description: slots.cdata(escapeXMLText(post.summary)),
      content: slots.cdata(post.contentHtml),
      category: post.categories.map((term) => ({ name: slots.text(term) })),
    });
  }
  return withLanguage(slots.fill(feed.rss2()));
}

const FEED_LANGUAGE = "ja";

function newestUpdate(posts: readonly AtomPost[]): Date {
  const newest = Math.max(0, ...posts.map((post) => post.updated.getTime()));
  return new Date(newest);
}

function withLanguage(xml: string): string {
  const root = "<rss ";
  if (!xml.includes(root)) throw new Error("feed wrote no <rss> root element");
  return xml.replace(root, `<rss xml:lang="${FEED_LANGUAGE}" `);
}

/**
 * Placeholders for the texts handed to `feed`, each unique to one document so
 * that nothing a post contains can be mistaken for one.
 */
class TextSlots {
  private readonly prefix = `feedslot${crypto.randomUUID().replaceAll("-", "")}n`;
  private readonly filled = new Map<string, string>();

  /** Text in a CDATA section that may hold any text, `]]>` included. */
  cdata(value: string): string {
    const token = this.token();
    this.filled.set(`<![CDATA[${token}]]>`, `<![CDATA[${xmlSafeText(value).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`);
    return token;
  }

  /** Escaped character data. */
  text(value: string): string {
    const token = this.token();
    this.filled.set(token, escapeXMLText(xmlSafeText(value)));
    return token;
  }

  fill(xml: string): string {
    let result = xml;
    for (const [placeholder, value] of this.filled) {
      const parts = result.split(placeholder);
      // A placeholder written other than once means `feed` changed how it writes text: fail the build, not the readers.
      if (parts.length !== 2) throw new Error(`feed wrote a text ${parts.length - 1} times instead of once`);
      result = parts.join(value);
    }
    return result;
  }

  private token(): string {
    return `${this.prefix}${this.filled.size}x`;
  }
}
