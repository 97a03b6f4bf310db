import { describe, expect, it } from "vitest";
import {
  type Action,
  type GuardInput,
  guardRefusals,
  itemsToRead,
  type LedgerRecord,
  MASS_LIMITS,
  type PlanInput,
  type PlannedPost,
  planRun,
  sourceAfterRun,
  staleBuildReason,
  withoutRetractions,
} from "../../../scripts/pubsub/plan.ts";

const SINCE = new Date("2026-11-27T00:00:00+09:00");
const day = (n: number) => new Date(Date.UTC(2026, 11, n));

const post = (itemId: string, published: Date, updated = published): PlannedPost => ({ itemId, published, updated });
const done = (updated: Date): LedgerRecord => ({ updated, pending: false });
const pending = (updated: Date): LedgerRecord => ({ updated, pending: true });

function plan(input: Partial<PlanInput<PlannedPost>>): Action<PlannedPost>[] {
  return planRun({
    posts: [],
    nodeItemIds: new Set(),
    nodeUpdated: new Map(),
    ledger: new Map(),
    since: SINCE,
    ...input,
  });
}

const kinds = (actions: Action<PlannedPost>[]) => actions.map((action) => `${action.kind} ${action.itemId}`);

describe("planRun: first announcements", () => {
  it("publishes new posts since the cutoff, oldest first, and skips older ones", () => {
    const actions = plan({
      posts: [post("c", day(3)), post("old", new Date("2018-04-14")), post("a", day(1)), post("b", day(1))],
    });
    expect(kinds(actions)).toEqual(["skip old", "publish a", "publish b", "publish c"]);
    expect(actions[0]?.reason).toMatch(/before the cutoff 2026-11-26T15:00:00.000Z/);
  });

  it("counts a post published exactly at the cutoff as new", () => {
    expect(kinds(plan({ posts: [post("p", SINCE)] }))).toEqual(["publish p"]);
  });

  it("does nothing at all for an empty feed and an empty ledger", () => {
    expect(plan({})).toEqual([]);
  });
});

describe("planRun: items already announced", () => {
  it("skips an unchanged post the ledger confirms, without touching the ledger", () => {
    const actions = plan({
      posts: [post("a", day(1))],
      nodeItemIds: new Set(["a"]),
      ledger: new Map([["a", done(day(1))]]),
    });
    expect(actions).toEqual([expect.objectContaining({ kind: "skip", reason: "unchanged", ledger: "keep" })]);
  });

  it("republishes under the same id when `updated` moved forward", () => {
    const actions = plan({
      posts: [post("a", day(1), day(5))],
      nodeItemIds: new Set(["a"]),
      ledger: new Map([["a", done(day(1))]]),
    });
    expect(actions).toEqual([expect.objectContaining({ kind: "update", itemId: "a" })]);
    expect(actions[0]?.reason).toBe("updated 2026-12-05T00:00:00.000Z, node has 2026-12-01T00:00:00.000Z");
  });

  it("sends nothing for an edit that kept `updated`, and nothing when the node is ahead", () => {
    const ledger = new Map([["a", done(day(5))]]);
    expect(kinds(plan({ posts: [post("a", day(1), day(5))], nodeItemIds: new Set(["a"]), ledger }))).toEqual([
      "skip a",
    ]);
    expect(kinds(plan({ posts: [post("a", day(1), day(3))], nodeItemIds: new Set(["a"]), ledger }))).toEqual([
      "skip a",
    ]);
  });

  it("never re-announces a post the node evicted", () => {
    const actions = plan({ posts: [post("a", day(1))], ledger: new Map([["a", done(day(1))]]) });
    expect(actions).toEqual([
      expect.objectContaining({
        kind: "skip",
        reason: "published before; the node no longer keeps it",
        ledger: "keep",
      }),
    ]);
  });

  it("does republish an evicted post that was edited since", () => {
    const actions = plan({ posts: [post("a", day(1), day(9))], ledger: new Map([["a", done(day(1))]]) });
    expect(kinds(actions)).toEqual(["update a"]);
  });

  it("applies the cutoff only to first announcements: edits of backfilled posts still go out", () => {
    const old = new Date("2018-04-14");
    const actions = plan({
      posts: [post("b", old, day(2))],
      nodeItemIds: new Set(["b"]),
      ledger: new Map([["b", done(old)]]),
    });
    expect(kinds(actions)).toEqual(["update b"]);
  });
});

describe("planRun: items the ledger does not vouch for", () => {
  it("adopts a current item found on the node without a ledger record, sending nothing", () => {
    const actions = plan({
      posts: [post("a", day(1))],
      nodeItemIds: new Set(["a"]),
      nodeUpdated: new Map([["a", day(1)]]),
    });
    expect(actions).toEqual([
      expect.objectContaining({ kind: "skip", reason: "already on the node", ledger: { done: day(1) } }),
    ]);
  });

  it("updates such an item when the post is newer, or when its payload has no readable date", () => {
    expect(
      kinds(
        plan({
          posts: [post("a", day(1), day(2))],
          nodeItemIds: new Set(["a"]),
          nodeUpdated: new Map([["a", day(1)]]),
        }),
      ),
    ).toEqual(["update a"]);
    expect(
      kinds(
        plan({ posts: [post("a", day(1))], nodeItemIds: new Set(["a"]), nodeUpdated: new Map([["a", undefined]]) }),
      ),
    ).toEqual(["update a"]);
  });
});

describe("planRun: a run that stopped half-way", () => {
  it("confirms a pending item that reached the node instead of publishing it again", () => {
    const actions = plan({
      posts: [post("a", day(1))],
      nodeItemIds: new Set(["a"]),
      nodeUpdated: new Map([["a", day(1)]]),
      ledger: new Map([["a", pending(day(1))]]),
    });
    expect(actions).toEqual([expect.objectContaining({ kind: "skip", ledger: { done: day(1) } })]);
  });

  it("publishes a pending item that never reached the node, even before the cutoff", () => {
    const old = new Date("2018-04-14");
    const actions = plan({ posts: [post("a", old)], ledger: new Map([["a", pending(old)]]) });
    expect(actions).toEqual([
      expect.objectContaining({ kind: "publish", reason: "an earlier run stopped before publishing it" }),
    ]);
  });

  it("finishes a pending update whose older version is still on the node", () => {
    const actions = plan({
      posts: [post("a", day(1), day(4))],
      nodeItemIds: new Set(["a"]),
      nodeUpdated: new Map([["a", day(1)]]),
      ledger: new Map([["a", pending(day(4))]]),
    });
    expect(kinds(actions)).toEqual(["update a"]);
  });
});

describe("planRun: deleted posts", () => {
  it("retracts only items this publisher created, after the post actions", () => {
    const actions = plan({
      posts: [post("kept", day(1))],
      nodeItemIds: new Set(["kept", "gone", "wordpress-1", "other-publisher"]),
      ledger: new Map([
        ["kept", done(day(1))],
        ["gone", done(day(1))],
      ]),
    });
    expect(kinds(actions)).toEqual(["skip kept", "retract gone"]);
  });

  it("forgets a deleted post whose item the node already dropped", () => {
    const actions = plan({ ledger: new Map([["gone", done(day(1))]]) });
    expect(actions).toEqual([expect.objectContaining({ kind: "skip", itemId: "gone", ledger: "forget" })]);
  });

  it("retracts a pending item whose post was deleted before the rerun", () => {
    const actions = plan({ nodeItemIds: new Set(["a"]), ledger: new Map([["a", pending(day(1))]]) });
    expect(kinds(actions)).toEqual(["retract a"]);
  });
});

describe("itemsToRead", () => {
  it("fetches only items on the node that the ledger does not confirm", () => {
    const posts = [post("confirmed", day(1)), post("pending", day(1)), post("unknown", day(1)), post("absent", day(1))];
    const ledger = new Map([
      ["confirmed", done(day(1))],
      ["pending", pending(day(1))],
    ]);
    expect(itemsToRead(posts, new Set(["confirmed", "pending", "unknown", "foreign"]), ledger)).toEqual([
      "pending",
      "unknown",
    ]);
  });
});

describe("planRun without a cutoff", () => {
  it("announces every post, however old", () => {
    expect(kinds(plan({ posts: [post("old", new Date("2011-06-20"))], since: undefined }))).toEqual(["publish old"]);
  });
});

describe("guardRefusals", () => {
  const retracts = (n: number) =>
    Array.from({ length: n }, (_, i): Action<PlannedPost> => ({ kind: "retract", itemId: `r${i}`, reason: "" }));
  const publishes = (n: number, prefix = "p") =>
    Array.from(
      { length: n },
      (_, i): Action<PlannedPost> => ({
        kind: "publish",
        itemId: `${prefix}${i}`,
        post: post(`${prefix}${i}`, day(1)),
        reason: "",
      }),
    );
  const guard = (actions: Action<PlannedPost>[], input: Partial<GuardInput> = {}) =>
    guardRefusals(actions, {
      posts: 10,
      ledger: new Map(),
      allowMassRetract: false,
      allowMassPublish: false,
      ...input,
    });

  it("has the documented limits", () => {
    expect(MASS_LIMITS).toEqual({ retractions: 2, publications: 10 });
  });

  it.each([
    ["a feed without posts", [], { posts: 0 }, [/^the built feed lists no posts at all .*--allow-mass-retract/]],
    ["2 retractions", retracts(2), {}, []],
    [
      "3 retractions, however long the ledger",
      retracts(3),
      { posts: 5000 },
      [/^the plan retracts 3 items, more than 2 in one run .*--allow-mass-retract overrides this$/],
    ],
    ["3 retractions with --allow-mass-retract", retracts(3), { allowMassRetract: true }, []],
    ["an empty feed with --allow-mass-retract", [], { posts: 0, allowMassRetract: true }, []],
    ["10 first announcements", publishes(10), {}, []],
    [
      "11 first announcements",
      publishes(11),
      {},
      [
        /^the plan announces 11 posts for the first time, more than 10 in one run; --allow-mass-publish overrides this$/,
      ],
    ],
    ["11 with --allow-mass-publish", publishes(11), { allowMassPublish: true }, []],
    [
      "11 in a backfill",
      publishes(11),
      { backfillSince: new Date("2011-05-31T15:00:00Z") },
      [
        /PUBSUB_SINCE moves the cutoff back to 2011-05-31T15:00:00.000Z: a backfill this large needs the flag; --allow-mass-publish/,
      ],
    ],
    ["both at once", [...retracts(3), ...publishes(11)], {}, [/retracts 3/, /announces 11/]],
  ])("%s", (_name, actions, input, expected) => {
    const reasons = guard(actions as Action<PlannedPost>[], input as Partial<GuardInput>);
    expect(reasons).toHaveLength(expected.length);
    for (const [index, pattern] of expected.entries()) expect(reasons[index]).toMatch(pattern);
  });

  it("does not count items resumed from an interrupted run as first announcements", () => {
    const ledger = new Map(Array.from({ length: 11 }, (_, i) => [`p${i}`, pending(day(1))] as const));
    expect(guard(publishes(11), { ledger })).toEqual([]);
  });
});

describe("staleBuildReason", () => {
  const build = (committed: string) => ({ commit: `b${"0".repeat(39)}`, committed: new Date(committed) });
  const source = (committed: string) => ({ commit: `s${"0".repeat(39)}`, committed: new Date(committed) });
  const sent = (at: string): LedgerRecord => ({ updated: day(1), pending: false, sent: new Date(at) });

  it.each([
    ["a first run: no source yet", build("2026-12-05"), undefined, new Map(), undefined],
    ["a build of a newer commit", build("2026-12-05"), source("2026-12-04"), new Map(), undefined],
    ["a build of the same commit", build("2026-12-05"), source("2026-12-05"), new Map(), undefined],
    [
      "a build of an older commit",
      build("2026-12-03"),
      source("2026-12-04"),
      new Map(),
      /^the build is from commit b00000000000 \(2026-12-03T00:00:00.000Z\), older than commit s00000000000 \(2026-12-04T00:00:00.000Z\)/,
    ],
    ["a build that does not know its commit", undefined, source("2026-12-04"), new Map(), /does not record its commit/],
    ["no commit anywhere", undefined, undefined, new Map(), undefined],
    [
      "a build missing an item sent after its commit",
      build("2026-12-05"),
      undefined,
      new Map([["late", sent("2026-12-06")]]),
      /^1 item\(s\) published after this build's commit .* are missing from it \(late\)$/,
    ],
    [
      "a build missing an item sent before its commit (a deletion)",
      build("2026-12-05"),
      undefined,
      new Map([["early", sent("2026-12-04")]]),
      undefined,
    ],
    [
      "a build missing a record without a sent time",
      build("2026-12-05"),
      undefined,
      new Map([["old", done(day(1))]]),
      undefined,
    ],
  ])("%s", (_name, buildSource, ledgerSource, ledger, expected) => {
    const reason = staleBuildReason(buildSource, ledgerSource, ledger as Map<string, LedgerRecord>, new Set(["kept"]));
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });

  it("never counts an item the build still has", () => {
    expect(
      staleBuildReason(build("2026-12-05"), undefined, new Map([["kept", sent("2026-12-06")]]), new Set(["kept"])),
    ).toBeUndefined();
  });

  it("keeps the newer source after a run", () => {
    expect(sourceAfterRun(build("2026-12-05"), source("2026-12-04"))).toEqual(build("2026-12-05"));
    expect(sourceAfterRun(build("2026-12-03"), source("2026-12-04"))).toEqual(source("2026-12-04"));
    expect(sourceAfterRun(undefined, source("2026-12-04"))).toEqual(source("2026-12-04"));
    expect(sourceAfterRun(undefined, undefined)).toBeUndefined();
  });

  it("turns retractions into skips that keep the ledger, and leaves the rest", () => {
    const actions: Action<PlannedPost>[] = [
      { kind: "publish", itemId: "a", post: post("a", day(1)), reason: "new post" },
      { kind: "retract", itemId: "b", reason: "post deleted or made a draft" },
    ];
    expect(withoutRetractions(actions, "older build")).toEqual([
      actions[0],
      { kind: "skip", itemId: "b", post: undefined, reason: "not retracted: older build", ledger: "keep" },
    ]);
  });
});
