import { Failure } from "../lib/failure.ts";
import type { XmppSession } from "../xmpp/connect.ts";
import type { BuiltFeed, FeedPost } from "./feed-entries.ts";
import { loadLedger, saveLedger } from "./ledger.ts";
import {
  createNode,
  type MaxItems,
  type NodeState,
  publishItem,
  readItemUpdated,
  readNode,
  retractItem,
} from "./node.ts";
import { type Action, itemsToRead, type LedgerRecord, massRetractRefusal, planRun } from "./plan.ts";
import type { PublishTarget } from "./target.ts";

export interface RunOptions {
  dryRun: boolean;
  allowMassRetract: boolean;
}

export interface NodeReport {
  existed: boolean;
  /** Created by this run (false on a dry run, which only says it would). */
  created: boolean;
  maxItems: MaxItems | undefined;
}

/** Receives the run's progress as it happens, so a run stopped half-way has shown what it did. */
export interface RunListener {
  node(report: NodeReport): void;
  warning(text: string): void;
  action(action: Action<FeedPost>): void;
}

/** Ledger writes are batched, but every this many publications the confirmed ones are saved. */
const CHECKPOINT_EVERY = 10;

/**
 * One publishing run: read the node and the ledger, plan, then carry the plan
 * out in two phases: the ledger marks the items about to be published as
 * pending, the items are published, and the ledger marks them done. A run cut
 * short anywhere leaves a state the next run finishes without announcing
 * anything twice (see planRun).
 */
export async function runPublisher(
  session: XmppSession,
  target: PublishTarget,
  feed: BuiltFeed,
  options: RunOptions,
  listener: RunListener,
): Promise<void> {
  const state = await readNode(session, target);
  const stored = await loadLedger(session, target);
  const nodeUpdated = state.exists
    ? await readItemUpdated(session, target, itemsToRead(feed.posts, state.itemIds, stored))
    : new Map<string, Date | undefined>();
  const actions = planRun({
    posts: feed.posts,
    nodeItemIds: state.itemIds,
    nodeUpdated,
    ledger: stored,
    since: target.since,
  });

  const refusal = massRetractRefusal(actions, { posts: feed.posts.length, ledger: stored.size });
  if (refusal && !options.allowMassRetract) {
    const advice = "--allow-mass-retract overrides this if it is really meant";
    if (!options.dryRun) throw new Failure("refused", `refused: ${refusal}; nothing was changed (${advice})`);
    listener.warning(`a real run would be refused: ${refusal} (${advice})`);
  }

  const finalLedger = ledgerAfter(stored, actions);
  const node = await prepareNode(session, target, feed, state, options.dryRun);
  listener.node(node);
  const kept = typeof node.maxItems === "number" ? node.maxItems : undefined;
  if (kept !== undefined && kept < finalLedger.size) {
    listener.warning(
      `the node keeps only ${kept} items but this publisher has ${finalLedger.size} posts on it: older ones will be evicted (they are not announced again)`,
    );
  }
  if (options.dryRun) {
    for (const action of actions) listener.action(action);
    return;
  }
  await carryOut(session, target, stored, actions, listener);
}

async function prepareNode(
  session: XmppSession,
  target: PublishTarget,
  feed: BuiltFeed,
  state: NodeState,
  dryRun: boolean,
): Promise<NodeReport> {
  if (state.exists) return { existed: true, created: false, maxItems: state.maxItems };
  if (dryRun) return { existed: false, created: false, maxItems: undefined };
  const maxItems = await createNode(session, target, { title: feed.title, posts: feed.posts.length });
  return { existed: false, created: true, maxItems };
}

async function carryOut(
  session: XmppSession,
  target: PublishTarget,
  stored: ReadonlyMap<string, LedgerRecord>,
  actions: readonly Action<FeedPost>[],
  listener: RunListener,
): Promise<void> {
  const ledger = new Map(stored);
  let saved = serialised(stored);
  const save = async () => {
    const now = serialised(ledger);
    if (now === saved) return;
    await saveLedger(session, target, ledger);
    saved = now;
  };

  for (const action of actions) {
    if (action.kind === "publish" || action.kind === "update") {
      ledger.set(action.itemId, { updated: action.post.updated, pending: true });
    } else if (action.kind === "skip") {
      const change = action.ledger;
      if (change === "forget") ledger.delete(action.itemId);
      else if (change !== "keep") ledger.set(action.itemId, { updated: change.done, pending: false });
    }
  }
  await save();

  let published = 0;
  try {
    for (const action of actions) {
      if (action.kind === "publish" || action.kind === "update") {
        await publishItem(session, target, action.itemId, action.post.entry);
        ledger.set(action.itemId, { updated: action.post.updated, pending: false });
        published += 1;
        if (published % CHECKPOINT_EVERY === 0) await save();
      } else if (action.kind === "retract") {
        const outcome = await retractItem(session, target, action.itemId);
        ledger.delete(action.itemId);
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
}

/** The ledger as it will be once every action succeeds: used to judge whether the node keeps enough items. */
function ledgerAfter(stored: ReadonlyMap<string, LedgerRecord>, actions: readonly Action<FeedPost>[]): Set<string> {
  const ids = new Set(stored.keys());
  for (const action of actions) {
    if (action.kind === "publish" || action.kind === "update") ids.add(action.itemId);
    if (action.kind === "retract" || (action.kind === "skip" && action.ledger === "forget")) ids.delete(action.itemId);
  }
  return ids;
}

const serialised = (ledger: ReadonlyMap<string, LedgerRecord>) =>
  JSON.stringify([...ledger.entries()].sort(([a], [b]) => a.localeCompare(b)));
