import xml, { type Element } from "@xmpp/xml";
import { stanzaCondition } from "../xmpp/errors.ts";

export const DISCO_INFO = "http://jabber.org/protocol/disco#info";
export const DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
const DATA_FORMS = "jabber:x:data";

export interface Identity {
  category: string;
  type: string;
}

/** A disco#info answer (XEP-0030), with its extended-information forms (XEP-0128) by FORM_TYPE. */
export interface DiscoInfo {
  identities: Identity[];
  features: string[];
  forms: Map<string, Map<string, string[]>>;
}

/** What an entity answered: its disco#info, or the error condition it (or the server for it) returned, or "timeout". */
export type DiscoAnswer = { info: DiscoInfo } | { error: string };

/** Sends one IQ and resolves with the answer's payload; rejects with the stanza error. */
export type IqGet = (payload: Element, to: string) => Promise<Element | undefined>;

export async function discoInfo(iq: IqGet, jid: string, node?: string): Promise<DiscoAnswer> {
  try {
    const query = await iq(xml("query", node === undefined ? { xmlns: DISCO_INFO } : { xmlns: DISCO_INFO, node }), jid);
    return { info: parseDiscoInfo(query) };
  } catch (error) {
    // A refusal or silence is the entity's answer; a lost connection is not, and ends the run.
    const condition =
      stanzaCondition(error) ?? (error instanceof Error && error.name === "TimeoutError" ? "timeout" : undefined);
    if (condition === undefined) throw error;
    return { error: condition };
  }
}

/** The JIDs a server lists in its disco#items (its components and services). */
export async function discoItems(iq: IqGet, jid: string): Promise<string[]> {
  const query = await iq(xml("query", { xmlns: DISCO_ITEMS }), jid);
  return (query?.getChildren("item") ?? []).map((item) => String(item.attrs.jid));
}

export function parseDiscoInfo(query: Element | undefined): DiscoInfo {
  const identities = (query?.getChildren("identity") ?? []).map((identity) => ({
    category: String(identity.attrs.category),
    type: String(identity.attrs.type),
  }));
  const features = (query?.getChildren("feature") ?? []).map((feature) => String(feature.attrs.var));
  const forms = new Map<string, Map<string, string[]>>();
  for (const form of query?.getChildren("x", DATA_FORMS) ?? []) {
    const fields = new Map<string, string[]>();
    for (const field of form.getChildren("field")) {
      fields.set(
        String(field.attrs.var),
        field.getChildren("value").map((value) => value.text()),
      );
    }
    const formType = fields.get("FORM_TYPE")?.[0];
    if (formType !== undefined) forms.set(formType, fields);
  }
  return { identities, features, forms };
}

export function hasIdentity(info: DiscoInfo, category: string, type?: string): boolean {
  return info.identities.some(
    (identity) => identity.category === category && (type === undefined || identity.type === type),
  );
}

export function describeIdentities(info: DiscoInfo): string {
  return info.identities.map((identity) => `${identity.category}/${identity.type}`).join(", ") || "(no identity)";
}
