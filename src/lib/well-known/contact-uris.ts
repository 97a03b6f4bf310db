import type { ServerFacts } from "../server-facts/schema.ts";
import { xmppUri } from "../xmpp-uri/xmpp-uri.ts";

/**
 * The operator's contact addresses as URIs: security.txt lists them, and the
 * server's XEP-0157 contact form must list the same (`npm run verify-server`).
 */
export function contactUris(facts: ServerFacts): string[] {
  const { contactEmail, contactXmpp } = facts.site;
  const [local, domain] = contactXmpp.split("@") as [string, string];
  return [`mailto:${contactEmail}`, xmppUri({ local, domain })];
}
