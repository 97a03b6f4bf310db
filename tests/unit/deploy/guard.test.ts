import { describe, expect, it } from "vitest";
import { deployDecision } from "../../../scripts/deploy/guard.ts";
import { type BuildInfo, parseBuildInfo } from "../../../src/lib/build-info.ts";

const build = (date: string | undefined, extra: Partial<BuildInfo> = {}): BuildInfo => ({
  builtAt: "2026-12-01T00:00:00.000Z",
  contentFingerprint: "x",
  ...(date && { commit: { id: `${date.slice(0, 4)}${"a".repeat(36)}`, date } }),
  preview: false,
  feeds: { "atom.xml": 1 },
  ...extra,
});

describe("deployDecision", () => {
  it.each([
    ["nothing deployed yet", build("2026-12-01"), undefined, false, "ok"],
    ["a newer build", build("2026-12-02"), build("2026-12-01"), false, "ok"],
    ["the same commit again", build("2026-12-01"), build("2026-12-01"), false, "ok"],
    ["an older build", build("2026-11-30"), build("2026-12-01"), false, "refused"],
    ["an older build with --force", build("2026-11-30"), build("2026-12-01"), true, "ok"],
    ["a build without a commit over one with", build(undefined), build("2026-12-01"), false, "refused"],
    ["a build over a deployed one without a commit", build("2026-12-01"), build(undefined), false, "ok"],
    ["an unreadable deployed build-info.json", build("2026-12-01"), "not valid JSON", false, "refused"],
    ["a preview build", build("2026-12-02", { preview: true }), undefined, false, "badInput"],
    ["a preview build with --force", build("2026-12-02", { preview: true }), undefined, true, "badInput"],
  ] as const)("%s: %s", (_name, local, deployed, force, expected) => {
    const decision = deployDecision(local, deployed, force);
    expect(decision.ok ? "ok" : decision.exit).toBe(expected);
  });

  it("names both commits when it refuses an older build", () => {
    expect(deployDecision(build("2026-11-30"), build("2026-12-01"), false)).toEqual({
      ok: false,
      exit: "refused",
      reason:
        "the web host serves commit 2026aaaaaaaa (2026-12-01), newer than this build of commit 2026aaaaaaaa (2026-11-30); --force replaces it anyway",
    });
  });
});

describe("parseBuildInfo", () => {
  it.each([
    ["{", /^not valid JSON/],
    ["[]", /builtAt or contentFingerprint is missing/],
    ['{"builtAt":"x","contentFingerprint":"y"}', "preview is missing (written by an older build)"],
    ['{"builtAt":"x","contentFingerprint":"y","preview":false}', "feeds is missing or not a map of entry counts"],
    [
      '{"builtAt":"x","contentFingerprint":"y","preview":false,"feeds":{},"commit":{"id":"a","date":"soon"}}',
      "commit is not an id and a date",
    ],
  ])("refuses %s", (text, problem) => {
    const result = parseBuildInfo(text);
    expect(typeof result).toBe("string");
    expect(result).toMatch(problem);
  });

  it("reads what the build writes", () => {
    expect(parseBuildInfo(JSON.stringify(build("2026-12-01T00:00:00.000Z")))).toEqual(
      build("2026-12-01T00:00:00.000Z"),
    );
  });
});
