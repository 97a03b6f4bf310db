import { parseJstDateTime } from "../../src/lib/dates/jst.ts";
import type { ServerFacts } from "../../src/lib/server-facts/schema.ts";
import { Failure } from "../lib/failure.ts";
import type { NodeTarget } from "./node.ts";

export interface PublishTarget extends NodeTarget {
  /** Posts published before this are never announced for the first time; undefined: no cutoff. */
  since?: Date | undefined;
}

/** One feed of the built site and the node it is announced on; each has its own ledger and guards. */
export interface PublishedFeed {
  /** The feed's path in the built site, as build-info.json keys its entry count (`atom.xml`). */
  path: string;
  target: PublishTarget;
  /** Set when PUBSUB_SINCE moved this feed's cutoff, so a refusal can say a backfill is under way. */
  backfillSince?: Date | undefined;
  /** A feed that is healthy when empty (no incident open or past): its emptiness is no sign of a broken build. */
  mayBeEmpty?: boolean;
}

/**
 * Every feed → node pair a run publishes, from content/server.yaml (and the
 * environment's overrides, which apply to the news feed). A new pair is one
 * more element here; one run holds one session, and so one lock, for all.
 */
export function publishedFeeds(facts: ServerFacts, env: NodeJS.ProcessEnv = process.env): PublishedFeed[] {
  const news = publishTarget(facts.xmpp.pubsub, env);
  // The status feed has no cutoff: no incident predates the migration, and announced maintenance
  // (dated ahead) must go out at once. PUBSUB_NODE and PUBSUB_SINCE are the news feed's only.
  const status = { service: news.service, node: facts.xmpp.pubsub.statusNode };
  return [
    { path: "atom.xml", target: news, backfillSince: env.PUBSUB_SINCE?.trim() ? news.since : undefined },
    { path: "status/atom.xml", target: status, mayBeEmpty: true },
  ];
}

const ENTITY_PATTERN = /^[^\s@/]+$/;

/**
 * Service, node and cutoff from the server facts, each overridable from the
 * environment (PUBSUB_SERVICE and PUBSUB_NODE for staging and tests,
 * PUBSUB_SINCE for a deliberate backfill).
 */
export function publishTarget(
  facts: ServerFacts["xmpp"]["pubsub"],
  env: NodeJS.ProcessEnv = process.env,
): PublishTarget {
  const service = env.PUBSUB_SERVICE?.trim() || facts.service;
  if (!ENTITY_PATTERN.test(service)) {
    throw new Failure("config", `PUBSUB_SERVICE "${service}" is not a service address such as pubsub.step.im`);
  }
  const node = env.PUBSUB_NODE ?? facts.newsNode;
  if (node.trim() === "") throw new Failure("config", "PUBSUB_NODE is empty");
  const sinceText = env.PUBSUB_SINCE?.trim();
  const since = sinceText ? parseJstDateTime(sinceText) : facts.since;
  if (since === undefined) {
    throw new Failure(
      "config",
      `PUBSUB_SINCE "${sinceText}" is not a date: write 2026-11-27 (JST) or 2026-11-27T09:00:00+09:00`,
    );
  }
  return { service, node, since };
}
