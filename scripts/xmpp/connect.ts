import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type Client, client } from "@xmpp/client";
import xml, { type Element } from "@xmpp/xml";
import { Failure } from "../lib/failure.ts";
import { applyClientFixes, destroySocket } from "./client-fixes.ts";
import { endpointLabel, endpointUrl, type XmppAccount, type XmppEndpoint } from "./config.ts";
import { candidateEndpoints } from "./endpoints.ts";
import { connectFailure, isTransient, stanzaCondition } from "./errors.ts";
import { refusePlaintext } from "./plaintext-guard.ts";

export interface SessionOptions {
  /** Resource to bind; a random one by default, so parallel runs never replace each other's session. */
  resource?: string | undefined;
  /** TCP + TLS + login + bind must finish within this (ms). @xmpp/client has no such limit of its own. */
  connectTimeoutMs?: number | undefined;
  /** How long one request may wait for its answer (ms). */
  requestTimeoutMs?: number | undefined;
  /** Tries per endpoint when it is unreachable or silent (with a growing pause between). */
  connectAttempts?: number | undefined;
  /** The caller's overall deadline: when it fires, the session is torn down and every request fails. */
  signal?: AbortSignal | undefined;
}

/** A logged-in connection that cannot hang: every wait is bounded, and a lost connection fails every request at once. */
export interface XmppSession {
  /** Full JID after binding. */
  readonly jid: string;
  readonly endpoint: XmppEndpoint;
  /** For listening to incoming stanzas (`client.on("stanza", …)`). */
  readonly client: Client;
  /** Sends an IQ and returns the `result` stanza; stanza errors are thrown as @xmpp StanzaErrors. */
  request(iq: Element): Promise<Element>;
  send(stanza: Element): Promise<void>;
  /** IQ, message and presence stanzas sent so far (the login's bind included). */
  readonly stanzasSent: number;
  /** Closes the stream politely if it can, then the socket, within a few seconds. */
  close(): Promise<void>;
}

const DEFAULTS = { connectTimeoutMs: 15_000, requestTimeoutMs: 15_000, connectAttempts: 3 };
const STREAM_TIMEOUT_MS = 5_000;
const REQUEST_RETRY_PAUSES_MS = [250, 1_000];
const STANZA_NAMES = new Set(["iq", "message", "presence"]);

/**
 * Connects and logs in, trying each candidate endpoint (XMPP_SERVICE, or the
 * domain's SRV records). Unreachable or silent servers get a few tries;
 * certificate and password problems fail at once with a one-line Failure.
 */
export async function openSession(account: XmppAccount, options: SessionOptions = {}): Promise<XmppSession> {
  const attempts = options.connectAttempts ?? DEFAULTS.connectAttempts;
  let lastFailure: Failure | undefined;
  for (const endpoint of await candidateEndpoints(account)) {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      throwIfAborted(options.signal);
      try {
        return await connectOnce(account, endpoint, options);
      } catch (error) {
        const failure = connectFailure(error, { endpoint, domain: account.domain, bareJid: account.bareJid });
        if (failure.kind !== "unreachable" && failure.kind !== "timeout") throw failure;
        lastFailure = failure;
        if (attempt < attempts) await sleep(attempt * 1_000, undefined, { signal: options.signal }).catch(() => {});
      }
    }
  }
  throw lastFailure ?? new Failure("unreachable", `no XMPP server found for ${account.domain}`);
}

async function connectOnce(
  account: XmppAccount,
  endpoint: XmppEndpoint,
  options: SessionOptions,
): Promise<XmppSession> {
  const xmpp = client({
    service: endpointUrl(endpoint),
    domain: account.domain,
    resource: options.resource ?? account.resource ?? `step-im-${randomBytes(4).toString("hex")}`,
    credentials: (authenticate, mechanisms) => {
      const userAgent = xml("user-agent", { id: randomUUID() }, xml("software", {}, "step-im"));
      if (account.anonymous) {
        if (!mechanisms.includes("ANONYMOUS")) {
          throw new Failure("credentials", `${account.domain} offers no anonymous login`);
        }
        return authenticate({}, "ANONYMOUS", userAgent);
      }
      const mechanism = mechanisms.find((name) => name.startsWith("SCRAM-")) ?? mechanisms.find((n) => n === "PLAIN");
      if (mechanism === undefined) {
        throw new Failure("credentials", `${account.domain} offers no password login this client supports`);
      }
      return authenticate({ username: account.local, password: account.password.reveal() }, mechanism, userAgent);
    },
    timeout: STREAM_TIMEOUT_MS,
  });
  // Its reconnect plugin retries forever; a command must fail and say why instead.
  xmpp.reconnect.stop();
  applyClientFixes(xmpp, { directTlsDomain: endpoint.directTls ? account.domain : undefined });
  refusePlaintext(
    xmpp,
    () =>
      new Failure(
        "certificate",
        `${account.domain} at ${endpointLabel(endpoint)} offered no TLS, so nothing past the stream header was sent to it`,
      ),
  );
  // Without a listener an "error" event would crash the process; failures arrive through the promises below,
  // except the server's reason for closing the stream, kept for the message.
  let streamError: string | undefined;
  xmpp.on("error", (error: { name?: string; condition?: string }) => {
    if (error.name === "StreamError") streamError = error.condition;
  });
  let sent = 0;
  xmpp.on("send", (element: Element) => {
    if (STANZA_NAMES.has(element.name)) sent += 1;
  });

  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  try {
    await bounded(xmpp.start(), connectTimeoutMs, options.signal);
  } catch (error) {
    destroySocket(xmpp);
    throw error;
  }

  let closing = false;
  let rejectLost: (failure: Failure) => void = () => {};
  const lost = new Promise<never>((_resolve, reject) => {
    rejectLost = reject;
  });
  lost.catch(() => {});
  const lostFailure = (cause?: unknown) => {
    if (streamError === "conflict") {
      return new Failure(
        "refused",
        `another client logged in as ${String(xmpp.jid)} and the server ended this session (stream conflict)`,
        { cause },
      );
    }
    const why = streamError ? ` (the server closed the stream: ${streamError})` : "";
    return new Failure("unreachable", `connection to ${endpointLabel(endpoint)} lost${why}`, { cause });
  };
  xmpp.on("disconnect", () => {
    if (!closing) rejectLost(lostFailure());
  });
  const onAbort = () => {
    rejectLost(new Failure("timeout", "the run's time limit passed"));
    destroySocket(xmpp);
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  /** `promise`, failing at once when the connection goes; a write into a dying socket counts as lost too. */
  const overLink = async <T>(promise: Promise<T>): Promise<T> => {
    try {
      return await Promise.race([promise, lost]);
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const answered = error instanceof Failure || stanzaCondition(error) !== undefined || timedOut;
      throw answered ? error : lostFailure(error);
    }
  };
  const requestOnce = (iq: Element) => overLink(xmpp.iqCaller.request(iq, requestTimeoutMs));

  return {
    jid: String(xmpp.jid),
    endpoint,
    client: xmpp,
    async request(iq) {
      for (const pause of REQUEST_RETRY_PAUSES_MS) {
        try {
          // A fresh id per try: a late answer to the first try must not satisfy the second.
          return await requestOnce(withNewId(iq));
        } catch (error) {
          if (!isTransient(error)) throw error;
          await Promise.race([sleep(pause), lost]);
        }
      }
      return requestOnce(withNewId(iq));
    },
    send: (stanza) => overLink(xmpp.send(stanza)),
    get stanzasSent() {
      return sent;
    },
    async close() {
      if (closing) return;
      closing = true;
      options.signal?.removeEventListener("abort", onAbort);
      try {
        await bounded(xmpp.stop(), 2 * STREAM_TIMEOUT_MS, undefined);
      } catch {
        // The server is gone or silent: dropping the socket below is all that is left to do.
      } finally {
        destroySocket(xmpp);
      }
    },
  };
}

/** The IQ was already serialised when sent, so reusing it with the id cleared is safe. */
function withNewId(iq: Element): Element {
  delete iq.attrs.id;
  return iq;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Failure("timeout", "the run's time limit passed");
}

/** `promise`, unless `ms` pass or `signal` fires first. */
async function bounded<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<T> {
  const timer = AbortSignal.timeout(ms);
  const stop = signal ? AbortSignal.any([timer, signal]) : timer;
  let onStop: () => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    onStop = () => {
      const error = new Error(`no answer within ${ms / 1000} s`);
      error.name = "TimeoutError";
      reject(signal?.aborted ? new Failure("timeout", "the run's time limit passed") : error);
    };
    if (stop.aborted) onStop();
    else stop.addEventListener("abort", onStop, { once: true });
  });
  promise.catch(() => {});
  try {
    return await Promise.race([promise, stopped]);
  } finally {
    stop.removeEventListener("abort", onStop);
  }
}
