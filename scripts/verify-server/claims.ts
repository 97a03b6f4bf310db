import type { ClaimId } from "../../src/lib/server-facts/observed-claims.ts";
import type { ServerFacts } from "../../src/lib/server-facts/schema.ts";
import { DAY_MS, marginBreach, marginMs, wholeDays } from "../../src/lib/tls/renewal-margin.ts";
import { contactUris } from "../../src/lib/well-known/contact-uris.ts";
import { nameAttribute, type PresentedCertificate } from "./certificate.ts";
import { type DiscoAnswer, type DiscoInfo, describeIdentities, hasIdentity } from "./disco.ts";
import type { Row } from "./report.ts";

export const MAM = "urn:xmpp:mam:2";
export const HTTP_UPLOAD = "urn:xmpp:http:upload:0";
export const SERVER_INFO = "http://jabber.org/network/serverinfo";

/** What the server showed, gathered in one connection; compared with the facts by `compareWithFacts`. */
export interface ServerSnapshot {
  domainInfo: DiscoAnswer;
  /** The logged-in account's own disco#info (where servers list MAM), when it is an account on the domain. */
  accountInfo?: { jid: string; answer: DiscoAnswer } | undefined;
  uploadServices: { jid: string; info: DiscoInfo }[];
  muc: DiscoAnswer;
  publicRoom: DiscoAnswer;
  pubsub: DiscoAnswer;
  newsNode: DiscoAnswer;
  ircGateway: DiscoAnswer;
  presented: PresentedCertificate;
}

const MIB = 1024 * 1024;

function answered(answer: DiscoAnswer): DiscoInfo | undefined {
  return "info" in answer ? answer.info : undefined;
}

function observedIdentities(answer: DiscoAnswer): string {
  return "info" in answer ? describeIdentities(answer.info) : `error: ${answer.error}`;
}

/** A row for an entity that must answer disco#info, with a given identity where one is named. */
function entityRow(
  id: ClaimId,
  check: string,
  claim: string,
  answer: DiscoAnswer,
  category?: string,
  type?: string,
): Row {
  const info = answered(answer);
  const ok = info !== undefined && (category === undefined || hasIdentity(info, category, type));
  return { id, check, claim, observed: observedIdentities(answer), status: ok ? "ok" : "drift" };
}

function mamRow(facts: ServerFacts, snapshot: ServerSnapshot): Row {
  const check = `MAM (${facts.storedData.messageArchive.xep})`;
  const claim = `${MAM} offered`;
  const places = [
    { where: facts.xmpp.domain, info: answered(snapshot.domainInfo) },
    // Not the account's JID: the observations are published, and CI's account is a secret.
    { where: "the logged-in account", info: snapshot.accountInfo && answered(snapshot.accountInfo.answer) },
  ];
  const found = places.find((place) => place.info?.features.includes(MAM));
  if (found) return { id: "mam", check, claim, observed: `advertised by ${found.where}`, status: "ok" };
  if (snapshot.accountInfo === undefined) {
    return {
      id: "mam",
      check,
      claim,
      observed: `not on ${facts.xmpp.domain}; servers list it on an account: set XMPP_JID to check`,
      status: "skipped",
    };
  }
  return { id: "mam", check, claim, observed: "not advertised", status: "drift" };
}

function uploadRows(facts: ServerFacts, snapshot: ServerSnapshot): Row[] {
  const { xep, maxFileSizeMiB } = facts.storedData.httpFileUpload;
  const services = snapshot.uploadServices;
  const service: Row = {
    id: "upload-service",
    check: `HTTP File Upload (${xep})`,
    claim: "an upload service",
    observed: services.map((found) => found.jid).join(", ") || "none found",
    status: services.length > 0 ? "ok" : "drift",
  };
  const claimedBytes = Math.round(maxFileSizeMiB * MIB);
  const advertised = services.map((found) => found.info.forms.get(HTTP_UPLOAD)?.get("max-file-size")?.[0]);
  const sizes = advertised.filter((size) => size !== undefined).map(Number);
  const size: Row = {
    id: "upload-size",
    check: "HTTP File Upload max-file-size",
    claim: `${claimedBytes} bytes (${maxFileSizeMiB} MiB)`,
    observed:
      sizes.length > 0 ? sizes.map((bytes) => `${bytes} bytes (${bytes / MIB} MiB)`).join(", ") : "not advertised",
    status: sizes.length > 0 && sizes.every((bytes) => bytes === claimedBytes) ? "ok" : "drift",
  };
  return [service, size];
}

/** XEP-0157: every address the server publishes must be one server.yaml knows, and the other way round. */
function contactRow(facts: ServerFacts, snapshot: ServerSnapshot): Row {
  const claimed = contactUris(facts);
  const form = answered(snapshot.domainInfo)?.forms.get(SERVER_INFO);
  const published = [...(form?.entries() ?? [])].filter(
    ([field, values]) => field.endsWith("-addresses") && values.length > 0,
  );
  const publishedSet = new Set(published.flatMap(([, values]) => values));
  const same = publishedSet.size === claimed.length && claimed.every((address) => publishedSet.has(address));
  return {
    id: "contacts",
    check: "contact addresses (XEP-0157)",
    claim: claimed.join(", "),
    observed:
      form === undefined
        ? "no serverinfo form"
        : published.map(([field, values]) => `${field}: ${values.join(", ")}`).join("; ") || "no addresses",
    status: same ? "ok" : "drift",
  };
}

const days = (ms: number) => `${(ms / DAY_MS).toFixed(1)} days`;

/**
 * The certificate judged by the model of server.yaml: the stated issuer, valid
 * for the domain, a chain to a trusted root, and at least the promised share
 * (or days) of its lifetime left. Its lifetime is observed, never promised.
 */
export function certificateRows(facts: ServerFacts, presented: PresentedCertificate, now: Date): Row[] {
  const { certificate, chainError, nameError } = presented;
  const { domain } = facts.xmpp;
  const issuerName = nameAttribute(certificate.issuer, "O") ?? nameAttribute(certificate.issuer, "CN");
  const notBefore = new Date(certificate.notBefore);
  const notAfter = new Date(certificate.notAfter);
  const lifetime = notAfter.getTime() - notBefore.getTime();
  const promised = facts.tls.renewal.before;
  const breach = marginBreach(promised, notBefore, notAfter, now);
  return [
    {
      id: "tls-issuer",
      check: "TLS certificate issuer",
      claim: facts.tls.issuer,
      observed: certificate.issuer,
      status: issuerName === facts.tls.issuer ? "ok" : "drift",
    },
    {
      id: "tls-name",
      check: "TLS certificate name",
      claim: `valid for ${domain}`,
      observed: nameError ?? `valid for ${domain} (${certificate.subject})`,
      status: nameError === undefined ? "ok" : "drift",
    },
    {
      id: "tls-chain",
      check: "TLS certificate chain",
      claim: "verifies to a trusted root",
      observed: chainError === undefined ? "verified" : `does not verify: ${chainError}`,
      status: chainError === undefined ? "ok" : "drift",
    },
    {
      id: "tls-renewal",
      check: "TLS certificate renewal",
      claim:
        promised.days !== undefined
          ? `renewed ${promised.days} days before expiry`
          : `renewed before ${promised.lifetimeShare} of the lifetime is left (${days(marginMs(promised, notBefore, notAfter))} of this one)`,
      // Nothing that changes by the day (such as the days left): the daily record is committed only when it changes.
      observed: `${certificate.notBefore} – ${certificate.notAfter} (${wholeDays(lifetime)}-day)${breach === undefined ? "" : `: ${breach}`}`,
      status: breach === undefined ? "ok" : "drift",
    },
    {
      id: "tls-fingerprint",
      check: "TLS certificate SHA-256",
      claim: "(not promised: changes with every renewal)",
      observed: certificate.sha256,
      status: "info",
    },
  ];
}

/** Every claim of server.yaml the server can show, compared with what it showed. */
export function compareWithFacts(facts: ServerFacts, snapshot: ServerSnapshot, now: Date): Row[] {
  const { xmpp } = facts;
  const room = `${xmpp.muc.publicRoom.node}@${xmpp.muc.service}`;
  return [
    entityRow("server", "server", xmpp.domain, snapshot.domainInfo, "server"),
    mamRow(facts, snapshot),
    ...uploadRows(facts, snapshot),
    contactRow(facts, snapshot),
    entityRow("muc", "MUC service", xmpp.muc.service, snapshot.muc, "conference", "text"),
    entityRow("public-room", "public room", room, snapshot.publicRoom, "conference", "text"),
    entityRow("pubsub", "PubSub service", xmpp.pubsub.service, snapshot.pubsub, "pubsub", "service"),
    entityRow("news-node", "news node", `${xmpp.pubsub.service} ${xmpp.pubsub.newsNode}`, snapshot.newsNode, "pubsub"),
    // Gateways differ in the identity they give (biboumi: conference/irc); answering at all is the claim.
    entityRow("irc-gateway", "IRC gateway", xmpp.ircGateway.host, snapshot.ircGateway),
    ...certificateRows(facts, snapshot.presented, now),
  ];
}
