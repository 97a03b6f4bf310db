import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, type TLSSocket } from "node:tls";
import { Failure } from "../lib/failure.ts";
import { endpointLabel, type XmppEndpoint } from "../xmpp/config.ts";
import { connectFailure } from "../xmpp/errors.ts";

const TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";

/**
 * Opens a TLS connection to the XMPP service of `domain` the way
 * `openssl s_client -starttls xmpp -xmpphost DOMAIN` does (the TLS guide shows
 * that command): stream header, STARTTLS, handshake, and nothing more, so the
 * certificate is the domain's whatever account (or none) the run logs in with.
 * The handshake completes even when the certificate does not verify, so the
 * caller can report why (see certificate.ts); nothing else is sent over it.
 * The caller reads it and then calls `destroy()`.
 */
export async function openTlsTo(endpoint: XmppEndpoint, domain: string, timeoutMs: number): Promise<TLSSocket> {
  const signal = AbortSignal.timeout(timeoutMs);
  const context = { endpoint, domain, bareJid: domain };
  let tcp: Socket | undefined;
  try {
    if (endpoint.directTls)
      return await handshake(
        connectTls({ host: endpoint.host, port: endpoint.port, servername: domain, rejectUnauthorized: false }),
        signal,
      );
    tcp = await opened(connectTcp({ host: endpoint.host, port: endpoint.port }), signal);
    tcp.write(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${domain}' version='1.0'>`,
    );
    const features = await readUntil(tcp, /<\/stream:features>/, signal);
    if (!features.includes(TLS_NS)) {
      throw new Failure("certificate", `${domain} at ${endpointLabel(endpoint)} offers no STARTTLS`);
    }
    tcp.write(`<starttls xmlns='${TLS_NS}'/>`);
    const answer = await readUntil(tcp, /<(proceed|failure)\b/, signal);
    if (!answer.includes("<proceed"))
      throw new Failure("certificate", `${domain} at ${endpointLabel(endpoint)} refused STARTTLS`);
    return await handshake(connectTls({ socket: tcp, servername: domain, rejectUnauthorized: false }), signal);
  } catch (error) {
    tcp?.destroy();
    if (signal.aborted)
      throw new Failure("timeout", `no TLS with ${domain} at ${endpointLabel(endpoint)} within ${timeoutMs / 1000} s`);
    throw connectFailure(error, context);
  }
}

function opened(socket: Socket, signal: AbortSignal): Promise<Socket> {
  return when(socket, "connect", signal, () => socket);
}

function handshake(socket: TLSSocket, signal: AbortSignal): Promise<TLSSocket> {
  return when(socket, "secureConnect", signal, () => socket).catch((error: unknown) => {
    socket.destroy();
    throw error;
  });
}

/** Reads the plain-text stream until `pattern` appears; returns what was read. */
function readUntil(socket: Socket, pattern: RegExp, signal: AbortSignal): Promise<string> {
  let text = "";
  return when(socket, "data", signal, (chunk: Buffer) => {
    text += chunk.toString("utf8");
    return pattern.test(text) ? text : undefined;
  });
}

/**
 * Resolves with `accept(...)` the first time `event` fires and `accept` returns
 * a value; rejects on a socket error, an early close, or the deadline.
 */
function when<T, A extends unknown[]>(
  socket: Socket,
  event: string,
  signal: AbortSignal,
  accept: (...args: A) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      socket.off(event, onEvent).off("error", onError).off("close", onClose);
      signal.removeEventListener("abort", onAbort);
    };
    const onEvent = (...args: A) => {
      const value = accept(...args);
      if (value === undefined) return;
      stop();
      resolve(value);
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(Object.assign(new Error("connection closed"), { code: "ECONNRESET" }));
    const onAbort = () => onError(signal.reason as Error);
    socket.on(event, onEvent).once("error", onError).once("close", onClose);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}
