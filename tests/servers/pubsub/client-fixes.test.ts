import { createHash, createHmac, pbkdf2Sync } from "node:crypto";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfContent } from "../../../scripts/harness/build-site.ts";
import { writeFixtureSite } from "../../../scripts/harness/pubsub/fixture-site.ts";
import { type HostileServer, startHostileServer } from "../../../scripts/harness/pubsub/hostile-server.ts";
import { runPubsub } from "../../../scripts/harness/pubsub/run-cli.ts";
import { defaultTestCa } from "../../../scripts/harness/test-ca.ts";
import { MAX_SCRAM_ITERATIONS } from "../../../scripts/xmpp/client-fixes.ts";
import { accountFromEnv } from "../../../scripts/xmpp/config.ts";
import { openSession } from "../../../scripts/xmpp/connect.ts";

/**
 * Spoofed servers against the connection code: no TLS offered at all, and
 * SCRAM iteration counts up to the hostile. The other two fixes of
 * client-fixes.ts are shown against real servers: split multi-byte characters
 * in xmpp-session.test.ts, the domain checked on direct TLS in failures.test.ts.
 */
const PASSWORD = "hostile-test-pw-Kq47";
const BIND = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
const PLAIN_ONLY = "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>";
const SCRAM_ONLY =
  "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms>";

let content: string;
let site: string;
const servers: HostileServer[] = [];

beforeAll(() => {
  content = copyOfContent();
  site = writeFixtureSite([{ slug: "one", published: "2030-01-01T00:00:00.000Z" }], content);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const dir of [content, site]) rmSync(dir, { recursive: true, force: true });
});

async function hostile(options: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
  const server = await startHostileServer(options);
  servers.push(server);
  return server;
}

const publishTo = (server: HostileServer) =>
  runPubsub(["--site", site, "--timeout", "20"], {
    XMPP_JID: "news@step.test",
    XMPP_PASSWORD: PASSWORD,
    XMPP_SERVICE: server.service,
    PUBSUB_SERVICE: "pubsub.step.test",
    PUBSUB_NODE: "news",
    STEP_CONTENT_DIR: content,
  });

/** Everything a password could look like on the wire: as is, and inside a base64 SASL PLAIN message. */
const passwordForms = [PASSWORD, Buffer.from(`\0news\0${PASSWORD}`).toString("base64")];

describe("a server that offers no TLS", () => {
  it("offering resource binding alone gets no stanza: the run fails saying TLS", async () => {
    const server = await hostile({ features: BIND });
    const result = await publishTo(server);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(/^pubsub: error: step.test at 127.0.0.1:\d+ offered no TLS/);
    expect(result.stdout).not.toMatch(/published|summary/);
    expect(server.received()).toContain("<stream:stream");
    expect(server.received()).not.toMatch(/<iq|<presence|<message|<auth/);
    for (const form of passwordForms) expect(server.received()).not.toContain(form);
  });

  it("offering a plain-text password login never gets the password", async () => {
    const server = await hostile({ features: `${PLAIN_ONLY}${BIND}` });
    const result = await publishTo(server);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(/offered no TLS/);
    expect(server.received()).not.toMatch(/<auth|<iq/);
    for (const form of passwordForms) expect(server.received()).not.toContain(form);
  });
});

describe("SCRAM-SHA-1 against what the server asks", () => {
  const account = (server: HostileServer) =>
    accountFromEnv({ XMPP_JID: "news@step.test", XMPP_PASSWORD: PASSWORD, XMPP_SERVICE: server.service });

  it(`refuses more than ${MAX_SCRAM_ITERATIONS} iterations without hashing or answering`, async () => {
    const server = await hostile({ features: SCRAM_ONLY, tlsCa: defaultTestCa(), scramIterations: 2_000_000_000 });
    const error = await openSession(account(server), { connectAttempts: 1 }).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({
      kind: "server",
      message: expect.stringMatching(/asks for 2000000000 SCRAM iterations; more than 1000000 .* is refused/),
    });
    expect(server.scram()?.clientFinal).toBeUndefined();
  });

  it("answers the largest accepted count with a correct proof while the event loop keeps running", async () => {
    const server = await hostile({
      features: SCRAM_ONLY,
      tlsCa: defaultTestCa(),
      scramIterations: MAX_SCRAM_ITERATIONS,
    });
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(performance.now()), 5);
    try {
      const error = await openSession(account(server), { connectAttempts: 1, connectTimeoutMs: 120_000 }).catch(
        (thrown: Error) => thrown,
      );
      // The spoofed server refuses every login; the point is what the client sent before that.
      expect(error).toMatchObject({ kind: "credentials" });
    } finally {
      clearInterval(ticker);
    }
    const exchange = server.scram();
    if (exchange?.clientFinal === undefined || exchange.clientFinalAt === undefined) {
      throw new Error("the client never answered the challenge");
    }
    const { challengeSentAt, clientFinalAt } = exchange;
    // A synchronous hash would stop the timer for the whole computation: at most one late tick.
    expect(ticks.filter((at) => at > challengeSentAt && at < clientFinalAt).length).toBeGreaterThan(5);
    expect(exchange.clientFinal).toBe(expectedClientFinal(exchange));
  });
});

/** RFC 5802 §3, computed here independently of the client. */
function expectedClientFinal(exchange: {
  clientFirstBare: string;
  serverFirst: string;
  salt: Buffer;
  iterations: number;
}): string {
  const nonce = /(?:^|,)r=([^,]*)/.exec(exchange.serverFirst)?.[1] ?? "";
  const withoutProof = `c=biws,r=${nonce}`;
  const salted = pbkdf2Sync(PASSWORD, exchange.salt, exchange.iterations, 20, "sha1");
  const clientKey = createHmac("sha1", salted).update("Client Key").digest();
  const storedKey = createHash("sha1").update(clientKey).digest();
  const authMessage = `${exchange.clientFirstBare},${exchange.serverFirst},${withoutProof}`;
  const signature = createHmac("sha1", storedKey).update(authMessage).digest();
  const proof = Buffer.from(clientKey.map((byte, index) => byte ^ (signature[index] ?? 0)));
  return `${withoutProof},p=${proof.toString("base64")}`;
}
