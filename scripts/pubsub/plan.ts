/**
 * What a run must do, decided without any I/O: the posts of the built feed,
 * what the node holds, and what this publisher's ledger remembers go in; a
 * list of actions comes out. Everything about "new", "changed", "evicted",
 * "interrupted" and "ours" is decided here, so it can be tested exhaustively.
 */

export interface PlannedPost {
  itemId: string;
  published: Date;
  updated: Date;
}

/** What the ledger remembers of an item this publisher created: the `updated` it sent, and whether it was confirmed. */
export interface LedgerRecord {
  updated: Date;
  /** Written before publishing and cleared after: a pending record means a run stopped half-way. */
  pending: boolean;
}

export type Ledger = ReadonlyMap<string, LedgerRecord>;

/** What a skip does to the ledger: nothing, record the item as ours and current, or drop a record. */
export type LedgerChange = "keep" | { done: Date } | "forget";

export type Action<P extends PlannedPost> =
  | { kind: "publish" | "update"; itemId: string; post: P; reason: string }
  | { kind: "retract"; itemId: string; reason: string }
  | { kind: "skip"; itemId: string; post: P | undefined; reason: string; ledger: LedgerChange };

export interface PlanInput<P extends PlannedPost> {
  posts: readonly P[];
  /** Ids of the items the node holds now. */
  nodeItemIds: ReadonlySet<string>;
  /** `updated` of the items read in full (see itemsToRead); undefined where the payload had none. */
  nodeUpdated: ReadonlyMap<string, Date | undefined>;
  ledger: Ledger;
  /** Posts published before this are not announced for the first time. */
  since: Date;
}

/**
 * Items on the node whose `updated` the ledger cannot vouch for: not recorded,
 * or recorded as pending. Only these are fetched, so a no-op run against a
 * large node reads ids, never payloads.
 */
export function itemsToRead(posts: readonly PlannedPost[], nodeItemIds: ReadonlySet<string>, ledger: Ledger): string[] {
  return posts
    .filter((post) => nodeItemIds.has(post.itemId) && !isConfirmed(ledger.get(post.itemId)))
    .map((post) => post.itemId);
}

const isConfirmed = (record: LedgerRecord | undefined): record is LedgerRecord =>
  record !== undefined && !record.pending;
const iso = (date: Date) => date.toISOString();
const oldestFirst = (a: PlannedPost, b: PlannedPost) =>
  a.published.getTime() - b.published.getTime() || a.itemId.localeCompare(b.itemId);

/** Actions for the posts, oldest first (so readers' clients list the newest on top), then retractions. */
export function planRun<P extends PlannedPost>(input: PlanInput<P>): Action<P>[] {
  const postActions = [...input.posts].sort(oldestFirst).map((post) => planPost(post, input));
  const postIds = new Set(input.posts.map((post) => post.itemId));
  const orphanActions = [...input.ledger.keys()]
    .filter((itemId) => !postIds.has(itemId))
    .sort()
    .map(
      (itemId): Action<P> =>
        input.nodeItemIds.has(itemId)
          ? { kind: "retract", itemId, reason: "post deleted or made a draft" }
          : { kind: "skip", itemId, post: undefined, reason: "post deleted; item already gone", ledger: "forget" },
    );
  return [...postActions, ...orphanActions];
}

function planPost<P extends PlannedPost>(post: P, input: PlanInput<P>): Action<P> {
  const { itemId, updated } = post;
  const record = input.ledger.get(itemId);
  const skip = (reason: string, ledger: LedgerChange): Action<P> => ({ kind: "skip", itemId, post, reason, ledger });
  const update = (reason: string): Action<P> => ({ kind: "update", itemId, post, reason });

  if (input.nodeItemIds.has(itemId)) {
    const onNode = isConfirmed(record) ? record.updated : input.nodeUpdated.get(itemId);
    if (onNode === undefined) return update("the item on the node has no readable <updated>");
    if (updated > onNode) return update(`updated ${iso(updated)}, node has ${iso(onNode)}`);
    const current = isConfirmed(record) && record.updated.getTime() === onNode.getTime();
    return skip(current ? "unchanged" : "already on the node", current ? "keep" : { done: onNode });
  }
  if (record?.pending) return { kind: "publish", itemId, post, reason: "an earlier run stopped before publishing it" };
  if (record) {
    if (updated > record.updated) return update(`updated ${iso(updated)} after the node dropped it`);
    return skip("published before; the node no longer keeps it", "keep");
  }
  if (post.published < input.since) return skip(`published before the cutoff ${iso(input.since)}`, "keep");
  return { kind: "publish", itemId, post, reason: "new post" };
}

/** More retractions than this, and more than this share of the ledger, look like a broken build. */
export const MASS_RETRACT_LIMIT = { count: 3, share: 0.25 };

/** Why the plan must not run without `--allow-mass-retract`, or undefined when it may. */
export function massRetractRefusal(
  actions: readonly Action<PlannedPost>[],
  counts: { posts: number; ledger: number },
): string | undefined {
  if (counts.posts === 0) return "the built feed lists no posts at all (broken build?)";
  const retracts = actions.filter((action) => action.kind === "retract").length;
  if (retracts > MASS_RETRACT_LIMIT.count && retracts > MASS_RETRACT_LIMIT.share * counts.ledger) {
    return `the plan retracts ${retracts} of the ${counts.ledger} items this publisher created (broken build?)`;
  }
  return undefined;
}
