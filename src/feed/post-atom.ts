import type { CollectionEntry } from "astro:content";
import { BUILD_TIME, type Post } from "../collections/posts.ts";
import type { StatusEntry } from "../collections/status.ts";
import { absolutizeUrls } from "../lib/atom/absolute-urls.ts";
import { type AtomPost, postAtomId } from "../lib/atom/entry.ts";
import { type CollectionName, entryUrlPath } from "../lib/collections/registry.ts";
import { toJstDateString } from "../lib/dates/jst.ts";
import { entrySummary } from "../lib/news/excerpt.ts";
import { serverFacts } from "../lib/server-facts/load.ts";
import { statusEntryUpdated, statusSummary } from "../lib/status/state.ts";

/** What differs between the Atom views of a news post and a status entry. */
interface DatedAtomFields {
  updated: Date;
  summary: string;
  categories: readonly string[];
}

/** The Atom view of any dated entry: absolute URLs, permanent id (from its collection's URL), HTML body. */
function datedEntryToAtom(
  collection: CollectionName,
  entry: CollectionEntry<"news" | "status">,
  fields: DatedAtomFields,
  bodyHtml: string,
  siteUrl: string,
): AtomPost {
  const path = entryUrlPath(collection, entry.id);
  const host = new URL(siteUrl).hostname;
  return {
    id: postAtomId(host, toJstDateString(entry.data.date), path),
    title: entry.data.title,
    url: new URL(path, siteUrl).href,
    published: entry.data.date,
    summary: fields.summary,
    updated: fields.updated,
    contentHtml: absolutizeUrls(bodyHtml, siteUrl),
    categories: fields.categories,
  };
}

/** A news post in `/atom.xml`. */
export function postToAtom(post: Post, bodyHtml: string, siteUrl: string): AtomPost {
  const fields = {
    updated: post.data.updated ?? post.data.date,
    summary: entrySummary(post),
    categories: post.data.tags,
  };
  return datedEntryToAtom("news", post, fields, bodyHtml, siteUrl);
}

/** A status entry in `/status/atom.xml`: its `updated` moves on an update and on its resolution. */
export function statusToAtom(entry: StatusEntry, bodyHtml: string, siteUrl: string): AtomPost {
  const labels = serverFacts().services;
  const fields = {
    updated: statusEntryUpdated(entry.data, BUILD_TIME),
    summary: statusSummary(entry.data, labels, BUILD_TIME),
    categories: [entry.data.kind, ...entry.data.services.map((key) => labels[key] ?? key)],
  };
  return datedEntryToAtom("status", entry, fields, bodyHtml, siteUrl);
}
