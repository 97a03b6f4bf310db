import { setTimeout as sleep } from "node:timers/promises";
import xml, { type Element } from "@xmpp/xml";
import { accountFromEnv } from "../../xmpp/config.ts";
import { openSession, type XmppSession } from "../../xmpp/connect.ts";
import type { TestAccount } from "../xmpp-test-server.ts";

/**
 * The tests' own PubSub client: an independent subscriber, or the "other
 * publisher" that owned the node before. Written from XEP-0060 directly and
 * sharing nothing with the publisher under test but the connection helper.
 */
const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
const NS_OWNER = `${NS_PUBSUB}#owner`;
const NS_EVENT = `${NS_PUBSUB}#event`;
const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";

export type Notification =
  | { kind: "item"; node: string; id: string; payload: string }
  | { kind: "retract"; node: string; id: string };

export interface PubsubTestClient {
  session: XmppSession;
  bareJid: string;
  /** Every PubSub event received so far, in order. */
  readonly notifications: Notification[];
  /** Returns the events received since the last call (after a barrier, see below). */
  takeNotifications(): Promise<Notification[]>;
  subscribe(node: string): Promise<void>;
  createNode(node: string, config?: Record<string, string>): Promise<void>;
  publish(node: string, id: string, payload: Element): Promise<void>;
  /** Every item on the node: id → payload XML. */
  items(node: string): Promise<Map<string, string>>;
  /** Owners only: gives `jid` an affiliation (XEP-0060 §8.9), e.g. "publisher". */
  setAffiliation(node: string, jid: string, affiliation: string): Promise<void>;
  /** The node's configuration form values (owners only). */
  configuration(node: string): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export interface ServerAddress {
  domain: string;
  service: string;
  pubsubHost: string;
}

export async function connectPubsubClient(server: ServerAddress, account: TestAccount): Promise<PubsubTestClient> {
  const bareJid = `${account.username}@${server.domain}`;
  const session = await openSession(
    accountFromEnv({ XMPP_JID: bareJid, XMPP_PASSWORD: account.password, XMPP_SERVICE: server.service }),
  );
  const notifications: Notification[] = [];
  let taken = 0;
  session.client.on("stanza", (stanza: Element) => {
    const items = stanza.is("message") ? stanza.getChild("event", NS_EVENT)?.getChild("items") : undefined;
    if (!items) return;
    const node = String(items.attrs.node);
    for (const child of items.getChildElements()) {
      const id = String(child.attrs.id);
      if (child.name === "retract") notifications.push({ kind: "retract", node, id });
      if (child.name === "item") {
        notifications.push({ kind: "item", node, id, payload: child.getChildElements()[0]?.toString() ?? "" });
      }
    }
  });
  // Notifications to a bare JID go to available resources only.
  await session.send(xml("presence"));

  const to = server.pubsubHost;
  const pubsub = (type: "get" | "set", ns: string, child: Element) =>
    session.request(xml("iq", { type, to }, xml("pubsub", { xmlns: ns }, child)));

  return {
    session,
    bareJid,
    notifications,
    async takeNotifications() {
      // A round trip through the server: events it sent before answering arrive before the answer.
      await session.request(xml("iq", { type: "get", to }, xml("query", { xmlns: NS_DISCO_INFO })));
      await sleep(300);
      const fresh = notifications.slice(taken);
      taken = notifications.length;
      return fresh;
    },
    async subscribe(node) {
      await pubsub("set", NS_PUBSUB, xml("subscribe", { node, jid: bareJid }));
    },
    async createNode(node, config = {}) {
      const fields = Object.entries({ FORM_TYPE: `${NS_PUBSUB}#node_config`, ...config }).map(([variable, value]) =>
        xml("field", { var: variable }, xml("value", {}, value)),
      );
      const configure = xml("configure", {}, xml("x", { xmlns: "jabber:x:data", type: "submit" }, ...fields));
      await session.request(
        xml("iq", { type: "set", to }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("create", { node }), configure)),
      );
    },
    async publish(node, id, payload) {
      await pubsub("set", NS_PUBSUB, xml("publish", { node }, xml("item", { id }, payload)));
    },
    async items(node) {
      const result = await pubsub("get", NS_PUBSUB, xml("items", { node }));
      const items = result.getChild("pubsub", NS_PUBSUB)?.getChild("items")?.getChildren("item") ?? [];
      return new Map(items.map((item) => [String(item.attrs.id), item.getChildElements()[0]?.toString() ?? ""]));
    },
    async setAffiliation(node, jid, affiliation) {
      await pubsub("set", NS_OWNER, xml("affiliations", { node }, xml("affiliation", { jid, affiliation })));
    },
    async configuration(node) {
      const result = await pubsub("get", NS_OWNER, xml("configure", { node }));
      const form = result.getChild("pubsub", NS_OWNER)?.getChild("configure")?.getChild("x", "jabber:x:data");
      return new Map(
        (form?.getChildren("field") ?? []).map((field) => [String(field.attrs.var), field.getChildText("value") ?? ""]),
      );
    },
    close: () => session.close(),
  };
}
