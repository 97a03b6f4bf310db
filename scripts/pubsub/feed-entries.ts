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

const CHARACTER_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/** XML 1.0 §2.2 Char: a stream parser lets C0 controls, U+FFFE/U+FFFF and unpaired surrogates through. */
const isXmlChar = (code: number) =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

/**
 * The whole document as one element tree, through the same parser
 * @xmpp/client reads streams with, made strict where a stream parser is not:
 * the root must be closed (a cut-off file is an error, not a shorter
 * document), there is one root only, and every character is one XML allows.
 */
export function parseXmlDocument(xmlText: string, file: string): Element {
  const notWellFormed = (why: string) => new Failure("input", `${file}: not well-formed XML (${why})`);
  for (let index = 0; index < xmlText.length; index += 1) {
    // An unpaired surrogate comes back as itself, which isXmlChar refuses.
    const code = xmlText.codePointAt(index) ?? 0;
    if (!isXmlChar(code)) {
      throw notWellFormed(`character U+${code.toString(16).toUpperCase().padStart(4, "0")} at offset ${index}`);
    }
    if (code > 0xffff) index += 1;
  }
  for (const [reference, digits = ""] of xmlText.matchAll(CHARACTER_REFERENCE)) {
    const code = digits.startsWith("x") ? Number.parseInt(digits.slice(1), 16) : Number(digits);
    if (!isXmlChar(code)) throw notWellFormed(`${reference} refers to a character XML does not allow`);
  }
  const parser = new Parser();
  let root: Element | undefined;
  let closed = false;
  let childrenAtEnd = 0;
  let error: string | undefined;
  parser.on("start", (element: Element) => {
    if (root) error ??= `a second root element <${element.name}>`;
    root = element;
  });
  // Children of the root arrive detached (a stream parser's habit) and are attached here.
  parser.on("element", (element: Element) => {
    root?.append(element);
  });
  parser.on("end", (element: Element) => {
    closed = true;
    childrenAtEnd = element.children.length;
  });
  parser.on("error", (problem: Error) => {
    error ??= problem.message;
  });
  parser.end(xmlText);
  if (error) throw notWellFormed(error);
  if (!root) throw notWellFormed("empty");
  if (!closed) throw notWellFormed(`<${root.name}> is never closed: the file is cut off`);
  // The stream parser hangs anything after the root element onto it.
  const after = root.children.slice(childrenAtEnd);
  const trailing = xmlText.slice(xmlText.lastIndexOf(">") + 1);
  if (trailing.trim() !== "" || after.some((child) => typeof child !== "string" || child.trim() !== "")) {
    throw notWellFormed(`content after the root element <${root.name}>`);
  }
  root.children.splice(childrenAtEnd);
  return root;
}
