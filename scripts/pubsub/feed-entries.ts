import { type Element, Parser } from "@xmpp/xml";
import { ATOM_NS } from "../../src/lib/atom/entry.ts";
import { Failure } from "../lib/failure.ts";
import { itemIdFromAtomId } from "./item-id.ts";

/** One post as the publisher sees it: its entry element is the item payload, sent as it is. */
export interface FeedPost {
  atomId: string;
  itemId: string;
  title: string;
  published: Date;
  updated: Date;
  entry: Element;
}

export interface BuiltFeed {
  title: string;
  posts: FeedPost[];
}

/** Reads `/atom.xml` as the build wrote it; `file` names it in errors. */
export function parseFeed(xmlText: string, file: string): BuiltFeed {
  const feed = parseXmlDocument(xmlText, file);
  if (!feed.is("feed", ATOM_NS)) throw new Failure("input", `${file}: the root element is not an Atom <feed>`);
  const posts = feed
    .getChildren("entry", ATOM_NS)
    .map((entry, index) => feedPost(entry, `${file}: entry ${index + 1}`));
  const byItemId = new Map<string, FeedPost>();
  for (const post of posts) {
    const twin = byItemId.get(post.itemId);
    if (twin) {
      throw new Failure("input", `${file}: "${twin.atomId}" and "${post.atomId}" give the same item id ${post.itemId}`);
    }
    byItemId.set(post.itemId, post);
  }
  return { title: feed.getChildText("title", ATOM_NS) ?? "", posts };
}

function feedPost(entry: Element, where: string): FeedPost {
  const atomId = entry.getChildText("id", ATOM_NS)?.trim();
  if (!atomId) throw new Failure("input", `${where}: <id> is missing`);
  const date = (field: "published" | "updated") => {
    const text = entry.getChildText(field, ATOM_NS) ?? "";
    const value = new Date(text);
    if (text === "" || Number.isNaN(value.getTime())) {
      throw new Failure("input", `${where} (${atomId}): <${field}> is missing or not a date`);
    }
    return value;
  };
  return {
    atomId,
    itemId: itemIdFromAtomId(atomId),
    title: entry.getChildText("title", ATOM_NS) ?? "",
    published: date("published"),
    updated: date("updated"),
    entry,
  };
}

/** The whole document as one element tree, through the same parser @xmpp/client reads streams with. */
export function parseXmlDocument(xmlText: string, file: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  let error: Error | undefined;
  parser.on("start", (element: Element) => {
    root = element;
  });
  // Children of the root arrive detached (a stream parser's habit) and are attached here.
  parser.on("element", (element: Element) => {
    root?.append(element);
  });
  parser.on("error", (problem: Error) => {
    error ??= problem;
  });
  parser.end(xmlText);
  if (error || !root) throw new Failure("input", `${file}: not well-formed XML (${error?.message ?? "empty"})`);
  return root;
}
