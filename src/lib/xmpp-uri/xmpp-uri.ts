/**
 * `xmpp:` URIs per RFC 5122 and the query actions of XEP-0147.
 * Everything outside the unreserved set is percent-encoded as UTF-8: always
 * valid in a URI, and understood by every client, unlike raw IRI characters.
 */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

export function percentEncode(text: string): string {
  let out = "";
  for (const char of text) {
    if (UNRESERVED.test(char)) {
      out += char;
    } else {
      for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

export function xmppUri(
  jid: { local?: string; domain: string },
  action?: string,
  params: [string, string][] = [],
): string {
  const address = jid.local === undefined ? jid.domain : `${percentEncode(jid.local)}@${jid.domain}`;
  if (action === undefined) return `xmpp:${address}`;
  const pairs = params.map(([key, value]) => `;${key}=${percentEncode(value)}`).join("");
  return `xmpp:${address}?${action}${pairs}`;
}

/** `xmpp:room@muc.step.im?join` — opens the room in the reader's client. */
export function mucJoinUri(room: string, service: string): string {
  return xmppUri({ local: room, domain: service }, "join");
}

/** `xmpp:pubsub.step.im?pubsub;action=subscribe;node=…` — subscribes to a node. */
export function pubsubSubscribeUri(service: string, node: string): string {
  return xmppUri({ domain: service }, "pubsub", [
    ["action", "subscribe"],
    ["node", node],
  ]);
}

/** The bare JID as people write it (not encoded), for display. */
export function displayJid(local: string, domain: string): string {
  return `${local}@${domain}`;
}
