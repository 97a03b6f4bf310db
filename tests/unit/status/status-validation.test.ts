import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent } from "../../../scripts/check/check-content.ts";
import { copyOfContent } from "../../../scripts/harness/build-site.ts";
import { newStatusText } from "../../../scripts/lib/post-template.ts";
import { formatProblem } from "../../../src/lib/validation/content-error.ts";
import { addFiles, post, shownFrom } from "../../support/run-script.ts";

/**
 * Broken status entries in a copy of the real content, checked as `npm run check` checks them
 * (its content pass, which walks the collections registry): each problem names the file, the
 * line and the field, in Japanese with the English beside it.
 */
const VALID = "title: 接続障害\ndate: 2026-12-02T10:00\nkind: 障害\nservices: [c2s]\nupdated: 2026-12-02T10:00";
const BROKEN: Record<string, string> = {
  "status/2026/1201-no-kind.md": post(
    "title: 種類なし\ndate: 2026-12-01T10:00\nservices: [c2s]\nupdated: 2026-12-01T10:00",
  ),
  "status/2026/1202-bad-kind.md": post(VALID.replace("kind: 障害", "kind: 故障")),
  "status/2026/1203-unknown-service.md": post(
    "title: 不明\ndate: 2026-12-03T10:00\nkind: 障害\nservices:\n  - c2s\n  - xmpp\nupdated: 2026-12-03T10:00",
  ),
  "status/2026/1204-no-services.md": post(
    "title: なし\ndate: 2026-12-04T10:00\nkind: 障害\nservices: []\nupdated: 2026-12-04T10:00",
  ),
  "status/2026/1205-services-text.md": post(
    "title: 文字\ndate: 2026-12-05T10:00\nkind: 障害\nservices: c2s\nupdated: 2026-12-05T10:00",
  ),
  "status/2026/1206-early-resolved.md": post(
    "title: 早すぎ\ndate: 2026-12-06T10:00\nkind: 障害\nservices: [c2s]\nupdated: 2026-12-06T10:00\nresolved: 2026-12-06T09:00",
  ),
  "status/2026/1207-no-updated.md": post("title: 更新なし\ndate: 2026-12-07T10:00\nkind: 障害\nservices: [c2s]"),
  "status/2026/1208-mismatch.md": post(VALID.replaceAll("2026-12-02", "2026-12-09")),
  "status/2026/1210-draft.md": post(`${VALID.replaceAll("2026-12-02", "2026-12-10")}\ndraft: true`),
  "status/2026/1211-bad-resolved.md": post(`${VALID.replaceAll("2026-12-02", "2026-12-11")}\nresolved: 2026-12-32`),
  "status/2026/Outage.md": post(VALID),
  "status/2026/1212-unfinished.md": newStatusText({
    title: undefined,
    date: "2026-12-12T10:00",
    kind: "障害",
    services: ["c2s"],
  }),
};
const GOOD: Record<string, string> = {
  "status/2026/1202-fine.md": post(VALID),
  "status/2099/1231-announced.md": post(
    "title: 予定\ndate: 2099-12-31T02:00\nkind: メンテナンス\nservices: [c2s, muc]\nupdated: 2026-12-01T10:00\nresolved: 2099-12-31T04:00",
  ),
};

const contentDir = copyOfContent();
addFiles(contentDir, { ...BROKEN, ...GOOD });
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));
const report = checkContent(contentDir, new Date("2026-12-15T00:00:00Z"));
const problems = (path: string) =>
  report.problems.filter((problem) => problem.file === shownFrom(contentDir, path)).map(formatProblem);

describe("npm run check on broken status entries", () => {
  it.each([
    ["no kind", "status/2026/1201-no-kind.md", ":2: kind: kind は 障害 か メンテナンス です"],
    [
      "a kind not in the set",
      "status/2026/1202-bad-kind.md",
      ":4: kind: kind は 障害 か メンテナンス です (kind must be 障害 or メンテナンス)",
    ],
    [
      "a service not in server.yaml",
      "status/2026/1203-unknown-service.md",
      ":7: services.1: 「xmpp」は server.yaml の services にありません (unknown service)\n    → 使えるもの: c2s, s2s,",
    ],
    [
      "no service",
      "status/2026/1204-no-services.md",
      ":5: services: 影響のあるサービスを1つ以上書いてください (services is empty)",
    ],
    [
      "services as text",
      "status/2026/1205-services-text.md",
      ":5: services: services は [c2s, muc] のようなリストで書いてください",
    ],
    [
      "resolved before the start",
      "status/2026/1206-early-resolved.md",
      ":7: resolved: resolved が date より前になっています",
    ],
    ["no updated", "status/2026/1207-no-updated.md", ":2: updated: updated がありません"],
    [
      "a date that is not the file's day",
      "status/2026/1208-mismatch.md",
      ":3: date: date (2026-12-09) とファイルの場所 (2026/1208) が一致しません",
    ],
    ["a draft field (status entries have none)", "status/2026/1210-draft.md", ":7: draft: 知らない項目です"],
    [
      "an impossible resolved date",
      "status/2026/1211-bad-resolved.md",
      ":7: resolved: 「2026-12-32」は日付として読めません",
    ],
    [
      "a file name that cannot be a URL",
      "status/2026/Outage.md",
      ": ファイル名 (file name): 記事のファイルは content/status/年/月日-スラッグ.md",
    ],
    [
      "what npm run new wrote, unfinished",
      "status/2026/1212-unfinished.md",
      ":2: title: npm run new が書いた仮の文が残ったまま",
    ],
  ])("%s", (_, path, expected) => {
    const found = problems(path);
    expect(found.length, found.join("\n")).toBeGreaterThan(0);
    expect(found.join("\n")).toContain(`${shownFrom(contentDir, path)}${expected}`);
  });

  it("accepts valid entries, maintenance announced for a later date among them, as public pages", () => {
    for (const path of Object.keys(GOOD)) expect(problems(path)).toEqual([]);
    const announced = report.posts.find((entry) => entry.url === "/status/2099/1231-announced/");
    expect(announced?.status).toBe("public");
    expect(report.posts.find((entry) => entry.url === "/status/2026/1202-fine/")?.collection).toBe("status");
  });
});
