import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import xml from "@xmpp/xml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProsodyServer } from "../../../scripts/harness/prosody.ts";
import { type FixturePost, itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import type { Notification, PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import {
  actionLines,
  OTHER_PUBLISHER,
  type PubsubWorld,
  prosodyWorld,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";
import { STANZA_LIMIT_BYTES } from "../../../scripts/pubsub/execute.ts";

/**
 * An operator's bad day on Prosody: two runs at once, a checkout behind
 * main, a preview build, a cut-off feed, a post too big for the server, and
 * a cutoff moved back too far. Each time an independent subscriber must get
 * every post exactly once and nothing it should not.
 */
let world: PubsubWorld<ProsodyServer>;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [OTHER_PUBLISHER] });
});

afterAll(() => world?.dispose());

async function freshNode(node: string): Promise<PubsubTestClient> {
  await world.nodeOfOtherPublisher(node, { "pubsub#max_items": "max" });
  const reader = await world.connect(SUBSCRIBER);
  await reader.subscribe(node);
  return reader;
}

const itemIds = (events: Notification[]) => events.filter((event) => event.kind === "item").map((event) => event.id);
const retractIds = (events: Notification[]) =>
  events.filter((event) => event.kind === "retract").map((event) => event.id);
const series = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i): FixturePost => world.post(`${prefix}-${i + 1}`, i + 1));

describe("two runs at once", () => {
  it("started half a second apart over 30 new posts: every item reaches the subscriber exactly once", async () => {
    const node = "overlap";
    const reader = await freshNode(node);
    // Long posts keep the first run busy for a while, so the second logs in while it is publishing.
    const posts = series("o", 30).map((post) => ({ ...post, body: `<p>${"長いお知らせの本文。".repeat(1_500)}</p>` }));
    const site = world.build(posts);
    const first = world.run(site, node, ["--allow-mass-publish"]);
    await sleep(500);
    const second = world.run(site, node, ["--allow-mass-publish"]);
    const results = await Promise.all([first, second]);

    const announced = itemIds(await reader.takeNotifications());
    expect(announced.sort()).toEqual(posts.map((post) => itemIdOf(post)).sort());
    // The runs overlapped: one was ended by the other's login and says why; the one left finished the job.
    // Should the ended run ever say something else, the failure shows what each run printed.
    const said = results.map(({ exit, stderr }) => `exit ${exit}: ${stderr}`).join("\n");
    expect(results.map((run) => run.exit).sort(), said).toEqual([0, 3]);
    for (const result of results.filter((run) => run.exit !== 0)) {
      expect(result.exit).toBe(3);
      expect(result.stderr).toMatch(
        /^pubsub: error: another client logged in as news@step.test\/step-im-publisher and the server ended this session \(stream conflict\)\n$/,
      );
    }
    const rerun = await world.run(site, node);
    expect(rerun.exit).toBe(0);
    expect(await reader.takeNotifications()).toEqual([]);
  });

  it("a dry run does not end a real run", async () => {
    const node = "overlap-dry";
    const reader = await freshNode(node);
    const posts = series("d", 12);
    const site = world.build(posts);
    const [real, dry] = await Promise.all([
      world.run(site, node, ["--allow-mass-publish"]),
      world.run(site, node, ["--dry-run"]),
    ]);
    expect(real.stderr).toBe("");
    expect(real.exit).toBe(0);
    expect(dry.exit).toBe(0);
    expect(itemIds(await reader.takeNotifications()).sort()).toEqual(posts.map((post) => itemIdOf(post)).sort());
  });
});

describe("a build older than what was published", () => {
  it("retracts nothing, says why and exits 3; the current build then does retract", async () => {
    const node = "stale";
    const reader = await freshNode(node);
    const [a, b, c] = series("s", 3) as [FixturePost, FixturePost, FixturePost];
    const behind = world.build([a, b], undefined, { committed: new Date(Date.now() - 3_600_000) });
    const main = world.build([a, b, c]);
    expect((await world.run(main, node)).exit).toBe(0);
    expect(itemIds(await reader.takeNotifications())).toHaveLength(3);

    const old = await world.run(behind, node);
    expect(old.exit).toBe(3);
    expect(old.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(old.stderr).toMatch(
      /the build is from commit \w{12} \(.*\), older than commit \w{12} \(.*\) the node was last published from; --allow-older-build runs it anyway, retracting nothing/,
    );
    expect(await reader.takeNotifications()).toEqual([]);

    const forced = await world.run(behind, node, ["--allow-older-build"]);
    expect(forced.exit).toBe(0);
    expect(actionLines(forced, "skip").join("\n")).toMatch(/not retracted: the build is older than what was published/);
    expect(await reader.takeNotifications()).toEqual([]);
    expect((await reader.items(node)).has(itemIdOf(c))).toBe(true);

    const deleted = world.build([a, b]);
    expect((await world.run(deleted, node)).exit).toBe(0);
    expect(retractIds(await reader.takeNotifications())).toEqual([itemIdOf(c)]);
  });
});

describe("builds that must not be read", () => {
  it("refuses a preview build before connecting, saying how to make a production build", async () => {
    const node = "preview";
    const reader = await freshNode(node);
    const result = await world.run(world.build(series("p", 2), undefined, { preview: true }), node);
    expect(result.exit).toBe(2);
    expect(result.stderr).toMatch(
      /is a preview build .* make a production build with `npm run build` \(STEP_PREVIEW unset\) first\n$/,
    );
    expect(await reader.takeNotifications()).toEqual([]);
  });

  it("refuses a cut-off atom.xml instead of retracting the posts it lost", async () => {
    const node = "truncated";
    const reader = await freshNode(node);
    const posts = series("t", 4);
    const site = world.build(posts);
    expect((await world.run(site, node)).exit).toBe(0);
    await reader.takeNotifications();
    const feed = join(site, "atom.xml");
    const text = readFileSync(feed, "utf8");
    writeFileSync(feed, text.slice(0, text.indexOf("</entry>") + "</entry>".length));
    const result = await world.run(site, node, ["--allow-mass-retract"]);
    expect(result.exit).toBe(2);
    expect(result.stderr).toMatch(/atom\.xml: not well-formed XML \(<feed> is never closed: the file is cut off\)/);
    expect(await reader.takeNotifications()).toEqual([]);
    expect((await reader.items(node)).size).toBe(4);
  });
});

describe("one item the server cannot take", () => {
  it("does not hold back the others; the run names it and exits 1, and the next run retries only it", async () => {
    const node = "too-big";
    const reader = await freshNode(node);
    const [before, , after] = series("b", 3) as [FixturePost, FixturePost, FixturePost];
    const huge = world.post("b-2", 2, { body: `<p>${"大きな投稿。".repeat(STANZA_LIMIT_BYTES / 12)}</p>` });
    const site = world.build([before, huge, after]);

    const result = await world.run(site, node);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^pubsub: error: 1 item\\(s\\) not published, retried on the next run: ${itemIdOf(huge)} "お知らせ b-2": not sent: \\d+ bytes, over the servers' stanza limit of 262144\\n$`,
      ),
    );
    expect(result.stdout).toMatch(/^summary: 2 published, 0 updated, 0 retracted, 0 skipped, 1 failed$/m);
    expect(itemIds(await reader.takeNotifications())).toEqual([itemIdOf(before), itemIdOf(after)]);

    const rerun = await world.run(site, node);
    expect(rerun.exit).toBe(1);
    expect(actionLines(rerun, "publish")).toEqual([]);
    expect(rerun.stdout).toMatch(new RegExp(`^failed  ${itemIdOf(huge)} `, "m"));
    expect(await reader.takeNotifications()).toEqual([]);

    const fixed = world.post("b-2", 2, { body: "<p>短くしました</p>" });
    const repaired = await world.run(world.build([before, fixed, after], site), node);
    expect(repaired.exit).toBe(0);
    expect(itemIds(await reader.takeNotifications())).toEqual([itemIdOf(fixed)]);
  });
});

describe("an item another account published under a post's id", () => {
  it("is replaced on Prosody, which lets any publisher overwrite (ejabberd refuses: see ejabberd.test.ts)", async () => {
    const node = "foreign-id";
    const reader = await freshNode(node);
    const post = world.post("foreign", 1);
    const owner = await world.connect(OTHER_PUBLISHER);
    await owner.publish(
      node,
      itemIdOf(post),
      xml("entry", { xmlns: "http://www.w3.org/2005/Atom" }, xml("title", {}, "not ours")),
    );
    await reader.takeNotifications();
    const result = await world.run(world.build([post]), node);
    expect(result.stderr).toBe("");
    expect(result.exit).toBe(0);
    expect(actionLines(result, "update")).toEqual([expect.stringContaining(itemIdOf(post))]);
    expect(itemIds(await reader.takeNotifications())).toEqual([itemIdOf(post)]);
  });
});

describe("many first announcements at once", () => {
  it("refuses more than 10 without --allow-mass-publish, and says when a backfill is the cause", async () => {
    const node = "mass-publish";
    const reader = await freshNode(node);
    const site = world.build(series("m", 11));
    const refused = await world.run(site, node);
    expect(refused.exit).toBe(3);
    expect(refused.stderr).toMatch(
      /the plan announces 11 posts for the first time, more than 10 in one run; --allow-mass-publish overrides this/,
    );
    expect(await reader.takeNotifications()).toEqual([]);

    const old = Array.from({ length: 11 }, (_, i) => world.post(`old-${i + 1}`, -100 - i));
    const backfill = await world.run(world.build([...old, ...series("m", 1)]), node, [], {
      PUBSUB_SINCE: "2001-01-01",
    });
    expect(backfill.exit).toBe(3);
    expect(backfill.stderr).toMatch(
      /PUBSUB_SINCE moves the cutoff back to 2000-12-31T15:00:00.000Z: a backfill this large needs the flag; --allow-mass-publish/,
    );
    expect(await reader.takeNotifications()).toEqual([]);

    const allowed = await world.run(site, node, ["--allow-mass-publish"]);
    expect(allowed.exit).toBe(0);
    expect(itemIds(await reader.takeNotifications())).toHaveLength(11);
  });
});
