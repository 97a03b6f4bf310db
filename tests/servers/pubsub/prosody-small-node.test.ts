import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import type { PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import { OTHER_PUBLISHER, type PubsubWorld, prosodyWorld, SUBSCRIBER } from "../../../scripts/harness/pubsub/world.ts";

/**
 * Prosody's default keeps 20 items per node. With more posts than that, the
 * oldest items are evicted; they must never come back as "new".
 */
const NODE = "small";
const LIMIT = 20;

let world: PubsubWorld;
let reader: PubsubTestClient;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [OTHER_PUBLISHER], pubsub: { maxItems: LIMIT } });
  await world.nodeOfOtherPublisher(NODE, { "pubsub#max_items": String(LIMIT) });
  reader = await world.connect(SUBSCRIBER);
  await reader.subscribe(NODE);
});

afterAll(() => world?.dispose());

describe(`a node that keeps ${LIMIT} items`, () => {
  const posts = () => Array.from({ length: 25 }, (_, i) => world.post(`post-${i + 1}`, i + 1));
  let site: string;

  it("announces every post once and warns that the node will lose the oldest", async () => {
    site = world.build(posts());
    const result = await world.run(site, NODE, ["--allow-mass-publish"]);
    expect(result.exit).toBe(0);
    expect(result.stdout).toMatch(/^warning: the node keeps only 20 items but this publisher has 25 posts on it/m);
    const ids = (await reader.takeNotifications()).map((event) => `${event.kind} ${event.id}`);
    expect(ids).toEqual(posts().map((post) => `item ${itemIdOf(post)}`));
    expect((await reader.items(NODE)).size).toBe(LIMIT);
  });

  it("does not announce the evicted posts again", async () => {
    const result = await world.run(site, NODE);
    expect(result.exit).toBe(0);
    expect(await reader.takeNotifications()).toEqual([]);
    expect(result.stdout).toMatch(/^skip +\S+-post-1 .*\(published before; the node no longer keeps it\)$/m);
  });

  it("announces one new post once, and then nothing", async () => {
    const newest = world.post("post-26", 26);
    world.build([...posts(), newest], site);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect((await reader.takeNotifications()).map((event) => event.id)).toEqual([itemIdOf(newest)]);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect(await reader.takeNotifications()).toEqual([]);
  });
});
