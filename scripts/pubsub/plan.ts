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
  /** When a run confirmed the item; absent from records written before this was kept. */
  sent?: Date | undefined;
}

export type Ledger = ReadonlyMap<string, LedgerRecord>;

/** The commit of the newest build a run has published from: what "older content" is measured against. */
export interface LedgerSource {
  commit: string;
  committed: Date;
}

/** The commit a build was made from (from build-info.json); undefined when it does not say. */
export interface BuildSource {
  commit: string;
  committed: Date;
}

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
  /** Posts published before this are not announced for the first time; undefined: every post is. */
  since?: Date | undefined;
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
  if (input.since && post.published < input.since)
    return skip(`published before the cutoff ${iso(input.since)}`, "keep");
  return { kind: "publish", itemId, post, reason: "new post" };
}

/**
 * A broken build looks like many retractions, a wrong cutoff like many first
 * announcements: more than these in one run need `--allow-mass-retract` or
 * `--allow-mass-publish`, however long the ledger. Both are seen by every
 * subscriber and neither can be taken back.
 */
export const MASS_LIMITS = { retractions: 2, publications: 10 } as const;

export interface GuardInput {
  /** Posts in the built feed. */
  posts: number;
  /** The feed may be empty in a healthy build (the status feed). */
  mayBeEmpty?: boolean | undefined;
  ledger: Ledger;
  /** Set when PUBSUB_SINCE moved the cutoff (a deliberate backfill), for the refusal to say so. */
  backfillSince?: Date | undefined;
  allowMassRetract: boolean;
  allowMassPublish: boolean;
}

/** Why the plan must not run as it is, one reason per guard that trips (empty when it may run). */
export function guardRefusals(actions: readonly Action<PlannedPost>[], input: GuardInput): string[] {
  const reasons: string[] = [];
  const retracts = actions.filter((action) => action.kind === "retract").length;
  if (!input.allowMassRetract) {
    if (input.posts === 0 && !input.mayBeEmpty) {
      reasons.push("the built feed lists no posts at all (broken build?); --allow-mass-retract overrides this");
    } else if (retracts > MASS_LIMITS.retractions) {
      reasons.push(
        `the plan retracts ${retracts} items, more than ${MASS_LIMITS.retractions} in one run (broken build?); --allow-mass-retract overrides this`,
      );
    }
  }
  // Resuming an interrupted run re-sends what an earlier run already decided on: only unknown items count.
  const firsts = actions.filter((action) => action.kind === "publish" && !input.ledger.has(action.itemId)).length;
  if (!input.allowMassPublish && firsts > MASS_LIMITS.publications) {
    const backfill = input.backfillSince
      ? `; PUBSUB_SINCE moves the cutoff back to ${iso(input.backfillSince)}: a backfill this large needs the flag`
      : "";
    reasons.push(
      `the plan announces ${firsts} posts for the first time, more than ${MASS_LIMITS.publications} in one run${backfill}; --allow-mass-publish overrides this`,
    );
  }
  return reasons;
}

const shortCommit = (source: BuildSource | LedgerSource) => `${source.commit.slice(0, 12)} (${iso(source.committed)})`;

/**
 * Why this build is older than what was already published, or undefined.
 * The ledger is shared by every machine and branch but the feed is local: a
 * checkout behind main would retract posts CI sent (and the next CI run send
 * them again), so such a build must change nothing.
 */
export function staleBuildReason(
  build: BuildSource | undefined,
  source: LedgerSource | undefined,
  ledger: Ledger,
  postIds: ReadonlySet<string>,
): string | undefined {
  if (source && !build) {
    return `the build does not record its commit (built outside a git checkout?), and the node was last published from commit ${shortCommit(source)}`;
  }
  if (!build) return undefined;
  if (source && build.committed < source.committed) {
    return `the build is from commit ${shortCommit(build)}, older than commit ${shortCommit(source)} the node was last published from`;
  }
  const newer = [...ledger]
    .filter(
      ([itemId, record]) => !postIds.has(itemId) && !record.pending && record.sent && record.sent > build.committed,
    )
    .map(([itemId]) => itemId)
    .sort();
  if (newer.length > 0) {
    return `${newer.length} item(s) published after this build's commit ${shortCommit(build)} are missing from it (${newer.slice(0, 3).join(", ")})`;
  }
  return undefined;
}

/** The source a run leaves in the ledger: the newer of the stored one and this build's. */
export function sourceAfterRun(
  build: BuildSource | undefined,
  stored: LedgerSource | undefined,
): LedgerSource | undefined {
  if (!build || (stored && stored.committed > build.committed)) return stored;
  return { commit: build.commit, committed: build.committed };
}

/** The plan with every retraction turned into a skip that keeps the ledger: what an older build may still do. */
export function withoutRetractions<P extends PlannedPost>(actions: readonly Action<P>[], why: string): Action<P>[] {
  return actions.map((action) =>
    action.kind === "retract"
      ? { kind: "skip", itemId: action.itemId, post: undefined, reason: `not retracted: ${why}`, ledger: "keep" }
      : action,
  );
}
