import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProsodyServer } from "../../../scripts/harness/prosody.ts";
import { entryXml, itemIdOf } from "../../../scripts/harness/pubsub/fixture-site.ts";
import {
  canonicalXml,
  OTHER_PUBLISHER,
  PUBLISHER,
  type PubsubWorld,
  prosodyWorld,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";

/** The node's side of things on Prosody: creating it, and what happens when the account may not. */
const INTERN = { username: "intern", password: "intern-pw-Kd04" };

let world: PubsubWorld<ProsodyServer>;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [PUBLISHER, OTHER_PUBLISHER], accounts: [INTERN] });
});

afterAll(() => world?.dispose());

const asIntern = { XMPP_JID: `${INTERN.username}@step.test`, XMPP_PASSWORD: INTERN.password };

describe("a node that does not exist yet", () => {
  it("is created for a news feed: open, persistent, large, announcing retractions", async () => {
    const posts = [world.post("one", 1), world.post("two", 2)];
    const result = await world.run(world.build(posts), "created-news");
    expect(result.stderr).toBe("");
    expect(result.exit).toBe(0);
    expect(result.stdout).toMatch(/^node: created, keeps the server's maximum of items$/m);

    const owner = await world.connect(OTHER_PUBLISHER);
    const config = await owner.configuration("created-news");
    expect(config.get("pubsub#access_model")).toBe("open");
    expect(config.get("pubsub#persist_items")).toMatch(/^(1|true)$/);
    expect(config.get("pubsub#notify_retract")).toMatch(/^(1|true)$/);
    expect(config.get("pubsub#max_items")).toBe("max");
    expect(config.get("pubsub#title")).toBe("STEP.im お知らせ");

    const reader = await world.connect(SUBSCRIBER);
    const items = await reader.items("created-news");
    expect([...items.keys()].sort()).toEqual(posts.map((post) => itemIdOf(post)).sort());
    for (const post of posts) expect(canonicalXml(items.get(itemIdOf(post)) ?? "")).toBe(canonicalXml(entryXml(post)));
  });

  it("is not created by an account the server does not allow to, and the run says so in one line", async () => {
    const result = await world.run(world.build([world.post("one", 1)]), "not-yet", [], asIntern);
    expect(result.exit).toBe(1);
    expect(result.stderr).toBe(
      "pubsub: error: node not-yet on pubsub.step.test does not exist and intern@step.test may not create it (forbidden); on Prosody only admins may: create it once as an admin\n",
    );
  });
});

describe("a node the account may not publish to", () => {
  it("fails with one line naming the node, and publishes nothing", async () => {
    const owner = await world.connect(OTHER_PUBLISHER);
    await owner.createNode("closed", { "pubsub#access_model": "open", "pubsub#publish_model": "publishers" });
    const result = await world.run(world.build([world.post("one", 1)]), "closed", [], asIntern);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(
      /^pubsub: error: 1 item\(s\) not published, retried on the next run: \S+ "お知らせ one": publish item \S+ to node closed on pubsub.step.test: refused \(forbidden\)\n$/,
    );
    expect((await owner.items("closed")).size).toBe(0);
  });
});
