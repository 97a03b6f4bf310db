import { X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { toJstIsoString } from "../../src/lib/dates/jst.ts";
import type { ObservedTls } from "../../src/lib/server-facts/observed-tls.ts";

/** One line per RDN, as Node gives them, turned into the one-line form people read: `C=US, O=Let's Encrypt, CN=R11`. */
function distinguishedName(name: string): string {
  return name.split("\n").join(", ");
}

/** The value of one attribute (`O`, `CN`) of a distinguished name. */
export function nameAttribute(name: string, attribute: string): string | undefined {
  const prefix = `${attribute}=`;
  return name
    .split(/, |\n/)
    .find((part) => part.startsWith(prefix))
    ?.slice(prefix.length);
}

/** The certificate a TLS connection was given, in the shape the TLS guide shows. */
export function observedCertificate(socket: TLSSocket, host: string, observedAt: Date): ObservedTls {
  const peer = socket.getPeerCertificate();
  if (!peer?.raw) throw new Error(`${host} presented no certificate`);
  const certificate = new X509Certificate(peer.raw);
  return {
    observedAt: toJstIsoString(observedAt),
    host,
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    notBefore: toJstIsoString(certificate.validFromDate),
    notAfter: toJstIsoString(certificate.validToDate),
    sha256: certificate.fingerprint256,
  };
}
