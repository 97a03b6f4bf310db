import { X509Certificate } from "node:crypto";
import { checkServerIdentity, type TLSSocket } from "node:tls";
import { toJstIsoString } from "../../src/lib/dates/jst.ts";
import type { ObservedCertificate } from "../../src/lib/server-facts/observed-claims.ts";

/** The certificate a server presented, and what verifying it found (nothing: it verified). */
export interface PresentedCertificate {
  certificate: ObservedCertificate;
  /** Why the chain does not lead to a trusted root (OpenSSL's code), if it does not. */
  chainError?: string | undefined;
  /** Why the certificate is not valid for the domain, if it is not. */
  nameError?: string | undefined;
}

/** Node reports a wrong name in `authorizationError` too, but only once the chain verified. */
const NAME_MISMATCH = "ERR_TLS_CERT_ALTNAME_INVALID";

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

/** The certificate a TLS connection to `host` was given, with the verdict of its verification. */
export function presentedCertificate(socket: TLSSocket, host: string): PresentedCertificate {
  const peer = socket.getPeerCertificate();
  if (!peer?.raw) throw new Error(`${host} presented no certificate`);
  const certificate = new X509Certificate(peer.raw);
  const authorizationError = socket.authorized ? undefined : String(socket.authorizationError);
  return {
    certificate: {
      host,
      subject: distinguishedName(certificate.subject),
      issuer: distinguishedName(certificate.issuer),
      notBefore: toJstIsoString(certificate.validFromDate),
      notAfter: toJstIsoString(certificate.validToDate),
      sha256: certificate.fingerprint256,
    },
    chainError: authorizationError === NAME_MISMATCH ? undefined : authorizationError,
    nameError: checkServerIdentity(host, peer)?.message,
  };
}
