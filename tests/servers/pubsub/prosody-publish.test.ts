import xml from "@xmpp/xml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import type { PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import {
  actionLines,
  expectedItems,
  OTHER_PUBLISHER,
  PUBLISHER,
  type PubsubWorld,
  prosodyWorld,
  received,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";

/**
 * One node's life on Prosody, as its subscribers see it: the node exists
 * (the old plugin made it) with another publisher's items, a reader is
 * subscribed, and the site is built and published again and again.
 */
const NODE = "/home/step.test/admin/wp/posts";

let world: PubsubWorld;
let reader: PubsubTestClient;
let site: string;
let foreignItems: Map<string, string>;

const old1 = () => world.post("migrated-1", -400);
const old2 = () => world.post("migrated-2", -3);
const new1 = () => world.post("first", 1);
const new2 = () => world.post("second", 2);
const items = (posts: Parameters<typeof expectedItems>[1]) => expectedItems(NODE, posts);

beforeAll(async () => {
  world = await prosodyWorld({ admins: [PUBLISHER, OTHER_PUBLISHER] });
  const wordpress = await world.connect(OTHER_PUBLISHER);
  await wordpress.createNode(NODE, { "pubsub#access_model": "open", "pubsub#max_items": "max" });
  for (const id of ["wp-101", "wp-102"]) {
    await wordpress.publish(NODE, id, xml("entry", { xmlns: "http://www.w3.org/2005/Atom" }, xml("title", {}, id)));
  }
  foreignItems = await wordpress.items(NODE);
  reader = await world.connect(SUBSCRIBER);
  await reader.subscribe(NODE);
  await reader.takeNotifications();
});

afterAll(() => world?.dispose());

describe("publishing to an existing Prosody node", () => {
  it("announces the posts since the cutoff, each with its feed entry as payload", async () => {
    site = world.build([old1(), old2(), new1(), new2()]);
    const result = await world.run(site, NODE);
    expect(result.stderr).toBe("");
    expect(result.exit).toBe(0);
    expect(await received(reader)).toEqual(items([new1(), new2()]));
    expect(actionLines(result, "skip").join("\n")).toMatch(
      /migrated-1.*before the cutoff[\s\S]*migrated-2.*before the cutoff/,
    );
    expect(result.stdout).toMatch(/^summary: 2 published, 0 updated, 0 retracted, 2 skipped, 0 failed$/m);
    expect(result.stdout).toMatch(/^done: \d+ stanzas sent$/m);
  });

  it("sends nothing when run again", async () => {
    const result = await world.run(site, NODE);
    expect(result.exit).toBe(0);
    expect(await received(reader)).toEqual([]);
    expect(actionLines(result, "publish")).toEqual([]);
    expect(result.stdout).toMatch(/^summary: 0 published, 0 updated, 0 retracted, 4 skipped, 0 failed$/m);
  });

  it("announces a new post exactly once", async () => {
    const third = world.post("third", 3);
    world.build([old1(), old2(), new1(), new2(), third], site);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect(await received(reader)).toEqual(items([third]));
  });

  it("sends nothing for an edit that leaves `updated` alone", async () => {
    const third = world.post("third", 3, { body: "<p>typo fixed</p>" });
    world.build([old1(), old2(), new1(), new2(), third], site);
    const result = await world.run(site, NODE);
    expect(result.exit).toBe(0);
    expect(await received(reader)).toEqual([]);
  });

  it("republishes an edit with a newer `updated` under the same item id", async () => {
    const updated = new Date(world.since.getTime() + 5 * 86_400_000).toISOString();
    const third = world.post("third", 3, { body: "<p>corrected</p>", updated });
    world.build([old1(), old2(), new1(), new2(), third], site);
    const result = await world.run(site, NODE);
    expect(result.exit).toBe(0);
    expect(actionLines(result, "update")).toEqual([expect.stringContaining(itemIdOf(third))]);
    expect(await received(reader)).toEqual(items([third]));
    expect((await reader.items(NODE)).get(itemIdOf(third))).toContain("corrected");
  });

  it("retracts a deleted post once, with a notification", async () => {
    world.build([old1(), old2(), new1(), new2()], site);
    const result = await world.run(site, NODE);
    expect(result.exit).toBe(0);
    expect(await received(reader)).toEqual([{ kind: "retract", node: NODE, id: itemIdOf(world.post("third", 3)) }]);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect(await received(reader)).toEqual([]);
  });

  it("never touched the other publisher's items", async () => {
    expect(foreignItems.size).toBe(2);
    const now = await reader.items(NODE);
    for (const [id, payload] of foreignItems) expect(now.get(id)).toBe(payload);
    expect(reader.notifications.filter((event) => event.id.startsWith("wp-"))).toEqual([]);
  });

  it("backfills older posts when PUBSUB_SINCE moves the cutoff back on purpose", async () => {
    const before = new Date(world.since.getTime() - 500 * 86_400_000).toISOString();
    const result = await world.run(site, NODE, [], { PUBSUB_SINCE: before });
    expect(result.exit).toBe(0);
    expect(await received(reader)).toEqual(items([old1(), old2()]));
  });
});

describe("--dry-run and --json", () => {
  it("prints the plan, changes nothing, and the real run then does what it said", async () => {
    const fourth = world.post("fourth", 4);
    world.build([old1(), old2(), new1(), new2(), fourth], site);
    const dry = await world.run(site, NODE, ["--dry-run"]);
    expect(dry.exit).toBe(0);
    expect(actionLines(dry, "publish")).toEqual([expect.stringContaining(itemIdOf(fourth))]);
    expect(dry.stdout).toMatch(/^summary \(dry run, nothing changed\): 1 to publish/m);
    expect(await received(reader)).toEqual([]);
    expect((await reader.items(NODE)).has(itemIdOf(fourth))).toBe(false);

    const real = await world.run(site, NODE, ["--json"]);
    expect(real.exit).toBe(0);
    const report = JSON.parse(real.stdout);
    // Every pair is reported; the status feed of this build is empty, so its node is left alone.
    expect(report).toMatchObject({
      dryRun: false,
      feeds: [
        expect.objectContaining({ path: "atom.xml" }),
        expect.objectContaining({ path: "status/atom.xml", summary: expect.objectContaining({ publish: 0 }) }),
      ],
    });
    const [feed] = report.feeds;
    expect(feed).toMatchObject({
      node: NODE,
      nodeState: { existed: true, created: false },
      summary: { publish: 1, update: 0, retract: 0, skip: 4, failed: 0 },
      failures: [],
    });
    expect(feed.actions).toContainEqual(
      expect.objectContaining({ action: "publish", itemId: itemIdOf(fourth), reason: "new post" }),
    );
    expect(await received(reader)).toEqual(items([fourth]));
  });
});

describe("guards against a broken build", () => {
  it("refuses a build without posts, and more than 2 retractions at once, unless --allow-mass-retract", async () => {
    const empty = world.build([]);
    const none = await world.run(empty, NODE);
    expect(none.exit).toBe(3);
    expect(none.stderr.trim()).toMatch(/^pubsub: error: refused: the built feed lists no posts at all/);

    const base = [old1(), old2(), new1(), new2(), world.post("fourth", 4)];
    const [kept, ...dropped] = [1, 2, 3, 4, 5].map((day) => world.post(`batch-${day}`, 10 + day));
    world.build([...base, ...(kept ? [kept] : []), ...dropped], site);
    expect((await world.run(site, NODE)).exit).toBe(0);
    expect(await received(reader)).toHaveLength(5);

    world.build([...base, ...(kept ? [kept] : [])], site);
    const mass = await world.run(site, NODE);
    expect(mass.exit).toBe(3);
    expect(mass.stderr.trim().split("\n")).toHaveLength(1);
    expect(mass.stderr).toMatch(/the plan retracts 4 items, more than 2 in one run \(broken build\?\)/);
    expect(await received(reader)).toEqual([]);

    const allowed = await world.run(site, NODE, ["--allow-mass-retract"]);
    expect(allowed.exit).toBe(0);
    expect(await received(reader)).toEqual(
      dropped.map((post) => ({ kind: "retract", node: NODE, id: itemIdOf(post) })),
    );
  });
});
