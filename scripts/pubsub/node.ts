import xml, { type Element } from "@xmpp/xml";
import { ATOM_NS } from "../../src/lib/atom/entry.ts";
import { Failure } from "../lib/failure.ts";
import type { XmppSession } from "../xmpp/connect.ts";
import { requestFailure, stanzaCondition } from "../xmpp/errors.ts";

/** XEP-0060 in the few requests the publisher needs. */
const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
const NS_OWNER = `${NS_PUBSUB}#owner`;
const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
const NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
const NS_DATA = "jabber:x:data";
const NS_RSM = "http://jabber.org/protocol/rsm";

export interface NodeTarget {
  service: string;
  node: string;
}

export type MaxItems = number | "max";

export interface NodeState {
  exists: boolean;
  itemIds: Set<string>;
  /** From the node's meta-data or (when this account may read it) its configuration; undefined if neither says. */
  maxItems: MaxItems | undefined;
}

const where = ({ service, node }: NodeTarget) => `node ${node} on ${service}`;
const iq = (type: "get" | "set", target: NodeTarget, child: Element) => xml("iq", { type, to: target.service }, child);

/** Whether the node exists, which item ids it holds, and how many it keeps. Reads ids only, never payloads. */
export async function readNode(session: XmppSession, target: NodeTarget): Promise<NodeState> {
  let info: Element;
  try {
    info = await session.request(iq("get", target, xml("query", { xmlns: NS_DISCO_INFO, node: target.node })));
  } catch (error) {
    if (stanzaCondition(error) === "item-not-found") return { exists: false, itemIds: new Set(), maxItems: undefined };
    throw requestFailure(error, `read ${where(target)}`);
  }
  const metaMaxItems = formValue(info.getChild("query", NS_DISCO_INFO), "pubsub#max_items");
  return {
    exists: true,
    itemIds: await readItemIds(session, target),
    maxItems: parseMaxItems(metaMaxItems ?? (await readConfiguredMaxItems(session, target))),
  };
}

async function readConfiguredMaxItems(session: XmppSession, target: NodeTarget): Promise<string | undefined> {
  try {
    const result = await session.request(
      iq("get", target, xml("pubsub", { xmlns: NS_OWNER }, xml("configure", { node: target.node }))),
    );
    return formValue(result.getChild("pubsub", NS_OWNER)?.getChild("configure"), "pubsub#max_items");
  } catch {
    // Only owners may read a node's configuration; the limit then stays unknown.
    return undefined;
  }
}

/** All item ids (XEP-0060 §5.5), following RSM pages where the server splits the list (XEP-0059). */
async function readItemIds(session: XmppSession, target: NodeTarget): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (let page = 0; page < 1_000; page += 1) {
    const paging = after === undefined ? [] : [xml("set", { xmlns: NS_RSM }, xml("after", {}, after))];
    const result = await session
      .request(iq("get", target, xml("query", { xmlns: NS_DISCO_ITEMS, node: target.node }, ...paging)))
      .catch((error: unknown) => {
        throw requestFailure(error, `list the items of ${where(target)}`);
      });
    const query = result.getChild("query", NS_DISCO_ITEMS);
    const names = (query?.getChildren("item") ?? []).map((item) => String(item.attrs.name ?? ""));
    const fresh = names.filter((name) => name !== "" && !ids.has(name));
    for (const name of fresh) ids.add(name);
    const last = query?.getChild("set", NS_RSM)?.getChildText("last") ?? undefined;
    if (last === undefined || fresh.length === 0) return ids;
    after = last;
  }
  throw new Failure("server", `list the items of ${where(target)}: the server keeps sending more pages`);
}

const FETCH_BATCH = 50;

/** The Atom `updated` of the given items (XEP-0060 §6.5.8, several ids per request); undefined where the payload has none. */
export async function readItemUpdated(
  session: XmppSession,
  target: NodeTarget,
  itemIds: readonly string[],
): Promise<Map<string, Date | undefined>> {
  const updated = new Map<string, Date | undefined>();
  for (let start = 0; start < itemIds.length; start += FETCH_BATCH) {
    const wanted = itemIds.slice(start, start + FETCH_BATCH).map((id) => xml("item", { id }));
    const result = await session
      .request(iq("get", target, xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node: target.node }, ...wanted))))
      .catch((error: unknown) => {
        if (stanzaCondition(error) === "item-not-found") return undefined;
        throw requestFailure(error, `read items of ${where(target)}`);
      });
    for (const item of result?.getChild("pubsub", NS_PUBSUB)?.getChild("items")?.getChildren("item") ?? []) {
      const text = item.getChild("entry", ATOM_NS)?.getChildText("updated", ATOM_NS) ?? "";
      const date = new Date(text);
      updated.set(String(item.attrs.id), Number.isNaN(date.getTime()) ? undefined : date);
    }
  }
  return updated;
}

/**
 * Creates the node for a news feed: open to anyone, items kept, as many
 * items as the server allows, retractions announced. `max` first; servers
 * that refuse it get a number that still holds every post.
 */
export async function createNode(
  session: XmppSession,
  target: NodeTarget,
  { title, posts }: { title: string; posts: number },
): Promise<MaxItems> {
  const candidates = [...new Set<MaxItems>(["max", Math.max(1_000, posts), posts])].filter(
    (value) => value === "max" || value >= posts,
  );
  let lastError: unknown;
  for (const maxItems of candidates) {
    try {
      await session.request(
        iq(
          "set",
          target,
          xml(
            "pubsub",
            { xmlns: NS_PUBSUB },
            xml("create", { node: target.node }),
            xml("configure", {}, nodeConfigForm({ title, maxItems })),
          ),
        ),
      );
      return maxItems;
    } catch (error) {
      const condition = stanzaCondition(error);
      if (condition === "conflict") return maxItems;
      if (condition === "forbidden" || condition === "not-allowed" || condition === "not-authorized") {
        throw new Failure(
          "forbidden",
          `${where(target)} does not exist and ${session.jid.replace(/\/.*/, "")} may not create it (${condition}); on Prosody only admins may: create it once as an admin`,
        );
      }
      if (condition !== "not-acceptable" && condition !== "bad-request" && condition !== "policy-violation") {
        throw requestFailure(error, `create ${where(target)}`);
      }
      lastError = error;
    }
  }
  throw requestFailure(lastError, `create ${where(target)} (no max_items value accepted)`);
}

function nodeConfigForm({ title, maxItems }: { title: string; maxItems: MaxItems }): Element {
  const field = (variable: string, value: string, type?: string) =>
    xml("field", { var: variable, ...(type && { type }) }, xml("value", {}, value));
  return xml(
    "x",
    { xmlns: NS_DATA, type: "submit" },
    field("FORM_TYPE", `${NS_PUBSUB}#node_config`, "hidden"),
    field("pubsub#title", title),
    field("pubsub#access_model", "open"),
    field("pubsub#persist_items", "true"),
    field("pubsub#max_items", String(maxItems)),
    field("pubsub#deliver_payloads", "true"),
    field("pubsub#notify_retract", "true"),
  );
}

/** Publishes (or, with an id already there, replaces) one item (XEP-0060 §7.1). No publish-options: ejabberd 23.01 rejects most. */
export async function publishItem(
  session: XmppSession,
  target: NodeTarget,
  itemId: string,
  entry: Element,
): Promise<void> {
  const item = xml("item", { id: itemId }, entry);
  await session
    .request(iq("set", target, xml("pubsub", { xmlns: NS_PUBSUB }, xml("publish", { node: target.node }, item))))
    .catch((error: unknown) => {
      throw requestFailure(error, `publish item ${itemId} to ${where(target)}`);
    });
}

/** Retracts one item and has subscribers told (XEP-0060 §7.2); an item already gone counts as done. */
export async function retractItem(
  session: XmppSession,
  target: NodeTarget,
  itemId: string,
): Promise<"retracted" | "absent"> {
  const retract = xml("retract", { node: target.node, notify: "true" }, xml("item", { id: itemId }));
  try {
    await session.request(iq("set", target, xml("pubsub", { xmlns: NS_PUBSUB }, retract)));
    return "retracted";
  } catch (error) {
    if (stanzaCondition(error) === "item-not-found") return "absent";
    throw requestFailure(error, `retract item ${itemId} from ${where(target)}`);
  }
}

function formValue(parent: Element | undefined, variable: string): string | undefined {
  for (const form of parent?.getChildren("x", NS_DATA) ?? []) {
    const value = form
      .getChildren("field")
      .find((field) => field.attrs.var === variable)
      ?.getChildText("value");
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function parseMaxItems(value: string | undefined): MaxItems | undefined {
  if (value === undefined) return undefined;
  if (value === "max") return "max";
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}
