import xml, { type Element } from "@xmpp/xml";
import type { ServerFacts } from "../../src/lib/server-facts/schema.ts";
import type { XmppSession } from "../xmpp/connect.ts";
import { HTTP_UPLOAD, type ServerSnapshot } from "./claims.ts";
import { type DiscoInfo, discoInfo, discoItems, type IqGet } from "./disco.ts";

/** Disco queries over the session: the payload of the result, or the stanza error thrown. */
function iqGetOver(session: XmppSession): IqGet {
  return async (payload: Element, to: string) => {
    const result = await session.request(xml("iq", { type: "get", to }, payload));
    return result.getChild(payload.name, String(payload.attrs.xmlns));
  };
}

function bareJid(fullJid: string): string {
  return fullJid.split("/")[0] ?? fullJid;
}

/**
 * Asks the server, in one session, everything server.yaml claims about it
 * (the certificate comes from its own connection, see starttls-probe.ts).
 */
export async function observeServer(
  session: XmppSession,
  facts: ServerFacts,
  presented: ServerSnapshot["presented"],
): Promise<ServerSnapshot> {
  const iq = iqGetOver(session);
  const { domain, muc, pubsub, ircGateway } = facts.xmpp;
  const account = bareJid(session.jid);
  const onDomain = account.endsWith(`@${domain}`);
  const [domainInfo, accountInfo, uploadServices, mucInfo, publicRoom, pubsubInfo, newsNode, gateway] =
    await Promise.all([
      discoInfo(iq, domain),
      onDomain ? discoInfo(iq, account).then((answer) => ({ jid: account, answer })) : undefined,
      uploadServicesOf(iq, domain),
      discoInfo(iq, muc.service),
      discoInfo(iq, `${muc.publicRoom.node}@${muc.service}`),
      discoInfo(iq, pubsub.service),
      discoInfo(iq, pubsub.service, pubsub.newsNode),
      discoInfo(iq, ircGateway.host),
    ]);
  return {
    domainInfo,
    accountInfo,
    uploadServices,
    muc: mucInfo,
    publicRoom,
    pubsub: pubsubInfo,
    newsNode,
    ircGateway: gateway,
    presented,
  };
}

/** XEP-0363 §2: the domain itself or one of its disco#items advertises the upload feature. */
async function uploadServicesOf(iq: IqGet, domain: string): Promise<{ jid: string; info: DiscoInfo }[]> {
  const candidates = [domain, ...(await discoItems(iq, domain).catch(() => []))];
  const answers = await Promise.all(candidates.map(async (jid) => ({ jid, answer: await discoInfo(iq, jid) })));
  return answers.flatMap(({ jid, answer }) =>
    "info" in answer && answer.info.features.includes(HTTP_UPLOAD) ? [{ jid, info: answer.info }] : [],
  );
}
