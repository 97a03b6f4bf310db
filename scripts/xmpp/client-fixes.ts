import { pbkdf2 } from "node:crypto";
import { once } from "node:events";
import { StringDecoder } from "node:string_decoder";
import { promisify } from "node:util";
import type { Client } from "@xmpp/client";
import { Failure } from "../lib/failure.ts";

/**
 * Workarounds for @xmpp/client 0.14, applied to each new client before it
 * connects. Each reaches into the library's internals (named below) because
 * it offers no option for it. Each fails loudly when the internal it needs is
 * gone, and tests/servers/pubsub/client-fixes.test.ts shows each still works
 * after an upgrade.
 */
export function applyClientFixes(xmpp: Client, options: { directTlsDomain: string | undefined }): void {
  decodeWholeCharacters(xmpp);
  hashScramNatively(xmpp);
  settleOnlineWaitOnFailure(xmpp);
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
  if (typeof connection._onData !== "function") throw new Error("@xmpp/connection no longer has _onData");
  connection._onData = (data) => connection.parser?.write(decoder.write(data));
}

/**
 * @xmpp/connection 0.14's `start()` creates its wait for "online" before it
 * opens the stream; when the stream fails while opening (a refused login
 * arrives that early), `start()` rejects from the open step and that wait is
 * left rejected with no handler, which ends a Node process. The same three
 * public steps are taken here with the wait handled (events.once also
 * rejects on "error", as the library's wait does).
 */
function settleOnlineWaitOnFailure(xmpp: Client): void {
  const connection = xmpp as unknown as {
    options: { service: string; domain: string; lang?: string };
    connect(service: string): Promise<void>;
    open(options: { domain: string; lang?: string }): Promise<void>;
    status: string;
  };
  xmpp.start = async () => {
    if (connection.status !== "offline") throw new Error("Connection is not offline");
    const { service, domain, lang } = connection.options;
    await connection.connect(service);
    const online = once(xmpp as unknown as NodeJS.EventEmitter, "online");
    online.catch(() => {});
    await connection.open({ domain, lang });
    const [jid] = await online;
    return jid;
  };
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
 * RFC 7677 suggests 4096 iterations and servers use a few times that. A
 * server asking for more is broken or hostile: hashing a billion rounds
 * would hold a run for hours, so such a count is refused.
 */
export const MAX_SCRAM_ITERATIONS = 1_000_000;

const pbkdf2Async = promisify(pbkdf2);

/**
 * The SCRAM-SHA-1 that @xmpp/client uses derives the salted password with one
 * awaited WebCrypto call per iteration: 0.3–0.8 s against Prosody's 10,000
 * iterations, on every login. Node's PBKDF2 is the same function (RFC 5802
 * Hi), run on the thread pool so timeouts still fire during it, and the
 * mechanism accepts a salted password computed beforehand (its cache for
 * reconnecting), so it is given one (through `saslFactory._mechs`).
 */
function hashScramNatively(xmpp: Client): void {
  const factory = (xmpp as unknown as { saslFactory: { _mechs: { name: string; mech: ScramMechanism }[] } })
    .saslFactory;
  const entry = factory._mechs.find((mechanism) => mechanism.name === "SCRAM-SHA-1");
  if (entry === undefined) throw new Error("@xmpp/client no longer registers SCRAM-SHA-1 in saslFactory._mechs");
  class NativeScram extends entry.mech {
    override async response(credentials: ScramCredentials) {
      if (this._stage !== "challenge" || credentials.password === undefined) return super.response(credentials);
      const count = this._iterationCount;
      if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SCRAM_ITERATIONS) {
        throw new Failure(
          "server",
          `the server asks for ${count} SCRAM iterations; more than ${MAX_SCRAM_ITERATIONS} (or none) is refused (RFC 7677 suggests 4096)`,
        );
      }
      const salted = await pbkdf2Async(credentials.password, this._salt, count, 20, "sha1");
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
