import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Notification, PubsubTestClient } from "../../../scripts/harness/pubsub/pubsub-client.ts";
import { runPubsub } from "../../../scripts/harness/pubsub/run-cli.ts";
import {
  canonicalXml,
  OTHER_PUBLISHER,
  type PubsubWorld,
  prosodyWorld,
  SUBSCRIBER,
} from "../../../scripts/harness/pubsub/world.ts";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { parseXmlDocument } from "../../../scripts/pubsub/feed-entries.ts";
import { ATOM_NS } from "../../../src/lib/atom/entry.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { parseAtomFeed } from "../../support/atom-assert.ts";

/**
 * The real site, built from `content/` by the global setup, published as CI
 * would: with the real cutoff the migrated posts stay quiet; a deliberate
 * backfill announces each one with exactly its `/atom.xml` entry.
 */
const siteDir = inject("realSiteDir");
const contentDir = join(PROJECT_ROOT, "content");
const NODE = "/home/step.test/admin/wp/posts";

let world: PubsubWorld;
let reader: PubsubTestClient;

const feedEntries = () => {
  const feed = parseXmlDocument(readFileSync(join(siteDir, "atom.xml"), "utf8"), "atom.xml");
  return feed.getChildren("entry", ATOM_NS).map((entry) => ({
    id: entry.getChildText("id", ATOM_NS) ?? "",
    published: new Date(entry.getChildText("published", ATOM_NS) ?? ""),
    xml: canonicalXml(entry.toString()),
  }));
};

/** A payload read as a feed reader would: one entry in an otherwise minimal feed, checked against RFC 4287. */
const asReaderSees = (payload: string) =>
  parseAtomFeed(
    `<feed xmlns="${ATOM_NS}" xml:lang="ja"><id>urn:x</id><title>t</title><updated>2026-01-01T00:00:00Z</updated>${payload}</feed>`,
  ).entries;

beforeAll(async () => {
  world = await prosodyWorld({ admins: [OTHER_PUBLISHER] });
  await world.nodeOfOtherPublisher(NODE, { "pubsub#max_items": "max" });
  reader = await world.connect(SUBSCRIBER);
  await reader.subscribe(NODE);
});

afterAll(() => world?.dispose());

const run = (extra: Record<string, string> = {}) =>
  runPubsub(["--site", siteDir], { ...world.env(NODE), STEP_CONTENT_DIR: contentDir, ...extra });

const since = () => loadServerFacts(join(contentDir, "server.yaml")).xmpp.pubsub.since;
const payloadsOf = (events: Notification[]) =>
  events.flatMap((event) => (event.kind === "item" ? [canonicalXml(event.payload)] : [])).sort();

describe("npm run pubsub on the real built site", () => {
  it("announces only the posts at or after the cutoff in content/server.yaml", async () => {
    const result = await run();
    expect(result.stderr).toBe("");
    expect(result.exit).toBe(0);
    const expected = feedEntries().filter((entry) => entry.published >= since());
    expect(payloadsOf(await reader.takeNotifications())).toEqual(expected.map((entry) => entry.xml).sort());
  });

  it("on a deliberate backfill, announces each older post once, its exact /atom.xml entry a valid Atom payload", async () => {
    const entries = feedEntries();
    const result = await run({ PUBSUB_SINCE: "2000-01-01" });
    expect(result.exit).toBe(0);
    const payloads = payloadsOf(await reader.takeNotifications());
    const older = entries.filter((entry) => entry.published < since());
    expect(older.length).toBeGreaterThan(0);
    expect(payloads).toEqual(older.map((entry) => entry.xml).sort());
    for (const payload of payloads) expect(asReaderSees(payload)).toHaveLength(1);
    const onNode = await reader.items(NODE);
    expect([...onNode.values()].map(canonicalXml).sort()).toEqual(entries.map((entry) => entry.xml).sort());
  });
});
