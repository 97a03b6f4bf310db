import xml from "@xmpp/xml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProsodyServer } from "../../../scripts/harness/prosody.ts";
import {
  OTHER_PUBLISHER,
  PUBLISHER,
  type PubsubWorld,
  prosodyWorld,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";
import { accountFromEnv } from "../../../scripts/xmpp/config.ts";
import { openSession } from "../../../scripts/xmpp/connect.ts";

/** The connection helper shared by the publisher and `verify-server`, against a real Prosody. */
let world: PubsubWorld<ProsodyServer>;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [OTHER_PUBLISHER] });
});

afterAll(() => world?.dispose());

const account = () =>
  accountFromEnv({ XMPP_JID: "news@step.test", XMPP_PASSWORD: PUBLISHER.password, XMPP_SERVICE: world.server.service });

describe("openSession", () => {
  it("keeps Japanese text whole when a stanza arrives in many TCP chunks", async () => {
    const writer = await world.connect(OTHER_PUBLISHER);
    await writer.createNode("long");
    // 3-byte characters across many TLS records: some record boundary is bound to split one.
    const text = "日本語の長いお知らせ。".repeat(6_000);
    await writer.publish(
      "long",
      "one",
      xml("entry", { xmlns: "http://www.w3.org/2005/Atom" }, xml("content", {}, text)),
    );
    const reader = await world.connect(SUBSCRIBER);
    const payload = (await reader.items("long")).get("one") ?? "";
    expect(payload.length).toBeGreaterThan(text.length);
    expect(payload).not.toContain("\uFFFD");
    expect(payload).toContain(text);
  });

  it("counts the stanzas it sends", async () => {
    const session = await openSession(account());
    try {
      const afterLogin = session.stanzasSent;
      await session.request(xml("iq", { type: "get", to: "step.test" }, xml("ping", { xmlns: "urn:xmpp:ping" })));
      expect(session.stanzasSent).toBe(afterLogin + 1);
    } finally {
      await session.close();
    }
  });

  it("fails a request at once, in one line, when the server has gone", async () => {
    const session = await openSession(account(), { requestTimeoutMs: 30_000 });
    await world.server.stop();
    try {
      const started = Date.now();
      const ping = session.request(
        xml("iq", { type: "get", to: "step.test" }, xml("ping", { xmlns: "urn:xmpp:ping" })),
      );
      await expect(ping).rejects.toThrow(/^connection to 127.0.0.1:\d+ lost/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await session.close();
      await world.server.start();
    }
  });

  it("stops at the caller's deadline, before connecting and while connected", async () => {
    const late = await openSession(account(), { signal: AbortSignal.abort() }).catch((error: Error) => error);
    expect(late).toMatchObject({ kind: "timeout", message: "the run's time limit passed" });

    const deadline = new AbortController();
    const session = await openSession(account(), { signal: deadline.signal });
    try {
      deadline.abort();
      const ping = session.request(
        xml("iq", { type: "get", to: "step.test" }, xml("ping", { xmlns: "urn:xmpp:ping" })),
      );
      await expect(ping).rejects.toMatchObject({ kind: "timeout" });
    } finally {
      await session.close();
    }
  });
});
