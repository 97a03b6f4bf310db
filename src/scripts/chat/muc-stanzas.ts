import xml, { type Element } from "@xmpp/xml";

/**
 * The stanzas of multi-user chat (XEP-0045) the chat tab sends, and what it
 * reads from the ones it receives. Pure functions: the tests run them in Node.
 */
const MUC = "http://jabber.org/protocol/muc";
const MUC_USER = `${MUC}#user`;
const MUC_OWNER = `${MUC}#owner`;
const DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
const DATA_FORMS = "jabber:x:data";
const DELAY = "urn:xmpp:delay";
const STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

/** How many earlier messages a newcomer sees: enough to know what the room is talking about. */
export const HISTORY_ON_JOIN = 20;

export function occupantJid(room: string, nick: string): string {
  return `${room}/${nick}`;
}

export function bareJid(address: string): string {
  const slash = address.indexOf("/");
  return slash === -1 ? address : address.slice(0, slash);
}

/** Room JIDs as the server compares them: case does not matter in the ASCII part. */
export function sameRoom(a: string, b: string): boolean {
  return bareJid(a).toLowerCase() === bareJid(b).toLowerCase();
}

export function joinPresence(room: string, nick: string): Element {
  return xml(
    "presence",
    { to: occupantJid(room, nick) },
    xml("x", { xmlns: MUC }, xml("history", { maxstanzas: String(HISTORY_ON_JOIN) })),
  );
}

export function leavePresence(room: string, nick: string): Element {
  return xml("presence", { to: occupantJid(room, nick), type: "unavailable" });
}

export function groupchatMessage(room: string, text: string, id: string): Element {
  return xml("message", { to: room, type: "groupchat", id }, xml("body", {}, text));
}

/** Accepts the default configuration of a room this client just created (an "instant room"), which unlocks it. */
export function instantRoomConfig(room: string): Element {
  return xml(
    "iq",
    { to: room, type: "set" },
    xml("query", { xmlns: MUC_OWNER }, xml("x", { xmlns: DATA_FORMS, type: "submit" })),
  );
}

export function roomListRequest(service: string): Element {
  return xml("iq", { to: service, type: "get" }, xml("query", { xmlns: DISCO_ITEMS }));
}

export interface RoomListing {
  jid: string;
  name: string;
}

/** The rooms a disco#items answer lists, sorted by name as Japanese readers expect. */
export function readRoomList(result: Element): RoomListing[] {
  const items = result.getChild("query", DISCO_ITEMS)?.getChildren("item") ?? [];
  return items
    .map((item) => ({ jid: String(item.attrs.jid ?? ""), name: String(item.attrs.name ?? "") }))
    .filter((listing) => listing.jid.includes("@"))
    .map((listing) => ({ jid: listing.jid, name: listing.name || listing.jid.slice(0, listing.jid.indexOf("@")) }))
    .sort((a, b) => a.name.localeCompare(b.name, "ja"));
}

export interface RoomMessage {
  kind: "message";
  room: string;
  nick: string;
  text: string;
  /** When it was sent, for history the room replays; undefined for a message that just arrived. */
  sentAt: Date | undefined;
}

export interface RoomSubject {
  kind: "subject";
  room: string;
  text: string;
}

/** A groupchat message with a body, or the room's subject; anything else is undefined. */
export function readGroupchat(stanza: Element): RoomMessage | RoomSubject | undefined {
  if (!stanza.is("message") || stanza.attrs.type !== "groupchat") return undefined;
  const from = String(stanza.attrs.from ?? "");
  const room = bareJid(from);
  const body = stanza.getChildText("body");
  if (body === null) {
    const subject = stanza.getChildText("subject");
    return subject === null ? undefined : { kind: "subject", room, text: subject };
  }
  const slash = from.indexOf("/");
  if (slash === -1) return undefined; // a message from the room itself, not from an occupant
  const stamp = stanza.getChild("delay", DELAY)?.attrs.stamp;
  const sentAt = typeof stamp === "string" && !Number.isNaN(Date.parse(stamp)) ? new Date(stamp) : undefined;
  return { kind: "message", room, nick: from.slice(slash + 1), text: body, sentAt };
}

/** What a presence from a room says about this client's own place in it. */
export type SelfPresence =
  | { kind: "joined"; room: string; nick: string; created: boolean }
  | { kind: "left"; room: string; reason: "kicked" | "banned" | "closed" | "left" }
  | { kind: "refused"; room: string; condition: string };

/**
 * Reads a presence from a room about this client (XEP-0045 status 110, or an
 * error answering the join); presences of other occupants are undefined.
 */
export function readSelfPresence(stanza: Element): SelfPresence | undefined {
  if (!stanza.is("presence")) return undefined;
  const from = String(stanza.attrs.from ?? "");
  const room = bareJid(from);
  if (stanza.attrs.type === "error") {
    const condition = stanza
      .getChild("error")
      ?.children.find((child): child is Element => typeof child !== "string" && child.attrs.xmlns === STANZA_ERRORS);
    return { kind: "refused", room, condition: condition?.name ?? "undefined-condition" };
  }
  const user = stanza.getChild("x", MUC_USER);
  const codes = new Set(user?.getChildren("status").map((status) => String(status.attrs.code)) ?? []);
  if (!codes.has("110")) return undefined;
  if (stanza.attrs.type === "unavailable") {
    const reason = codes.has("301")
      ? "banned"
      : codes.has("307")
        ? "kicked"
        : user?.getChild("destroy")
          ? "closed"
          : "left";
    return { kind: "left", room, reason };
  }
  return { kind: "joined", room, nick: from.slice(from.indexOf("/") + 1), created: codes.has("201") };
}
