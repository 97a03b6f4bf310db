import { Failure } from "../lib/failure.ts";
import { Secret } from "./secret.ts";

/** Where to open the TCP connection; `directTls` is XEP-0368 TLS from the first byte, otherwise STARTTLS. */
export interface XmppEndpoint {
  host: string;
  port: number;
  directTls: boolean;
}

/** The account a command logs in with. The password is a Secret: it never reaches output. */
export interface XmppAccount {
  /** `publisher@step.im` */
  bareJid: string;
  local: string;
  domain: string;
  resource: string | undefined;
  password: Secret;
  /** From XMPP_SERVICE; when absent the domain's SRV records decide (see endpoints.ts). */
  endpoint: XmppEndpoint | undefined;
  /** SASL ANONYMOUS: the server hands out a throwaway JID on `domain`; `local` is empty and `password` unused. */
  anonymous?: boolean;
}

const JID_PATTERN = /^([^\s"&'/:<>@]+)@([^@/\s]+?)(?:\/(.+))?$/;
const DOMAIN_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/**
 * Reads `XMPP_JID`, `XMPP_PASSWORD` and the optional `XMPP_SERVICE`. Each
 * problem is reported naming the variable, never echoing the password.
 */
export function accountFromEnv(env: NodeJS.ProcessEnv = process.env): XmppAccount {
  const jidText = env.XMPP_JID?.trim();
  if (!jidText) throw new Failure("config", "XMPP_JID is not set: give the publisher's address, e.g. news@step.im");
  const match = JID_PATTERN.exec(jidText);
  const [, local, domain, resource] = match ?? [];
  if (local === undefined || domain === undefined || !DOMAIN_PATTERN.test(domain)) {
    throw new Failure("config", `XMPP_JID "${jidText}" is not an address of the form name@domain`);
  }
  const password = env.XMPP_PASSWORD;
  if (!password) throw new Failure("config", "XMPP_PASSWORD is not set (or empty)");
  const service = env.XMPP_SERVICE?.trim();
  return {
    bareJid: `${local}@${domain.toLowerCase()}`,
    local,
    domain: domain.toLowerCase(),
    resource,
    password: new Secret(password),
    endpoint: service ? parseServiceUrl(service, "XMPP_SERVICE") : undefined,
  };
}

/**
 * An anonymous login on `domain` (a host that offers SASL ANONYMOUS), for
 * commands that only look: XMPP_SERVICE is honoured as for an account.
 */
export function anonymousAccount(domain: string, env: NodeJS.ProcessEnv = process.env): XmppAccount {
  const service = env.XMPP_SERVICE?.trim();
  return {
    bareJid: domain,
    local: "",
    domain,
    resource: undefined,
    password: new Secret(""),
    endpoint: service ? parseServiceUrl(service, "XMPP_SERVICE") : undefined,
    anonymous: true,
  };
}

const DEFAULT_PORTS = { "xmpp:": 5222, "xmpps:": 5223 } as const;

/** `xmpp://host:port` (STARTTLS) or `xmpps://host:port` (direct TLS); `variable` names the source in errors. */
export function parseServiceUrl(text: string, variable: string): XmppEndpoint {
  const problem = (why: string) =>
    new Failure("config", `${variable} "${text}" ${why}: use xmpp://host:port (STARTTLS) or xmpps://host:port (TLS)`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw problem("is not a URL");
  }
  if (url.protocol !== "xmpp:" && url.protocol !== "xmpps:") throw problem(`has the scheme ${url.protocol}`);
  if (url.username || url.password || (url.pathname !== "" && url.pathname !== "/") || url.search || url.hash) {
    throw problem("must hold only a host and a port");
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) throw problem("has no host");
  return {
    host,
    port: url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol],
    directTls: url.protocol === "xmpps:",
  };
}

/** The form @xmpp/client takes (and the form people write in XMPP_SERVICE). */
export function endpointUrl(endpoint: XmppEndpoint): string {
  const host = endpoint.host.includes(":") ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.directTls ? "xmpps" : "xmpp"}://${host}:${endpoint.port}`;
}

/** `host:port`, for messages. */
export function endpointLabel(endpoint: XmppEndpoint): string {
  return endpointUrl(endpoint).replace(/^xmpps?:\/\//, "");
}
