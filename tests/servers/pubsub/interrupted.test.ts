import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProsodyServer } from "../../../scripts/harness/prosody.ts";
import { type FixturePost, itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import type { Notification, PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import { OTHER_PUBLISHER, type PubsubWorld, prosodyWorld, SUBSCRIBER } from "../../../scripts/harness/pubsub/world.ts";

/**
 * Runs cut short: the server goes away half-way, or the publisher itself is
 * killed. The next run must finish the job: every post announced, none twice.
 */
let world: PubsubWorld<ProsodyServer>;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [OTHER_PUBLISHER] });
});

afterAll(() => world?.dispose());

async function subscribedReader(node: string): Promise<PubsubTestClient> {
  const reader = await world.connect(SUBSCRIBER);
  await reader.subscribe(node);
  return reader;
}

const posts = (prefix: string) =>
  Array.from({ length: 150 }, (_, i): FixturePost => world.post(`${prefix}-${i + 1}`, i + 1));
const itemIds = (events: Notification[]) => events.filter((event) => event.kind === "item").map((event) => event.id);

describe("a run cut short", () => {
  it("by the server being down before it starts: fails in one line, and the next run does everything", async () => {
    const node = "server-down";
    await world.nodeOfOtherPublisher(node, { "pubsub#max_items": "max" });
    const all = posts("d").slice(0, 5);
    const site = world.build(all);
    await world.server.stop();
    try {
      const down = await world.run(site, node);
      expect(down.exit).toBe(1);
      expect(down.stderr).toMatch(
        /^pubsub: error: cannot reach the XMPP server for step.test at 127.0.0.1:\d+ \(ECONNREFUSED\)\n$/,
      );
    } finally {
      await world.server.start();
    }
    const reader = await subscribedReader(node);
    expect((await world.run(site, node)).exit).toBe(0);
    expect(itemIds(await reader.takeNotifications())).toEqual(all.map((post) => itemIdOf(post)));
  });

  it("by the server stopping: fails in one line, and the rerun announces the rest, nothing twice", async () => {
    const node = "server-stops";
    await world.nodeOfOtherPublisher(node, { "pubsub#max_items": "max" });
    const all = posts("s");
    const site = world.build(all);
    const before = await subscribedReader(node);

    let stopping: Promise<void> | undefined;
    const first = await world.run(
      site,
      node,
      ["--allow-mass-publish"],
      {},
      {
        onLine: (line) => {
          if (line.startsWith("publish ") && !stopping) stopping = world.server.stop();
        },
      },
    );
    await stopping;
    expect(first.exit).toBe(1);
    expect(first.stderr).toMatch(/^pubsub: error: .*(connection to 127.0.0.1:\d+ lost|closed the stream).*\n$/);
    const announcedBefore = itemIds(before.notifications);
    expect(announcedBefore.length).toBeGreaterThan(0);
    expect(announcedBefore.length).toBeLessThan(all.length);

    await world.server.start();
    const after = await subscribedReader(node);
    const second = await world.run(site, node);
    expect(second.stderr).toBe("");
    expect(second.exit).toBe(0);
    const announced = [...announcedBefore, ...itemIds(await after.takeNotifications())];
    expect(announced.sort()).toEqual(all.map((post) => itemIdOf(post)).sort());

    expect((await world.run(site, node)).exit).toBe(0);
    expect(await after.takeNotifications()).toEqual([]);
  });

  it("by killing the publisher: the rerun confirms what got out and publishes the rest, nothing twice", async () => {
    const node = "publisher-killed";
    await world.nodeOfOtherPublisher(node, { "pubsub#max_items": "max" });
    const all = posts("k");
    const site = world.build(all);
    const reader = await subscribedReader(node);

    let seen = 0;
    const first = await world.run(
      site,
      node,
      ["--allow-mass-publish"],
      {},
      {
        onLine: (line, kill) => {
          if (line.startsWith("publish ") && ++seen === 3) kill("SIGKILL");
        },
      },
    );
    expect(first.exit).toBe("SIGKILL");
    const second = await world.run(site, node);
    expect(second.exit).toBe(0);
    expect(second.stdout).toMatch(/\(already on the node\)/);

    const announced = itemIds(await reader.takeNotifications());
    expect(announced.sort()).toEqual(all.map((post) => itemIdOf(post)).sort());
  });
});
