import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import type { PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import {
  expectedItems,
  OTHER_PUBLISHER,
  PUBLISHER,
  type PubsubWorld,
  prosodyWorld,
  received,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";

/**
 * The status feed's own node, published by the same run as the news (one session, one lock):
 * an incident goes out at once, its resolution is one update of the same item, and neither
 * reaches the news node's subscribers.
 */
const NEWS_NODE = "/home/step.test/admin/wp/posts";
/** A second reader, so each subscription's notifications arrive apart (one account gets both). */
const STATUS_WATCHER = { username: "watcher", password: "watcher-pw-Hn47" };

let world: PubsubWorld;
let statusNode: string;
let statusReader: PubsubTestClient;
let newsReader: PubsubTestClient;
let site: string;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [PUBLISHER, OTHER_PUBLISHER], accounts: [STATUS_WATCHER] });
  statusNode = loadServerFacts(join(world.env(NEWS_NODE).STEP_CONTENT_DIR ?? "", "server.yaml")).xmpp.pubsub.statusNode;
  const owner = await world.connect(OTHER_PUBLISHER);
  await owner.createNode(NEWS_NODE, { "pubsub#access_model": "open" });
  await owner.setAffiliation(NEWS_NODE, `${PUBLISHER.username}@${world.server.domain}`, "publisher");
  newsReader = await world.connect(SUBSCRIBER);
  await newsReader.subscribe(NEWS_NODE);
  await newsReader.takeNotifications();
});

afterAll(() => world?.dispose());

describe("the status node on Prosody", () => {
  // An incident from before the migration cutoff: the news cutoff must not hold it back.
  const incident = () => world.post("outage", -30, { title: "接続できない障害", updated: undefined });
  const news = () => world.post("news", 1);

  it("creates the status node and announces an incident at once, whatever the news cutoff", async () => {
    site = world.build([news()], undefined, { status: [incident()] });
    const first = await world.run(site, NEWS_NODE);
    expect(first.stderr).toBe("");
    expect(first.exit).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^publish .*${itemIdOf(incident(), "status")}`, "m"));
    // Subscribed after the node was made: what the reader gets from here on is what a subscriber sees.
    statusReader = await world.connect(STATUS_WATCHER);
    await statusReader.subscribe(statusNode);
    expect((await statusReader.items(statusNode)).has(itemIdOf(incident(), "status"))).toBe(true);
    expect(await received(newsReader)).toEqual(expectedItems(NEWS_NODE, [news()]));
  });

  it("republishes the resolution once, as one update of the same item, and nothing on the news node", async () => {
    await statusReader.takeNotifications();
    const resolved = world.post("outage", -30, {
      title: "接続できない障害(解決)",
      updated: world.post("x", 2).published,
    });
    world.build([news()], site, { status: [resolved] });
    const run = await world.run(site, NEWS_NODE);
    expect(run.exit).toBe(0);
    expect(await received(statusReader)).toEqual(expectedItems(statusNode, [resolved], "status"));
    expect(await received(newsReader)).toEqual([]);

    const again = await world.run(site, NEWS_NODE);
    expect(again.exit).toBe(0);
    expect(await received(statusReader)).toEqual([]);
  });

  it("leaves an empty status feed alone: no incident is the healthy state, not a broken build", async () => {
    const quiet = world.build([news()]);
    const run = await world.run(quiet, NEWS_NODE);
    // The one status item the ledger knows is retracted (the entry was deleted); the run is not refused.
    expect(run.stderr).toBe("");
    expect(run.exit).toBe(0);
    expect(await received(statusReader)).toEqual([
      { kind: "retract", node: statusNode, id: itemIdOf(incident(), "status") },
    ]);
  });
});
