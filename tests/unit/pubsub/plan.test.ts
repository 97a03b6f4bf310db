import { describe, expect, it } from "vitest";
import {
  type Action,
  itemsToRead,
  type LedgerRecord,
  massRetractRefusal,
  type PlanInput,
  type PlannedPost,
  planRun,
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

describe("massRetractRefusal", () => {
  const retracts = (n: number) =>
    Array.from({ length: n }, (_, i): Action<PlannedPost> => ({ kind: "retract", itemId: `r${i}`, reason: "" }));

  it("refuses a feed without posts, whatever the plan", () => {
    expect(massRetractRefusal([], { posts: 0, ledger: 0 })).toMatch(/no posts at all/);
  });

  it("allows a handful of retractions", () => {
    expect(massRetractRefusal(retracts(3), { posts: 5, ledger: 8 })).toBeUndefined();
  });

  it("allows more than a handful when they are a small share of the ledger", () => {
    expect(massRetractRefusal(retracts(5), { posts: 100, ledger: 100 })).toBeUndefined();
  });

  it("refuses more than a handful that are a large share of the ledger", () => {
    expect(massRetractRefusal(retracts(4), { posts: 4, ledger: 8 })).toBe(
      "the plan retracts 4 of the 8 items this publisher created (broken build?)",
    );
  });
});
