import { rmSync } from "node:fs";
import { join } from "node:path";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { parseXmlDocument } from "../../pubsub/feed-entries.ts";
import { copyOfContent } from "../build-site.ts";
import { type ProsodyOptions, type ProsodyServer, startProsody } from "../prosody.ts";
import type { TestCa } from "../test-ca.ts";
import type { TestAccount } from "../xmpp-test-server.ts";
import {
  entryXml,
  type FixtureBuild,
  type FixturePost,
  type FixtureSection,
  itemIdOf,
  writeFixtureSite,
} from "./fixture-site.ts";
import { connectPubsubClient, type Notification, type PubsubTestClient } from "./pubsub-client.ts";
import { type CliEnv, type CliResult, type CliRun, runPubsub } from "./run-cli.ts";

export const PUBLISHER: TestAccount = { username: "news", password: "publisher-pw-Zx81" };
export const SUBSCRIBER: TestAccount = { username: "reader", password: "reader-pw-Qa22" };
/** The account that fed the node before (the WordPress plugin's). */
export const OTHER_PUBLISHER: TestAccount = { username: "wordpress", password: "wordpress-pw-Lm93" };

/** What a scenario needs of a test server; the Prosody and ejabberd harnesses both give it. */
export interface PubsubServer {
  domain: string;
  /** `xmpp://127.0.0.1:<port>` */
  service: string;
  hosts: { pubsub?: string };
  ca: TestCa;
  dispose(): Promise<void>;
}

/**
 * Everything a publishing scenario needs around one test server: a private
 * copy of `content/` (the CLI checks the build against it), fixture builds,
 * the CLI's environment, and clients for the other parties. `dispose()`
 * closes and deletes all of it, the server included.
 */
export interface PubsubWorld<S extends PubsubServer = PubsubServer> {
  server: S;
  pubsubHost: string;
  /** The cutoff of content/server.yaml: fixture posts are dated relative to it. */
  since: Date;
  /** A post `days` after (positive) or before (negative) the cutoff. */
  post(slug: string, days: number, extra?: Partial<FixturePost>): FixturePost;
  /** Writes a build with these posts; the same `siteDir` is rewritten in place. */
  build(posts: readonly FixturePost[], siteDir?: string, build?: FixtureBuild): string;
  env(node: string, extra?: CliEnv): CliEnv;
  run(siteDir: string, node: string, args?: readonly string[], extraEnv?: CliEnv, run?: CliRun): Promise<CliResult>;
  connect(account: TestAccount): Promise<PubsubTestClient>;
  /** A node the other publisher creates, on which the publisher under test gets the publisher affiliation. */
  nodeOfOtherPublisher(node: string, config?: Record<string, string>): Promise<PubsubTestClient>;
  dispose(): Promise<void>;
}

export function pubsubWorld<S extends PubsubServer>(server: S): PubsubWorld<S> {
  const pubsubHost = server.hosts.pubsub;
  if (!pubsubHost) throw new Error("pubsubWorld needs a server with a PubSub service");
  const content = copyOfContent();
  const since = loadServerFacts(join(content, "server.yaml")).xmpp.pubsub.since;
  const builds: string[] = [];
  const clients: PubsubTestClient[] = [];
  const address = { domain: server.domain, service: server.service, pubsubHost };
  const env = (node: string, extra: CliEnv = {}): CliEnv => ({
    XMPP_JID: `${PUBLISHER.username}@${server.domain}`,
    XMPP_PASSWORD: PUBLISHER.password,
    XMPP_SERVICE: server.service,
    PUBSUB_SERVICE: pubsubHost,
    PUBSUB_NODE: node,
    NODE_EXTRA_CA_CERTS: server.ca.certFile,
    STEP_CONTENT_DIR: content,
    ...extra,
  });
  const world: PubsubWorld<S> = {
    server,
    pubsubHost,
    since,
    post(slug, days, extra = {}) {
      const published = new Date(since.getTime() + days * 86_400_000).toISOString();
      return { slug, published, ...extra };
    },
    build(posts, siteDir, build) {
      const dir = writeFixtureSite(posts, content, siteDir, build);
      if (!builds.includes(dir)) builds.push(dir);
      return dir;
    },
    env,
    run: (siteDir, node, args = [], extraEnv = {}, run = {}) =>
      runPubsub(["--site", siteDir, ...args], env(node, extraEnv), run),
    async connect(account) {
      const client = await connectPubsubClient(address, account);
      clients.push(client);
      return client;
    },
    async nodeOfOtherPublisher(node, config = {}) {
      const owner = await world.connect(OTHER_PUBLISHER);
      await owner.createNode(node, config);
      await owner.setAffiliation(node, `${PUBLISHER.username}@${server.domain}`, "publisher");
      return owner;
    },
    async dispose() {
      await Promise.all(clients.map((client) => client.close()));
      for (const dir of [content, ...builds]) rmSync(dir, { recursive: true, force: true });
      await server.dispose();
    },
  };
  return world;
}

/**
 * Prosody with the publisher, the reader and the other publisher as
 * accounts and a PubSub component; `admins` may create nodes (on Prosody no
 * one else may).
 */
export async function prosodyWorld(
  options: Omit<ProsodyOptions, "admins"> & { admins?: readonly TestAccount[] } = {},
): Promise<PubsubWorld<ProsodyServer>> {
  const { admins = [], accounts = [], pubsub = {}, ...rest } = options;
  const server = await startProsody({
    ...rest,
    accounts: [PUBLISHER, SUBSCRIBER, OTHER_PUBLISHER, ...accounts],
    admins: admins.map((account) => `${account.username}@${rest.domain ?? "step.test"}`),
    pubsub,
  });
  return pubsubWorld(server);
}

/** XML with attributes in a fixed order: servers may reorder attributes, which changes no meaning. */
export function canonicalXml(text: string): string {
  const element = parseXmlDocument(text, "payload");
  const visit = (node: typeof element): void => {
    node.attrs = Object.fromEntries(Object.entries(node.attrs).sort(([a], [b]) => a.localeCompare(b)));
    for (const child of node.getChildElements()) visit(child);
  };
  visit(element);
  return element.toString();
}

/** The notifications a reader should get for these posts: each post's feed entry as the payload. */
export const expectedItems = (
  node: string,
  posts: readonly FixturePost[],
  section: FixtureSection = "blog",
): Notification[] =>
  posts.map((post) => ({
    kind: "item",
    node,
    id: itemIdOf(post, section),
    payload: canonicalXml(entryXml(post, section)),
  }));

/** What the reader got since it was last asked, payloads in canonical form (to compare with expectedItems). */
export async function received(reader: PubsubTestClient): Promise<Notification[]> {
  return (await reader.takeNotifications()).map((event) =>
    event.kind === "item" ? { ...event, payload: canonicalXml(event.payload) } : event,
  );
}

/** The lines of a run's output that start with an action word. */
export const actionLines = (result: CliResult, action: "publish" | "update" | "retract" | "skip") =>
  result.stdout.split("\n").filter((line) => line.startsWith(`${action} `));
