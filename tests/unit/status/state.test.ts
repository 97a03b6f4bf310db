import { describe, expect, it } from "vitest";
import { parseJstDateTime } from "../../../src/lib/dates/jst.ts";
import type { StatusKind } from "../../../src/lib/status/frontmatter.ts";
import {
  ALL_RUNNING,
  historyByMonth,
  openEntries,
  type StatusTimes,
  statusEntryUpdated,
  statusHeadline,
  statusPhase,
  statusSummary,
  upcomingEntries,
} from "../../../src/lib/status/state.ts";

const at = (text: string) => parseJstDateTime(text) as Date;

function entry(id: string, kind: StatusKind, date: string, resolved?: string, updated = date) {
  const data: StatusTimes & { services: string[] } = {
    kind,
    date: at(date),
    resolved: resolved === undefined ? undefined : at(resolved),
    updated: at(updated),
    services: ["c2s"],
  };
  return { id, data };
}

const NOW = at("2026-12-02T12:00");

describe("statusPhase: where an entry stands at the build's now", () => {
  it.each([
    ["begun, not resolved", "2026-12-02T11:00", undefined, "open"],
    ["begun exactly now", "2026-12-02T12:00", undefined, "open"],
    ["resolved before now", "2026-12-01T10:00", "2026-12-01T11:00", "resolved"],
    ["resolved exactly now", "2026-12-02T11:00", "2026-12-02T12:00", "resolved"],
    ["begun, planned end still ahead", "2026-12-02T11:00", "2026-12-02T13:00", "open"],
    ["starts later", "2026-12-03T01:00", undefined, "upcoming"],
    ["starts later, with a planned end", "2026-12-03T01:00", "2026-12-03T03:00", "upcoming"],
    ["starts a minute later", "2026-12-02T12:01", undefined, "upcoming"],
  ] as const)("%s → %s", (_, date, resolved, phase) => {
    expect(statusPhase(entry("x", "障害", date, resolved).data, NOW)).toBe(phase);
  });

  it("moves with the now it is given, not the clock", () => {
    const maintenance = entry("m", "メンテナンス", "2026-12-10T02:00", "2026-12-10T04:00").data;
    expect(
      ["2026-12-10T01:59", "2026-12-10T02:00", "2026-12-10T03:59", "2026-12-10T04:00"].map((now) =>
        statusPhase(maintenance, at(now)),
      ),
    ).toEqual(["upcoming", "open", "open", "resolved"]);
  });
});

describe("the lists of /status/", () => {
  const entries = [
    entry("old", "障害", "2026-10-05T09:00", "2026-10-05T10:00"),
    entry("open-early", "障害", "2026-12-02T08:00"),
    entry("soon", "メンテナンス", "2026-12-05T02:00", "2026-12-05T03:00"),
    entry("later", "メンテナンス", "2026-12-20T02:00"),
    entry("open-late", "メンテナンス", "2026-12-02T11:00"),
    entry("nov-a", "障害", "2026-11-01T00:30", "2026-11-01T01:00"),
    // Begun in November, resolved in December: filed under the month it began.
    entry("nov-b", "障害", "2026-11-30T23:30", "2026-12-01T00:30"),
    // 2026-12-01T08:00 JST is 2026-11-30 in UTC: it belongs to December in Japan.
    entry("dec", "障害", "2026-12-01T08:00", "2026-12-01T09:00"),
  ];

  it("open: going on at now, latest begun first", () => {
    expect(openEntries(entries, NOW).map((e) => e.id)).toEqual(["open-late", "open-early"]);
  });

  it("upcoming: announced for later, soonest first", () => {
    expect(upcomingEntries(entries, NOW).map((e) => e.id)).toEqual(["soon", "later"]);
  });

  it("history: entries that are over, by month in Japan, newest first", () => {
    expect(historyByMonth(entries, NOW).map((month) => [month.label, month.entries.map((e) => e.id)])).toEqual([
      ["2026年12月", ["dec"]],
      ["2026年11月", ["nov-b", "nov-a"]],
      ["2026年10月", ["old"]],
    ]);
  });

  it("nothing at all: no open, no upcoming, no history", () => {
    expect([openEntries([], NOW), upcomingEntries([], NOW), historyByMonth([], NOW)]).toEqual([[], [], []]);
  });
});

describe("statusHeadline", () => {
  it.each([
    [[], ALL_RUNNING],
    [[entry("a", "障害", "2026-12-02T08:00")], "障害が1件発生しています"],
    [[entry("a", "障害", "2026-12-02T08:00"), entry("b", "障害", "2026-12-02T09:00")], "障害が2件発生しています"],
    [[entry("m", "メンテナンス", "2026-12-02T08:00")], "メンテナンス中です (1件)"],
    [
      [entry("a", "障害", "2026-12-02T08:00"), entry("m", "メンテナンス", "2026-12-02T08:00")],
      "障害が1件発生しています。メンテナンス中です (1件)",
    ],
  ])("%j → %s", (open, text) => {
    expect(statusHeadline(open)).toBe(text);
  });

  it("says all is running exactly as the issue asks", () => {
    expect(ALL_RUNNING).toBe("すべて正常に稼働しています");
  });
});

describe("statusEntryUpdated: the Atom updated moves on every update and on the resolution", () => {
  it.each([
    ["just posted", "2026-12-02T10:00", undefined, "2026-12-02T10:00", "2026-12-02T10:00"],
    ["a newer update", "2026-12-02T10:00", undefined, "2026-12-02T11:00", "2026-12-02T11:00"],
    [
      "resolved without touching updated",
      "2026-12-02T10:00",
      "2026-12-02T11:30",
      "2026-12-02T10:00",
      "2026-12-02T11:30",
    ],
    ["updated after the resolution", "2026-12-02T10:00", "2026-12-02T11:00", "2026-12-02T11:45", "2026-12-02T11:45"],
    [
      "a planned end still ahead does not count yet",
      "2026-12-02T10:00",
      "2026-12-02T15:00",
      "2026-12-02T10:00",
      "2026-12-02T10:00",
    ],
    ["announced for later: its start", "2026-12-20T02:00", "2026-12-20T04:00", "2026-12-20T02:00", "2026-12-20T02:00"],
  ] as const)("%s", (_, date, resolved, updated, expected) => {
    expect(statusEntryUpdated(entry("x", "障害", date, resolved, updated).data, NOW).toISOString()).toBe(
      at(expected).toISOString(),
    );
  });

  it("a resolution changes it from one build to the next", () => {
    const incident = entry("x", "障害", "2026-12-02T10:00", "2026-12-02T13:00").data;
    const before = statusEntryUpdated(incident, at("2026-12-02T12:59"));
    const after = statusEntryUpdated(incident, at("2026-12-02T13:00"));
    expect(after.getTime()).toBeGreaterThan(before.getTime());
  });
});

describe("statusSummary", () => {
  const labels = { c2s: "クライアントからの接続", muc: "談話室" };
  it.each([
    [entry("o", "障害", "2026-12-02T10:05"), "障害 (クライアントからの接続) 開始: 2026年12月2日 10時05分"],
    [
      entry("r", "障害", "2026-12-02T10:05", "2026-12-02T11:00"),
      "障害 (クライアントからの接続) 開始: 2026年12月2日 10時05分 — 復旧: 2026年12月2日 11時00分",
    ],
    [
      entry("m", "メンテナンス", "2026-12-20T02:00", "2026-12-20T04:00"),
      "メンテナンス (クライアントからの接続) 予定: 2026年12月20日 2時00分",
    ],
  ])("%#", (given, text) => {
    expect(statusSummary(given.data, labels, NOW)).toBe(text);
  });

  it("names every service by its label, an unknown key as itself", () => {
    const data = { ...entry("x", "障害", "2026-12-02T10:05").data, services: ["c2s", "muc", "gone"] };
    expect(statusSummary(data, labels, NOW)).toContain("(クライアントからの接続、談話室、gone)");
  });
});
