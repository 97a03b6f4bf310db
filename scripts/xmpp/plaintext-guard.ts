import type { Client } from "@xmpp/client";
import type { Element } from "@xmpp/xml";
import type { Failure } from "../lib/failure.ts";

const NS_STARTTLS = "urn:ietf:params:xml:ns:xmpp-tls";

/**
 * Nothing but the STARTTLS request leaves this client before TLS is up.
 * @xmpp/client 0.14 carries on in plain text when a server offers no
 * STARTTLS, and a check inside the login step alone is skipped by a server
 * that offers no SASL at all (it goes straight to resource binding), so the
 * check sits where every element is sent.
 */
export function refusePlaintext(xmpp: Client, refusal: () => Failure): void {
  const send = xmpp.send.bind(xmpp);
  xmpp.send = async (element: Element) => {
    if (!xmpp.isSecure() && !element.is("starttls", NS_STARTTLS)) throw refusal();
    return send(element);
  };
}
