import type { SrvRecord } from "node:dns";
import { resolveSrv } from "node:dns/promises";
import type { XmppAccount, XmppEndpoint } from "./config.ts";

type SrvLookup = (name: string) => Promise<SrvRecord[]>;

/**
 * Where to connect, in order: XMPP_SERVICE when given; otherwise the domain's
 * SRV records (RFC 6120 §3.2, XEP-0368 for direct TLS); otherwise the domain
 * itself on port 5222.
 */
export async function candidateEndpoints(
  account: XmppAccount,
  lookup: SrvLookup = resolveSrv,
): Promise<XmppEndpoint[]> {
  if (account.endpoint) return [account.endpoint];
  const records = (name: string) => lookup(name).catch((): SrvRecord[] => []);
  const [directTls, startTls] = await Promise.all([
    records(`_xmpps-client._tcp.${account.domain}`),
    records(`_xmpp-client._tcp.${account.domain}`),
  ]);
  return orderSrvEndpoints(directTls, startTls, account.domain);
}

/**
 * Lower priority first, then heavier weight; at equal rank direct TLS goes
 * first (it saves a round trip). A lone "." target means "no service here".
 */
export function orderSrvEndpoints(
  directTls: readonly SrvRecord[],
  startTls: readonly SrvRecord[],
  domain: string,
): XmppEndpoint[] {
  const ranked = [
    ...directTls.map((record) => ({ record, directTls: true })),
    ...startTls.map((record) => ({ record, directTls: false })),
  ]
    .filter(({ record }) => record.name !== "" && record.name !== ".")
    .sort(
      (a, b) =>
        a.record.priority - b.record.priority ||
        b.record.weight - a.record.weight ||
        Number(b.directTls) - Number(a.directTls),
    );
  if (ranked.length === 0) return [{ host: domain, port: 5222, directTls: false }];
  return ranked.map(({ record, directTls }) => ({
    host: record.name.replace(/\.$/, ""),
    port: record.port,
    directTls,
  }));
}
