import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createServer as createTlsServer } from "node:tls";
import { issueServerCert, type TestCa } from "../test-ca.ts";

/**
 * A spoofed XMPP server that says whatever a test tells it to: stream
 * features chosen by the test, a SCRAM challenge with any iteration count,
 * and a bind result for whoever asks. It records every byte the client sends,
 * so a test can show what never reached it (a password, a stanza).
 */
export interface HostileServerOptions {
  domain?: string;
  /** The children of `<stream:features>` on every stream, e.g. a bind feature alone. */
  features: string;
  /** Direct TLS with a certificate for the domain from this CA; plain TCP when absent. */
  tlsCa?: TestCa;
  /** The `i=` of the SCRAM-SHA-1 challenge sent in answer to `<auth>`. */
  scramIterations?: number;
}

/** What the server saw of a SCRAM exchange, enough for a test to check the client's proof (RFC 5802 §3). */
export interface ScramExchange {
  clientFirstBare: string;
  serverFirst: string;
  salt: Buffer;
  iterations: number;
  /** performance.now() when the challenge went out and when the answer came. */
  challengeSentAt: number;
  clientFinal?: string;
  clientFinalAt?: number;
}

export interface HostileServer {
  /** `xmpp://127.0.0.1:<port>`, or `xmpps://…` with TLS. */
  service: string;
  /** Everything every client sent, as text. */
  received(): string;
  scram(): ScramExchange | undefined;
  close(): Promise<void>;
}

const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const domain = options.domain ?? "step.test";
  let received = "";
  let exchange: ScramExchange | undefined;
  const certDir = options.tlsCa ? mkdtempSync(join(tmpdir(), "step-hostile-")) : undefined;

  const sockets = new Set<Socket>();
  const serve = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let pending = "";
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    socket.on("data", (chunk: string) => {
      received += chunk;
      pending += chunk;
      for (;;) {
        const answer = nextAnswer(pending);
        if (answer === undefined) break;
        pending = pending.slice(answer.consumed);
        if (answer.reply) socket.write(answer.reply);
      }
    });
  };

  /** Answers the first complete thing in `text` the server knows, with how much of `text` it used. */
  const nextAnswer = (text: string): { consumed: number; reply?: string } | undefined => {
    const open = /<stream:stream[^>]*>/.exec(text);
    const auth = /<auth[^>]*mechanism=['"]([^'"]+)['"][^>]*>([^<]*)<\/auth>/.exec(text);
    const response = /<response[^>]*>([^<]*)<\/response>/.exec(text);
    const iq = /<iq[^>]*\bid=['"]([^'"]+)['"][\s\S]*?<\/iq>/.exec(text);
    const first = [open, auth, response, iq]
      .filter((match): match is RegExpExecArray => match !== null)
      .sort((a, b) => a.index - b.index)[0];
    if (first === undefined) return undefined;
    const consumed = first.index + first[0].length;
    if (first === open) {
      const header = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='${domain}' id='${randomBytes(4).toString("hex")}' version='1.0' xml:lang='en'>`;
      return { consumed, reply: `${header}<stream:features>${options.features}</stream:features>` };
    }
    if (first === auth) return { consumed, reply: scramChallenge(first[2] ?? "") };
    if (first === response) {
      if (exchange) {
        exchange.clientFinal = Buffer.from(first[1] ?? "", "base64").toString("utf8");
        exchange.clientFinalAt = performance.now();
      }
      return { consumed, reply: `<failure xmlns='${NS_SASL}'><not-authorized/></failure>` };
    }
    const bound = `<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>news@${domain}/spoofed</jid></bind>`;
    return { consumed, reply: `<iq type='result' id='${first[1]}'>${bound}</iq>` };
  };

  const scramChallenge = (base64: string): string => {
    const clientFirst = Buffer.from(base64, "base64").toString("utf8");
    const clientFirstBare = clientFirst.replace(/^[^,]*,[^,]*,/, "");
    const clientNonce = /(?:^|,)r=([^,]*)/.exec(clientFirstBare)?.[1] ?? "";
    const salt = randomBytes(16);
    const iterations = options.scramIterations ?? 4096;
    const serverFirst = `r=${clientNonce}${randomBytes(12).toString("hex")},s=${salt.toString("base64")},i=${iterations}`;
    exchange = { clientFirstBare, serverFirst, salt, iterations, challengeSentAt: performance.now() };
    return `<challenge xmlns='${NS_SASL}'>${Buffer.from(serverFirst).toString("base64")}</challenge>`;
  };

  let server: Server;
  if (options.tlsCa && certDir) {
    const cert = issueServerCert(options.tlsCa, [domain], certDir);
    server = createTlsServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, serve);
  } else {
    server = createServer(serve);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    service: `${options.tlsCa ? "xmpps" : "xmpp"}://127.0.0.1:${port}`,
    received: () => received,
    scram: () => exchange,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (certDir) rmSync(certDir, { recursive: true, force: true });
    },
  };
}
