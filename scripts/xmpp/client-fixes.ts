import { pbkdf2Sync } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import type { Client } from "@xmpp/client";
import { Failure } from "../lib/failure.ts";

/**
 * Workarounds for @xmpp/client 0.14, applied to each new client before it
 * connects. Each reaches into the library's internals (named below) because
 * it offers no option for it; tests/pubsub/xmpp-session.test.ts and
 * tests/pubsub/failures.test.ts show whether each still works after an upgrade.
 */
export function applyClientFixes(xmpp: Client, options: { directTlsDomain: string | undefined }): void {
  decodeWholeCharacters(xmpp);
  hashScramNatively(xmpp);
  if (options.directTlsDomain !== undefined) verifyDirectTlsAs(xmpp, options.directTlsDomain);
}

/**
 * @xmpp/connection 0.14 decodes every TCP chunk on its own (`_onData`), so a multi-byte
 * character (Japanese text, in every post) split between two chunks arrives
 * as U+FFFD. One decoder for the whole stream keeps the split bytes until the
 * rest comes.
 */
function decodeWholeCharacters(xmpp: Client): void {
  const decoder = new StringDecoder("utf8");
  const connection = xmpp as unknown as { _onData(data: Buffer): void; parser: { write(text: string): void } | null };
  connection._onData = (data) => connection.parser?.write(decoder.write(data));
}

interface ScramCredentials {
  password?: string;
  salt?: Uint8Array;
  saltedPassword?: Uint8Array;
}

type ScramMechanism = new () => {
  _stage: string;
  _salt: Uint8Array;
  _iterationCount: number;
  response(credentials: ScramCredentials): unknown;
};

/**
 * The SCRAM-SHA-1 that @xmpp/client uses derives the salted password with one
 * awaited WebCrypto call per iteration: 0.3–0.8 s against Prosody's 10,000
 * iterations, on every login. Node's PBKDF2 is the same function (RFC 5802
 * Hi) in a few milliseconds, and the mechanism accepts a salted password
 * computed beforehand (its cache for reconnecting), so it is given one
 * (through `saslFactory._mechs`).
 */
function hashScramNatively(xmpp: Client): void {
  const factory = (xmpp as unknown as { saslFactory: { _mechs: { name: string; mech: ScramMechanism }[] } })
    .saslFactory;
  const entry = factory._mechs.find((mechanism) => mechanism.name === "SCRAM-SHA-1");
  if (entry === undefined) return;
  class NativeScram extends entry.mech {
    override response(credentials: ScramCredentials) {
      if (this._stage !== "challenge" || credentials.password === undefined) return super.response(credentials);
      const salted = pbkdf2Sync(credentials.password, this._salt, this._iterationCount, 20, "sha1");
      return super.response({ ...credentials, salt: this._salt, saltedPassword: new Uint8Array(salted) });
    }
  }
  entry.mech = NativeScram;
}

/**
 * Direct TLS connects to a host (maybe an IP address) but must check the
 * certificate against the XMPP domain (RFC 7590; SNI as XEP-0368 asks):
 * the TLS transport in `transports` is replaced by one passing `servername`.
 */
function verifyDirectTlsAs(xmpp: Client, domain: string): void {
  type Transport = { prototype: { socketParameters(service: string): object | undefined } };
  const transports = xmpp.transports as unknown as Transport[];
  const index = transports.findIndex((transport) => transport.prototype.socketParameters("xmpps://x:1") !== undefined);
  const Tls = transports[index] as unknown as new () => { socketParameters(service: string): object | undefined };
  if (index < 0 || Tls === undefined) throw new Failure("server", "@xmpp/client offers no direct TLS transport");
  class NamedTls extends Tls {
    override socketParameters(service: string) {
      const parameters = super.socketParameters(service);
      return parameters && { ...parameters, servername: domain };
    }
  }
  transports[index] = NamedTls as unknown as Transport;
}

/** Drops the connection at once (TCP, or TLS over it): after a failed start, a timeout, or a close that hangs. */
export function destroySocket(xmpp: Client): void {
  const socket = xmpp.socket as { destroy?: () => void; socket?: { destroy?: () => void } | null } | null;
  socket?.destroy?.();
  socket?.socket?.destroy?.();
}
