import type { ServerFacts } from "../lib/server-facts/schema.ts";

/**
 * What the chat clients in the browser need to know about the server. Pages
 * hand it to the scripts in a `data-chat-config` attribute, so the values are
 * the ones in server.yaml, the same that host-meta publishes.
 */
export interface ChatConfig {
  websocketUrl: string;
  /** The account domain: the web client accepts logins on it and no other. */
  domain: string;
  /** Anonymous logins (SASL ANONYMOUS) for the chat tab. */
  anonymousHost: string;
  mucService: string;
  /** Local part of the public room's JID. */
  publicRoom: string;
  /** The public room's name as people say it. */
  publicRoomName: string;
}

export function chatConfig({ xmpp }: ServerFacts): ChatConfig {
  return {
    websocketUrl: xmpp.websocketUrl,
    domain: xmpp.domain,
    anonymousHost: xmpp.anonymousHost,
    mucService: xmpp.muc.service,
    publicRoom: xmpp.muc.publicRoom.node,
    publicRoomName: xmpp.muc.publicRoom.name,
  };
}
