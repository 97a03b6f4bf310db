import { setTimeout as sleep } from "node:timers/promises";
import xml from "@xmpp/xml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEjabberd } from "../../../scripts/harness/ejabberd.ts";
import { itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import type { PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import {
  actionLines,
  expectedItems,
  OTHER_PUBLISHER,
  PUBLISHER,
  type PubsubWorld,
  pubsubWorld,
  received,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";

/**
 * STEP.im runs ejabberd 23.01: the node of the old WordPress plugin exists
 * (flat plugin, named like the real one) and holds that plugin's items; the
 * publisher has been made a publisher of it.
 */
const NODE = "/home/ej.test/admin/wp/posts";

let world: PubsubWorld;
let reader: PubsubTestClient;
let wordpress: PubsubTestClient;
let foreignItems: Map<string, string>;
let site: string;

const items = (posts: Parameters<typeof expectedItems>[1]) => expectedItems(NODE, posts);

beforeAll(async () => {
  world = pubsubWorld(await startEjabberd({ accounts: [PUBLISHER, SUBSCRIBER, OTHER_PUBLISHER], pubsub: {} }));
  wordpress = await world.nodeOfOtherPublisher(NODE, { "pubsub#access_model": "open" });
  for (const id of ["1b2c3d4e5f", "9a8b7c6d5e"]) {
    const entry = xml("entry", { xmlns: "http://www.w3.org/2005/Atom" }, xml("title", {}, `WordPress ${id}`));
    await wordpress.publish(NODE, id, entry);
  }
  foreignItems = await wordpress.items(NODE);
  reader = await world.connect(SUBSCRIBER);
  await reader.subscribe(NODE);
  // ejabberd sends the node's last item on subscription; that one is not the publisher's doing.
  await reader.takeNotifications();
});

afterAll(() => world?.dispose());

describe("publishing to ejabberd 23.01", () => {
  const older = () => world.post("migrated", -30);
  const first = () => world.post("first", 1);
  const second = () => world.post("second", 2);
  const edited = () =>
    world.post("first", 1, {
      updated: new Date(world.since.getTime() + 9 * 86_400_000).toISOString(),
      body: "<p>訂正しました</p>",
    });

  it("publishes the new posts onto the existing node next to the other publisher's items", async () => {
    site = world.build([older(), first(), second()]);
    const result = await world.run(site, NODE);
    expect(result.stderr).toBe("");
    expect(result.exit).toBe(0);
    expect(await received(reader)).toEqual(items([first(), second()]));
    const now = await reader.items(NODE);
    expect(now.size).toBe(foreignItems.size + 2);
  });

  it("sends nothing on a rerun", async () => {
    const result = await world.run(site, NODE);
    expect(result.exit).toBe(0);
    expect(actionLines(result, "skip")).toHaveLength(3);
    expect(await received(reader)).toEqual([]);
  });

  it("overwrites its own item on an edit, which ejabberd allows only the original publisher", async () => {
    world.build([older(), edited(), second()], site);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect(await received(reader)).toEqual(items([edited()]));
  });

  it("retracts its own deleted post and nothing else", async () => {
    world.build([older(), edited()], site);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect(await received(reader)).toEqual([{ kind: "retract", node: NODE, id: itemIdOf(second()) }]);
  });

  it("carries on past an item only its original publisher may overwrite, and retries only that one", async () => {
    const clash = world.post("clash", 20);
    const later = world.post("later", 21);
    const notOurs = xml("entry", { xmlns: "http://www.w3.org/2005/Atom" }, xml("title", {}, "WordPress clash"));
    await wordpress.publish(NODE, itemIdOf(clash), notOurs);
    await reader.takeNotifications();
    world.build([older(), edited(), clash, later], site);

    const result = await world.run(site, NODE);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^pubsub: error: 1 item\\(s\\) not published, retried on the next run: ${itemIdOf(clash)} "お知らせ clash": publish item \\S+ to node \\S+ on \\S+: refused \\(\\w`,
      ),
    );
    expect(await received(reader)).toEqual(items([later]));

    const rerun = await world.run(site, NODE);
    expect(rerun.exit).toBe(1);
    expect([...actionLines(rerun, "publish"), ...actionLines(rerun, "update")]).toEqual([]);
    expect(rerun.stdout).toMatch(new RegExp(`^failed  ${itemIdOf(clash)} `, "m"));
    expect(await received(reader)).toEqual([]);
    expect((await reader.items(NODE)).get(itemIdOf(clash))).toContain("WordPress clash");
  });

  it("never touched the other publisher's items", async () => {
    const now = await reader.items(NODE);
    for (const [id, payload] of foreignItems) expect(now.get(id)).toBe(payload);
    expect(reader.notifications.filter((event) => foreignItems.has(event.id) && event.kind === "retract")).toEqual([]);
  });

  it("creates a missing node for a news feed", async () => {
    const result = await world.run(world.build([first()]), "/home/ej.test/news/created");
    expect(result.exit).toBe(0);
    expect(result.stdout).toMatch(/^node: created/m);
    const owner = await world.connect(PUBLISHER);
    const config = await owner.configuration("/home/ej.test/news/created");
    expect(config.get("pubsub#access_model")).toBe("open");
    expect(config.get("pubsub#notify_retract")).toMatch(/^(1|true)$/);
    expect(config.get("pubsub#persist_items")).toMatch(/^(1|true)$/);
    expect(config.get("pubsub#max_items")).toMatch(/^(max|1000)$/);
  });
});

describe("two runs at once on ejabberd, which ends the older session on its own time", () => {
  it("started half a second apart over 30 new posts: every item reaches the subscriber exactly once", async () => {
    const node = "/home/ej.test/news/overlap";
    await world.nodeOfOtherPublisher(node, { "pubsub#access_model": "open" });
    const overlapReader = await world.connect(SUBSCRIBER);
    await overlapReader.subscribe(node);
    await overlapReader.takeNotifications();
    const posts = Array.from({ length: 30 }, (_, i) =>
      world.post(`overlap-${i + 1}`, 40 + i, { body: `<p>${"長いお知らせの本文。".repeat(1_500)}</p>` }),
    );
    const overlapSite = world.build(posts);
    const first = world.run(overlapSite, node, ["--allow-mass-publish"]);
    await sleep(500);
    const second = world.run(overlapSite, node, ["--allow-mass-publish"]);
    const results = await Promise.all([first, second]);
    // ejabberd ends the older session on its own time: when the first run is done before that, both
    // succeed. What must hold in every interleaving is that each item reaches the subscriber once, and
    // that a run that was ended says so. (guards.test.ts proves the overlap itself on Prosody.)
    expect(results.some((run) => run.exit === 0)).toBe(true);
    for (const result of results.filter((run) => run.exit !== 0)) {
      expect(result.exit).toBe(3);
      expect(result.stderr).toMatch(
        /another client logged in as .*\/step-im-publisher and the server ended this session/,
      );
    }
    const announced = (await overlapReader.takeNotifications()).filter((event) => event.kind === "item");
    expect(announced.map((event) => event.id).sort()).toEqual(posts.map((post) => itemIdOf(post)).sort());
    const rerun = await world.run(overlapSite, node);
    expect(rerun.exit).toBe(0);
    expect(await overlapReader.takeNotifications()).toEqual([]);
  });
});
