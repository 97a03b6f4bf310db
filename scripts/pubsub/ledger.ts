import xml, { type Element } from "@xmpp/xml";
import { Failure } from "../lib/failure.ts";
import type { XmppSession } from "../xmpp/connect.ts";
import { requestFailure, stanzaCondition } from "../xmpp/errors.ts";
import type { NodeTarget } from "./node.ts";
import type { LedgerRecord, LedgerSource } from "./plan.ts";

/** The ledger as stored: the records, and the commit the newest build published from came from. */
export interface StoredLedger {
  records: Map<string, LedgerRecord>;
  source: LedgerSource | undefined;
}

/**
 * The ledger lives on the XMPP server, in the publisher account's private XML
 * storage (XEP-0049, which Prosody and ejabberd both keep): any machine that
 * runs the publisher with the same account sees it. Storage is one slot per
 * element namespace, so the namespace carries the service and node, and runs
 * for different nodes never overwrite each other.
 */
const NS_PRIVATE = "jabber:iq:private";
const LEDGER_NS = "urn:step-im:pubsub-ledger:1";

export function ledgerNamespace({ service, node }: NodeTarget): string {
  return `${LEDGER_NS}:${encodeURIComponent(service)}:${encodeURIComponent(node)}`;
}

/**
 * `<ledger service node><source commit committed/><item id updated [sent] [pending]/>…</ledger>`,
 * items sorted so equal ledgers serialise equally.
 */
export function ledgerElement(target: NodeTarget, ledger: StoredLedger): Element {
  const items = [...ledger.records.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, record]) =>
      xml("item", {
        id,
        updated: record.updated.toISOString(),
        ...(record.sent && { sent: record.sent.toISOString() }),
        ...(record.pending && { pending: "true" }),
      }),
    );
  const source = ledger.source
    ? [xml("source", { commit: ledger.source.commit, committed: ledger.source.committed.toISOString() })]
    : [];
  return xml(
    "ledger",
    { xmlns: ledgerNamespace(target), service: target.service, node: target.node },
    ...source,
    ...items,
  );
}

/**
 * The records in a stored ledger; an empty or absent element is an empty
 * ledger. A damaged one is refused rather than read as empty, which would
 * make every evicted post look new.
 */
export function parseLedgerElement(element: Element | undefined, target: NodeTarget): StoredLedger {
  const damaged = (part: Element) =>
    new Failure(
      "server",
      `the publisher's ledger for ${target.node} on ${target.service} is damaged (${JSON.stringify(part.toString())}); repair or delete it in the account's private storage`,
    );
  const records = new Map<string, LedgerRecord>();
  for (const item of element?.getChildren("item") ?? []) {
    const { id, updated, sent, pending } = item.attrs as Record<string, string | undefined>;
    const date = new Date(updated ?? "");
    const sentDate = sent === undefined ? undefined : new Date(sent);
    if (!id || Number.isNaN(date.getTime()) || (sentDate && Number.isNaN(sentDate.getTime()))) throw damaged(item);
    records.set(id, { updated: date, pending: pending === "true", ...(sentDate && { sent: sentDate }) });
  }
  const sourceElement = element?.getChild("source");
  let source: LedgerSource | undefined;
  if (sourceElement) {
    const { commit, committed } = sourceElement.attrs as Record<string, string | undefined>;
    const date = new Date(committed ?? "");
    if (!commit || Number.isNaN(date.getTime())) throw damaged(sourceElement);
    source = { commit, committed: date };
  }
  return { records, source };
}

const query = (payload: Element) => xml("query", { xmlns: NS_PRIVATE }, payload);

export async function loadLedger(session: XmppSession, target: NodeTarget): Promise<StoredLedger> {
  const ns = ledgerNamespace(target);
  const result = await session
    .request(xml("iq", { type: "get" }, query(xml("ledger", { xmlns: ns }))))
    .catch((error: unknown) => {
      throw storageFailure(error, "read");
    });
  return parseLedgerElement(result.getChild("query", NS_PRIVATE)?.getChild("ledger", ns), target);
}

export async function saveLedger(session: XmppSession, target: NodeTarget, ledger: StoredLedger): Promise<void> {
  await session.request(xml("iq", { type: "set" }, query(ledgerElement(target, ledger)))).catch((error: unknown) => {
    throw storageFailure(error, "write");
  });
}

function storageFailure(error: unknown, verb: "read" | "write"): Failure {
  const condition = stanzaCondition(error);
  const what = `${verb} the publisher's ledger (private XML storage, XEP-0049)`;
  if (condition === "service-unavailable" || condition === "feature-not-implemented") {
    return new Failure("server", `${what}: the server does not offer it (Prosody: mod_private; ejabberd: mod_private)`);
  }
  return requestFailure(error, what);
}
