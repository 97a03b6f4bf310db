import xml from "@xmpp/xml";
import type { BuildInfo } from "../../src/lib/build-info.ts";
import type { Failure } from "../lib/failure.ts";
import type { XmppSession } from "../xmpp/connect.ts";
import { stanzaCondition } from "../xmpp/errors.ts";
import type { BuiltFeed, FeedPost } from "./feed-entries.ts";
import { loadLedger, type StoredLedger, saveLedger } from "./ledger.ts";
import {
  createNode,
  type MaxItems,
  type NodeState,
  publishItem,
  readItemUpdated,
  readNode,
  retractItem,
} from "./node.ts";
import {
  type Action,
  type BuildSource,
  guardRefusals,
  itemsToRead,
  planRun,
  sourceAfterRun,
  staleBuildReason,
  withoutRetractions,
} from "./plan.ts";
import type { PublishedFeed } from "./target.ts";

export interface RunOptions {
  dryRun: boolean;
  allowMassRetract: boolean;
  allowMassPublish: boolean;
  /** Run a build older than what was published (still retracting nothing). */
  allowOlderBuild: boolean;
  /** The clock, injected so tests can set it. */
  now: () => Date;
}

export interface NodeReport {
  existed: boolean;
  /** Created by this run (false on a dry run, which only says it would). */
  created: boolean;
  maxItems: MaxItems | undefined;
}

/** One item the server refused (or that could not be sent); the run carried on with the rest. */
export interface ItemFailure {
  itemId: string;
  title: string;
  message: string;
}

/** Receives the run's progress as it happens, so a run stopped half-way has shown what it did. */
export interface RunListener {
  feed(feed: PublishedFeed, posts: number): void;
  node(report: NodeReport): void;
  warning(text: string): void;
  action(action: Action<FeedPost>): void;
  failed(failure: ItemFailure): void;
  feedDone(): void;
}

/** Ledger writes are batched, but every this many publications the confirmed ones are saved. */
const CHECKPOINT_EVERY = 10;

/**
 * Prosody's `c2s_stanza_size_limit` and ejabberd's `max_stanza_size` default
 * (and STEP.im's setting): a bigger stanza makes the server close the stream,
 * so such an item is reported and never sent.
 */
export const STANZA_LIMIT_BYTES = 262_144;

/** What one feed's run left to report: items the server refused, and why the run was refused as a whole. */
export interface FeedOutcome {
  failures: ItemFailure[];
  refusal: string | undefined;
}

export const buildSource = (info: BuildInfo): BuildSource | undefined =>
  info.commit ? { commit: info.commit.id, committed: new Date(info.commit.date) } : undefined;

/**
 * One feed's run: read the node and the ledger, plan, check the guards, then
 * carry the plan out in two phases: the ledger marks the items about to be
 * published as pending, the items are published, and the ledger marks them
 * done. A run cut short anywhere leaves a state the next run finishes without
 * announcing anything twice (see planRun). A guard that trips changes nothing
 * and comes back as the outcome's refusal.
 */
export async function publishFeed(
  session: XmppSession,
  published: PublishedFeed,
  feed: BuiltFeed,
  build: BuildSource | undefined,
  options: RunOptions,
  listener: RunListener,
): Promise<FeedOutcome> {
  const { target } = published;
  listener.feed(published, feed.posts.length);
  const state = await readNode(session, target);
  const stored = await loadLedger(session, target);
  const nodeUpdated = state.exists
    ? await readItemUpdated(session, target, itemsToRead(feed.posts, state.itemIds, stored.records))
    : new Map<string, Date | undefined>();
  let actions = planRun({
    posts: feed.posts,
    nodeItemIds: state.itemIds,
    nodeUpdated,
    ledger: stored.records,
    since: target.since,
  });

  const refusals = guardRefusals(actions, {
    posts: feed.posts.length,
    ledger: stored.records,
    backfillSince: published.backfillSince,
    mayBeEmpty: published.mayBeEmpty,
    allowMassRetract: options.allowMassRetract,
    allowMassPublish: options.allowMassPublish,
  });
  const stale = staleBuildReason(build, stored.source, stored.records, new Set(feed.posts.map((post) => post.itemId)));
  if (stale) {
    actions = withoutRetractions(actions, "the build is older than what was published");
    if (!options.allowOlderBuild) refusals.push(`${stale}; --allow-older-build runs it anyway, retracting nothing`);
  }
  if (refusals.length > 0) {
    const refusal = `refused: ${refusals.join("; ")}; nothing was changed on ${target.node}`;
    if (!options.dryRun) {
      listener.feedDone();
      return { failures: [], refusal };
    }
    listener.warning(`a real run would be ${refusal}`);
  }

  const sends = actions.some((action) => action.kind === "publish" || action.kind === "update");
  const node = await prepareNode(session, published, feed, state, options.dryRun || !sends);
  listener.node(node);
  const kept = typeof node.maxItems === "number" ? node.maxItems : undefined;
  const finalSize = ledgerAfter(stored.records, actions).size;
  if (kept !== undefined && kept < finalSize) {
    listener.warning(
      `the node keeps only ${kept} items but this publisher has ${finalSize} posts on it: older ones will be evicted (they are not announced again)`,
    );
  }
  if (options.dryRun) {
    for (const action of actions) listener.action(action);
    listener.feedDone();
    return { failures: [], refusal: undefined };
  }
  // A run that changes nothing on this node leaves its provenance alone: nothing was published from
  // this build, so it must not make older builds look stale (an idle status feed rides along every run).
  const changes = actions.some((action) => action.kind !== "skip" || action.ledger !== "keep");
  const source = changes ? sourceAfterRun(build, stored.source) : stored.source;
  const failures = await carryOut(session, published, stored, source, actions, {
    listener,
    now: options.now,
  });
  listener.feedDone();
  return { failures, refusal: undefined };
}

async function prepareNode(
  session: XmppSession,
  { target }: PublishedFeed,
  feed: BuiltFeed,
  state: NodeState,
  leaveMissing: boolean,
): Promise<NodeReport> {
  if (state.exists) return { existed: true, created: false, maxItems: state.maxItems };
  // A dry run changes nothing, and a node with nothing to carry yet (the status node before the
  // first incident) is not made: on Prosody only admins may create nodes, so making it early could fail.
  if (leaveMissing) return { existed: false, created: false, maxItems: undefined };
  const maxItems = await createNode(session, target, { title: feed.title, posts: feed.posts.length });
  return { existed: false, created: true, maxItems };
}

/** The publish request's size on the wire, to keep within the server's stanza limit. */
function publishStanzaBytes(published: PublishedFeed, post: FeedPost): number {
  const { service, node } = published.target;
  const item = xml("item", { id: post.itemId }, post.entry);
  const stanza = xml(
    "iq",
    { type: "set", to: service, id: "x".repeat(36) },
    xml("pubsub", { xmlns: "http://jabber.org/protocol/pubsub" }, xml("publish", { node }, item)),
  );
  return Buffer.byteLength(stanza.toString(), "utf8");
}

async function carryOut(
  session: XmppSession,
  published: PublishedFeed,
  stored: StoredLedger,
  source: StoredLedger["source"],
  actions: readonly Action<FeedPost>[],
  { listener, now }: { listener: RunListener; now: () => Date },
): Promise<ItemFailure[]> {
  const { target } = published;
  const ledger: StoredLedger = { records: new Map(stored.records), source };
  let saved = serialised(stored);
  const save = async () => {
    const current = serialised(ledger);
    if (current === saved) return;
    await saveLedger(session, target, ledger);
    saved = current;
  };

  for (const action of actions) {
    if (action.kind === "publish" || action.kind === "update") {
      ledger.records.set(action.itemId, { updated: action.post.updated, pending: true });
    } else if (action.kind === "skip") {
      const change = action.ledger;
      if (change === "forget") ledger.records.delete(action.itemId);
      else if (change !== "keep")
        ledger.records.set(action.itemId, { updated: change.done, pending: false, sent: now() });
    }
  }
  await save();

  const failures: ItemFailure[] = [];
  const fail = (action: Action<FeedPost>, message: string) => {
    const failure = { itemId: action.itemId, title: ("post" in action && action.post?.title) || "", message };
    failures.push(failure);
    listener.failed(failure);
  };
  let publishedCount = 0;
  try {
    for (const action of actions) {
      if (action.kind === "publish" || action.kind === "update") {
        const bytes = publishStanzaBytes(published, action.post);
        if (bytes > STANZA_LIMIT_BYTES) {
          fail(action, `not sent: ${bytes} bytes, over the servers' stanza limit of ${STANZA_LIMIT_BYTES}`);
          continue;
        }
        try {
          await publishItem(session, target, action.itemId, action.post.entry);
        } catch (error) {
          // The server refused this item alone (its condition says why); anything else ends the run.
          if (stanzaCondition((error as Failure).cause) === undefined) throw error;
          fail(action, (error as Error).message);
          continue;
        }
        ledger.records.set(action.itemId, { updated: action.post.updated, pending: false, sent: now() });
        publishedCount += 1;
        if (publishedCount % CHECKPOINT_EVERY === 0) await save();
      } else if (action.kind === "retract") {
        let outcome: "retracted" | "absent";
        try {
          outcome = await retractItem(session, target, action.itemId);
        } catch (error) {
          if (stanzaCondition((error as Failure).cause) === undefined) throw error;
          fail(action, (error as Error).message);
          continue;
        }
        ledger.records.delete(action.itemId);
        if (outcome === "absent") {
          listener.action({
            kind: "skip",
            itemId: action.itemId,
            post: undefined,
            reason: "item already gone",
            ledger: "forget",
          });
          continue;
        }
      }
      listener.action(action);
    }
  } catch (error) {
    // Confirm what did go out before the error; if the connection is gone this fails too, harmlessly.
    await save().catch(() => {});
    throw error;
  }
  await save();
  return failures;
}

/** The ledger's ids once every action succeeds: used to judge whether the node keeps enough items. */
function ledgerAfter(stored: StoredLedger["records"], actions: readonly Action<FeedPost>[]): Set<string> {
  const ids = new Set(stored.keys());
  for (const action of actions) {
    if (action.kind === "publish" || action.kind === "update") ids.add(action.itemId);
    if (action.kind === "retract" || (action.kind === "skip" && action.ledger === "forget")) ids.delete(action.itemId);
  }
  return ids;
}

const serialised = (ledger: StoredLedger) =>
  JSON.stringify([ledger.source, [...ledger.records.entries()].sort(([a], [b]) => a.localeCompare(b))]);
