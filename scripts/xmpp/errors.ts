import { Failure } from "../lib/failure.ts";
import { endpointLabel, type XmppEndpoint } from "./config.ts";

/** What the libraries throw, seen through the fields that tell causes apart. */
interface ErrorFields {
  name?: unknown;
  code?: unknown;
  condition?: unknown;
  type?: unknown;
  text?: unknown;
  message?: unknown;
}

const fields = (error: unknown): ErrorFields => (typeof error === "object" && error !== null ? error : {});
const text = (value: unknown) => (typeof value === "string" ? value : "");

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
]);

const MISMATCH_CODES = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"]);

/** Node's OpenSSL verification codes (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN…). */
const isCertificateCode = (code: string) => /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ISSUER/.test(code);

export interface ConnectContext {
  endpoint: XmppEndpoint;
  /** The name the certificate must carry: the JID's domain, not the connected host. */
  domain: string;
  bareJid: string;
}

/** Turns a failure to connect or log in into one line that names the host, the account or the cause. */
export function connectFailure(error: unknown, { endpoint, domain, bareJid }: ConnectContext): Failure {
  if (error instanceof Failure) return error;
  const { name, code, condition } = fields(error);
  const at = endpointLabel(endpoint);
  const codeText = text(code);
  if (name === "SASLError") {
    if (condition === "not-authorized" || condition === "credentials-expired") {
      return new Failure("credentials", `login as ${bareJid} refused by ${domain}: wrong XMPP_JID or XMPP_PASSWORD`);
    }
    return new Failure("credentials", `login as ${bareJid} refused by ${domain}: ${text(condition)}`);
  }
  if (MISMATCH_CODES.has(codeText)) {
    return new Failure("certificate", `the certificate served at ${at} is not valid for ${domain}`, { cause: error });
  }
  if (isCertificateCode(codeText)) {
    return new Failure(
      "certificate",
      `the certificate served at ${at} for ${domain} is not trusted (${codeText}); a private CA can be trusted with NODE_EXTRA_CA_CERTS`,
      { cause: error },
    );
  }
  if (codeText.startsWith("ERR_SSL_") || codeText.startsWith("ERR_TLS_")) {
    return new Failure("certificate", `TLS with ${domain} at ${at} failed (${codeText})`, { cause: error });
  }
  if (UNREACHABLE_CODES.has(codeText)) {
    return new Failure("unreachable", `cannot reach the XMPP server for ${domain} at ${at} (${codeText})`, {
      cause: error,
    });
  }
  if (name === "TimeoutError") {
    return new Failure("timeout", `the XMPP server for ${domain} at ${at} did not answer in time`, { cause: error });
  }
  if (name === "StreamError") {
    return new Failure("server", `the XMPP server at ${at} closed the stream (${text(condition)})`, { cause: error });
  }
  return new Failure("server", `connecting to ${domain} at ${at} failed: ${text(fields(error).message)}`, {
    cause: error,
  });
}

const FORBIDDEN_CONDITIONS = new Set([
  "forbidden",
  "not-authorized",
  "not-allowed",
  "registration-required",
  "subscription-required",
]);

/**
 * A stanza error of type "wait" (RFC 6120 §8.3.2) says nothing was done and
 * asks to try again. A request that timed out is not retried: the server may
 * have done it, and a second publish would notify subscribers twice.
 */
export function isTransient(error: unknown): boolean {
  const { name, type } = fields(error);
  return name === "StanzaError" && type === "wait";
}

/** The error condition of a stanza error (`item-not-found`…), or undefined for anything else. */
export function stanzaCondition(error: unknown): string | undefined {
  const { name, condition } = fields(error);
  return name === "StanzaError" && typeof condition === "string" ? condition : undefined;
}

/** One line for a request the server refused; `what` says what was asked ("publish to node X on Y"). */
export function requestFailure(error: unknown, what: string): Failure {
  if (error instanceof Failure) return error;
  const condition = stanzaCondition(error);
  if (condition !== undefined) {
    const detail = text(fields(error).text);
    const why = detail ? `${condition}: ${detail}` : condition;
    return new Failure(FORBIDDEN_CONDITIONS.has(condition) ? "forbidden" : "server", `${what}: refused (${why})`, {
      cause: error,
    });
  }
  if (fields(error).name === "TimeoutError") {
    return new Failure("timeout", `${what}: no answer in time`, { cause: error });
  }
  return new Failure("server", `${what}: ${text(fields(error).message) || String(error)}`, { cause: error });
}
