import xml, { type Element } from "@xmpp/xml";
import type { ProsodyServer } from "../../../../scripts/harness/prosody.ts";
import type { TestAccount } from "../../../../scripts/harness/xmpp-test-server.ts";
import { openSession, type XmppSession } from "../../../../scripts/xmpp/connect.ts";
import { Secret } from "../../../../scripts/xmpp/secret.ts";

const MUC_USER = "http://jabber.org/protocol/muc#user";
const WAIT_MS = 15_000;

/**
 * The other side of the conversation: an ordinary XMPP client in Node
 * (STARTTLS, certificate checked against the domain), written without the
 * chat's own code, so the browser's stanzas are judged by someone else.
 */
export interface RoomMember {
  /** Every stanza received so far. */
  received: Element[];
  /** The first stanza, received before or after the call, that `matches`; fails after 15 s naming `what`. */
  waitFor(what: string, matches: (stanza: Element) => boolean): Promise<Element>;
  /** Enters `room` as `nick`, unlocking it if this client created it. */
  join(room: string, nick: string): Promise<void>;
  say(room: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export const isGroupchat = (room: string, nick: string, text: string) => (stanza: Element) =>
  stanza.is("message") &&
  stanza.attrs.type === "groupchat" &&
  stanza.attrs.from === `${room}/${nick}` &&
  stanza.getChildText("body") === text;

export const isPresenceOf = (room: string, nick: string, type?: "unavailable") => (stanza: Element) =>
  stanza.is("presence") && stanza.attrs.from === `${room}/${nick}` && stanza.attrs.type === type;

export async function roomMember(prosody: ProsodyServer, account: TestAccount): Promise<RoomMember> {
  const session: XmppSession = await openSession({
    bareJid: `${account.username}@${prosody.domain}`,
    local: account.username,
    domain: prosody.domain,
    resource: "test",
    password: new Secret(account.password),
    endpoint: { host: "127.0.0.1", port: prosody.ports.c2s, directTls: false },
  });
  const received: Element[] = [];
  const waiting = new Set<(stanza: Element) => void>();
  session.client.on("stanza", (stanza: Element) => {
    received.push(stanza);
    for (const check of waiting) check(stanza);
  });

  const waitFor = (what: string, matches: (stanza: Element) => boolean) => {
    const seen = received.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`${account.username} never received ${what}; got:\n${received.join("\n")}`));
      }, WAIT_MS);
      const check = (stanza: Element) => {
        if (!matches(stanza)) return;
        clearTimeout(timer);
        waiting.delete(check);
        resolve(stanza);
      };
      waiting.add(check);
    });
  };

  return {
    received,
    waitFor,
    async join(room, nick) {
      await session.send(
        xml("presence", { to: `${room}/${nick}` }, xml("x", { xmlns: "http://jabber.org/protocol/muc" })),
      );
      const self = await waitFor(`its own presence in ${room}`, (stanza) => {
        const statuses = stanza.getChild("x", MUC_USER)?.getChildren("status") ?? [];
        return isPresenceOf(room, nick)(stanza) && statuses.some((status) => status.attrs.code === "110");
      });
      const created = self
        .getChild("x", MUC_USER)
        ?.getChildren("status")
        .some((status) => status.attrs.code === "201");
      if (created) {
        await session.request(
          xml(
            "iq",
            { type: "set", to: room },
            xml(
              "query",
              { xmlns: "http://jabber.org/protocol/muc#owner" },
              xml("x", { xmlns: "jabber:x:data", type: "submit" }),
            ),
          ),
        );
      }
    },
    async say(room, text) {
      await session.send(xml("message", { to: room, type: "groupchat" }, xml("body", {}, text)));
    },
    close: () => session.close(),
  };
}
