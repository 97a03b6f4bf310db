import xml from "@xmpp/xml";
import type { ServerFacts } from "../server-facts/schema.ts";

export const WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
export const BOSH_REL = "urn:xmpp:alt-connections:xbosh";
export const XRD_NS = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

export interface HostMetaLink {
  rel: string;
  href: string;
}

/**
 * The connection methods XEP-0156 lets web clients discover. Only encrypted
 * endpoints exist in the facts (the schema accepts wss: and https: only), so
 * a client can never be pointed at a plain-text transport.
 */
export function connectionLinks(facts: ServerFacts): HostMetaLink[] {
  const { websocketUrl, boshUrl } = facts.xmpp;
  const links = [{ rel: WEBSOCKET_REL, href: websocketUrl }];
  if (boshUrl !== undefined) links.push({ rel: BOSH_REL, href: boshUrl });
  return links;
}

/** `/.well-known/host-meta`: the XRD form, which XEP-0156 requires. */
export function hostMetaXrd(links: readonly HostMetaLink[]): string {
  const document = xml("XRD", { xmlns: XRD_NS }, ...links.map((link) => xml("Link", { ...link })));
  return `<?xml version="1.0" encoding="utf-8"?>\n${document.toString()}\n`;
}

/** `/.well-known/host-meta.json`: the same links as JRD. */
export function hostMetaJrd(links: readonly HostMetaLink[]): string {
  return `${JSON.stringify({ links }, null, 2)}\n`;
}
